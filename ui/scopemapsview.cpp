#include "scopemapsview.h"

#include "consolesession.h"
#include "messagebar.h"
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
    : QWidget(parent)
    , m_session(session)
    , m_model(new ScopeMapListModel(session->management(), this))
    , m_table(new QTableView(this))
    , m_messageBar(new MessageBar(this))
    , m_new(new QPushButton(tr("&New scope map…"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("De&lete…"), this)) {
    setObjectName(QStringLiteral("scopeMapsView"));
    m_new->setObjectName(QStringLiteral("newScopeMap"));
    m_new->setAccessibleName(tr("New scope map"));
    m_new->setToolTip(tr("Create a scope map in the grid editor"));
    m_edit->setObjectName(QStringLiteral("editScopeMap"));
    m_edit->setAccessibleName(tr("Edit scope map"));
    m_edit->setToolTip(tr("Open the selected scope map in the grid editor (Enter)"));
    m_delete->setObjectName(QStringLiteral("deleteScopeMap"));
    m_delete->setAccessibleName(tr("Delete scope map"));
    m_delete->setToolTip(tr("Delete the selected scope map"));

    m_table->setObjectName(QStringLiteral("scopeMapTable"));
    m_table->setAccessibleName(tr("Scope maps"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(ScopeMapListModel::NameColumn, 260);
    m_table->setColumnWidth(ScopeMapListModel::TypeColumn, 80);
    m_table->setColumnWidth(ScopeMapListModel::ActionsColumn, 110);

    auto* deleteAction = new QAction(tr("Delete scope map"), m_table);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(deleteAction);
    connect(deleteAction, &QAction::triggered, this, &ScopeMapsView::deleteScopeMap);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messageBar);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    setFocusProxy(m_table); // the page's shortcut lands in its list

    connect(m_new, &QPushButton::clicked, this, &ScopeMapsView::newScopeMap);
    connect(m_edit, &QPushButton::clicked, this, &ScopeMapsView::editScopeMap);
    connect(m_delete, &QPushButton::clicked, this, &ScopeMapsView::deleteScopeMap);
    connect(m_table, &QTableView::activated, this, &ScopeMapsView::editScopeMap);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ScopeMapsView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ScopeMapsView::updateActions);
    connect(m_model, &ScopeMapListModel::errorOccurred, this, [this](const QString& text) {
        showResult(tr("Can't list the scope maps: %1").arg(text), true);
    });
    updateActions();
}

QString ScopeMapsView::currentScopeMap() const {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(ScopeMapListModel::NameRole).toString() : QString();
}

bool ScopeMapsView::selectScopeMap(const QString& name) {
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_model->index(row, 0));
    return true;
}

void ScopeMapsView::reload() {
    m_model->reload();
}

void ScopeMapsView::updateActions() {
    const QJsonObject map = m_model->resourceAt(m_table->selectionModel()->currentIndex().row());
    const bool system = map.value(QLatin1StringView("type")).toString() == QLatin1String("SystemDefined");
    m_edit->setEnabled(!map.isEmpty());
    m_edit->setText(system ? tr("&View…") : tr("&Edit…"));
    m_delete->setEnabled(!map.isEmpty() && !system);
}

void ScopeMapsView::showResult(const QString& text, bool error) {
    if (error)
        m_messageBar->showMessage(text, MessageBar::Type::Error);
    else if (m_messageBar->type() == MessageBar::Type::Error)
        m_messageBar->dismiss();
    Q_EMIT message(text, error);
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
        m_model->applyEvent(QStringLiteral("updated"), {{QStringLiteral("kind"), QStringLiteral("scopeMap")},
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
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete %1?").arg(name),
                                tr("Delete the scope map \"%1\"?").arg(name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteScopeMap"));
    box->setInformativeText(tr("A scope map that a token still uses is not deleted; the server names those "
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
                showResult(tr("Scope map %1 was not deleted: %2").arg(name, call->response().error->message),
                           true);
                return;
            }
            m_model->applyEvent(QStringLiteral("deleted"), {{QStringLiteral("kind"), QStringLiteral("scopeMap")},
                                                            {QStringLiteral("name"), name}});
            showResult(tr("Deleted scope map %1.").arg(name), false);
        });
    });
    box->open();
}

} // namespace ferry::ui
