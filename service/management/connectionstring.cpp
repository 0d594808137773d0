#include "management/connectionstring.h"

#include "domain/names.h"
#include "management/connectedregistryhierarchy.h"

namespace ferry::management {

QString formatConnectionString(const ConnectionSettings& settings) {
    const QString password =
        settings.password.isEmpty() ? QString(kPasswordPlaceholder) : settings.password;
    return QStringLiteral("ConnectedRegistryName=%1;SyncTokenName=%2;SyncTokenPassword=%3;"
                          "ParentGatewayEndpoint=%4;ParentEndpointProtocol=%5")
        .arg(settings.registry, settings.syncToken, password, settings.parentEndpoint,
             settings.parentProtocol);
}

Result<ConnectionSettings> parseConnectionString(QStringView text) {
    using L = QLatin1StringView;
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(L("CONNECTION_STRING_INVALID"),
                         QStringLiteral("The connection string is empty."));
    const QList<L> names{L("ConnectedRegistryName"), L("SyncTokenName"), L("SyncTokenPassword"),
                         L("ParentGatewayEndpoint"), L("ParentEndpointProtocol")};
    QStringList values(names.size());
    QList<bool> seen(names.size(), false);
    for (QStringView part : trimmed.split(u';')) {
        if (part.trimmed().isEmpty())
            continue;
        const qsizetype equals = part.indexOf(u'=');
        const QStringView key = equals < 0 ? part : part.left(equals);
        const qsizetype index = names.indexOf(L(key.toLatin1()));
        if (equals < 0 || index < 0)
            return makeError(
                L("CONNECTION_STRING_INVALID"),
                QStringLiteral("'%1' is not a field of a connection string (expected %2).")
                    .arg(key.left(40).toString(),
                         QStringList(names.begin(), names.end()).join(u", ")),
                key.toString());
        if (seen[index])
            return makeError(
                L("CONNECTION_STRING_INVALID"),
                QStringLiteral("%1 appears twice in the connection string.").arg(names[index]),
                names[index]);
        seen[index] = true;
        values[index] = part.mid(equals + 1).toString();
    }
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (!seen[i] || values[i].isEmpty())
            return makeError(L("CONNECTION_STRING_INVALID"),
                             QStringLiteral("The connection string has no %1.").arg(names[i]),
                             names[i]);
    }
    ConnectionSettings settings{values[0], values[1], values[2], values[3], values[4].toLower()};
    if (Status name = names::validateConnectedRegistryName(settings.registry); !name)
        return makeError(
            L("CONNECTION_STRING_INVALID"),
            QStringLiteral("ConnectedRegistryName is invalid: %1").arg(name.error().message),
            names[0]);
    if (Status token = names::validateTokenName(settings.syncToken); !token)
        return makeError(L("CONNECTION_STRING_INVALID"),
                         QStringLiteral("SyncTokenName is invalid: %1").arg(token.error().message),
                         names[1]);
    if (settings.password == kPasswordPlaceholder || settings.password.startsWith(u'<'))
        return makeError(
            L("CONNECTION_STRING_INVALID"),
            QStringLiteral("SyncTokenPassword is the placeholder: generate a password with "
                           "'ferryctl connected-registry get-settings --generate-password 1'."),
            names[2]);
    if (settings.parentProtocol != QLatin1String("http") &&
        settings.parentProtocol != QLatin1String("https"))
        return makeError(L("CONNECTION_STRING_INVALID"),
                         QStringLiteral("ParentEndpointProtocol must be http or https, not '%1'.")
                             .arg(values[4].left(20)),
                         names[4]);
    if (settings.parentEndpoint.contains(u'/') || settings.parentEndpoint.contains(u' '))
        return makeError(
            L("CONNECTION_STRING_INVALID"),
            QStringLiteral("ParentGatewayEndpoint must be host[:port], without a scheme or path."),
            names[3]);
    return settings;
}

namespace {

// "host:port" -> "host"; IPv6 literals come bracketed ("[::1]:5000").
QString hostWithoutPort(const QString& loginServer) {
    if (loginServer.startsWith(u'[')) {
        const qsizetype close = loginServer.indexOf(u']');
        return close < 0 ? loginServer : loginServer.left(close + 1);
    }
    const qsizetype colon = loginServer.lastIndexOf(u':');
    return colon < 0 ? loginServer : loginServer.left(colon);
}

} // namespace

QString parentGatewayEndpoint(const access::AccessState& state, const ConnectedRegistry& registry,
                              const QString& rootLoginServer) {
    if (registry.parent.isEmpty())
        return rootLoginServer;
    const access::ConnectedRegistryRecord* parent = findRegistry(state, registry.parent);
    if (parent && !parent->registry.loginServer.host.isEmpty())
        return parent->registry.loginServer.host;
    return registry.parent + u'.' + hostWithoutPort(rootLoginServer);
}

} // namespace ferry::management
