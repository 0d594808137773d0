#include "domain/jsoncodec.h"

#include <QJsonValue>
#include <QRegularExpression>

namespace ferry {
namespace {

#define FERRY_TRY(expr)                                                                            \
    do {                                                                                           \
        if (auto ferryTryStatus_ = (expr); !ferryTryStatus_)                                       \
            return ferryTryStatus_.error();                                                        \
    } while (false)

QString join(const QString& path, QLatin1StringView key) {
    return path.isEmpty() ? QString(key) : path + u'.' + key;
}

DomainError shapeError(const QString& field, const QString& expectation) {
    return makeError(errc::JsonInvalid, QStringLiteral("Field '%1' %2.").arg(field, expectation),
                     field);
}

QJsonValue timeOrNull(const QDateTime& t) {
    return t.isValid() ? QJsonValue(formatRfc3339(t)) : QJsonValue(QJsonValue::Null);
}

QJsonValue stringOrNull(const QString& s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// Each reader leaves `out` untouched when the key is absent or null, so the
// caller's defaults survive.
Status readString(const QJsonObject& o, const QString& path, QLatin1StringView key, QString& out,
                  bool required = false) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return shapeError(join(path, key), QStringLiteral("is required"));
        return {};
    }
    if (!v.isString())
        return shapeError(join(path, key), QStringLiteral("must be a string"));
    out = v.toString();
    if (required && out.isEmpty())
        return shapeError(join(path, key), QStringLiteral("is required and can't be empty"));
    return {};
}

Status readBool(const QJsonObject& o, const QString& path, QLatin1StringView key, bool& out) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isBool())
        return shapeError(join(path, key), QStringLiteral("must be true or false"));
    out = v.toBool();
    return {};
}

Status readStringList(const QJsonObject& o, const QString& path, QLatin1StringView key,
                      QStringList& out) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray())
        return shapeError(join(path, key), QStringLiteral("must be an array of strings"));
    QStringList items;
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString())
            return shapeError(join(path, key), QStringLiteral("must be an array of strings"));
        items << item.toString();
    }
    out = items;
    return {};
}

Status readTime(const QJsonObject& o, const QString& path, QLatin1StringView key, QDateTime& out) {
    QString text;
    FERRY_TRY(readString(o, path, key, text));
    if (text.isEmpty())
        return {};
    auto parsed = parseRfc3339(text);
    if (!parsed) {
        return shapeError(join(path, key), QStringLiteral("must be an RFC 3339 time such as "
                                                          "2024-05-01T12:00:00Z; got '%1'")
                                               .arg(text));
    }
    out = parsed.value();
    return {};
}

template <class E>
Status readEnum(const QJsonObject& o, const QString& path, QLatin1StringView key, E& out,
                bool required = false) {
    QString text;
    FERRY_TRY(readString(o, path, key, text, required));
    if (text.isEmpty())
        return {};
    const auto value = enumFromString<E>(text);
    if (!value) {
        return shapeError(join(path, key),
                          QStringLiteral("has unknown value '%1'; expected %2")
                              .arg(text, enumSpellings<E>().join(QStringLiteral(", "))));
    }
    out = *value;
    return {};
}

// Absent or null gives an empty object, which every reader treats as "all
// defaults".
Status readObject(const QJsonObject& o, const QString& path, QLatin1StringView key,
                  QJsonObject& out) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        out = {};
        return {};
    }
    if (!v.isObject())
        return shapeError(join(path, key), QStringLiteral("must be an object"));
    out = v.toObject();
    return {};
}

Result<StatusDetail> statusDetailFromJson(const QJsonObject& o, const QString& path) {
    StatusDetail d;
    FERRY_TRY(readString(o, path, QLatin1StringView("type"), d.type));
    FERRY_TRY(readString(o, path, QLatin1StringView("code"), d.code));
    FERRY_TRY(readString(o, path, QLatin1StringView("description"), d.description));
    FERRY_TRY(readTime(o, path, QLatin1StringView("timestamp"), d.timestamp));
    FERRY_TRY(readString(o, path, QLatin1StringView("correlationId"), d.correlationId));
    return d;
}

