#include "management/connectedregistryrules.h"

#include "domain/names.h"
#include "domain/validation.h"
#include "management/apirequest.h"
#include "management/connectedregistryhierarchy.h"

#include <QSet>

namespace ferry::management {

using access::AccessState;
using access::Mutation;

namespace {

DomainError withField(DomainError error, const QString& field) {
    if (error.field.isEmpty())
        error.field = field;
    return error;
}

// The repository actions of `actions` that a registry of `mode` needs from
// its parent: for a ReadOnly registry only the read ones.
QList<ScopeAction> repositoryActionsFor(ConnectedRegistryMode mode,
                                        const QList<ScopeAction>& actions) {
    const QList<RepositoryPermission> allowed = repositoryPermissionsFor(mode);
    QList<ScopeAction> out;
    for (const ScopeAction& action : actions) {
        if (action.kind() == ScopeAction::Kind::Repository &&
            allowed.contains(action.repositoryPermission()))
            out.push_back(action);
    }
    return out;
}

// What an adopted sync token must carry: the four gateway actions for the
// registry, and for every repository its scope map names, all of the mode's
// permissions (a ReadWrite registry that could only pull would silently
// never sync its pushes up).
QList<ScopeAction> requiredSyncActions(ConnectedRegistryMode mode, const QString& name,
                                       const QList<ScopeAction>& held) {
    QStringList repositories;
    for (const ScopeAction& action : held) {
        if (action.kind() == ScopeAction::Kind::Repository &&
            !repositories.contains(action.resource()))
            repositories.push_back(action.resource());
    }
    return syncScopeMapActions(mode, name, repositories);
}

Status generateSyncCredentials(Mutation& m, ConnectedRegistry& registry,
                               const QStringList& repositories) {
    const QString tokenName = generatedSyncTokenName(registry.name);
    const QString scopeMapName = generatedSyncScopeMapName(registry.name);
    const QString why =
        QStringLiteral(" Give the registry a shorter name, or create it with an existing sync "
                       "token (sync.token) instead of repositories.");
    if (auto valid = names::validateTokenName(tokenName); !valid)
        return makeError(errc::NameInvalid,
                         QStringLiteral("The generated sync token name is invalid: %1%2")
                             .arg(valid.error().message, why),
                         QStringLiteral("name"));
    if (auto valid = names::validateUserScopeMapName(scopeMapName); !valid)
        return makeError(errc::NameInvalid,
                         QStringLiteral("The generated sync scope map name is invalid: %1%2")
                             .arg(valid.error().message, why),
                         QStringLiteral("name"));
    if (findToken(m.state(), tokenName))
        return alreadyExists(
            QStringLiteral("Token %1 (the sync token this registry would generate)")
                .arg(tokenName));
    if (m.state().scopeMap(scopeMapName))
        return alreadyExists(
            QStringLiteral("Scope map %1 (the sync scope map this registry would generate)")
                .arg(scopeMapName));

    auto actions = parseActions(
        formatActions(syncScopeMapActions(registry.mode, registry.name, repositories)));
    if (!actions)
        return withField(actions.error(), QStringLiteral("repositories"));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    access::ScopeMapRecord map;
    map.scopeMap.name = scopeMapName;
    map.scopeMap.description =
        QStringLiteral("Sync scope map of connected registry %1").arg(registry.name);
    map.scopeMap.actions = formatActions(actions.value());
    map.scopeMap.creationTime = now;
    map.actions = actions.value();
    m.state().scopeMaps.insert(scopeMapName.toLower(), map);
    m.touchScopeMap(scopeMapName);

    access::TokenRecord token;
    token.token.name = tokenName;
    token.token.scopeMap = scopeMapName;
    token.token.creationTime = now; // no passwords: get-settings --generate-password makes one
    m.state().tokens.insert(tokenName, token);
    m.touchToken(tokenName);
    registry.sync.token = tokenName;
    return {};
}

Status adoptSyncToken(Mutation& m, ConnectedRegistry& registry) {
    const access::TokenRecord* token = findToken(m.state(), registry.sync.token);
    if (!token)
        return makeError(kTokenNotFound,
                         QStringLiteral("Sync token %1 does not exist.").arg(registry.sync.token),
                         QStringLiteral("sync.token"));
    registry.sync.token = token->token.name;
    for (const access::ConnectedRegistryRecord& other : std::as_const(m.state().registries)) {
        if (other.registry.sync.token.compare(token->token.name, Qt::CaseInsensitive) == 0)
            return inUse(
                QStringLiteral("Token %1 is already the sync token of connected registry %2; each "
                               "registry needs its own sync token.")
                    .arg(token->token.name, other.registry.name));
    }
    const access::ScopeMapRecord* map = m.state().scopeMap(token->token.scopeMap);
    if (!map)
        return makeError(kTokenNotFound,
                         QStringLiteral("The scope map %1 of sync token %2 does not exist.")
                             .arg(token->token.scopeMap, token->token.name),
                         QStringLiteral("sync.token"));
    const QList<ScopeAction> missing = missingActions(
        map->actions, requiredSyncActions(registry.mode, registry.name, map->actions));
    if (!missing.isEmpty())
        return makeError(
            kSyncTokenInsufficient,
            QStringLiteral("Sync token %1 lacks actions that a %2 connected registry needs: %3.")
                .arg(token->token.name, toString(registry.mode),
                     formatActions(missing).join(QStringLiteral(", "))),
            QStringLiteral("sync.token"));
    return {};
}

} // namespace

Result<QStringList> resolveClientTokens(const AccessState& state, const QStringList& names,
                                        const QString& field) {
    QStringList out;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const access::TokenRecord* token = findToken(state, names[i]);
        if (!token)
            return makeError(kTokenNotFound,
                             QStringLiteral("Client token %1 does not exist.").arg(names[i]),
                             QStringLiteral("%1[%2]").arg(field).arg(i));
        if (!out.contains(token->token.name))
            out.push_back(token->token.name);
    }
    if (out.size() > kMaxClientTokens)
        return makeError(
            errc::RuleViolation,
            QStringLiteral(
                "A connected registry accepts at most %1 client tokens; this would be %2.")
                .arg(kMaxClientTokens)
                .arg(out.size()),
            field);
    return out;
}

