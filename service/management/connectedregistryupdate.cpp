#include "management/connectedregistryupdate.h"

#include "domain/validation.h"
#include "management/apirequest.h"
#include "management/connectedregistryrules.h"

#include <QJsonArray>
#include <functional>
#include <optional>

namespace ferry::management {

namespace {

using L = QLatin1StringView;

DomainError shapeError(const QString& field, const QString& expectation) {
    return makeError(errc::JsonInvalid, QStringLiteral("Field '%1' %2.").arg(field, expectation),
                     field);
}

Result<std::optional<QStringList>> stringList(const QJsonObject& body, L key) {
    const QJsonValue value = body.value(key);
    if (value.isUndefined())
        return std::optional<QStringList>();
    if (!value.isArray())
        return shapeError(QString(key), QStringLiteral("must be an array of strings"));
    QStringList out;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString())
            return shapeError(QString(key), QStringLiteral("must be an array of strings"));
        out.push_back(item.toString());
    }
    return std::optional<QStringList>(out);
}

Status readString(const QJsonObject& object, const QString& path, L key, QString& out,
                  bool nullClears = false) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return {};
    if (value.isNull() && nullClears) {
        out.clear();
        return {};
    }
    if (!value.isString())
        return shapeError(path + u'.' + key, QStringLiteral("must be a string"));
    out = value.toString();
    return {};
}

template <class E> Status readEnum(const QJsonObject& object, const QString& path, L key, E& out) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return {};
    const auto parsed = enumFromString<E>(value.toString());
    if (!value.isString() || !parsed)
        return shapeError(
            path + u'.' + key,
            QStringLiteral("must be one of %1").arg(enumSpellings<E>().join(QStringLiteral(", "))));
    out = *parsed;
    return {};
}

Result<QJsonObject> section(const QJsonObject& body, L key) {
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return QJsonObject();
    if (!value.isObject())
        return shapeError(QString(key), QStringLiteral("must be an object"));
    return value.toObject();
}

// Applies "<key>", "add<Key>" and "remove<Key>" to `list`. `canonical` maps a
// name to the form it is compared and stored in (or an error).
Status mergeList(const QJsonObject& body, L key, L addKey, L removeKey, QStringList& list,
                 const std::function<Result<QString>(const QString&, const QString&)>& canonical) {
    auto replace = stringList(body, key);
    auto add = stringList(body, addKey);
    auto remove = stringList(body, removeKey);
    for (const auto* part : {&replace, &add, &remove}) {
        if (!*part)
            return part->error();
    }
    if (replace->has_value() && (add->has_value() || remove->has_value()))
        return makeError(
            kUpdateAmbiguity,
            QStringLiteral("Send either \"%1\" (the whole list) or \"%2\"/\"%3\", not both.")
                .arg(QString(key), QString(addKey), QString(removeKey)),
            QString(key));
    const auto resolve = [&canonical](const QStringList& names, L field) -> Result<QStringList> {
        QStringList out;
        for (qsizetype i = 0; i < names.size(); ++i) {
            auto name = canonical(names[i], QStringLiteral("%1[%2]").arg(QString(field)).arg(i));
            if (!name)
                return name.error();
            if (!out.contains(name.value()))
                out.push_back(name.value());
        }
        return out;
    };
    if (replace->has_value()) {
        auto names = resolve(**replace, key);
        if (!names)
            return names.error();
        list = names.value();
        return {};
    }
    auto added = resolve(add->value_or(QStringList()), addKey);
    auto removed = resolve(remove->value_or(QStringList()), removeKey);
    if (!added)
        return added.error();
    if (!removed)
        return removed.error();
    for (const QString& name : added.value()) {
        if (removed->contains(name))
            return makeError(kUpdateAmbiguity,
                             QStringLiteral("%1 is both added and removed.").arg(name),
                             QString(addKey));
    }
    for (const QString& name : removed.value())
        list.removeAll(name);
    for (const QString& name : added.value()) {
        if (!list.contains(name))
            list.push_back(name);
    }
    return {};
}

} // namespace

