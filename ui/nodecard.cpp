#include "nodecard.h"

#include "hierarchymodel.h"
#include "icons.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QtMath>

namespace ferry::ui {

namespace {
constexpr qreal kRadius = 8;
constexpr qreal kPad = 10;
} // namespace

NodeCard::NodeCard(const QPersistentModelIndex& index, const QSizeF& size)
    : m_index(index)
    , m_size(size) {
    setFlag(ItemUsesExtendedStyleOption, false);
    setAcceptedMouseButtons(Qt::LeftButton);
    setCacheMode(DeviceCoordinateCache);
    setZValue(1);
}

void NodeCard::setCurrent(bool current) {
    if (current == m_current)
        return;
    m_current = current;
    update();
}

void NodeCard::setDimmed(bool dimmed) {
    if (dimmed == m_dimmed)
        return;
    m_dimmed = dimmed;
    setOpacity(dimmed ? 0.25 : 1.0);
}

QRectF NodeCard::boundingRect() const {
    return QRectF(QPointF(-3, -3), m_size + QSizeF(6, 6));
}

void NodeCard::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    if (!m_index.isValid())
        return;
    using Model = ferry::HierarchyModel;
    const QString name = m_index.data(Model::NameRole).toString();
    const QString mode = m_index.data(Model::ModeRole).toString();
    const QString state = m_index.data(Model::ConnectionStateRole).toString();
    const bool inactive =
        m_index.data(Model::ActivationRole).toString() == QLatin1String("Inactive");
    const bool isRoot = m_index.data(Model::IsRootRole).toBool();
    const double progress = m_index.data(Model::SyncProgressRole).toDouble();
    const StateLook look = stateLook(state);
    const QPalette palette = QApplication::palette();

    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card(QPointF(0, 0), m_size);
    QColor fill = palette.color(QPalette::Base);
    if (inactive)
        fill = palette.color(QPalette::Window);
    QPen border(m_current ? palette.color(QPalette::Highlight) : look.colour,
                m_current ? 3.0 : 1.6);
    if (inactive)
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(card, kRadius, kRadius);
    // A band in the state's colour along the left edge, beside the icon and
    // words that say the same thing.
    painter->setPen(Qt::NoPen);
    painter->setBrush(look.colour);
    painter->drawRoundedRect(QRectF(0, 0, 6, m_size.height()), 3, 3);

    QColor text = palette.color(QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.65);
    if (inactive)
        text = muted;

    QFont title = painter->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.1);
    painter->setFont(title);
    painter->setPen(text);
    const QRectF titleRect(kPad + 4, kPad - 2, m_size.width() - 2 * kPad - 4, 22);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(title).elidedText(name, Qt::ElideRight, titleRect.width()));

    QFont small = painter->font();
    small.setBold(false);
    small.setPointSizeF(title.pointSizeF() / 1.1 * 0.92);
    painter->setFont(small);
    painter->setPen(muted);
    const QString kind = isRoot     ? QObject::tr("Root · %1").arg(mode)
                         : inactive ? QObject::tr("%1 · inactive").arg(mode)
                                    : mode;
    painter->drawText(QRectF(kPad + 4, kPad + 18, m_size.width() - 2 * kPad, 18),
                      Qt::AlignLeft | Qt::AlignVCenter, kind);

    // State: icon, then the word in the state's colour.
    const QRectF iconRect(kPad + 4, kPad + 40, 16, 16);
    icon(look.iconName).paint(painter, iconRect.toRect());
    QFont stateFont = small;
    stateFont.setBold(true);
    painter->setFont(stateFont);
    painter->setPen(look.colour);
    painter->drawText(QRectF(iconRect.right() + 6, iconRect.top() - 1, 90, 18),
                      Qt::AlignLeft | Qt::AlignVCenter, look.text);
    if (!isRoot) {
        painter->setFont(small);
        painter->setPen(muted);
        const QString sync = Model::relativeTime(m_index.data(Model::LastSyncTimeRole).toDateTime(),
                                                 QDateTime::currentDateTimeUtc());
        painter->drawText(QRectF(kPad, iconRect.top() - 1, m_size.width() - 2 * kPad, 18),
                          Qt::AlignRight | Qt::AlignVCenter, QObject::tr("synced %1").arg(sync));
    }

    if (progress >= 0) {
        const QRectF track(kPad + 4, m_size.height() - 14, m_size.width() - 2 * kPad - 4, 6);
        painter->setPen(Qt::NoPen);
        painter->setBrush(palette.color(QPalette::Mid));
        painter->drawRoundedRect(track, 3, 3);
        painter->setBrush(stateLook(QStringLiteral("Syncing")).colour);
        painter->drawRoundedRect(QRectF(track.topLeft(), QSizeF(track.width() * progress, 6)), 3,
                                 3);
    }
}

EdgeItem::EdgeItem(NodeCard* parentCard, NodeCard* childCard)
    : m_parent(parentCard)
    , m_child(childCard) {
    setZValue(0);
    adjust();
}

void EdgeItem::adjust() {
    prepareGeometryChange();
    const QRectF from = m_parent->sceneBoundingRect().adjusted(3, 3, -3, -3);
    const QRectF to = m_child->sceneBoundingRect().adjusted(3, 3, -3, -3);
    m_from = QPointF(from.center().x(), from.bottom());
    m_to = QPointF(to.center().x(), to.top());
}

QRectF EdgeItem::boundingRect() const {
    return QRectF(m_from, m_to).normalized().adjusted(-10, -10, 10, 10);
}

namespace {

void drawArrowHead(QPainter* painter, const QPointF& tip, const QPointF& from) {
    const QLineF line(from, tip);
    const qreal angle = qDegreesToRadians(line.angle());
    const qreal size = 9;
    const QPointF back1 =
        tip - QPointF(std::cos(angle - M_PI / 7) * size, -std::sin(angle - M_PI / 7) * size);
    const QPointF back2 =
        tip - QPointF(std::cos(angle + M_PI / 7) * size, -std::sin(angle + M_PI / 7) * size);
    painter->drawPolygon(QPolygonF{tip, back1, back2});
}

} // namespace

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QModelIndex child = m_child->modelIndex();
    if (!child.isValid())
        return;
    const bool readWrite =
        child.data(ferry::HierarchyModel::ModeRole).toString() == QLatin1String("ReadWrite");
    const bool inactive =
        child.data(ferry::HierarchyModel::ActivationRole).toString() == QLatin1String("Inactive");
    QColor colour = QApplication::palette().color(QPalette::Text);
    colour.setAlphaF(inactive ? 0.35 : 0.7);
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(colour, 1.6);
    if (inactive)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    // An elbow: down from the parent, across, down into the child.
    const qreal midY = (m_from.y() + m_to.y()) / 2;
    const QPolygonF path{m_from, QPointF(m_from.x(), midY), QPointF(m_to.x(), midY), m_to};
    painter->drawPolyline(path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    drawArrowHead(painter, m_to, QPointF(m_to.x(), midY)); // content flows down
    if (readWrite)
        drawArrowHead(painter, m_from, QPointF(m_from.x(), midY)); // and up
}

} // namespace ferry::ui
