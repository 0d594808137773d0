#pragma once
// Commands down the tree ("resync now"), docs/sync-protocol.md "Commands".
// The root owns them: it issues a command into the target's definition, the
// definition travels down the config channel like every other desired field,
// the target carries it out once and lists its id in `acknowledgedCommands`
// in its status reports, and the acknowledgement travels up with the
// reports. When it reaches the root, the root drops the command, and the
// next config down no longer carries it. A command nobody acknowledges is
// dropped when the target's message TTL has passed, so a registry that stays
// offline longer than that does not act on a stale instruction.

#include "domain/result.h"
#include "domain/types.h"

namespace ferry::gateway {

inline constexpr const char* kResyncCommand = "resync";

// A new command for `registry`, expiring after its message TTL.
Result<RegistryCommand> issueCommand(const ConnectedRegistry& registry, const QString& type,
                                     const QDateTime& nowUtc);

// The commands not yet expired at `nowUtc`.
QList<RegistryCommand> liveCommands(const QList<RegistryCommand>& commands,
                                    const QDateTime& nowUtc);

// At the root: drops acknowledged and expired commands, then the
// acknowledgements themselves. True when anything changed.
bool settleCommands(ConnectedRegistry& registry, const QDateTime& nowUtc);

} // namespace ferry::gateway