Result<QStringList> validateRepositories(const QStringList& repositories, const QString& field) {
    QStringList out;
    for (qsizetype i = 0; i < repositories.size(); ++i) {
        const QString repository = repositories[i].trimmed().toLower();
        auto parsed =
            ScopeAction::parse(QStringLiteral("repositories/%1/content/read").arg(repository));
        if (repository.isEmpty() || !parsed || parsed->resource() != repository)
            return makeError(
                errc::RepositoryInvalid,
                QStringLiteral("'%1' is not a repository name or pattern such as app or team/*.")
                    .arg(repositories[i]),
                QStringLiteral("%1[%2]").arg(field).arg(i));
        if (!out.contains(repository))
            out.push_back(repository);
    }
    return out;
}

Status createConnectedRegistry(Mutation& m, const CreateRegistryRequest& request,
                               ConnectedRegistry& created) {
    ConnectedRegistry registry = request.registry;
    registry.name = names::canonicalName(registry.name);
    if (registry.parent.compare(kRootRegistryName, Qt::CaseInsensitive) == 0)
        registry.parent.clear();
    if (Status valid = validateConnectedRegistry(registry); !valid)
        return valid;
    if (const auto* existing = findRegistry(m.state(), registry.name))
        return alreadyExists(QStringLiteral("Connected registry %1").arg(existing->registry.name));

    if (!registry.parent.isEmpty()) {
        const access::ConnectedRegistryRecord* parent = findRegistry(m.state(), registry.parent);
        if (!parent)
            return makeError(kParentNotFound,
                             QStringLiteral("The parent connected registry %1 does not exist.")
                                 .arg(registry.parent),
                             QStringLiteral("parent"));
        registry.parent = parent->registry.name;
        if (Status modes = validateChildMode(parent->registry.mode, registry.mode); !modes)
            return ruleViolation(QStringLiteral("%1 Parent %2 is ReadOnly.")
                                     .arg(modes.error().message, parent->registry.name));
    }

    auto clients =
        resolveClientTokens(m.state(), registry.clientTokens, QStringLiteral("clientTokens"));
    if (!clients)
        return clients.error();
    registry.clientTokens = clients.value();

    const bool adopt = !registry.sync.token.isEmpty();
    if (adopt == request.repositories.has_value())
        return makeError(
            errc::JsonInvalid,
            QStringLiteral(
                "Give either \"repositories\" (to generate a sync token and scope map) or "
                "\"sync.token\" (an existing token), not %1.")
                .arg(adopt ? QStringLiteral("both") : QStringLiteral("neither")),
            QStringLiteral("repositories"));
    if (adopt) {
        if (Status adopted = adoptSyncToken(m, registry); !adopted)
            return adopted;
    } else {
        auto repositories =
            validateRepositories(*request.repositories, QStringLiteral("repositories"));
        if (!repositories)
            return repositories.error();
        if (Status generated = generateSyncCredentials(m, registry, repositories.value());
            !generated)
            return generated;
    }

    // Reported state starts blank; only the registry itself fills it in.
    registry.activation = Activation::Inactive;
    registry.connectionState = ConnectionState::Offline;
    registry.lastSyncTime = {};
    registry.lastActivityTime = {};
    registry.version.clear();
    registry.statusDetails.clear();
    registry.loginServer = {};
    registry.syncProgress = {};
    registry.storage = {};
    registry.acknowledgedCommands.clear();
    registry.commands.clear(); // issued only through the resync operation
    m.state().registries.insert(registry.name, access::ConnectedRegistryRecord{registry, 0});
    m.touchRegistry(registry.name);

    // Each level must be able to serve the level below (DOMAIN.md "Sync tokens").
    const QString ownMap = syncScopeMapOf(m.state(), registry);
    const access::ScopeMapRecord* ownRecord = m.state().scopeMap(ownMap);
    QList<ScopeAction> grant =
        ownRecord ? repositoryActionsFor(registry.mode, ownRecord->actions) : QList<ScopeAction>();
    grant += gatewayActions(registry.name);
    for (const QString& ancestor : ancestorsOf(m.state(), registry.name)) {
        const QString map = syncScopeMapOf(m.state(), findRegistry(m.state(), ancestor)->registry);
        if (map.isEmpty() || map.compare(ownMap, Qt::CaseInsensitive) == 0)
            continue;
        if (Status added = addScopeMapActions(m, map, grant); !added)
            return withField(added.error(), QStringLiteral("repositories"));
    }
    created = registry;
    return {};
}

