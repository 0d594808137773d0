#include "hierarchydiagram.h"

#include "hierarchymodel.h"
#include "nodecard.h"

#include <QAccessible>
#include <QApplication>
#include <QGraphicsScene>
#include <QImage>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QPainter>
#include <QScopeGuard>
#include <QSvgGenerator>
#include <QTimer>
#include <QWheelEvent>

namespace ferry::ui {

namespace {
constexpr qreal kMinZoom = 0.1;
constexpr qreal kMaxZoom = 4.0;
constexpr qreal kZoomStep = 1.25;
constexpr qreal kMargin = 24;
} // namespace

HierarchyDiagram::HierarchyDiagram(HierarchyModel* model, QItemSelectionModel* selection,
                                   QWidget* parent)
    : QGraphicsView(parent)
    , m_model(model)
    , m_selection(selection)
    , m_scene(new QGraphicsScene(this)) {
    setObjectName(QStringLiteral("hierarchyDiagram"));
    setAccessibleName(tr("Sync tree diagram"));
    viewport()->setAccessibleName(tr("Sync tree diagram"));
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setFocusPolicy(Qt::StrongFocus);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    // The scene's index only slows a scene whose items move on every layout.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);

    connect(m_model, &QAbstractItemModel::modelReset, this, &HierarchyDiagram::rebuild);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HierarchyDiagram::rowsAdded);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &HierarchyDiagram::rowsGone);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &HierarchyDiagram::rowsChanged);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &HierarchyDiagram::rebuild);
    connect(m_selection, &QItemSelectionModel::currentChanged, this,
            &HierarchyDiagram::currentChanged);

    // "synced 3 min ago" ages on its own; one repaint a minute keeps it true.
    auto* clock = new QTimer(this);
    clock->setInterval(30000);
    connect(clock, &QTimer::timeout, this, [this] {
        for (NodeCard* card : std::as_const(m_cards))
            card->update();
    });
    clock->start();
    rebuild();
}

NodeCard* HierarchyDiagram::cardFor(const QString& name) const {
    return m_cards.value(QPersistentModelIndex(m_model->indexOf(name)));
}

void HierarchyDiagram::rebuild() {
    m_scene->clear();
    m_cards.clear();
    m_edges.clear();
    for (int row = 0; row < m_model->rowCount(); ++row)
        addSubtree(m_model->index(row, 0));
    relayout();
    m_fitPending = true;
    if (isVisible())
        fitToWindow();
}

void HierarchyDiagram::addSubtree(const QModelIndex& index) {
    auto* card = new NodeCard(QPersistentModelIndex(index), m_metrics.card);
    m_scene->addItem(card);
    m_cards.insert(QPersistentModelIndex(index), card);
    if (NodeCard* parentCard = m_cards.value(QPersistentModelIndex(index.parent()))) {
        auto* edge = new EdgeItem(parentCard, card);
        m_scene->addItem(edge);
        m_edges.insert(card, edge);
    }
    card->setCurrent(index == m_selection->currentIndex().siblingAtColumn(0));
    applyFilter(card);
    for (int row = 0; row < m_model->rowCount(index); ++row)
        addSubtree(m_model->index(row, 0, index));
}

void HierarchyDiagram::rowsAdded(const QModelIndex& parent, int first, int last) {
    for (int row = first; row <= last; ++row)
        addSubtree(m_model->index(row, 0, parent));
    relayout();
}

void HierarchyDiagram::rowsGone() {
    // Persistent indexes of removed rows are invalid now: drop their cards.
    for (auto it = m_cards.begin(); it != m_cards.end();) {
        if (it.key().isValid()) {
            ++it;
            continue;
        }
        NodeCard* card = it.value();
        if (EdgeItem* edge = m_edges.take(card))
            delete edge;
        delete card;
        it = m_cards.erase(it);
    }
    relayout();
}

void HierarchyDiagram::rowsChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight) {
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QModelIndex index = m_model->index(row, 0, topLeft.parent());
        NodeCard* card = m_cards.value(QPersistentModelIndex(index));
        if (!card)
            continue;
        card->update();
        if (EdgeItem* edge = m_edges.value(card))
            edge->update();
        applyFilter(card);
    }
    if (m_selection->currentIndex().siblingAtColumn(0).parent() == topLeft.parent())
        updateAccessibleDescription();
}

void HierarchyDiagram::relayout() {
    ++m_layouts;
    const auto positions = layoutTree(*m_model, m_metrics);
    for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it)
        it.value()->setPos(positions.value(it.key()));
    for (EdgeItem* edge : std::as_const(m_edges))
        edge->adjust();
    const QRectF bounds =
        m_scene->itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    m_scene->setSceneRect(bounds);
}

bool HierarchyDiagram::matches(const QModelIndex& index) const {
    const QString name = index.data(HierarchyModel::NameRole).toString();
    if (!m_filterName.isEmpty() && !name.contains(m_filterName, Qt::CaseInsensitive))
        return false;
    if (!m_filterMode.isEmpty() && index.data(HierarchyModel::ModeRole).toString() != m_filterMode)
        return false;
    if (!m_filterState.isEmpty() &&
        index.data(HierarchyModel::ConnectionStateRole).toString() != m_filterState)
        return false;
    return true;
}

void HierarchyDiagram::setFilter(const QString& nameText, const QString& mode,
                                 const QString& state) {
    m_filterName = nameText.trimmed();
    m_filterMode = mode;
    m_filterState = state;
    for (NodeCard* card : std::as_const(m_cards))
        applyFilter(card);
}

