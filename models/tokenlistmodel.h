#pragma once
// Every token of a ferryd as a table that loads page by page: the view asks
// for more as it scrolls (canFetchMore/fetchMore), each page one GET
// /api/v1/tokens?n=<page>&last=<name>, so a list of 20,000 tokens opens with
// its first page and scrolls without reading the rest up front. Token events
// from the stream (HierarchyFeed::eventReceived) update, insert or remove the
// one row they concern within what is loaded.

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace ferry {

class ManagementClient;

class TokenListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // A token's status (enabled, disabled) in the user's language.
    static QString statusText(const QString& status);

    enum Column { NameColumn, StatusColumn, ScopeMapColumn, Password1Column, Password2Column, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1, ResourceRole };

    explicit TokenListModel(ManagementClient* client, QObject* parent = nullptr);

    void setPageSize(int size) { m_pageSize = size; }
    // Forgets what is loaded and reads the first page.
    void reload();
    bool isLoading() const { return m_loading; }
    int pagesLoaded() const { return m_pages; }
    // One event of the stream; anything but a token is ignored.
    void applyEvent(const QString& type, const QJsonObject& data);

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
    int rowOf(const QString& name) const; // -1 when not loaded

    ManagementClient* m_client;
    QList<QJsonObject> m_tokens; // sorted by name, as the server sends them
    int m_pageSize = 200;
    int m_pages = 0;
    bool m_more = false; // nothing to fetch until reload() names the server
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace ferry
