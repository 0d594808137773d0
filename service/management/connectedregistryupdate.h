#pragma once
// PATCH /api/v1/connected-registries/{name}: merges a partial body into a
// registry. The mode and the parent are fixed at creation (DOMAIN.md "The
// hierarchy"); list fields take either a whole new list or add/remove sets,
// and a name in both add and remove is refused (UPDATE_AMBIGUITY) rather
// than resolved by an order the caller can't see.

#include "access/accessstate.h"
#include "domain/result.h"

#include <QJsonObject>

namespace ferry::management {

// Edits `registry` in place; on error it is left half-edited and the caller
// must discard it. Every named client token must exist in `state`.
Status applyRegistryPatch(const access::AccessState& state, ConnectedRegistry& registry,
                          const QJsonObject& patch);

} // namespace ferry::management
