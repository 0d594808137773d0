#pragma once
// Domain rules over whole objects (DOMAIN.md "Connected registry properties",
// "Tokens", "Scope maps" and "The hierarchy"). Codecs check shape; these check
// meaning. Each error carries the offending field's dotted path.

#include "domain/result.h"
#include "domain/types.h"

namespace ferry {

// The operator-set fields: name, client token names, cron schedules, the
// window (required and 1h..7d unless the schedule is continuous), the message
// TTL (1..90 days), notification patterns and the GC schedule.
Status validateConnectedRegistry(const ConnectedRegistry& registry);
// A ReadOnly parent may only have ReadOnly children (RULE_VIOLATION).
Status validateChildMode(ConnectedRegistryMode parentMode, ConnectedRegistryMode childMode);
// Name, scope map name, and expiry not before creation.
Status validateToken(const Token& token);
// Name (user-defined maps may not take a system name), description and
// actions (valid, at most 500).
Status validateScopeMap(const ScopeMap& scopeMap);

} // namespace ferry
