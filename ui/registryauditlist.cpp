#include "registryauditlist.h"

#include "auditlogmodel.h"
#include "consolesession.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace ferry::ui {

RegistryAuditList::RegistryAuditList(ConsoleSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new AuditLogModel(session->management(), this))
    , m_view(new QTreeView(this))
    , m_scope(new QLabel(this)) {
    m_view->setObjectName(QStringLiteral("registryAuditList"));
    m_view->setAccessibleName(tr("Audit records of this registry"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(AuditLogModel::TimeColumn, 150);
    m_view->setColumnWidth(AuditLogModel::ActionColumn, 200);
    m_scope->setObjectName(QStringLiteral("registryAuditScope"));
    m_scope->setWordWrap(true);
    m_scope->setAccessibleName(tr("What the audit records cover"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_scope);
    layout->addWidget(m_view, 1);
    m_model->setPageSize(100);
    // A registry's records are few: read them to the end, so the most recent
    // show at the bottom without scrolling. The root's whole log (possibly
    // huge) stays page by page as the list scrolls.
    connect(m_model, &AuditLogModel::pageLoaded, this, [this] {
        if (!m_wholeLog && m_model->canFetchMore({}))
            m_model->fetchMore({});
        else if (!m_wholeLog)
            m_view->scrollToBottom();
    });
    connect(m_model, &AuditLogModel::errorOccurred, this, [this](const QString& message) {
        m_scope->setText(tr("Could not read: %1").arg(message));
    });
}

void RegistryAuditList::showRegistry(const QString& name, bool isRoot, const QString& syncToken) {
    m_name = name;
    m_wholeLog = isRoot;
    if (name.isEmpty()) {
        m_scope->clear(); // nothing selected: nothing to ask
        return;
    }
    if (isRoot) {
        m_scope->setText(tr("Every audit record of this server."));
        load({});
        return;
    }
    QStringList targets{QStringLiteral("connected-registries/") + name};
    if (syncToken.isEmpty()) {
        load(targets);
        return;
    }
    targets << QStringLiteral("tokens/") + syncToken;
    // The sync scope map is the token's: ask rather than guess its name.
    ManagementCall* call = m_session->management()->get(
        QStringLiteral("tokens/%1").arg(ManagementClient::segment(syncToken)));
    connect(call, &ManagementCall::finished, this, [this, call, name, targets]() mutable {
        call->deleteLater();
        if (name != m_name)
            return; // another registry was selected meanwhile
        const QString map = call->response().body.value(QLatin1StringView("scopeMap")).toString();
        if (call->response().ok() && !map.isEmpty())
            targets << QStringLiteral("scope-maps/") + map;
        load(targets);
    });
}

void RegistryAuditList::load(const QStringList& targets) {
    if (!targets.isEmpty())
        m_scope->setText(tr("Records about %1.").arg(targets.join(QStringLiteral(", "))));
    m_model->setTargets(targets);
    m_model->reload();
}

} // namespace ferry::ui
