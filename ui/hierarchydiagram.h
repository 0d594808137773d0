#pragma once
// The sync tree drawn on a QGraphicsView. The HierarchyModel stays the one
// source of truth: the diagram is an adapter that listens to rowsInserted,
// rowsRemoved, dataChanged and modelReset, and shares its QItemSelectionModel
// with the tree list, so selecting in either selects in both.
//
// A changed row repaints its own card only. Rows that come or go add or drop
// one card and its edge and lay the tree out again (deterministic, see
// treelayout.h). Zoom (Ctrl+wheel, Ctrl+= / Ctrl+-), pan (drag), fit to
// window (Ctrl+0) and the keyboard (arrows walk the tree) all work here.

#include "treelayout.h"

#include <QGraphicsView>
#include <QHash>
#include <QPersistentModelIndex>

class QItemSelectionModel;
class QGraphicsScene;

namespace ferry {
class HierarchyModel;
}

namespace ferry::ui {

class NodeCard;
class EdgeItem;

class HierarchyDiagram : public QGraphicsView {
    Q_OBJECT
public:
    HierarchyDiagram(HierarchyModel* model, QItemSelectionModel* selection,
                     QWidget* parent = nullptr);

    NodeCard* cardFor(const QString& name) const;
    int cardCount() const { return int(m_cards.size()); }
    // Faint the cards that do not match; empty filters match everything.
    void setFilter(const QString& nameText, const QString& mode, const QString& state);
    bool matches(const QModelIndex& index) const;

    qreal zoom() const { return transform().m11(); }
    bool exportPng(const QString& path, QString* error = nullptr) const;
    bool exportSvg(const QString& path, QString* error = nullptr) const;
    // How many times the whole tree was laid out; a state change must not.
    int layoutCount() const { return m_layouts; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void resetZoom();

Q_SIGNALS:
    void activated(const QModelIndex& index); // double-click or Enter on a card

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    void rebuild();
    void rowsAdded(const QModelIndex& parent, int first, int last);
    void rowsGone();
    void rowsChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    void currentChanged(const QModelIndex& current, const QModelIndex& previous);
    void addSubtree(const QModelIndex& index);
    void relayout();
    void applyFilter(NodeCard* card);
    void setZoom(qreal factor);
    void updateAccessibleDescription();
    NodeCard* cardAt(const QPoint& viewPos) const;
    void render(QPainter* painter) const;

    HierarchyModel* m_model;
    QItemSelectionModel* m_selection;
    QGraphicsScene* m_scene;
    TreeLayoutMetrics m_metrics;
    QHash<QPersistentModelIndex, NodeCard*> m_cards;
    QHash<NodeCard*, EdgeItem*> m_edges; // keyed by the child's card
    QString m_filterName;
    QString m_filterMode;
    QString m_filterState;
    int m_layouts = 0;
    bool m_fitPending = true;
};

} // namespace ferry::ui
