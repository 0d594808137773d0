#pragma once
// Every token of a ferryd as a table that loads page by page (PagedListModel
// over GET /api/v1/tokens): name, status, scope map, and each password
// slot's creation time and expiry.

#include "pagedlistmodel.h"

namespace ferry {

class TokenListModel : public PagedListModel {
    Q_OBJECT
public:
    // A token's status (enabled, disabled) in the user's language.
    static QString statusText(const QString& status);

    enum Column {
        NameColumn,
        StatusColumn,
        ScopeMapColumn,
        Password1Column,
        Password2Column,
        ColumnCount
    };

    // bool: the token is disabled. Views dim such rows (models/ has no
    // colours); the Status column says "disabled" in words as well.
    static constexpr int DisabledRole = ResourceRole + 1;

    explicit TokenListModel(ManagementClient* client, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "created <time>, expires <time>" for a slot of a token object; "empty".
    static QString slotText(const QJsonObject& token, int slot);

protected:
    QVariant columnText(const QJsonObject& token, int column) const override;
};

} // namespace ferry
