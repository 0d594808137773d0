#include "tokenlistmodel.h"

#include <QDateTime>

namespace ferry {

namespace {

QString localTime(const QString& rfc3339) {
    const QDateTime time = QDateTime::fromString(rfc3339, Qt::ISODate);
    // Compact and sortable by eye, like the audit log's times.
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                          : rfc3339;
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
    : PagedListModel(client, QStringLiteral("tokens"), QStringLiteral("token"), parent) {}

QString TokenListModel::slotText(const QJsonObject& token, int slot) {
    const QJsonObject value = token.value(QLatin1StringView("credentials"))
                                  .toObject()
                                  .value(QStringLiteral("password%1").arg(slot))
                                  .toObject();
    if (value.isEmpty())
        return tr("empty");
    const QString created = localTime(value.value(QLatin1StringView("creationTime")).toString());
    const QString expiry = value.value(QLatin1StringView("expiry")).toString();
    if (expiry.isEmpty())
        return tr("created %1, no expiry").arg(created);
    const bool expired =
        QDateTime::fromString(expiry, Qt::ISODate) <= QDateTime::currentDateTimeUtc();
    return (expired ? tr("created %1, expired %2") : tr("created %1, expires %2"))
        .arg(created, localTime(expiry));
}

QVariant TokenListModel::data(const QModelIndex& index, int role) const {
    if (role == DisabledRole)
        return PagedListModel::data(index, ResourceRole)
                   .toJsonObject()
                   .value(QLatin1StringView("status"))
                   .toString() == QLatin1String("disabled");
    return PagedListModel::data(index, role);
}

int TokenListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TokenListModel::columnText(const QJsonObject& token, int column) const {
    switch (column) {
    case NameColumn:
        return token.value(QLatin1StringView("name")).toString();
    case StatusColumn:
        return statusText(token.value(QLatin1StringView("status")).toString());
    case ScopeMapColumn:
        return token.value(QLatin1StringView("scopeMap")).toString();
    case Password1Column:
        return slotText(token, 1);
    case Password2Column:
        return slotText(token, 2);
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