QJsonValue slotToJson(const std::optional<PasswordSlot>& slot) {
    if (!slot)
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("creationTime"), timeOrNull(slot->creationTime)},
                       {QStringLiteral("expiry"), timeOrNull(slot->expiry)}};
}

Status readSlot(const QJsonObject& o, const QString& path, QLatin1StringView key,
                std::optional<PasswordSlot>& out) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isObject())
        return shapeError(join(path, key), QStringLiteral("must be an object or null"));
    PasswordSlot slot;
    const QString slotPath = join(path, key);
    FERRY_TRY(
        readTime(v.toObject(), slotPath, QLatin1StringView("creationTime"), slot.creationTime));
    FERRY_TRY(readTime(v.toObject(), slotPath, QLatin1StringView("expiry"), slot.expiry));
    out = slot;
    return {};
}

} // namespace

QString formatRfc3339(const QDateTime& time) {
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    return utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

Result<QDateTime> parseRfc3339(QStringView text) {
    // RFC 3339 demands seconds and an explicit offset; Qt's ISO parser would
    // accept less and silently assume local time, so check the shape first.
    static const QRegularExpression shape(QRegularExpression::anchoredPattern(QStringLiteral(
        R"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2}))")));
    const QString s = text.toString();
    const QDateTime parsed = shape.match(s).hasMatch()
                                 ? QDateTime::fromString(s.toUpper(), Qt::ISODateWithMs)
                                 : QDateTime();
    if (!parsed.isValid()) {
        return makeError(errc::JsonInvalid,
                         QStringLiteral("'%1' is not an RFC 3339 time with an offset, such as "
                                        "2024-05-01T12:00:00Z.")
                             .arg(s));
    }
    return parsed.toUTC();
}

QJsonObject toJson(const StatusDetail& d) {
    return {{QStringLiteral("type"), d.type},
            {QStringLiteral("code"), d.code},
            {QStringLiteral("description"), d.description},
            {QStringLiteral("timestamp"), timeOrNull(d.timestamp)},
            {QStringLiteral("correlationId"), d.correlationId}};
}

namespace {

QJsonArray commandsToJson(const QList<RegistryCommand>& commands) {
    QJsonArray array;
    for (const RegistryCommand& command : commands)
        array.push_back(QJsonObject{{QStringLiteral("id"), command.id},
                                    {QStringLiteral("type"), command.type},
                                    {QStringLiteral("issued"), timeOrNull(command.issued)},
                                    {QStringLiteral("expires"), timeOrNull(command.expires)}});
    return array;
}

// Pending commands; older stored documents have none.
Status readCommands(const QJsonObject& o, QList<RegistryCommand>& out) {
    const QJsonValue value = o.value(QLatin1StringView("commands"));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray())
        return shapeError(QStringLiteral("commands"), QStringLiteral("must be an array"));
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("commands[%1]").arg(i);
        if (!array.at(i).isObject())
            return shapeError(path, QStringLiteral("must be an object"));
        const QJsonObject entry = array.at(i).toObject();
        RegistryCommand command;
        FERRY_TRY(readString(entry, path, QLatin1StringView("id"), command.id, true));
        FERRY_TRY(readString(entry, path, QLatin1StringView("type"), command.type, true));
        FERRY_TRY(readTime(entry, path, QLatin1StringView("issued"), command.issued));
        FERRY_TRY(readTime(entry, path, QLatin1StringView("expires"), command.expires));
        out.push_back(command);
    }
    return {};
}

} // namespace