Result<DeleteReport> deleteConnectedRegistry(Mutation& m, const QString& name, bool cleanup) {
    const access::ConnectedRegistryRecord* record = findRegistry(m.state(), name);
    if (!record)
        return notFound(QStringLiteral("Connected registry %1").arg(name));
    const ConnectedRegistry registry = record->registry;
    const HierarchyIndex index(m.state());
    QStringList children;
    for (const auto* child : index.childrenOf(registry.name))
        children.push_back(child->registry.name);
    if (!children.isEmpty())
        return ruleViolation(
            QStringLiteral("Connected registry %1 has children (%2); delete them first.")
                .arg(registry.name, children.join(QStringLiteral(", "))));

    const QStringList ancestors = ancestorsOf(m.state(), registry.name);
    const QString tokenName = findToken(m.state(), registry.sync.token)
                                  ? findToken(m.state(), registry.sync.token)->token.name
                                  : QString();
    const QString mapName = syncScopeMapOf(m.state(), registry);
    m.state().registries.remove(registry.name);
    m.touchRegistry(registry.name);

    DeleteReport report;
    const auto isOwnGateway = [&registry](const ScopeAction& action) {
        return action.kind() == ScopeAction::Kind::Gateway &&
               action.resource().compare(registry.name, Qt::CaseInsensitive) == 0;
    };
    bool tokenRemoved = false;
    if (!tokenName.isEmpty()) {
        if (cleanup && registriesUsingToken(m.state(), tokenName, registry.name).isEmpty()) {
            m.state().tokens.remove(tokenName);
            m.touchToken(tokenName);
            report.removedTokens.push_back(tokenName);
            tokenRemoved = true;
        } else {
            report.leftTokens.push_back(tokenName);
        }
    }
    if (!mapName.isEmpty()) {
        const access::ScopeMapRecord* map = m.state().scopeMap(mapName);
        const bool shared =
            !tokensUsingScopeMap(m.state(), mapName, tokenRemoved ? tokenName : QString())
                 .isEmpty();
        if (cleanup && !shared && map->scopeMap.type == ScopeMapType::UserDefined) {
            report.removedScopeMaps.push_back(map->scopeMap.name);
            m.state().scopeMaps.remove(mapName.toLower());
            m.touchScopeMap(mapName);
        } else {
            report.leftScopeMaps.push_back(map->scopeMap.name);
        }
    }
    for (const QString& ancestor : ancestors) {
        const access::ConnectedRegistryRecord* above = findRegistry(m.state(), ancestor);
        const QString map = above ? syncScopeMapOf(m.state(), above->registry) : QString();
        const access::ScopeMapRecord* mapRecord = m.state().scopeMap(map);
        if (!mapRecord || mapRecord->scopeMap.type != ScopeMapType::UserDefined)
            continue;
        if (cleanup) {
            const QString ancestorMap =
                mapRecord->scopeMap.name; // the record may move as it is edited
            auto removed = removeScopeMapActions(m, map, isOwnGateway);
            if (!removed)
                return removed.error();
            for (const QString& action : removed.value())
                report.removedGatewayActions.push_back({ancestorMap, action});
            continue;
        }
        for (const ScopeAction& action : mapRecord->actions) {
            if (isOwnGateway(action) && !report.leftGatewayActions.contains(action.toString()))
                report.leftGatewayActions.push_back(action.toString());
        }
    }
    return report;
}

