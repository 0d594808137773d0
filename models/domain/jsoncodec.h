#pragma once
// JSON for the domain types, the one wire shape shared by ferryd's management
// API, ferryctl and the console. Field names are camelCase as in DOMAIN.md;
// times are RFC 3339 in UTC; absent values (root parent, no window, never
// synced, no expiry, empty password slot) are JSON null.
//
// Decoding checks shape only: types, required fields and enum spellings
// (JSON_INVALID, with `field` set to the dotted path). Domain rules are
// validation.h's job. Null counts as absent; unknown keys are ignored so an
// older client can read a newer server. A password value is never encoded,
// and a "value" key in a password slot is ignored, never decoded.

#include "domain/result.h"
#include "domain/types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace ferry {

// "2024-05-01T12:00:00Z", with ".zzz" only when milliseconds are non-zero;
// an invalid time gives an empty string.
QString formatRfc3339(const QDateTime& time);
// Requires a date, a time and an offset ('Z' or +hh:mm); converts to UTC.
Result<QDateTime> parseRfc3339(QStringView text);

QJsonObject toJson(const ConnectedRegistry& registry);
QJsonObject toJson(const Token& token);
QJsonObject toJson(const ScopeMap& scopeMap);
QJsonObject toJson(const StatusDetail& detail);

// Required: name and mode for a connected registry, name and scopeMap for a
// token, name for a scope map. Everything else falls back to the defaults in
// types.h.
Result<ConnectedRegistry> connectedRegistryFromJson(const QJsonObject& json);
Result<Token> tokenFromJson(const QJsonObject& json);
Result<ScopeMap> scopeMapFromJson(const QJsonObject& json);

template <class T> QJsonArray toJsonArray(const QList<T>& items) {
    QJsonArray out;
    for (const T& item : items)
        out.append(toJson(item));
    return out;
}

// Decodes every element with `decode`; the first failure names its index.
template <class T>
Result<QList<T>> listFromJson(const QJsonArray& array, Result<T> (*decode)(const QJsonObject&)) {
    QList<T> out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            return makeError(errc::JsonInvalid,
                             QStringLiteral("Element %1 of the list must be an object.").arg(i),
                             QStringLiteral("[%1]").arg(i));
        }
        auto item = decode(array.at(i).toObject());
        if (!item) {
            DomainError e = item.error();
            e.field =
                QStringLiteral("[%1]").arg(i) + (e.field.isEmpty() ? QString() : u'.' + e.field);
            return e;
        }
        out.append(std::move(item).value());
    }
    return out;
}

} // namespace ferry
