#pragma once
// What an authenticated caller may do, decided against the current access
// snapshot on every request (so a changed scope map or a disabled token
// counts at once), optionally narrowed by the scopes a bearer token carries.

#include "access/accessstate.h"
#include "auth/accesscontrol.h"
#include "management/identity.h"

#include <optional>
#include <string>
#include <vector>

namespace ferry::access {

// Docker token scopes (DOMAIN.md "Clients and the token flow"):
// repository:<name>:<action>[,<action>], registry:catalog:*.
struct ScopeGrant {
    std::string type; // "repository" or "registry"
    std::string name;
    std::vector<std::string> actions; // pull, push, delete, *
};

std::vector<ScopeGrant> parseScopes(const std::vector<std::string>& scopeParameters);

// The registry's Grant for one request.
class CallerGrant final : public auth::Grant {
public:
    CallerGrant(AccessSnapshot snapshot, Identity identity,
                std::optional<std::vector<ScopeGrant>> tokenScopes);
    bool allows(std::string_view repository, auth::Action action) const override;
    std::string subject() const override;
    const Identity& identity() const { return m_identity; }

    // What the scope map allows, ignoring bearer scopes (used when issuing).
    bool scopeMapAllows(std::string_view repository, auth::Action action) const;

private:
    AccessSnapshot m_snapshot;
    Identity m_identity;
    std::optional<std::vector<ScopeGrant>> m_tokenScopes;
};

// The Docker action a registry action needs in a bearer token's scope.
std::string_view dockerActionFor(auth::Action action);

// The part of `requested` that `grant` allows: actions the scope map does
// not allow are dropped; "*" becomes the allowed subset of pull/push/delete.
std::vector<ScopeGrant> intersect(const std::vector<ScopeGrant>& requested,
                                  const CallerGrant& grant);

} // namespace ferry::access
