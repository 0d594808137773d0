#pragma once
// Shared between the two files of `ferryctl connected-registry`: the
// lifecycle verbs (connectedregistrycommands.cpp) and the access verbs,
// get-settings, client tokens and permissions (connectedregistryaccess.cpp).

#include "cli.h"

namespace ferryctl {

// connected-registries/<name>, with the name encoded as one path segment.
QString connectedRegistryPath(const QString& name);
QList<Command> connectedRegistryAccessCommands();

} // namespace ferryctl
