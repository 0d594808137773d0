#pragma once
// A management list (tokens, scope maps) as a table that loads page by page:
// the view asks for more as it scrolls (canFetchMore/fetchMore), each page
// one GET /api/v1/<path>?n=<page>&last=<name> (docs/api.md, the lists page
// like the OCI tags list), so a list of 20,000 opens with its first page and
// scrolls without reading the rest up front. Events of the stream
// (HierarchyFeed::eventReceived) of this list's kind update, insert or remove
// the one row they concern within what is loaded. Subclasses say only what
// their columns show.

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace ferry {

class ManagementClient;

class PagedListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { NameRole = Qt::UserRole + 1, ResourceRole };

    // path: the list below /api/v1/ ("tokens"); eventKind: the stream's
    // `kind` of its items ("token").
    PagedListModel(ManagementClient* client, QString path, QString eventKind, QObject* parent = nullptr);

    void setPageSize(int size) { m_pageSize = size; }
    // Forgets what is loaded and reads the first page.
    void reload();
    bool isLoading() const { return m_loading; }
    int pagesLoaded() const { return m_pages; }
    // One event of the stream; anything but this list's kind is ignored.
    void applyEvent(const QString& type, const QJsonObject& data);

    // The loaded item of that name, and its row; -1 / empty when not loaded.
    int rowOf(const QString& name) const;
    QJsonObject resourceAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void pageLoaded(int rows);
    void errorOccurred(const QString& message);

protected:
    // What the column shows of one item, for DisplayRole and AccessibleTextRole.
    virtual QVariant columnText(const QJsonObject& item, int column) const = 0;

private:
    void requestPage();

    ManagementClient* m_client;
    QString m_path;
    QString m_eventKind;
    QList<QJsonObject> m_items; // sorted by name, as the server sends them
    int m_pageSize = 200;
    int m_pages = 0;
    bool m_more = false; // nothing to fetch until reload() names the server
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace ferry
