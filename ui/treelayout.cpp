#include "treelayout.h"

#include <QAbstractItemModel>

namespace ferry::ui {

namespace {

struct Placer {
    const QAbstractItemModel& model;
    const TreeLayoutMetrics& metrics;
    QHash<QPersistentModelIndex, QPointF>& out;
    qreal nextLeafX = 0;

    // Places the subtree of index at depth; returns the centre x of its card.
    // Iterative over children, recursive over depth: hierarchies are shallow.
    qreal place(const QModelIndex& index, int depth) {
        const int children = model.rowCount(index);
        const qreal step = metrics.card.width() + metrics.columnGap;
        qreal centre = 0;
        if (children == 0) {
            centre = nextLeafX + metrics.card.width() / 2;
            nextLeafX += step;
        } else {
            const qreal first = place(model.index(0, 0, index), depth + 1);
            qreal last = first;
            for (int row = 1; row < children; ++row)
                last = place(model.index(row, 0, index), depth + 1);
            centre = (first + last) / 2;
        }
        out.insert(QPersistentModelIndex(index),
                   QPointF(centre - metrics.card.width() / 2,
                           depth * (metrics.card.height() + metrics.levelGap)));
        return centre;
    }
};

} // namespace

QHash<QPersistentModelIndex, QPointF> layoutTree(const QAbstractItemModel& model,
                                                 const TreeLayoutMetrics& metrics) {
    QHash<QPersistentModelIndex, QPointF> positions;
    Placer placer{model, metrics, positions};
    for (int row = 0; row < model.rowCount(); ++row)
        placer.place(model.index(row, 0), 0);
    return positions;
}

} // namespace ferry::ui