Status applyRegistryPatch(const access::AccessState& state, ConnectedRegistry& registry,
                          const QJsonObject& patch) {
    if (patch.contains(L("mode")))
        return makeError(errc::RuleViolation,
                         QStringLiteral("The mode of a connected registry cannot change."),
                         QStringLiteral("mode"));
    if (patch.contains(L("parent")))
        return makeError(errc::RuleViolation,
                         QStringLiteral("The parent of a connected registry cannot change."),
                         QStringLiteral("parent"));
    if (patch.contains(L("name")) &&
        patch.value(L("name")).toString().compare(registry.name, Qt::CaseInsensitive))
        return makeError(errc::RuleViolation,
                         QStringLiteral("A connected registry cannot be renamed."),
                         QStringLiteral("name"));

    const auto clientToken = [&state](const QString& name,
                                      const QString& field) -> Result<QString> {
        auto resolved = resolveClientTokens(state, {name}, field);
        if (!resolved) {
            DomainError error = resolved.error();
            error.field = field;
            return error;
        }
        return resolved->first();
    };
    if (Status merged = mergeList(patch, L("clientTokens"), L("addClientTokens"),
                                  L("removeClientTokens"), registry.clientTokens, clientToken);
        !merged)
        return merged;
    if (registry.clientTokens.size() > kMaxClientTokens)
        return makeError(
            errc::RuleViolation,
            QStringLiteral(
                "A connected registry accepts at most %1 client tokens; this would be %2.")
                .arg(kMaxClientTokens)
                .arg(registry.clientTokens.size()),
            QStringLiteral("clientTokens"));

    const auto asIs = [](const QString& text, const QString&) -> Result<QString> {
        return text.trimmed();
    };
    if (Status merged = mergeList(patch, L("notifications"), L("addNotifications"),
                                  L("removeNotifications"), registry.notifications, asIs);
        !merged)
        return merged;

    auto sync = section(patch, L("sync"));
    if (!sync)
        return sync.error();
    const QString syncPath = QStringLiteral("sync");
    if (sync->contains(L("token")) &&
        sync->value(L("token")).toString().compare(registry.sync.token, Qt::CaseInsensitive) != 0)
        return makeError(
            errc::RuleViolation,
            QStringLiteral("The sync token of a connected registry cannot be replaced; delete and "
                           "recreate the registry, or regenerate the token's password."),
            QStringLiteral("sync.token"));
    for (Status status : {readString(*sync, syncPath, L("schedule"), registry.sync.schedule),
                          readString(*sync, syncPath, L("window"), registry.sync.window, true),
                          readString(*sync, syncPath, L("messageTtl"), registry.sync.messageTtl)}) {
        if (!status)
            return status;
    }

    auto logging = section(patch, L("logging"));
    if (!logging)
        return logging.error();
    const QString loggingPath = QStringLiteral("logging");
    if (Status s = readEnum(*logging, loggingPath, L("level"), registry.logging.level); !s)
        return s;
    if (Status s = readEnum(*logging, loggingPath, L("auditLog"), registry.logging.auditLog); !s)
        return s;

    auto gc = section(patch, L("garbageCollection"));
    if (!gc)
        return gc.error();
    if (gc->contains(L("enabled"))) {
        if (!gc->value(L("enabled")).isBool())
            return shapeError(QStringLiteral("garbageCollection.enabled"),
                              QStringLiteral("must be true or false"));
        registry.garbageCollection.enabled = gc->value(L("enabled")).toBool();
    }
    if (Status s = readString(*gc, QStringLiteral("garbageCollection"), L("schedule"),
                              registry.garbageCollection.schedule);
        !s)
        return s;
    return validateConnectedRegistry(registry);
}

} // namespace ferry::management
