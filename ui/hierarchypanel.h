#pragma once
// The sync tree twice over: a tree list (name, mode, state, last sync as
// text, for reading and for screen readers) beside the diagram, both on the
// one HierarchyModel and one QItemSelectionModel, with a filter bar above
// (name, mode, state) that hides rows in the list and fades cards in the
// diagram, so the diagram's layout never jumps while filtering.

#include <QWidget>

class QComboBox;
class QItemSelectionModel;
class QLineEdit;
class QSplitter;
class QTreeView;

namespace ferry {
class HierarchyModel;
}

namespace ferry::ui {

class HierarchyDiagram;

class HierarchyPanel : public QWidget {
    Q_OBJECT
public:
    explicit HierarchyPanel(HierarchyModel* model, QWidget* parent = nullptr);

    QItemSelectionModel* selectionModel() const { return m_selection; }
    HierarchyDiagram* diagram() const { return m_diagram; }
    QTreeView* treeView() const { return m_tree; }
    QLineEdit* findField() const { return m_find; }
    QSplitter* splitter() const { return m_splitter; }
    // The selected registry's name, or empty.
    QString currentName() const;
    void selectName(const QString& name);

public Q_SLOTS:
    void focusFind();
    void applyFilter();

private:
    bool filterSubtree(const QModelIndex& index); // true when it or a descendant matches

    HierarchyModel* m_model;
    QItemSelectionModel* m_selection;
    QLineEdit* m_find;
    QComboBox* m_mode;
    QComboBox* m_state;
    QTreeView* m_tree;
    HierarchyDiagram* m_diagram;
    QSplitter* m_splitter;
};

} // namespace ferry::ui
