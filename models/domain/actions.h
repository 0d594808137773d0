#pragma once
// Scope map actions (DOMAIN.md "Scope maps" and "Sync tokens"): parsing and
// canonical formatting, the grant matcher used by the token flow, and the
// action sets the service generates for system maps and sync scope maps.

#include "domain/result.h"
#include "domain/types.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace ferry {

enum class RepositoryPermission {
    ContentRead,
    ContentWrite,
    ContentDelete,
    MetadataRead,
    MetadataWrite
};
enum class GatewayPermission { ConfigRead, ConfigWrite, MessageRead, MessageWrite };

inline constexpr int kMaxActionsPerScopeMap = 500;

// One action of a scope map: either repositories/<repo>/<perm> or
// gateway/<connected-registry>/<perm>. Always held in canonical lower case.
class ScopeAction {
public:
    enum class Kind { Repository, Gateway };

    // Accepts any case; the result is lower case. <repo> is an OCI repository
    // name, "*", or a name followed by "/*". A wildcard anywhere else (such as
    // "team*" or "a/*/b") is rejected because its meaning would be unclear.
    static Result<ScopeAction> parse(QStringView text);
    static ScopeAction repository(const QString& repositoryPattern,
                                  RepositoryPermission permission);
    static ScopeAction gateway(const QString& connectedRegistry, GatewayPermission permission);

    Kind kind() const { return m_kind; }
    // The repository pattern or the connected registry name.
    const QString& resource() const { return m_resource; }
    RepositoryPermission repositoryPermission() const { return m_repositoryPermission; }
    GatewayPermission gatewayPermission() const { return m_gatewayPermission; }
    bool isWildcard() const;

    QString toString() const;

    // True when this action grants `permission` on the concrete `repository`.
    bool grants(QStringView repository, RepositoryPermission permission) const;
    bool grants(QStringView connectedRegistry, GatewayPermission permission) const;
    // True when everything `other` grants is granted by this action too.
    bool covers(const ScopeAction& other) const;

    friend bool operator==(const ScopeAction& a, const ScopeAction& b) {
        return a.toString() == b.toString();
    }

private:
    Kind m_kind = Kind::Repository;
    QString m_resource;
    RepositoryPermission m_repositoryPermission = RepositoryPermission::ContentRead;
    GatewayPermission m_gatewayPermission = GatewayPermission::ConfigRead;
};

QString toString(RepositoryPermission permission); // "content/read", ...
QString toString(GatewayPermission permission);    // "config/read", ...
bool isReadPermission(RepositoryPermission permission);

// Parses a whole scope map's actions: each must be valid, duplicates collapse
// (first occurrence wins the position), and at most 500 distinct actions.
// Errors: ACTION_INVALID (naming the offending entry) or ACTION_LIMIT_EXCEEDED.
Result<QList<ScopeAction>> parseActions(const QStringList& texts);
QStringList formatActions(const QList<ScopeAction>& actions);

// The matcher behind every authorisation decision: does any action in the set
// grant the permission? `team/*` matches team/a and team/a/b but not team;
// `*` matches every repository.
bool grantsRepository(const QList<ScopeAction>& actions, QStringView repository,
                      RepositoryPermission permission);
bool grantsGateway(const QList<ScopeAction>& actions, QStringView connectedRegistry,
                   GatewayPermission permission);
// On a ReadOnly registry only a client token's read actions count.
QList<ScopeAction> readActionsOnly(const QList<ScopeAction>& actions);

// The actions of `required` that no action of `held` covers; empty when an
// existing sync token carries enough for its registry's mode.
QList<ScopeAction> missingActions(const QList<ScopeAction>& held,
                                  const QList<ScopeAction>& required);

// System-defined maps, each over every repository ("*"):
// admin: all five; pull: content/read + metadata/read; push: pull + content/write.
QStringList systemScopeMapNames();
bool isSystemScopeMapName(QStringView name);
// Empty for a name that is not system-defined.
QList<ScopeAction> systemScopeMapActions(QStringView name);

// What one repository needs for a connected registry of `mode`: ReadOnly gets
// content/read + metadata/read, ReadWrite all five.
QList<RepositoryPermission> repositoryPermissionsFor(ConnectedRegistryMode mode);
// gateway/<name>/config/read, config/write, message/read, message/write.
QList<ScopeAction> gatewayActions(const QString& connectedRegistry);
// The generated sync scope map of a connected registry: per repository the
// mode's actions, then the four gateway actions.
QList<ScopeAction> syncScopeMapActions(ConnectedRegistryMode mode, const QString& connectedRegistry,
                                       const QStringList& repositories);
// Cleanup after deleting a registry: every gateway/<name>/... action removed.
QList<ScopeAction> withoutGatewayActions(const QList<ScopeAction>& actions,
                                         QStringView connectedRegistry);

} // namespace ferry
