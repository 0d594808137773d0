#include "management/requesthelpers.h"

#include <QJsonArray>

namespace ferry::management {

namespace {

DomainError shapeError(const QString& key, const char* expected) {
    return makeError(errc::JsonInvalid,
                     QStringLiteral("'%1' must be %2.").arg(key, QLatin1String(expected)), key);
}

} // namespace

Result<std::optional<QString>> optionalString(const QJsonObject& body, const QString& key) {
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<QString>();
    if (!value.isString())
        return shapeError(key, "a string");
    return std::optional<QString>(value.toString());
}

Result<std::optional<bool>> optionalBool(const QJsonObject& body, const QString& key) {
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<bool>();
    if (!value.isBool())
        return shapeError(key, "true or false");
    return std::optional<bool>(value.toBool());
}

Result<std::optional<QStringList>> optionalStringList(const QJsonObject& body, const QString& key) {
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<QStringList>();
    if (!value.isArray())
        return shapeError(key, "an array of strings");
    QStringList out;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return makeError(errc::JsonInvalid,
                             QStringLiteral("'%1' must hold only strings.").arg(key),
                             QStringLiteral("%1[%2]").arg(key).arg(i));
        out.push_back(array.at(i).toString());
    }
    return std::optional<QStringList>(out);
}

Status onlyKnownKeys(const QJsonObject& body, std::initializer_list<const char*> accepted,
                     std::initializer_list<const char*> ignored) {
    auto listed = [](const QString& key, std::initializer_list<const char*> keys) {
        for (const char* candidate : keys) {
            if (key == QLatin1String(candidate))
                return true;
        }
        return false;
    };
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (listed(it.key(), accepted) || listed(it.key(), ignored))
            continue;
        QStringList names;
        for (const char* candidate : accepted)
            names.push_back(QLatin1String(candidate));
        return makeError(errc::JsonInvalid,
                         QStringLiteral("Unknown field '%1'; this route accepts %2.")
                             .arg(it.key(), names.join(QLatin1String(", "))),
                         it.key());
    }
    return {};
}

http::Response methodNotAllowed(const char* allow) {
    http::Response response =
        errorResponse(405, "METHOD_NOT_ALLOWED",
                      QStringLiteral("This route accepts %1 only.").arg(QLatin1String(allow)));
    response.header("Allow", allow);
    return response;
}

http::Response noSuchRoute() {
    return errorResponse(404, "NOT_FOUND", QStringLiteral("No such API route."));
}

http::Response resourceResponse(unsigned status, QJsonObject object, int64_t revision) {
    object.insert(QStringLiteral("revision"), qint64(revision));
    return jsonResponse(status, object, revision);
}

} // namespace ferry::management
