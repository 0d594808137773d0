#include "tokenlistmodel.h"

#include "managementclient.h"

#include <QJsonArray>
#include <QUrlQuery>
#include <algorithm>

namespace ferry {

namespace {

QString nameOf(const QJsonObject& token) {
    return token.value(QLatin1StringView("name")).toString();
}

QString slotText(const QJsonObject& token, const char* slot) {
    const QJsonObject value =
        token.value(QLatin1StringView("credentials")).toObject().value(QLatin1StringView(slot)).toObject();
    if (value.isEmpty())
        return TokenListModel::tr("empty");
    const QString expiry = value.value(QLatin1StringView("expiry")).toString();
    return expiry.isEmpty() ? TokenListModel::tr("set, no expiry") : TokenListModel::tr("expires %1").arg(expiry);
}

} // namespace

QString TokenListModel::statusText(const QString& status) {
    if (status == QLatin1String("enabled"))
        return tr("enabled");
    if (status == QLatin1String("disabled"))
        return tr("disabled");
    return status;
}

TokenListModel::TokenListModel(ManagementClient* client, QObject* parent)
    : QAbstractTableModel(parent)
    , m_client(client) {}

void TokenListModel::reload() {
    beginResetModel();
    m_tokens.clear();
    m_pages = 0;
    m_more = true;
    m_loading = false;
    ++m_generation;
    endResetModel();
    requestPage();
}

bool TokenListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_more && !m_loading;
}

void TokenListModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        requestPage();
}

void TokenListModel::requestPage() {
    if (m_loading)
        return; // one page at a time (a view may already have asked on the reset)
    m_loading = true;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("n"), QString::number(m_pageSize));
    if (!m_tokens.isEmpty())
        query.addQueryItem(QStringLiteral("last"), nameOf(m_tokens.last())); // [A-Za-z0-9-] only
    const quint64 generation = m_generation;
    ManagementCall* call = m_client->get(QStringLiteral("tokens"), query);
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
        const QJsonArray items = response.body.value(QLatin1StringView("items")).toArray();
        // The server's Link says whether more follow; no Link, no more.
        m_more = !response.link.isEmpty() && !items.isEmpty();
        QList<QJsonObject> fresh;
        fresh.reserve(items.size());
        for (const QJsonValue& item : items) {
            const QJsonObject token = item.toObject();
            // A token an event already placed is not added twice.
            if (m_tokens.isEmpty() || nameOf(m_tokens.last()) < nameOf(token))
                fresh.append(token);
        }
        ++m_pages;
        if (!fresh.isEmpty()) {
            beginInsertRows({}, int(m_tokens.size()), int(m_tokens.size() + fresh.size() - 1));
            m_tokens += fresh;
            // Still loading until the rows are in: a view asking for more
            // while they go in would ask for this page again.
            endInsertRows();
        }
        m_loading = false;
        Q_EMIT pageLoaded(int(fresh.size()));
    });
}

int TokenListModel::rowOf(const QString& name) const {
    const auto it = std::lower_bound(m_tokens.cbegin(), m_tokens.cend(), name,
                                     [](const QJsonObject& t, const QString& n) { return nameOf(t) < n; });
    return it != m_tokens.cend() && nameOf(*it) == name ? int(it - m_tokens.cbegin()) : -1;
}

void TokenListModel::applyEvent(const QString& type, const QJsonObject& data) {
    if (data.value(QLatin1StringView("kind")).toString() != QLatin1String("token"))
        return;
    const QString name = data.value(QLatin1StringView("name")).toString();
    const int row = rowOf(name);
    if (type == QLatin1String("deleted")) {
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_tokens.removeAt(row);
            endRemoveRows();
        }
        return;
    }
    const QJsonObject resource = data.value(QLatin1StringView("resource")).toObject();
    if (resource.isEmpty())
        return;
    if (row >= 0) {
        m_tokens[row] = resource;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // A new token inside the loaded range goes in its place; one beyond it
    // arrives with a later page.
    if (m_more && (m_tokens.isEmpty() || nameOf(m_tokens.last()) < name))
        return;
    const auto at = std::lower_bound(m_tokens.cbegin(), m_tokens.cend(), name,
                                     [](const QJsonObject& t, const QString& n) { return nameOf(t) < n; });
    const int insertAt = int(at - m_tokens.cbegin());
    beginInsertRows({}, insertAt, insertAt);
    m_tokens.insert(insertAt, resource);
    endInsertRows();
}

int TokenListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_tokens.size());
}

int TokenListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TokenListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_tokens.size())
        return {};
    const QJsonObject& token = m_tokens.at(index.row());
    if (role == NameRole)
        return nameOf(token);
    if (role == ResourceRole)
        return token;
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return nameOf(token);
    case StatusColumn:
        return statusText(token.value(QLatin1StringView("status")).toString());
    case ScopeMapColumn:
        return token.value(QLatin1StringView("scopeMap")).toString();
    case Password1Column:
        return slotText(token, "password1");
    case Password2Column:
        return slotText(token, "password2");
    }
    return {};
}

QVariant TokenListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Token");
    case StatusColumn:
        return tr("Status");
    case ScopeMapColumn:
        return tr("Scope map");
    case Password1Column:
        return tr("password1");
    case Password2Column:
        return tr("password2");
    }
    return {};
}

} // namespace ferry
