#pragma once
// Applies the config a parent sent (gateway/gatewayconfig.h) to this
// connected registry's access store in one all-or-nothing change: itself,
// its descendants' definitions, the tokens and scope maps it must know. On
// a ReadOnly registry, write actions are dropped from every scope map, so
// only the read actions of a client token count (DOMAIN.md "Client tokens").

#include "access/accessstore.h"

#include <QJsonObject>

namespace ferry::sync {

struct AppliedConfig {
    bool scopeChanged = false;       // the repository patterns differ from before
    QStringList removedRepositories; // patterns no longer in scope
};

ferry::Result<AppliedConfig> applyConfig(access::AccessStore& store, const QJsonObject& config);

} // namespace ferry::sync
