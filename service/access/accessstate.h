#pragma once
// Everything access control decides from, held in memory as one immutable
// snapshot: tokens (with their password hashes), scope maps (with parsed
// actions), connected registries, the admin account and registry settings.
// Readers take a snapshot and never lock; writers build the next snapshot
// (see AccessStore::mutate). Revocation is therefore immediate: the request
// after a change sees the new snapshot.

#include "access/shardedhash.h"
#include "domain/actions.h"
#include "domain/types.h"

#include <QHash>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>

namespace ferry::access {

struct PasswordHashes {
    QString password1; // PHC scrypt strings, empty when the slot is empty
    QString password2;
};

struct TokenRecord {
    Token token;
    PasswordHashes hashes;
    int64_t revision = 0;
};

struct ScopeMapRecord {
    ScopeMap scopeMap;
    QList<ScopeAction> actions; // parsed once, for the matcher
    int64_t revision = 0;
};

struct ConnectedRegistryRecord {
    ConnectedRegistry registry;
    int64_t revision = 0;
};

struct AdminAccount {
    QString passwordHash;
    QDateTime passwordChanged; // UTC; bearer tokens issued before it are void
};

struct RegistrySettings {
    bool anonymousPull = false;
};

// Set when this ferryd runs as a connected registry: itself as its parent
// defines it, and the repository patterns its sync token may read. Its
// tokens, scope maps and descendants then come from the parent
// (sync/configapplier.cpp) and nothing is managed locally.
struct ConnectedSelf {
    ConnectedRegistry registry;
    QStringList repositories;
};

// The activation lease a parent holds for a direct child (DOMAIN.md
// "activation"): which running instance may sync as that child. `epoch`
// counts deactivations decided above, so a stale report from below cannot
// re-activate a registry that an operator deactivated.
struct ActivationLease {
    QString instance; // empty: nobody holds it
    int64_t epoch = 0;
};

struct AccessState {
    // Sharded, so a change copies only the shards it writes to (shardedhash.h).
    ShardedHash<TokenRecord> tokens;                 // by name
    ShardedHash<ScopeMapRecord> scopeMaps;           // by lower-case name
    ShardedHash<ConnectedRegistryRecord> registries; // by name
    AdminAccount admin;
    RegistrySettings settings;
    std::optional<ConnectedSelf> self;      // connected mode only
    QHash<QString, ActivationLease> leases; // by registry name
    int64_t revision = 0;                   // the last revision handed out; grows with every change

    const TokenRecord* token(const QString& name) const;
    // Sign-in: token names are unique ignoring case, so "Pull" finds "pull".
    const TokenRecord* tokenIgnoringCase(const QString& name) const;
    const ScopeMapRecord* scopeMap(const QString& name) const;
    const ConnectedRegistryRecord* registry(const QString& name) const;

    // May this token authenticate here? Everywhere at the root; on a
    // connected registry only its client tokens and its direct children's
    // sync tokens (DOMAIN.md "Client tokens").
    bool acceptsToken(const QString& name) const;
};

using AccessSnapshot = std::shared_ptr<const AccessState>;

} // namespace ferry::access
