#pragma once
// Paints a row in the palette's disabled text colour when the model says the
// item is disabled (a role holding a bool): a disabled token looks greyed out,
// while its Status column says "disabled" in words, so colour never carries
// the meaning alone.

#include <QStyledItemDelegate>

namespace ferry::ui {

class DimmedRowDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    DimmedRowDelegate(int disabledRole, QObject* parent = nullptr);
    // The text colour the row of `index` is painted in, from `palette`.
    QColor textColour(const QModelIndex& index, const QPalette& palette) const;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    int m_disabledRole;
};

} // namespace ferry::ui
