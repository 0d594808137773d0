#pragma once
// The service's audit log (GET /api/v1/audit, docs/api.md "Audit log") as a
// table that loads page by page, oldest first, as the view scrolls: each page
// one request with after=<last id>. The action filter is a prefix the server
// applies (`token.` or `scopeMap.update`); the time range is applied here,
// since records come in time order: those before `from` are passed over, and
// the first one after `to` ends the list.

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace ferry {

class ManagementClient;

class AuditLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, ActorColumn, ActionColumn, TargetColumn, OutcomeColumn, DetailColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, RecordRole };

    explicit AuditLogModel(ManagementClient* client, QObject* parent = nullptr);

    void setPageSize(int size) { m_pageSize = size; }
    // Filters take effect on the next reload().
    void setActionPrefix(const QString& prefix) { m_actionPrefix = prefix; }
    QString actionPrefix() const { return m_actionPrefix; }
    // Either end may be invalid: open on that side.
    void setTimeRange(const QDateTime& from, const QDateTime& to);
    // Forgets what is loaded and reads from the start.
    void reload();
    bool isLoading() const { return m_loading; }
    int pagesLoaded() const { return m_pages; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void pageLoaded(int rows);
    void errorOccurred(const QString& message);

private:
    void requestPage();

    ManagementClient* m_client;
    QList<QJsonObject> m_records;
    QString m_actionPrefix;
    QDateTime m_from;
    QDateTime m_to;
    qint64 m_afterId = 0; // the last id read, shown or passed over
    int m_pageSize = 200;
    int m_pages = 0;
    bool m_more = false;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace ferry
