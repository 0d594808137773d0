#include "listpage.h"

#include "messagebar.h"
#include "pagedlistmodel.h"

#include <QAction>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace ferry::ui {

ListPage::ListPage(QAbstractItemModel* model, const QString& tableName,
                   const QString& accessibleName, QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableView(this))
    , m_messageBar(new MessageBar(this)) {
    m_table->setObjectName(tableName);
    m_table->setAccessibleName(accessibleName);
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false); // Tab leaves the table for the controls
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    setFocusProxy(m_table); // the page's shortcut lands in its list
}

void ListPage::setControls(QLayout* controls) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messageBar);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);
}

void ListPage::showResult(const QString& text, bool error) {
    if (error)
        m_messageBar->showMessage(text, MessageBar::Type::Error);
    else if (m_messageBar->type() == MessageBar::Type::Error)
        m_messageBar->dismiss();
    Q_EMIT message(text, error);
}

QAction* ListPage::addDeleteKey(const QString& text) {
    auto* action = new QAction(text, m_table);
    action->setShortcut(QKeySequence::Delete);
    action->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(action);
    return action;
}

QPushButton* ListPage::makeButton(const QString& text, const QString& name, const QString& tip) {
    auto* button = new QPushButton(text, this);
    button->setObjectName(name);
    button->setToolTip(tip);
    button->setAccessibleName(QString(text).remove(u'&').remove(QStringLiteral("…")));
    return button;
}

QJsonObject ListPage::currentItem(const PagedListModel* model) const {
    return model->resourceAt(m_table->selectionModel()->currentIndex().row());
}

QString ListPage::currentName(const PagedListModel* model) const {
    return currentItem(model).value(QLatin1StringView("name")).toString();
}

bool ListPage::selectName(const PagedListModel* model, const QString& name) {
    const int row = model->rowOf(name);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(model->index(row, 0));
    return true;
}

} // namespace ferry::ui
