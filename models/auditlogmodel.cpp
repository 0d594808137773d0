#include "auditlogmodel.h"

#include "managementclient.h"

#include <QJsonArray>
#include <QLocale>

namespace ferry {

namespace {

QString field(const QJsonObject& record, const char* name) {
    return record.value(QLatin1StringView(name)).toString();
}

QDateTime timeOf(const QJsonObject& record) {
    return QDateTime::fromString(field(record, "time"), Qt::ISODate);
}

} // namespace

AuditLogModel::AuditLogModel(ManagementClient* client, QObject* parent)
    : PagedTableModel(client, QStringLiteral("audit"), parent) {}

void AuditLogModel::setTimeRange(const QDateTime& from, const QDateTime& to) {
    m_from = from;
    m_to = to;
}

void AuditLogModel::clearRows() {
    m_records.clear();
    m_afterId = 0;
}

QUrlQuery AuditLogModel::nextPageQuery() const {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), QString::number(m_afterId));
    query.addQueryItem(QStringLiteral("limit"), QString::number(pageSize()));
    if (!m_actionPrefix.isEmpty())
        query.addQueryItem(QStringLiteral("action"), m_actionPrefix);
    for (const QString& target : m_targets)
        query.addQueryItem(QStringLiteral("target"), target);
    return query;
}

int AuditLogModel::takePage(const ApiResponse& response, bool* more) {
    const QJsonArray items = response.body.value(QLatin1StringView("items")).toArray();
    // The audit log has no Link: a short page is its end.
    *more = items.size() == pageSize();
    QList<QJsonObject> fresh;
    for (const QJsonValue& value : items) {
        const QJsonObject record = value.toObject();
        m_afterId = std::max(m_afterId, qint64(record.value(QLatin1StringView("id")).toDouble()));
        const QDateTime time = timeOf(record);
        if (m_to.isValid() && time > m_to) {
            *more = false; // oldest first: nothing later can be in range
            break;
        }
        if (m_from.isValid() && time < m_from)
            continue;
        fresh.append(record);
    }
    if (!fresh.isEmpty()) {
        beginInsertRows({}, int(m_records.size()), int(m_records.size() + fresh.size() - 1));
        m_records += fresh;
        endInsertRows();
    }
    return int(fresh.size());
}

int AuditLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_records.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_records.size())
        return {};
    const QJsonObject& record = m_records.at(index.row());
    if (role == IdRole)
        return qint64(record.value(QLatin1StringView("id")).toDouble());
    if (role == RecordRole)
        return record;
    if (role == Qt::ToolTipRole && index.column() == ActorColumn)
        return tr("From %1").arg(field(record, "address"));
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case TimeColumn: {
        const QDateTime time = timeOf(record);
        return time.isValid()
                   ? QLocale().toString(time.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                   : field(record, "time");
    }
    case ActorColumn:
        return field(record, "actor");
    case ActionColumn:
        return field(record, "action");
    case TargetColumn:
        return field(record, "target");
    case OutcomeColumn:
        return field(record, "outcome");
    case DetailColumn:
        return field(record, "detail");
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Actor");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case OutcomeColumn:
        return tr("Outcome");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

} // namespace ferry
