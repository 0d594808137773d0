#include "scopemaplistmodel.h"

#include <QJsonArray>

namespace ferry {

ScopeMapListModel::ScopeMapListModel(ManagementClient* client, QObject* parent)
    : PagedListModel(client, QStringLiteral("scope-maps"), QStringLiteral("scopeMap"), parent) {}

int ScopeMapListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScopeMapListModel::columnText(const QJsonObject& scopeMap, int column) const {
    switch (column) {
    case NameColumn:
        return scopeMap.value(QLatin1StringView("name")).toString();
    case TypeColumn:
        return scopeMap.value(QLatin1StringView("type")).toString() ==
                       QLatin1String("SystemDefined")
                   ? tr("system")
                   : tr("user");
    case ActionsColumn:
        return tr("%n action(s)", nullptr,
                  int(scopeMap.value(QLatin1StringView("actions")).toArray().size()));
    case DescriptionColumn:
        return scopeMap.value(QLatin1StringView("description")).toString();
    }
    return {};
}

QVariant ScopeMapListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Scope map");
    case TypeColumn:
        return tr("Type");
    case ActionsColumn:
        return tr("Actions");
    case DescriptionColumn:
        return tr("Description");
    }
    return {};
}

} // namespace ferry