QJsonObject toJson(const ConnectedRegistry& r) {
    QJsonObject sync{{QStringLiteral("token"), r.sync.token},
                     {QStringLiteral("schedule"), r.sync.schedule},
                     {QStringLiteral("window"), stringOrNull(r.sync.window)},
                     {QStringLiteral("messageTtl"), r.sync.messageTtl}};
    QJsonObject logging{{QStringLiteral("level"), toString(r.logging.level)},
                        {QStringLiteral("auditLog"), toString(r.logging.auditLog)}};
    QJsonObject gc{{QStringLiteral("enabled"), r.garbageCollection.enabled},
                   {QStringLiteral("schedule"), r.garbageCollection.schedule}};
    QJsonObject login{{QStringLiteral("host"), r.loginServer.host},
                      {QStringLiteral("tls"), toString(r.loginServer.tls)}};
    return {{QStringLiteral("name"), r.name},
            {QStringLiteral("mode"), toString(r.mode)},
            {QStringLiteral("parent"), stringOrNull(r.parent)},
            {QStringLiteral("clientTokens"), QJsonArray::fromStringList(r.clientTokens)},
            {QStringLiteral("sync"), sync},
            {QStringLiteral("logging"), logging},
            {QStringLiteral("notifications"), QJsonArray::fromStringList(r.notifications)},
            {QStringLiteral("garbageCollection"), gc},
            {QStringLiteral("activation"), toString(r.activation)},
            {QStringLiteral("connectionState"), toString(r.connectionState)},
            {QStringLiteral("lastSyncTime"), timeOrNull(r.lastSyncTime)},
            {QStringLiteral("lastActivityTime"), timeOrNull(r.lastActivityTime)},
            {QStringLiteral("version"), r.version},
            {QStringLiteral("statusDetails"), toJsonArray(r.statusDetails)},
            {QStringLiteral("loginServer"), login},
            {QStringLiteral("syncProgress"),
             QJsonObject{{QStringLiteral("bytesDone"), r.syncProgress.bytesDone},
                         {QStringLiteral("bytesTotal"), r.syncProgress.bytesTotal},
                         {QStringLiteral("blobsDone"), r.syncProgress.blobsDone},
                         {QStringLiteral("blobsTotal"), r.syncProgress.blobsTotal}}},
            {QStringLiteral("storage"),
             QJsonObject{{QStringLiteral("usedBytes"), r.storage.usedBytes},
                         {QStringLiteral("availableBytes"), r.storage.availableBytes}}},
            {QStringLiteral("commands"), commandsToJson(r.commands)},
            {QStringLiteral("acknowledgedCommands"),
             QJsonArray::fromStringList(r.acknowledgedCommands)}};
}

Result<ConnectedRegistry> connectedRegistryFromJson(const QJsonObject& o) {
    using L = QLatin1StringView;
    const QString root;
    ConnectedRegistry r;
    FERRY_TRY(readString(o, root, L("name"), r.name, true));
    FERRY_TRY(readEnum(o, root, L("mode"), r.mode, true));
    FERRY_TRY(readString(o, root, L("parent"), r.parent));
    FERRY_TRY(readStringList(o, root, L("clientTokens"), r.clientTokens));

    QJsonObject sync;
    FERRY_TRY(readObject(o, root, L("sync"), sync));
    const QString syncPath = QStringLiteral("sync");
    FERRY_TRY(readString(sync, syncPath, L("token"), r.sync.token));
    FERRY_TRY(readString(sync, syncPath, L("schedule"), r.sync.schedule));
    FERRY_TRY(readString(sync, syncPath, L("window"), r.sync.window));
    FERRY_TRY(readString(sync, syncPath, L("messageTtl"), r.sync.messageTtl));

    QJsonObject logging;
    FERRY_TRY(readObject(o, root, L("logging"), logging));
    FERRY_TRY(readEnum(logging, QStringLiteral("logging"), L("level"), r.logging.level));
    FERRY_TRY(readEnum(logging, QStringLiteral("logging"), L("auditLog"), r.logging.auditLog));

    FERRY_TRY(readStringList(o, root, L("notifications"), r.notifications));

    QJsonObject gc;
    FERRY_TRY(readObject(o, root, L("garbageCollection"), gc));
    FERRY_TRY(readBool(gc, QStringLiteral("garbageCollection"), L("enabled"),
                       r.garbageCollection.enabled));
    FERRY_TRY(readString(gc, QStringLiteral("garbageCollection"), L("schedule"),
                         r.garbageCollection.schedule));

    FERRY_TRY(readEnum(o, root, L("activation"), r.activation));
    FERRY_TRY(readEnum(o, root, L("connectionState"), r.connectionState));
    FERRY_TRY(readTime(o, root, L("lastSyncTime"), r.lastSyncTime));
    FERRY_TRY(readTime(o, root, L("lastActivityTime"), r.lastActivityTime));
    FERRY_TRY(readString(o, root, L("version"), r.version));

    const QJsonValue details = o.value(L("statusDetails"));
    if (!details.isUndefined() && !details.isNull()) {
        if (!details.isArray())
            return shapeError(QStringLiteral("statusDetails"), QStringLiteral("must be an array"));
        const QJsonArray array = details.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString path = QStringLiteral("statusDetails[%1]").arg(i);
            if (!array.at(i).isObject())
                return shapeError(path, QStringLiteral("must be an object"));
            auto detail = statusDetailFromJson(array.at(i).toObject(), path);
            if (!detail)
                return detail.error();
            r.statusDetails << detail.value();
        }
    }

    QJsonObject login;
    FERRY_TRY(readObject(o, root, L("loginServer"), login));
    FERRY_TRY(readString(login, QStringLiteral("loginServer"), L("host"), r.loginServer.host));
    FERRY_TRY(readEnum(login, QStringLiteral("loginServer"), L("tls"), r.loginServer.tls));
    // Reported numbers; older stored documents have none.
    const QJsonObject progress = o.value(L("syncProgress")).toObject();
    r.syncProgress.bytesDone = progress.value(L("bytesDone")).toInteger();
    r.syncProgress.bytesTotal = progress.value(L("bytesTotal")).toInteger();
    r.syncProgress.blobsDone = progress.value(L("blobsDone")).toInteger();
    r.syncProgress.blobsTotal = progress.value(L("blobsTotal")).toInteger();
    const QJsonObject storage = o.value(L("storage")).toObject();
    r.storage.usedBytes = storage.value(L("usedBytes")).toInteger();
    r.storage.availableBytes = storage.value(L("availableBytes")).toInteger();
    FERRY_TRY(readCommands(o, r.commands));
    FERRY_TRY(readStringList(o, root, L("acknowledgedCommands"), r.acknowledgedCommands));
    return r;
}

