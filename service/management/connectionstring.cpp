#include "management/connectionstring.h"

#include "management/connectedregistryhierarchy.h"

namespace ferry::management {

QString formatConnectionString(const ConnectionSettings& settings)
{
    const QString password = settings.password.isEmpty() ? QString(kPasswordPlaceholder) : settings.password;
    return QStringLiteral("ConnectedRegistryName=%1;SyncTokenName=%2;SyncTokenPassword=%3;"
                          "ParentGatewayEndpoint=%4;ParentEndpointProtocol=%5")
        .arg(settings.registry, settings.syncToken, password, settings.parentEndpoint, settings.parentProtocol);
}

namespace {

// "host:port" -> "host"; IPv6 literals come bracketed ("[::1]:5000").
QString hostWithoutPort(const QString& loginServer)
{
    if (loginServer.startsWith(u'[')) {
        const qsizetype close = loginServer.indexOf(u']');
        return close < 0 ? loginServer : loginServer.left(close + 1);
    }
    const qsizetype colon = loginServer.lastIndexOf(u':');
    return colon < 0 ? loginServer : loginServer.left(colon);
}

} // namespace

QString parentGatewayEndpoint(const access::AccessState& state, const ConnectedRegistry& registry,
                              const QString& rootLoginServer)
{
    if (registry.parent.isEmpty())
        return rootLoginServer;
    const access::ConnectedRegistryRecord* parent = findRegistry(state, registry.parent);
    if (parent && !parent->registry.loginServer.host.isEmpty())
        return parent->registry.loginServer.host;
    return registry.parent + u'.' + hostWithoutPort(rootLoginServer);
}

} // namespace ferry::management
