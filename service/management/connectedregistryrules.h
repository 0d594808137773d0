#pragma once
// The hierarchy rules of DOMAIN.md ("The hierarchy", "Sync tokens") as edits
// inside one AccessStore mutation. Each function either applies every edit a
// rule implies (the registry, its sync token and scope map, every ancestor's
// or descendant's scope map) or returns the broken rule, in which case the
// caller's mutate() throws the whole copy away: a failed create leaves no
// orphan token or scope map behind.

#include "access/accessstore.h"

#include <QStringList>
#include <optional>

namespace ferry::management {

inline constexpr int kMaxClientTokens = 20;

// A connected registry as the audit log names it.
inline QString auditTargetOf(const QString& name) {
    return QStringLiteral("connected-registries/") + name;
}

// Codes beyond the shared ones (all 400 through statusFor).
inline constexpr QLatin1StringView kTokenNotFound{"TOKEN_NOT_FOUND"};
inline constexpr QLatin1StringView kParentNotFound{"PARENT_NOT_FOUND"};
inline constexpr QLatin1StringView kSyncTokenInsufficient{"SYNC_TOKEN_INSUFFICIENT"};
inline constexpr QLatin1StringView kUpdateAmbiguity{"UPDATE_AMBIGUITY"};

struct CreateRegistryRequest {
    ConnectedRegistry
        registry; // operator-set fields; sync.token names an existing token or is empty
    std::optional<QStringList> repositories;
};

// Checks every creation rule and adds the registry, generating its sync token
// and scope map from `repositories` or adopting an existing sync token, and
// grants the new registry's actions to every ancestor's sync scope map.
// On success `created` holds the stored registry.
Status createConnectedRegistry(access::Mutation& mutation, const CreateRegistryRequest& request,
                               ConnectedRegistry& created);

struct DeleteReport {
    QStringList removedTokens;
    QStringList removedScopeMaps;
    QStringList leftTokens;
    QStringList leftScopeMaps;
    QStringList
        leftGatewayActions; // gateway/<name>/... still present in ancestors' sync scope maps
    // With cleanup: the gateway/<name>/... actions taken out of each
    // ancestor's sync scope map, as (scope map, action).
    QList<QPair<QString, QString>> removedGatewayActions;
};

// A registry with children can't be deleted. With cleanup the sync token and
// scope map go too (unless something else still uses them, in which case
// they are reported as left behind) and gateway/<name>/... actions are
// stripped from every ancestor.
// Sets a registry Inactive and voids its activation lease with a new epoch,
// so the instance running as it is refused from its next request on, at its
// parent however deep it sits (docs/sync-protocol.md "Activation").
// `statusDetail`, when given, tells the operator why.
void deactivateRegistry(access::Mutation& mutation, const QString& name,
                        const std::optional<StatusDetail>& statusDetail = {});

Result<DeleteReport> deleteConnectedRegistry(access::Mutation& mutation, const QString& name,
                                             bool cleanup);

// Client token list rules: at most 20, each an existing token. Returns the
// tokens' stored names, duplicates removed. `field` names the list.
Result<QStringList> resolveClientTokens(const access::AccessState& state, const QStringList& names,
                                        const QString& field);

// Repository patterns ("app", "team/*"), lower-cased; REPOSITORY_INVALID
// names the offending entry as field[i].
Result<QStringList> validateRepositories(const QStringList& repositories, const QString& field);

// DOMAIN.md "Permission updates": added repositories go to the registry's and
// every ancestor's sync scope map, removed ones leave the registry's and every
// descendant's.
Status updateRepositories(access::Mutation& mutation, const QString& name, const QStringList& add,
                          const QStringList& remove);

} // namespace ferry::management