QJsonObject toJson(const Token& t) {
    QJsonObject credentials{{QStringLiteral("password1"), slotToJson(t.credentials.password1)},
                            {QStringLiteral("password2"), slotToJson(t.credentials.password2)}};
    return {{QStringLiteral("name"), t.name},
            {QStringLiteral("scopeMap"), t.scopeMap},
            {QStringLiteral("status"), toString(t.status)},
            {QStringLiteral("credentials"), credentials},
            {QStringLiteral("creationTime"), timeOrNull(t.creationTime)}};
}

Result<Token> tokenFromJson(const QJsonObject& o) {
    using L = QLatin1StringView;
    const QString root;
    Token t;
    FERRY_TRY(readString(o, root, L("name"), t.name, true));
    FERRY_TRY(readString(o, root, L("scopeMap"), t.scopeMap, true));
    FERRY_TRY(readEnum(o, root, L("status"), t.status));
    QJsonObject credentials;
    FERRY_TRY(readObject(o, root, L("credentials"), credentials));
    const QString path = QStringLiteral("credentials");
    FERRY_TRY(readSlot(credentials, path, L("password1"), t.credentials.password1));
    FERRY_TRY(readSlot(credentials, path, L("password2"), t.credentials.password2));
    FERRY_TRY(readTime(o, root, L("creationTime"), t.creationTime));
    return t;
}

QJsonObject toJson(const ScopeMap& m) {
    return {{QStringLiteral("name"), m.name},
            {QStringLiteral("description"), m.description},
            {QStringLiteral("actions"), QJsonArray::fromStringList(m.actions)},
            {QStringLiteral("type"), toString(m.type)},
            {QStringLiteral("creationTime"), timeOrNull(m.creationTime)}};
}

Result<ScopeMap> scopeMapFromJson(const QJsonObject& o) {
    using L = QLatin1StringView;
    const QString root;
    ScopeMap m;
    FERRY_TRY(readString(o, root, L("name"), m.name, true));
    FERRY_TRY(readString(o, root, L("description"), m.description));
    FERRY_TRY(readStringList(o, root, L("actions"), m.actions));
    FERRY_TRY(readEnum(o, root, L("type"), m.type));
    FERRY_TRY(readTime(o, root, L("creationTime"), m.creationTime));
    return m;
}

} // namespace ferry
