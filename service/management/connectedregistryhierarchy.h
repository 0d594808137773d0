#pragma once
// Read-side view of the connected registry tree (DOMAIN.md "The hierarchy")
// plus the scope map edits that the hierarchy rules are made of. The tree is
// stored as parent names only, so anything that walks downwards builds a
// HierarchyIndex once (O(n)) instead of scanning all registries per node.

#include "access/accessstore.h"
#include "domain/actions.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace ferry::management {

// The name the root registry goes by in API output and in `?parent=`.
inline constexpr QLatin1StringView kRootRegistryName{"root"};

class HierarchyIndex {
public:
    explicit HierarchyIndex(const access::AccessState& state);

    // Direct children, sorted by name; parent "" is the root.
    const QList<const access::ConnectedRegistryRecord*>& childrenOf(const QString& parent) const;
    // Every registry below `name`, parents before children.
    QList<const access::ConnectedRegistryRecord*> descendantsOf(const QString& name) const;

private:
    QHash<QString, QList<const access::ConnectedRegistryRecord*>> m_children;
    QList<const access::ConnectedRegistryRecord*> m_none;
};

// The chain of connected registries above `name`, nearest first; the root is
// not part of it (it has no sync scope map). Stops on a cycle, which the
// rules never create but a hand-edited database could.
QStringList ancestorsOf(const access::AccessState& state, const QString& name);

// A registry by name, ignoring case (names are unique ignoring case).
const access::ConnectedRegistryRecord* findRegistry(const access::AccessState& state,
                                                    const QString& name);
// A token by its exact name, else ignoring case.
const access::TokenRecord* findToken(const access::AccessState& state, const QString& name);

// The scope map behind a registry's sync token; empty when either is missing.
QString syncScopeMapOf(const access::AccessState& state, const ConnectedRegistry& registry);

// The generated names for a registry created from a list of repositories.
QString generatedSyncTokenName(const QString& registry);
QString generatedSyncScopeMapName(const QString& registry);

// Scope map edits inside a mutation. Each keeps the 500-action limit and
// refuses to touch a system-defined map; errors name the scope map.
Status addScopeMapActions(access::Mutation& mutation, const QString& scopeMap,
                          const QList<ScopeAction>& actions);
// Removes every action for which `drop` is true; returns the removed ones.
Result<QStringList> removeScopeMapActions(access::Mutation& mutation, const QString& scopeMap,
                                          const std::function<bool(const ScopeAction&)>& drop);

// The names of registries (other than `except`) that use `token` as their
// sync token or accept it as a client token.
QStringList registriesUsingToken(const access::AccessState& state, const QString& token,
                                 const QString& except);
// The names of tokens (other than `except`) whose scope map is `scopeMap`.
QStringList tokensUsingScopeMap(const access::AccessState& state, const QString& scopeMap,
                                const QString& except);

} // namespace ferry::management
