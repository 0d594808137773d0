#include "access/accessstate.h"

namespace ferry::access {

const TokenRecord* AccessState::token(const QString& name) const {
    auto it = tokens.constFind(name);
    return it == tokens.cend() ? nullptr : &it.value();
}

const TokenRecord* AccessState::tokenIgnoringCase(const QString& name) const {
    // One shard, not every token: every admin request asks for "admin",
    // which is no token, and a scan of 20,000 names took most of a create.
    const QString stored = tokens.keyIgnoringCase(name);
    return stored.isEmpty() ? nullptr : token(stored);
}

const ScopeMapRecord* AccessState::scopeMap(const QString& name) const {
    auto it = scopeMaps.constFind(name.toLower());
    return it == scopeMaps.cend() ? nullptr : &it.value();
}

const ConnectedRegistryRecord* AccessState::registry(const QString& name) const {
    auto it = registries.constFind(name);
    return it == registries.cend() ? nullptr : &it.value();
}

bool AccessState::acceptsToken(const QString& name) const {
    if (!self)
        return true;
    if (self->registry.clientTokens.contains(name, Qt::CaseInsensitive))
        return true;
    for (const ConnectedRegistryRecord& child : registries) {
        if (child.registry.parent == self->registry.name &&
            child.registry.sync.token.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace ferry::access
