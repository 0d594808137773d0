#include "workspacetabs.h"

#include "auditview.h"
#include "consolesession.h"
#include "scopemaplistmodel.h"
#include "scopemapsview.h"
#include "tokenlistmodel.h"
#include "tokensview.h"

#include <QAction>
#include <QSettings>

#include <algorithm>

namespace ferry::ui {

WorkspaceTabs::WorkspaceTabs(ConsoleSession* session, QWidget* hierarchyPage, QWidget* parent)
    : QTabWidget(parent)
    , m_tokens(new TokensView(session, this))
    , m_scopeMaps(new ScopeMapsView(session, this))
    , m_audit(new AuditView(session, this)) {
    setObjectName(QStringLiteral("workspaceTabs"));
    setAccessibleName(tr("Pages"));
    setDocumentMode(true);
    addTab(hierarchyPage, tr("H&ierarchy"));
    addTab(m_tokens, tr("T&okens"));
    addTab(m_scopeMaps, tr("Scope &maps"));
    addTab(m_audit, tr("A&udit log"));
    m_stale = QList<bool>(count(), false);

    const QStringList names{tr("Show the &hierarchy"), tr("Show the &tokens"),
                            tr("Show the &scope maps"), tr("Show the &audit log")};
    for (int page = 0; page < count(); ++page) {
        auto* action = new QAction(names.at(page), this);
        action->setObjectName(QStringLiteral("showPage%1").arg(page + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)));
        action->setToolTip(QString(names.at(page)).remove(u'&'));
        connect(action, &QAction::triggered, this, [this, page] {
            setCurrentIndex(page);
            if (QWidget* shown = widget(page))
                shown->setFocus();
        });
        m_pageActions.append(action);
    }

    HierarchyFeed* feed = session->feed();
    connect(feed, &HierarchyFeed::eventReceived, m_tokens->model(), &TokenListModel::applyEvent);
    connect(feed, &HierarchyFeed::eventReceived, m_scopeMaps->model(),
            &ScopeMapListModel::applyEvent);
    // Connected (again): every list is read afresh, now if it is showing.
    connect(feed, &HierarchyFeed::loaded, this, [this] {
        m_stale.fill(true);
        pageShown(currentIndex());
    });
    connect(this, &QTabWidget::currentChanged, this, &WorkspaceTabs::pageShown);
    // The page the operator was on comes back with the window (a layout choice, no secret).
    setCurrentIndex(
        std::clamp(QSettings().value(QStringLiteral("window/page")).toInt(), 0, count() - 1));
    connect(this, &QTabWidget::currentChanged, this,
            [](int page) { QSettings().setValue(QStringLiteral("window/page"), page); });
    connect(m_tokens, &TokensView::message, this, &WorkspaceTabs::message);
    connect(m_scopeMaps, &ScopeMapsView::message, this, &WorkspaceTabs::message);
}

void WorkspaceTabs::pageShown(int index) {
    if (index < 0 || index >= m_stale.size() || !m_stale.at(index))
        return;
    m_stale[index] = false;
    reloadCurrent();
}

bool WorkspaceTabs::newOnCurrentPage() {
    if (currentWidget() == m_tokens)
        m_tokens->newToken();
    else if (currentWidget() == m_scopeMaps)
        m_scopeMaps->newScopeMap();
    else
        return false;
    return true;
}

void WorkspaceTabs::reloadCurrent() {
    QWidget* page = currentWidget();
    if (page == m_tokens)
        m_tokens->reload();
    else if (page == m_scopeMaps)
        m_scopeMaps->reload();
    else if (page == m_audit)
        m_audit->reload();
}

} // namespace ferry::ui
