#pragma once
// The connection string an on-premises registry is started with (DOMAIN.md
// "Connection string"), byte for byte:
//   ConnectedRegistryName=<name>;SyncTokenName=<token>;SyncTokenPassword=<password>;
//   ParentGatewayEndpoint=<host[:port]>;ParentEndpointProtocol=<http|https>
// (one line, no spaces). Without a generated password the password field is
// kPasswordPlaceholder, which says how to get one.

#include "access/accessstate.h"
#include "domain/result.h"

#include <QString>

namespace ferry::management {

inline constexpr QLatin1StringView kPasswordPlaceholder{
    "<Use --generate-password to generate a password>"};

struct ConnectionSettings {
    QString registry;
    QString syncToken;
    QString password; // empty: the placeholder
    QString parentEndpoint;
    QString parentProtocol; // "http" or "https"
};

QString formatConnectionString(const ConnectionSettings& settings);

// The inverse, for `ferryd --connection-string`: every field exactly once,
// names and protocol checked. An error names the field that is wrong in one
// sentence, and never repeats the password.
Result<ConnectionSettings> parseConnectionString(QStringView text);

// Where a registry's parent is reached: the root's login server for a child
// of the root; otherwise the parent's reported loginServer.host, or, before
// the parent has reported one, "<parent>.<root host without port>" as a
// stand-in the operator replaces.
QString parentGatewayEndpoint(const access::AccessState& state, const ConnectedRegistry& registry,
                              const QString& rootLoginServer);

} // namespace ferry::management
