#pragma once
// One registry of the diagram: a card with its name and mode, the connection
// state as icon + colour + words, the last sync as a relative time, and a
// progress bar while it syncs. Inactive registries are drawn dashed and pale.
// The card reads everything from its model row when it paints, so a change of
// that row is one update() of this card and nothing else.

#include <QGraphicsObject>
#include <QPersistentModelIndex>

namespace ferry::ui {

class NodeCard : public QGraphicsObject {
    Q_OBJECT
public:
    NodeCard(const QPersistentModelIndex& index, const QSizeF& size);

    QPersistentModelIndex modelIndex() const { return m_index; }
    void setCurrent(bool current);
    bool isCurrent() const { return m_current; }
    // Filtered out: drawn faint but kept in place, so the layout does not jump.
    void setDimmed(bool dimmed);
    bool isDimmed() const { return m_dimmed; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPersistentModelIndex m_index;
    QSizeF m_size;
    bool m_current = false;
    bool m_dimmed = false;
};

// A parent-child link. The arrows say which way content travels: down only
// for a ReadOnly child, both ways for a ReadWrite one.
class EdgeItem : public QGraphicsItem {
public:
    EdgeItem(NodeCard* parentCard, NodeCard* childCard);
    void adjust();
    NodeCard* childCard() const { return m_child; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    NodeCard* m_parent;
    NodeCard* m_child;
    QPointF m_from;
    QPointF m_to;
};

} // namespace ferry::ui
