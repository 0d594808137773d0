#pragma once
// Shared between the files of `ferryctl connected-registry`: the lifecycle
// verbs (connectedregistrycommands.cpp), the access verbs, get-settings,
// client tokens and permissions (connectedregistryaccess.cpp), and watch
// (watchcommand.cpp).

#include "cli.h"

namespace ferryctl {

QList<Command> connectedRegistryAccessCommands();
QList<Command> connectedRegistryWatchCommands();

} // namespace ferryctl
