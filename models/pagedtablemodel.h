#pragma once
// The paging every management table shares: a page is one GET of the
// management API, read when a view asks for more (canFetchMore/fetchMore),
// one at a time, and a reload forgets the rows and answers still on their
// way. Subclasses say what the next page's query is and take its answer:
// PagedListModel pages by name (`n`/`last`), AuditLogModel by id (`after`).

#include <QAbstractTableModel>
#include <QUrlQuery>

namespace ferry {

class ManagementClient;
struct ApiResponse;

class PagedTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    void setPageSize(int size) { m_pageSize = size; }
    int pageSize() const { return m_pageSize; }
    // Forgets what is loaded and reads the first page.
    void reload();
    bool isLoading() const { return m_loading; }
    int pagesLoaded() const { return m_pages; }

    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void pageLoaded(int rows);
    void errorOccurred(const QString& message);

protected:
    // path: below /api/v1/ ("tokens", "audit").
    PagedTableModel(ManagementClient* client, QString path, QObject* parent);

    // Drops every row; called inside the model reset of reload().
    virtual void clearRows() = 0;
    // The query of the page after what is loaded.
    virtual QUrlQuery nextPageQuery() const = 0;
    // Inserts the page's rows (with begin/endInsertRows) and returns how many
    // went in; sets *more to whether another page may follow.
    virtual int takePage(const ApiResponse& response, bool* more) = 0;
    // Whether pages beyond the loaded rows may exist.
    bool mayHaveMore() const { return m_more; }

private:
    void requestPage();

    ManagementClient* m_client;
    QString m_path;
    int m_pageSize = 200;
    int m_pages = 0;
    bool m_more = false; // nothing to fetch until reload() names the server
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace ferry
