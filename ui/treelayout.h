#pragma once
// Where each node of the sync tree sits in the diagram: a layered, tidy tree
// with the root at the top. Deterministic: the same tree always gives the
// same picture, since children are ordered by name (the model's order) and
// nothing is random or iterative. Leaves take consecutive columns in
// depth-first order and a parent is centred over its children, so a node that
// comes or goes moves only what lies to its right.

#include <QHash>
#include <QModelIndex>
#include <QPointF>
#include <QSizeF>

class QAbstractItemModel;

namespace ferry::ui {

struct TreeLayoutMetrics {
    QSizeF card{210, 92};
    qreal columnGap = 28;
    qreal levelGap = 64;
};

// Top-left corner of every node's card under (and including) the model's
// top-level rows, keyed by persistent index of column 0.
QHash<QPersistentModelIndex, QPointF> layoutTree(const QAbstractItemModel& model,
                                                 const TreeLayoutMetrics& metrics = {});

} // namespace ferry::ui
