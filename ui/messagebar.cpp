#include "messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QToolButton(this))
    , m_close(new QToolButton(this)) {
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_action->setObjectName(QStringLiteral("messageAction"));
    m_close->setObjectName(QStringLiteral("messageClose"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    // A screen reader reads these by name: the icon-only button and the labels.
    m_close->setAccessibleName(tr("Dismiss message"));
    // Hidden until a message offers an action; named even then (AT-SPI lists it).
    m_action->setAccessibleName(tr("Message action"));
    m_icon->setAccessibleName(tr("Message type"));
    m_text->setAccessibleName(tr("Message"));
    setAccessibleName(tr("Message bar"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignTop);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_action, &QToolButton::clicked, this, &MessageBar::actionTriggered);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    hide();
}

void MessageBar::showMessage(const QString& text, Type type, const QString& actionText) {
    m_type = type;
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setAccessibleName(actionText.isEmpty() ? tr("Message action")
                                                     : QString(actionText).remove(u'&'));
    m_action->setVisible(!actionText.isEmpty());
    applyStyle();
    show();
}

QString MessageBar::text() const {
    return m_text->text();
}

void MessageBar::dismiss() {
    if (isHidden())
        return;
    hide();
    Q_EMIT dismissed();
}

void MessageBar::applyStyle() {
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QColor tint(0x3d, 0xae, 0xe9);
    switch (m_type) {
    case Type::Error:
        icon = QStyle::SP_MessageBoxCritical;
        tint = QColor(0xda, 0x44, 0x53);
        break;
    case Type::Warning:
        icon = QStyle::SP_MessageBoxWarning;
        tint = QColor(0xf6, 0x74, 0x00);
        break;
    case Type::Information:
        break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    // A light wash of the type's colour over the window background keeps the
    // text readable in both light and dark palettes.
    QPalette palette = this->palette();
    const QColor base = palette.color(QPalette::Window);
    const auto mix = [&](int a, int b) { return int(a * 0.8 + b * 0.2); };
    palette.setColor(QPalette::Window,
                     QColor(mix(base.red(), tint.red()), mix(base.green(), tint.green()),
                            mix(base.blue(), tint.blue())));
    setPalette(palette);
}
