#include "gateway/gatewayconfig.h"

#include "domain/jsoncodec.h"
#include "gateway/registrycommands.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace ferry::gateway {

namespace {

// What the parent does not send down: the child reports these, and the
// parent owns activation.
constexpr const char* kNotDesiredFields[] = {
    "activation",    "connectionState", "lastSyncTime", "lastActivityTime", "version",
    "statusDetails", "loginServer",     "syncProgress", "storage",          "acknowledgedCommands"};

// Every registry below `name`, nearest first.
QStringList descendantsOf(const access::AccessState& state, const QString& name) {
    QStringList found;
    QStringList frontier{name};
    while (!frontier.isEmpty()) {
        const QString parent = frontier.takeFirst();
        QStringList children;
        for (const auto& record : state.registries) {
            if (record.registry.parent == parent)
                children.push_back(record.registry.name);
        }
        std::sort(children.begin(), children.end());
        found += children;
        frontier += children;
    }
    return found;
}

} // namespace

QJsonObject desiredJson(const ConnectedRegistry& registry) {
    // An expired command no longer travels (its message TTL has passed).
    ConnectedRegistry live = registry;
    live.commands = liveCommands(registry.commands, QDateTime::currentDateTimeUtc());
    QJsonObject json = toJson(live);
    for (const char* field : kNotDesiredFields)
        json.remove(QLatin1String(field));
    return json;
}

ConnectedRegistry mergeDesired(const ConnectedRegistry& local, const ConnectedRegistry& fromAbove) {
    ConnectedRegistry merged = fromAbove;
    merged.activation = local.activation;
    merged.connectionState = local.connectionState;
    merged.lastSyncTime = local.lastSyncTime;
    merged.lastActivityTime = local.lastActivityTime;
    merged.version = local.version;
    merged.statusDetails = local.statusDetails;
    merged.loginServer = local.loginServer;
    merged.syncProgress = local.syncProgress;
    merged.storage = local.storage;
    merged.acknowledgedCommands = local.acknowledgedCommands;
    return merged;
}

QStringList syncRepositories(const access::AccessState& state, const ConnectedRegistry& registry) {
    QStringList repositories;
    const access::TokenRecord* token = state.token(registry.sync.token);
    if (!token)
        return repositories;
    const access::ScopeMapRecord* map = state.scopeMap(token->token.scopeMap);
    if (!map)
        return repositories;
    for (const ScopeAction& action : map->actions) {
        if (action.kind() == ScopeAction::Kind::Repository &&
            action.repositoryPermission() == RepositoryPermission::ContentRead &&
            !repositories.contains(action.resource()))
            repositories.push_back(action.resource());
    }
    std::sort(repositories.begin(), repositories.end());
    return repositories;
}

ChildConfig configFor(const access::AccessState& state, const QString& child) {
    const access::ConnectedRegistryRecord* self = state.registry(child);
    if (!self)
        return {};
    const QStringList descendants = descendantsOf(state, child);

    // Tokens the subtree needs: every node's client tokens, and the sync
    // tokens of the nodes below the child (the child is their gateway).
    QStringList tokenNames = self->registry.clientTokens;
    QJsonArray registries;
    QJsonObject epochs;
    for (const QString& name : descendants) {
        const access::ConnectedRegistryRecord* record = state.registry(name);
        registries.push_back(desiredJson(record->registry));
        tokenNames += record->registry.clientTokens;
        tokenNames.push_back(record->registry.sync.token);
        epochs.insert(name, qint64(state.leases.value(name).epoch));
    }
    std::sort(tokenNames.begin(), tokenNames.end());
    tokenNames.removeDuplicates();

    QJsonArray tokens;
    QStringList scopeMapNames;
    for (const QString& name : tokenNames) {
        const access::TokenRecord* record = state.token(name);
        if (!record)
            continue;
        QJsonObject entry{{QStringLiteral("token"), toJson(record->token)}};
        if (!record->hashes.password1.isEmpty())
            entry.insert(QStringLiteral("password1Hash"), record->hashes.password1);
        if (!record->hashes.password2.isEmpty())
            entry.insert(QStringLiteral("password2Hash"), record->hashes.password2);
        tokens.push_back(entry);
        scopeMapNames.push_back(record->token.scopeMap.toLower());
    }
    std::sort(scopeMapNames.begin(), scopeMapNames.end());
    scopeMapNames.removeDuplicates();
    QJsonArray scopeMaps;
    for (const QString& name : scopeMapNames) {
        if (const access::ScopeMapRecord* record = state.scopeMap(name))
            scopeMaps.push_back(toJson(record->scopeMap));
    }

    ChildConfig config;
    config.document =
        QJsonObject{{QStringLiteral("registry"), desiredJson(self->registry)},
                    {QStringLiteral("repositories"),
                     QJsonArray::fromStringList(syncRepositories(state, self->registry))},
                    {QStringLiteral("registries"), registries},
                    {QStringLiteral("epochs"), epochs},
                    {QStringLiteral("tokens"), tokens},
                    {QStringLiteral("scopeMaps"), scopeMaps}};
    const QByteArray canonical = QJsonDocument(config.document).toJson(QJsonDocument::Compact);
    config.etag = QString::fromLatin1(
        QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex().left(32));
    return config;
}

} // namespace ferry::gateway