Status updateRepositories(Mutation& m, const QString& name, const QStringList& add,
                          const QStringList& remove) {
    const access::ConnectedRegistryRecord* record = findRegistry(m.state(), name);
    if (!record)
        return notFound(QStringLiteral("Connected registry %1").arg(name));
    const ConnectedRegistry registry = record->registry;
    for (const QString& repository : add) {
        if (remove.contains(repository))
            return makeError(
                kUpdateAmbiguity,
                QStringLiteral("Repository %1 is both added and removed.").arg(repository),
                QStringLiteral("add"));
    }
    const QString ownMap = syncScopeMapOf(m.state(), registry);
    if (ownMap.isEmpty())
        return ruleViolation(
            QStringLiteral("Connected registry %1 has no sync token with a scope map to update.")
                .arg(registry.name));

    if (!add.isEmpty()) {
        QList<ScopeAction> grant;
        for (const QString& repository : add) {
            for (RepositoryPermission permission : repositoryPermissionsFor(registry.mode))
                grant.push_back(ScopeAction::repository(repository, permission));
        }
        QStringList maps{ownMap};
        for (const QString& ancestor : ancestorsOf(m.state(), registry.name))
            maps.push_back(syncScopeMapOf(m.state(), findRegistry(m.state(), ancestor)->registry));
        for (const QString& map : maps) {
            if (map.isEmpty())
                continue;
            if (Status added = addScopeMapActions(m, map, grant); !added)
                return withField(added.error(), QStringLiteral("add"));
        }
    }
    if (!remove.isEmpty()) {
        const QSet<QString> leaving(remove.cbegin(), remove.cend());
        const auto drop = [&leaving](const ScopeAction& action) {
            return action.kind() == ScopeAction::Kind::Repository &&
                   leaving.contains(action.resource());
        };
        QStringList maps{ownMap};
        const HierarchyIndex index(m.state());
        for (const auto* below : index.descendantsOf(registry.name))
            maps.push_back(syncScopeMapOf(m.state(), below->registry));
        for (const QString& map : maps) {
            const access::ScopeMapRecord* mapRecord = m.state().scopeMap(map);
            if (!mapRecord || mapRecord->scopeMap.type != ScopeMapType::UserDefined)
                continue;
            if (auto removed = removeScopeMapActions(m, map, drop); !removed)
                return removed.error();
        }
    }
    return {};
}

void deactivateRegistry(access::Mutation& mutation, const QString& name,
                        const std::optional<StatusDetail>& statusDetail) {
    auto it = mutation.state().registries.find(name);
    if (it == mutation.state().registries.end())
        return;
    it->registry.activation = Activation::Inactive;
    it->registry.connectionState = ConnectionState::Offline;
    if (statusDetail)
        it->registry.statusDetails = {*statusDetail};
    access::ActivationLease& lease = mutation.state().leases[name];
    lease.instance.clear();
    ++lease.epoch;
    mutation.touchLease(name);
    mutation.touchRegistry(name);
}

} // namespace ferry::management
