#include "hierarchypanel.h"

#include "hierarchydiagram.h"
#include "hierarchymodel.h"
#include "icons.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace ferry::ui {

HierarchyPanel::HierarchyPanel(HierarchyModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_selection(new QItemSelectionModel(model, this))
    , m_find(new QLineEdit(this))
    , m_mode(new QComboBox(this))
    , m_state(new QComboBox(this))
    , m_tree(new QTreeView(this))
    , m_diagram(new HierarchyDiagram(model, m_selection, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this)) {
    m_find->setObjectName(QStringLiteral("findRegistry"));
    m_find->setPlaceholderText(tr("Find a registry by name"));
    m_find->setClearButtonEnabled(true);
    m_find->setAccessibleName(tr("Find registry"));
    m_find->setToolTip(tr("Show only registries whose name contains this text (Ctrl+F)"));
    m_find->addAction(icon(QStringLiteral("find")), QLineEdit::LeadingPosition);
    // The clear button Qt adds is a child action widget without a name of its own.
    for (QAction* action : m_find->actions()) {
        if (action->objectName() == QLatin1String("_q_qlineeditclearaction"))
            action->setText(tr("Clear search"));
    }

    m_mode->setObjectName(QStringLiteral("filterMode"));
    m_mode->setAccessibleName(tr("Filter by mode"));
    m_mode->setToolTip(tr("Show only registries of this mode"));
    m_mode->view()->setAccessibleName(tr("Modes"));
    m_mode->addItem(tr("Any mode"), QString());
    m_mode->addItem(tr("ReadWrite"), QStringLiteral("ReadWrite"));
    m_mode->addItem(tr("ReadOnly"), QStringLiteral("ReadOnly"));

    m_state->setObjectName(QStringLiteral("filterState"));
    m_state->setAccessibleName(tr("Filter by state"));
    m_state->setToolTip(tr("Show only registries in this connection state"));
    m_state->view()->setAccessibleName(tr("States"));
    m_state->addItem(tr("Any state"), QString());
    for (const char* state : {"Online", "Syncing", "Offline", "Unhealthy"}) {
        const StateLook look = stateLook(QLatin1String(state));
        m_state->addItem(icon(look.iconName), look.text, QLatin1String(state));
    }

    auto* filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(0, 0, 0, 0);
    filterRow->addWidget(m_find, 1);
    filterRow->addWidget(m_mode);
    filterRow->addWidget(m_state);

    m_tree->setObjectName(QStringLiteral("hierarchyTree"));
    m_tree->setAccessibleName(tr("Sync tree"));
    m_tree->setAccessibleDescription(
        tr("Every registry of the hierarchy with its mode, state and last sync"));
    m_tree->setModel(m_model);
    m_tree->setSelectionModel(m_selection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setMinimumWidth(260);

    m_splitter->setObjectName(QStringLiteral("hierarchySplitter"));
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_diagram);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({400, 900});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filterRow);
    layout->addWidget(m_splitter, 1);

    connect(m_find, &QLineEdit::textChanged, this, &HierarchyPanel::applyFilter);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &HierarchyPanel::applyFilter);
    connect(m_state, &QComboBox::currentIndexChanged, this, &HierarchyPanel::applyFilter);
    // New rows and changed states must respect the filter too.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandAll();
        applyFilter();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& under) {
        m_tree->expand(under);
        applyFilter();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_state->currentData().toString().isEmpty())
            applyFilter();
    });
}

QString HierarchyPanel::currentName() const {
    return m_selection->currentIndex().siblingAtColumn(0).data(HierarchyModel::NameRole).toString();
}

void HierarchyPanel::selectName(const QString& name) {
    const QModelIndex index = m_model->indexOf(name);
    if (index.isValid())
        m_selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
}

void HierarchyPanel::focusFind() {
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

void HierarchyPanel::applyFilter() {
    m_diagram->setFilter(m_find->text(), m_mode->currentData().toString(),
                         m_state->currentData().toString());
    for (int row = 0; row < m_model->rowCount(); ++row)
        filterSubtree(m_model->index(row, 0));
}

bool HierarchyPanel::filterSubtree(const QModelIndex& index) {
    bool anyChild = false;
    for (int row = 0; row < m_model->rowCount(index); ++row)
        anyChild |= filterSubtree(m_model->index(row, 0, index));
    // A parent stays visible when a descendant matches, so the path to it shows.
    const bool visible = anyChild || m_diagram->matches(index);
    m_tree->setRowHidden(index.row(), index.parent(), !visible);
    return visible;
}

} // namespace ferry::ui
