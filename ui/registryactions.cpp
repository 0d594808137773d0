#include "registryactions.h"

#include "consolesession.h"
#include "editregistrydialog.h"
#include "hierarchydiagram.h"
#include "hierarchypanel.h"
#include "icons.h"
#include "registryform.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QUrlQuery>

namespace ferry::ui {

namespace {

using L = QLatin1StringView;

using registryform::stringsOf;

QString bulleted(const QStringList& lines) {
    QString out;
    for (const QString& line : lines)
        out += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    return QStringLiteral("<ul>%1</ul>").arg(out);
}

} // namespace

RegistryActions::RegistryActions(ConsoleSession* session, HierarchyPanel* hierarchy,
                                 QWidget* window)
    : QObject(window)
    , m_session(session)
    , m_hierarchy(hierarchy)
    , m_window(window)
    , m_edit(new QAction(icon(QStringLiteral("edit")), tr("&Edit registry…"), this))
    , m_deactivate(new QAction(tr("Dea&ctivate registry…"), this))
    , m_delete(new QAction(icon(QStringLiteral("delete")), tr("&Delete registry…"), this)) {
    m_edit->setObjectName(QStringLiteral("editRegistryAction"));
    m_edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_edit->setToolTip(tr("Change the selected registry's repositories, client tokens, sync, "
                          "logging and notifications"));
    m_deactivate->setObjectName(QStringLiteral("deactivateAction"));
    m_deactivate->setToolTip(tr("Mark the selected registry Inactive so it can be deployed again"));
    m_delete->setObjectName(QStringLiteral("deleteAction"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setToolTip(tr("Delete the selected connected registry"));
    for (QAction* action : {m_edit, m_deactivate, m_delete}) {
        action->setStatusTip(action->toolTip());
        action->setEnabled(false);
        // Delete in the search field deletes text, not a registry.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    // The same actions as each node's context menu (right click or the Menu key).
    for (QWidget* view : {static_cast<QWidget*>(hierarchy->treeView()),
                          static_cast<QWidget*>(hierarchy->diagram())}) {
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
        view->addActions({m_edit, m_deactivate, m_delete});
    }
    connect(m_edit, &QAction::triggered, this, &RegistryActions::editSelected);
    connect(m_deactivate, &QAction::triggered, this, &RegistryActions::deactivateSelected);
    connect(m_delete, &QAction::triggered, this, &RegistryActions::deleteSelected);
    connect(hierarchy->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RegistryActions::selectionChanged);
    // A node that turns Inactive through the event stream changes what Deactivate offers.
    connect(session->hierarchy(), &QAbstractItemModel::dataChanged, this,
            [this] { selectionChanged(m_hierarchy->selectionModel()->currentIndex()); });
}

EditRegistryDialog* RegistryActions::editDialog() const {
    return m_editDialog;
}

QMessageBox* RegistryActions::confirmation() const {
    return m_confirmation;
}

void RegistryActions::selectionChanged(const QModelIndex& current) {
    const bool connected = current.isValid() && !current.data(HierarchyModel::IsRootRole).toBool();
    m_edit->setEnabled(connected);
    m_delete->setEnabled(connected);
    m_deactivate->setEnabled(connected && current.data(HierarchyModel::ActivationRole).toString() !=
                                              QLatin1String("Inactive"));
}

QString RegistryActions::selectedRegistry() const {
    const QModelIndex index = m_session->hierarchy()->indexOf(m_hierarchy->currentName());
    if (!index.isValid() || index.data(HierarchyModel::IsRootRole).toBool())
        return {};
    return index.data(HierarchyModel::NameRole).toString();
}

void RegistryActions::editSelected() {
    const QString name = selectedRegistry();
    if (name.isEmpty())
        return;
    auto* dialog = new EditRegistryDialog(m_session, name, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_editDialog = dialog;
    connect(dialog, &EditRegistryDialog::saved, this,
            [this](const QString& saved) { Q_EMIT message(tr("Saved %1.").arg(saved), false); });
    dialog->open();
}

void RegistryActions::deactivateSelected() {
    const QString name = selectedRegistry();
    if (name.isEmpty())
        return;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Deactivate %1?").arg(name),
                                tr("Deactivate the connected registry \"%1\"?").arg(name),
                                QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("confirmDeactivate"));
    box->setInformativeText(
        tr("The ferryd running it stops syncing at its next call (it keeps serving what it "
           "holds), and the registry becomes Inactive, so it can be deployed again, here or "
           "elsewhere, from a connection string. Its definition, tokens and content stay."));
    QPushButton* deactivate = box->addButton(tr("De&activate"), QMessageBox::DestructiveRole);
    deactivate->setObjectName(QStringLiteral("deactivateButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, deactivate, name] {
        if (box->clickedButton() != deactivate)
            return;
        ManagementCall* call =
            m_session->management()->post(QStringLiteral("connected-registries/%1/deactivate")
                                              .arg(ManagementClient::segment(name)));
        connect(call, &ManagementCall::finished, this, [this, call, name] {
            call->deleteLater();
            if (!call->response().ok())
                Q_EMIT message(call->response().error->message, true);
            else
                Q_EMIT message(tr("Deactivated %1.").arg(name), false);
        });
    });
    box->open();
}

void RegistryActions::deleteSelected() {
    const QString name = selectedRegistry();
    if (name.isEmpty())
        return;
    const qint64 revision =
        m_session->hierarchy()->indexOf(name).data(HierarchyModel::RevisionRole).toLongLong();
    // The service works out what cleanup removes (shared tokens and maps stay):
    // ask it, rather than guess, so the question names exactly that.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("cleanup"), QStringLiteral("true"));
    ManagementCall* call =
        m_session->management()->get(QStringLiteral("connected-registries/%1/delete-preview")
                                         .arg(ManagementClient::segment(name)),
                                     query);
    m_delete->setEnabled(false); // one question at a time
    connect(call, &ManagementCall::finished, this, [this, call, name, revision] {
        call->deleteLater();
        selectionChanged(m_hierarchy->selectionModel()->currentIndex());
        if (!call->response().ok()) {
            // A registry with children, say: the server's words say why.
            Q_EMIT message(call->response().error->message, true);
            return;
        }
        confirmDelete(name, revision, call->response().body);
    });
}

void RegistryActions::confirmDelete(const QString& name, qint64 revision,
                                    const QJsonObject& preview) {
    const QJsonObject removed = preview.value(L("removed")).toObject();
    const QJsonObject left = preview.value(L("leftBehind")).toObject();
    QStringList goes;
    for (const QString& token : stringsOf(removed.value(L("tokens"))))
        goes << tr("the sync token %1").arg(token);
    for (const QString& map : stringsOf(removed.value(L("scopeMaps"))))
        goes << tr("the scope map %1").arg(map);
    for (const QJsonValue& v : removed.value(L("gatewayActions")).toArray()) {
        const QJsonObject action = v.toObject();
        goes << tr("%1 from the scope map %2")
                    .arg(action.value(L("action")).toString(),
                         action.value(L("scopeMap")).toString());
    }
    QStringList stays;
    for (const QString& token : stringsOf(left.value(L("tokens"))))
        stays << tr("the sync token %1 (still in use)").arg(token);
    for (const QString& map : stringsOf(left.value(L("scopeMaps"))))
        stays << tr("the scope map %1 (still in use, or system-defined)").arg(map);

    QString details = tr("<p>Its ferryd stops syncing at once. <b>Delete</b> removes only the "
                         "registry: its sync token, its scope map and the gateway actions in its "
                         "ancestors' scope maps stay.</p>");
    details += goes.isEmpty()
                   ? tr("<p><b>Delete with cleanup</b> has nothing more to remove.</p>")
                   : tr("<p><b>Delete with cleanup</b> also removes:</p>%1").arg(bulleted(goes));
    if (!stays.isEmpty())
        details += tr("<p>Cleanup leaves:</p>%1").arg(bulleted(stays));

    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete %1?").arg(name),
                                tr("Delete the connected registry \"%1\"?").arg(name),
                                QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setTextFormat(Qt::RichText);
    box->setInformativeText(details);
    QPushButton* plain = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    plain->setObjectName(QStringLiteral("deletePlain"));
    QPushButton* cleanup = box->addButton(tr("Delete with &cleanup"), QMessageBox::DestructiveRole);
    cleanup->setObjectName(QStringLiteral("deleteWithCleanup"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, plain, cleanup, name, revision] {
        if (box->clickedButton() == plain || box->clickedButton() == cleanup)
            sendDelete(name, revision, box->clickedButton() == cleanup);
    });
    box->open();
}

void RegistryActions::sendDelete(const QString& name, qint64 revision, bool cleanup) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("cleanup"),
                       cleanup ? QStringLiteral("true") : QStringLiteral("false"));
    // If-Match: what the question named is what goes; a change meanwhile is refused.
    ManagementCall* call = m_session->management()->send(
        "DELETE", QStringLiteral("connected-registries/%1").arg(ManagementClient::segment(name)),
        query, nullptr, {{"If-Match", '"' + QByteArray::number(revision) + '"'}});
    connect(call, &ManagementCall::finished, this, [this, call, name] {
        call->deleteLater();
        if (!call->response().ok())
            Q_EMIT message(call->response().error->message, true);
        else
            Q_EMIT message(tr("Deleted %1.").arg(name), false);
    });
}

} // namespace ferry::ui
