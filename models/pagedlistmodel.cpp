#include "pagedlistmodel.h"

#include "managementclient.h"

#include <QJsonArray>
#include <algorithm>

namespace ferry {

namespace {

QString nameOf(const QJsonObject& item) {
    return item.value(QLatin1StringView("name")).toString();
}

bool nameLess(const QJsonObject& item, const QString& name) {
    return nameOf(item) < name;
}

} // namespace

PagedListModel::PagedListModel(ManagementClient* client, QString path, QString eventKind,
                               QObject* parent)
    : PagedTableModel(client, std::move(path), parent)
    , m_eventKind(std::move(eventKind)) {}

QUrlQuery PagedListModel::nextPageQuery() const {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("n"), QString::number(pageSize()));
    if (!m_items.isEmpty())
        query.addQueryItem(QStringLiteral("last"), nameOf(m_items.last())); // [A-Za-z0-9_-] only
    return query;
}

int PagedListModel::takePage(const ApiResponse& response, bool* more) {
    const QJsonArray items = response.body.value(QLatin1StringView("items")).toArray();
    // The server's Link says whether more follow; no Link, no more.
    *more = !response.link.isEmpty() && !items.isEmpty();
    QList<QJsonObject> fresh;
    fresh.reserve(items.size());
    for (const QJsonValue& value : items) {
        const QJsonObject item = value.toObject();
        // An item an event already placed is not added twice.
        if (m_items.isEmpty() || nameOf(m_items.last()) < nameOf(item))
            fresh.append(item);
    }
    if (!fresh.isEmpty()) {
        beginInsertRows({}, int(m_items.size()), int(m_items.size() + fresh.size() - 1));
        m_items += fresh;
        endInsertRows();
    }
    return int(fresh.size());
}

int PagedListModel::rowOf(const QString& name) const {
    const auto it = std::lower_bound(m_items.cbegin(), m_items.cend(), name, nameLess);
    return it != m_items.cend() && nameOf(*it) == name ? int(it - m_items.cbegin()) : -1;
}

QJsonObject PagedListModel::resourceAt(int row) const {
    return row >= 0 && row < m_items.size() ? m_items.at(row) : QJsonObject();
}

void PagedListModel::applyEvent(const QString& type, const QJsonObject& data) {
    if (data.value(QLatin1StringView("kind")).toString() != m_eventKind)
        return;
    const QString name = data.value(QLatin1StringView("name")).toString();
    const int row = rowOf(name);
    if (type == QLatin1String("deleted")) {
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_items.removeAt(row);
            endRemoveRows();
        }
        return;
    }
    const QJsonObject resource = data.value(QLatin1StringView("resource")).toObject();
    if (resource.isEmpty())
        return;
    if (row >= 0) {
        m_items[row] = resource;
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    // A new item inside the loaded range goes in its place; one beyond it
    // arrives with a later page.
    if (mayHaveMore() && (m_items.isEmpty() || nameOf(m_items.last()) < name))
        return;
    const auto at = std::lower_bound(m_items.cbegin(), m_items.cend(), name, nameLess);
    const int insertAt = int(at - m_items.cbegin());
    beginInsertRows({}, insertAt, insertAt);
    m_items.insert(insertAt, resource);
    endInsertRows();
}

int PagedListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant PagedListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const QJsonObject& item = m_items.at(index.row());
    if (role == NameRole)
        return nameOf(item);
    if (role == ResourceRole)
        return item;
    // EditRole too: an editable QComboBox over the list reads its items so.
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::AccessibleTextRole)
        return {};
    return columnText(item, index.column());
}

} // namespace ferry
