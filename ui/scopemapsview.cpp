#include "scopemapsview.h"

#include "consolesession.h"
#include "scopemapeditor.h"
#include "scopemaplistmodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace ferry::ui {

ScopeMapsView::ScopeMapsView(ConsoleSession* session, QWidget* parent)
    : ListPage(new ScopeMapListModel(session->management()), QStringLiteral("scopeMapTable"),
               tr("Scope maps"), parent)
    , m_session(session)
    , m_model(static_cast<ScopeMapListModel*>(table()->model()))
    , m_new(makeButton(tr("&New scope map…"), QStringLiteral("newScopeMap"),
                       tr("Create a scope map in the grid editor")))
    , m_edit(makeButton(tr("&Edit…"), QStringLiteral("editScopeMap"),
                        tr("Open the selected scope map in the grid editor (Enter)")))
    , m_delete(makeButton(tr("De&lete…"), QStringLiteral("deleteScopeMap"),
                          tr("Delete the selected scope map"))) {
    setObjectName(QStringLiteral("scopeMapsView"));
    m_model->setParent(this);
    // The Edit button reads "View…" on a system map: one name for both.
    m_edit->setAccessibleName(tr("Edit scope map"));
    m_new->setAccessibleName(tr("New scope map"));
    m_delete->setAccessibleName(tr("Delete scope map"));
    table()->setColumnWidth(ScopeMapListModel::NameColumn, 260);
    table()->setColumnWidth(ScopeMapListModel::TypeColumn, 80);
    table()->setColumnWidth(ScopeMapListModel::ActionsColumn, 110);
    connect(addDeleteKey(tr("Delete scope map")), &QAction::triggered, this,
            &ScopeMapsView::deleteScopeMap);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    setControls(buttons);

    connect(m_new, &QPushButton::clicked, this, &ScopeMapsView::newScopeMap);
    connect(m_edit, &QPushButton::clicked, this, &ScopeMapsView::editScopeMap);
    connect(m_delete, &QPushButton::clicked, this, &ScopeMapsView::deleteScopeMap);
    connect(table(), &QTableView::activated, this, &ScopeMapsView::editScopeMap);
    connect(table()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ScopeMapsView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ScopeMapsView::updateActions);
    connect(m_model, &ScopeMapListModel::errorOccurred, this, [this](const QString& text) {
        showResult(tr("Can't list the scope maps: %1").arg(text), true);
    });
    updateActions();
}

QString ScopeMapsView::currentScopeMap() const {
    return currentName(m_model);
}

bool ScopeMapsView::selectScopeMap(const QString& name) {
    return selectName(m_model, name);
}

void ScopeMapsView::reload() {
    m_model->reload();
}

void ScopeMapsView::updateActions() {
    const QJsonObject map = currentItem(m_model);
    const bool system =
        map.value(QLatin1StringView("type")).toString() == QLatin1String("SystemDefined");
    m_edit->setEnabled(!map.isEmpty());
    m_edit->setText(system ? tr("&View…") : tr("&Edit…"));
    m_delete->setEnabled(!map.isEmpty() && !system);
}

void ScopeMapsView::newScopeMap() {
    openEditor({});
}

void ScopeMapsView::editScopeMap() {
    const QString name = currentScopeMap();
    if (!name.isEmpty())
        openEditor(name);
}

void ScopeMapsView::openEditor(const QString& name) {
    auto* editor = new ScopeMapEditor(m_session, name, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    m_editor = editor;
    connect(editor, &ScopeMapEditor::saved, this, [this](const QJsonObject& map) {
        const QString saved = map.value(QLatin1StringView("name")).toString();
        // At once, as the server answered; the event stream says the same later.
        m_model->applyEvent(QStringLiteral("updated"),
                            {{QStringLiteral("kind"), QStringLiteral("scopeMap")},
                             {QStringLiteral("name"), saved},
                             {QStringLiteral("resource"), map}});
        selectScopeMap(saved);
        showResult(tr("Saved scope map %1.").arg(saved), false);
    });
    editor->open();
}

void ScopeMapsView::deleteScopeMap() {
    const QString name = currentScopeMap();
    if (name.isEmpty() || !m_delete->isEnabled())
        return;
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Delete %1?").arg(name),
                        tr("Delete the scope map \"%1\"?").arg(name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteScopeMap"));
    box->setInformativeText(
        tr("A scope map that a token still uses is not deleted; the server names those "
           "tokens."));
    QPushButton* go = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    go->setObjectName(QStringLiteral("confirmDeleteScopeMapButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, go, name] {
        if (box->clickedButton() != go)
            return;
        ManagementCall* call = m_session->management()->remove(
            QStringLiteral("scope-maps/%1").arg(ManagementClient::segment(name)));
        connect(call, &ManagementCall::finished, this, [this, call, name] {
            call->deleteLater();
            if (!call->response().ok()) {
                showResult(tr("Scope map %1 was not deleted: %2")
                               .arg(name, call->response().error->message),
                           true);
                return;
            }
            m_model->applyEvent(QStringLiteral("deleted"),
                                {{QStringLiteral("kind"), QStringLiteral("scopeMap")},
                                 {QStringLiteral("name"), name}});
            showResult(tr("Deleted scope map %1.").arg(name), false);
        });
    });
    box->open();
}

} // namespace ferry::ui
