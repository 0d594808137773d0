#pragma once
// Everything access control decides from, held in memory as one immutable
// snapshot: tokens (with their password hashes), scope maps (with parsed
// actions), connected registries, the admin account and registry settings.
// Readers take a snapshot and never lock; writers build the next snapshot
// (see AccessStore::mutate). Revocation is therefore immediate: the request
// after a change sees the new snapshot.

#include "domain/actions.h"
#include "domain/types.h"

#include <QHash>
#include <QString>
#include <cstdint>
#include <memory>

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

struct AccessState {
    QHash<QString, TokenRecord> tokens;               // by name
    QHash<QString, ScopeMapRecord> scopeMaps;         // by lower-case name
    QHash<QString, ConnectedRegistryRecord> registries; // by name
    AdminAccount admin;
    RegistrySettings settings;
    int64_t revision = 0; // the last revision handed out; grows with every change

    const TokenRecord* token(const QString& name) const;
    const ScopeMapRecord* scopeMap(const QString& name) const;
    const ConnectedRegistryRecord* registry(const QString& name) const;
};

using AccessSnapshot = std::shared_ptr<const AccessState>;

} // namespace ferry::access
