#pragma once
// A management list (tokens, scope maps) as a table that loads page by page
// (PagedTableModel): each page one GET /api/v1/<path>?n=<page>&last=<name>
// (docs/api.md, the lists page like the OCI tags list), so a list of 20,000
// opens with its first page and scrolls without reading the rest up front. Events of the stream
// (HierarchyFeed::eventReceived) of this list's kind update, insert or remove
// the one row they concern within what is loaded. Subclasses say only what
// their columns show.

#include "pagedtablemodel.h"

#include <QJsonObject>
#include <QList>

namespace ferry {

class PagedListModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Role { NameRole = Qt::UserRole + 1, ResourceRole };

    // path: the list below /api/v1/ ("tokens"); eventKind: the stream's
    // `kind` of its items ("token").
    PagedListModel(ManagementClient* client, QString path, QString eventKind,
                   QObject* parent = nullptr);

    // One event of the stream; anything but this list's kind is ignored.
    void applyEvent(const QString& type, const QJsonObject& data);

    // The loaded item of that name, and its row; -1 / empty when not loaded.
    int rowOf(const QString& name) const;
    QJsonObject resourceAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    // What the column shows of one item, for DisplayRole and AccessibleTextRole.
    virtual QVariant columnText(const QJsonObject& item, int column) const = 0;

private:
    void clearRows() override { m_items.clear(); }
    QUrlQuery nextPageQuery() const override;
    int takePage(const ApiResponse& response, bool* more) override;

    QString m_eventKind;
    QList<QJsonObject> m_items; // sorted by name, as the server sends them
};

} // namespace ferry
