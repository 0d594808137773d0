#pragma once
// Every scope map of a ferryd, system-defined ones included, as a table that
// loads page by page (PagedListModel over GET /api/v1/scope-maps): name,
// type, how many actions, description.

#include "pagedlistmodel.h"

namespace ferry {

class ScopeMapListModel : public PagedListModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, ActionsColumn, DescriptionColumn, ColumnCount };

    explicit ScopeMapListModel(ManagementClient* client, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QVariant columnText(const QJsonObject& scopeMap, int column) const override;
};

} // namespace ferry
