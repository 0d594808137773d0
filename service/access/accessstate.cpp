#include "access/accessstate.h"

namespace ferry::access {

const TokenRecord* AccessState::token(const QString& name) const
{
    auto it = tokens.constFind(name);
    return it == tokens.cend() ? nullptr : &it.value();
}

const ScopeMapRecord* AccessState::scopeMap(const QString& name) const
{
    auto it = scopeMaps.constFind(name.toLower());
    return it == scopeMaps.cend() ? nullptr : &it.value();
}

const ConnectedRegistryRecord* AccessState::registry(const QString& name) const
{
    auto it = registries.constFind(name);
    return it == registries.cend() ? nullptr : &it.value();
}

} // namespace ferry::access
