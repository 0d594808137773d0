#include "dimmedrowdelegate.h"

namespace ferry::ui {

DimmedRowDelegate::DimmedRowDelegate(int disabledRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_disabledRole(disabledRole) {}

QColor DimmedRowDelegate::textColour(const QModelIndex& index, const QPalette& palette) const {
    return palette.color(index.data(m_disabledRole).toBool() ? QPalette::Disabled
                                                             : QPalette::Active,
                         QPalette::Text);
}

void DimmedRowDelegate::initStyleOption(QStyleOptionViewItem* option,
                                        const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(m_disabledRole).toBool())
        return;
    option->palette.setColor(QPalette::Text, textColour(index, option->palette));
    // A selected row stays readable, and still looks set apart.
    option->palette.setColor(QPalette::HighlightedText,
                             option->palette.color(QPalette::Disabled, QPalette::HighlightedText));
}

} // namespace ferry::ui
