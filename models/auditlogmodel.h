#pragma once
// The service's audit log (GET /api/v1/audit, docs/api.md "Audit log") as a
// table that loads page by page, oldest first, as the view scrolls: each page
// one request with after=<last id>. The action filter is a prefix the server
// applies (`token.` or `scopeMap.update`); the time range is applied here,
// since records come in time order: those before `from` are passed over, and
// the first one after `to` ends the list.

#include "pagedtablemodel.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace ferry {

class AuditLogModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ActorColumn,
        ActionColumn,
        TargetColumn,
        OutcomeColumn,
        DetailColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, RecordRole };

    explicit AuditLogModel(ManagementClient* client, QObject* parent = nullptr);

    // Filters take effect on the next reload().
    void setActionPrefix(const QString& prefix) { m_actionPrefix = prefix; }
    QString actionPrefix() const { return m_actionPrefix; }
    // Only records about exactly these targets ("connected-registries/edge1",
    // "tokens/edge1-sync-token"); the server filters (repeated `target`).
    void setTargets(const QStringList& targets) { m_targets = targets; }
    QStringList targets() const { return m_targets; }
    // Either end may be invalid: open on that side.
    void setTimeRange(const QDateTime& from, const QDateTime& to);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void clearRows() override;
    QUrlQuery nextPageQuery() const override;
    int takePage(const ApiResponse& response, bool* more) override;

    QList<QJsonObject> m_records;
    QString m_actionPrefix;
    QStringList m_targets;
    QDateTime m_from;
    QDateTime m_to;
    qint64 m_afterId = 0; // the last id read, shown or passed over
};

} // namespace ferry