void HierarchyDiagram::applyFilter(NodeCard* card) {
    const bool dimmed = !matches(card->modelIndex());
    card->setDimmed(dimmed);
    if (EdgeItem* edge = m_edges.value(card))
        edge->setOpacity(dimmed ? 0.25 : 1.0);
}

void HierarchyDiagram::currentChanged(const QModelIndex& current, const QModelIndex& previous) {
    if (NodeCard* old = m_cards.value(QPersistentModelIndex(previous.siblingAtColumn(0))))
        old->setCurrent(false);
    if (NodeCard* now = m_cards.value(QPersistentModelIndex(current.siblingAtColumn(0)))) {
        now->setCurrent(true);
        ensureVisible(now, 40, 40);
    }
    updateAccessibleDescription();
}

void HierarchyDiagram::updateAccessibleDescription() {
    const QModelIndex current = m_selection->currentIndex().siblingAtColumn(0);
    const QString text =
        current.isValid()
            ? tr("Selected: %1").arg(current.data(HierarchyModel::SummaryRole).toString())
            : tr("No registry selected");
    if (accessibleDescription() == text)
        return;
    setAccessibleDescription(text);
    QAccessibleEvent event(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
}

void HierarchyDiagram::setZoom(qreal factor) {
    factor = std::clamp(factor, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(factor, factor));
}

void HierarchyDiagram::zoomIn() {
    setZoom(zoom() * kZoomStep);
}

void HierarchyDiagram::zoomOut() {
    setZoom(zoom() / kZoomStep);
}

void HierarchyDiagram::resetZoom() {
    setZoom(1.0);
}

void HierarchyDiagram::fitToWindow() {
    m_fitPending = false;
    const QRectF bounds = m_scene->sceneRect();
    if (bounds.isEmpty() || viewport()->width() < 10)
        return;
    fitInView(bounds, Qt::KeepAspectRatio);
    // A small tree is shown at its natural size rather than blown up.
    if (zoom() > 1.0)
        setZoom(1.0);
    else if (zoom() < kMinZoom)
        setZoom(kMinZoom);
    centerOn(bounds.center());
}

void HierarchyDiagram::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->angleDelta().y() > 0)
            zoomIn();
        else if (event->angleDelta().y() < 0)
            zoomOut();
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void HierarchyDiagram::keyPressEvent(QKeyEvent* event) {
    const QModelIndex current = m_selection->currentIndex().siblingAtColumn(0);
    QModelIndex next;
    switch (event->key()) {
    case Qt::Key_Up:
        next = current.parent();
        break;
    case Qt::Key_Down:
        next = current.isValid() ? m_model->index(0, 0, current) : m_model->index(0, 0);
        break;
    case Qt::Key_Left:
        next = current.sibling(current.row() - 1, 0);
        break;
    case Qt::Key_Right:
        next = current.sibling(current.row() + 1, 0);
        break;
    case Qt::Key_Home:
        next = m_model->index(0, 0);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (current.isValid())
            Q_EMIT activated(current);
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fitToWindow();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
        return;
    }
    if (!current.isValid() && !next.isValid())
        next = m_model->index(0, 0);
    if (next.isValid())
        m_selection->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect |
                                               QItemSelectionModel::Rows);
    event->accept();
}

NodeCard* HierarchyDiagram::cardAt(const QPoint& viewPos) const {
    for (QGraphicsItem* item : items(viewPos)) {
        if (auto* card = dynamic_cast<NodeCard*>(item))
            return card;
    }
    return nullptr;
}

void HierarchyDiagram::mousePressEvent(QMouseEvent* event) {
    // A right click selects too: the context menu acts on the node under it.
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton) {
        if (NodeCard* card = cardAt(event->position().toPoint()))
            m_selection->setCurrentIndex(card->modelIndex(), QItemSelectionModel::ClearAndSelect |
                                                                 QItemSelectionModel::Rows);
    }
    QGraphicsView::mousePressEvent(event);
}

void HierarchyDiagram::mouseDoubleClickEvent(QMouseEvent* event) {
    if (NodeCard* card = cardAt(event->position().toPoint()))
        Q_EMIT activated(card->modelIndex());
    QGraphicsView::mouseDoubleClickEvent(event);
}

void HierarchyDiagram::render(QPainter* painter) const {
    // Cached cards would reach an SVG as bitmaps; draw them afresh as vectors.
    for (NodeCard* card : m_cards)
        card->setCacheMode(QGraphicsItem::NoCache);
    const auto restoreCache = qScopeGuard([this] {
        for (NodeCard* card : m_cards)
            card->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    });
    const QRectF source = m_scene->sceneRect();
    painter->fillRect(QRectF(QPointF(0, 0), source.size()),
                      QApplication::palette().color(QPalette::Window));
    m_scene->render(painter, QRectF(QPointF(0, 0), source.size()), source);
}

bool HierarchyDiagram::exportPng(const QString& path, QString* error) const {
    const QSizeF size = m_scene->sceneRect().size();
    // Twice the scene's size, so the picture stays sharp on a HiDPI screen or in print.
    QImage image((size * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        render(&painter);
    }
    if (!image.save(path, "PNG")) {
        if (error)
            *error = tr("Could not write %1.").arg(path);
        return false;
    }
    return true;
}

bool HierarchyDiagram::exportSvg(const QString& path, QString* error) const {
    const QSizeF size = m_scene->sceneRect().size();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size.toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), size));
    svg.setTitle(tr("Ferry sync tree"));
    svg.setDescription(tr("%n registries", nullptr, m_model->registryCount()));
    QPainter painter;
    if (!painter.begin(&svg)) {
        if (error)
            *error = tr("Could not write %1.").arg(path);
        return false;
    }
    render(&painter);
    painter.end();
    return true;
}

} // namespace ferry::ui
