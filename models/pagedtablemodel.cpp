#include "pagedtablemodel.h"

#include "managementclient.h"

namespace ferry {

PagedTableModel::PagedTableModel(ManagementClient* client, QString path, QObject* parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_path(std::move(path)) {}

void PagedTableModel::reload() {
    beginResetModel();
    clearRows();
    m_pages = 0;
    m_more = true;
    m_loading = false;
    ++m_generation;
    endResetModel();
    requestPage();
}

bool PagedTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_more && !m_loading;
}

void PagedTableModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        requestPage();
}

void PagedTableModel::requestPage() {
    if (m_loading)
        return; // one page at a time (a view may already have asked on the reset)
    m_loading = true;
    const quint64 generation = m_generation;
    ManagementCall* call = m_client->get(m_path, nextPageQuery());
    connect(call, &ManagementCall::finished, this, [this, call, generation] {
        call->deleteLater();
        if (generation != m_generation)
            return; // a reload replaced this request
        const ApiResponse& response = call->response();
        if (!response.ok()) {
            m_loading = false;
            m_more = false;
            Q_EMIT errorOccurred(response.error->message);
            return;
        }
        bool more = false;
        // Still loading while the rows go in: a view asking for more
        // meanwhile would ask for this page again.
        const int rows = takePage(response, &more);
        m_more = more;
        ++m_pages;
        m_loading = false;
        Q_EMIT pageLoaded(rows);
        // A page that added no row (all of it filtered out) makes no view ask
        // for the next one: go on until something shows or the list ends.
        if (rows == 0 && m_more)
            requestPage();
    });
}

} // namespace ferry
