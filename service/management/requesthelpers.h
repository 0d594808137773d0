#pragma once
// Small pieces the token, scope map, audit and settings controllers share:
// typed reads of request body fields (JSON_INVALID naming the field), a check
// that a body holds only the keys a route understands (so a typo such as
// "addAction" fails loudly instead of silently doing nothing), the 405
// answer, and a resource body that carries its revision.

#include "management/apirequest.h"

#include <QJsonObject>
#include <QStringList>
#include <initializer_list>
#include <optional>

namespace ferry::management {

// Absent or null gives std::nullopt; any other non-string is JSON_INVALID.
Result<std::optional<QString>> optionalString(const QJsonObject& body, const QString& key);
Result<std::optional<bool>> optionalBool(const QJsonObject& body, const QString& key);
// An array of strings; absent or null gives std::nullopt.
Result<std::optional<QStringList>> optionalStringList(const QJsonObject& body, const QString& key);

// JSON_INVALID for the first key of `body` that is neither in `accepted` nor
// in `ignored` (fields the server owns, such as "revision", which a client
// may send back unchanged after a GET).
Status onlyKnownKeys(const QJsonObject& body, std::initializer_list<const char*> accepted,
                     std::initializer_list<const char*> ignored = {});

// 405 METHOD_NOT_ALLOWED with an Allow header listing what the route takes.
http::Response methodNotAllowed(const char* allow);

// 404 for a path below an area that names no route.
http::Response noSuchRoute();

// `object` plus "revision", with the revision as the ETag.
http::Response resourceResponse(unsigned status, QJsonObject object, int64_t revision);

// A failed mutate() whose error came from our own checks or the store.
inline http::Response failure(const Status& status) {
    return errorResponse(status.error());
}

} // namespace ferry::management
