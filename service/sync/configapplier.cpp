#include "sync/configapplier.h"

#include "domain/jsoncodec.h"
#include "gateway/gatewayconfig.h"

#include <QJsonArray>

namespace ferry::sync {

namespace {

using L = QLatin1StringView;

DomainError malformed(const QString& what) {
    return makeError(L("CONFIG_INVALID"),
                     QStringLiteral("The parent sent a malformed config: %1.").arg(what));
}

QStringList readOnlyActions(const QStringList& actions) {
    QStringList kept;
    for (const QString& action : actions) {
        if (action.startsWith(QLatin1String("repositories/")) &&
            !(action.endsWith(QLatin1String("/content/read")) ||
              action.endsWith(QLatin1String("/metadata/read"))))
            continue;
        kept.push_back(action);
    }
    return kept;
}

// The names in `map` that `wanted` lacks, except records `keep` holds on to.
template <class Record, class Wanted, class Keep = bool (*)(const Record&)>
QStringList namesNotIn(
    const access::ShardedHash<Record>& map, const Wanted& wanted,
    Keep keep = [](const Record&) { return false; }) {
    QStringList names;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (!wanted.contains(it.key()) && !keep(it.value()))
            names.push_back(it.key());
    }
    return names;
}

} // namespace

ferry::Result<AppliedConfig> applyConfig(access::AccessStore& store, const QJsonObject& config) {
    auto self = connectedRegistryFromJson(config.value(L("registry")).toObject());
    if (!self)
        return malformed(QStringLiteral("registry: ") + self.error().message);
    QStringList repositories;
    for (const QJsonValue& value : config.value(L("repositories")).toArray())
        repositories.push_back(value.toString());

    QHash<QString, ConnectedRegistry> registries;
    for (const QJsonValue& value : config.value(L("registries")).toArray()) {
        auto registry = connectedRegistryFromJson(value.toObject());
        if (!registry)
            return malformed(QStringLiteral("registries: ") + registry.error().message);
        registries.insert(registry.value().name, registry.value());
    }
    QHash<QString, access::TokenRecord> tokens;
    for (const QJsonValue& value : config.value(L("tokens")).toArray()) {
        const QJsonObject entry = value.toObject();
        auto token = tokenFromJson(entry.value(L("token")).toObject());
        if (!token)
            return malformed(QStringLiteral("tokens: ") + token.error().message);
        access::TokenRecord record;
        record.token = token.value();
        record.hashes.password1 = entry.value(L("password1Hash")).toString();
        record.hashes.password2 = entry.value(L("password2Hash")).toString();
        tokens.insert(record.token.name, record);
    }
    const bool readOnly = self.value().mode == ConnectedRegistryMode::ReadOnly;
    QHash<QString, ScopeMap> scopeMaps;
    for (const QJsonValue& value : config.value(L("scopeMaps")).toArray()) {
        auto map = scopeMapFromJson(value.toObject());
        if (!map)
            return malformed(QStringLiteral("scopeMaps: ") + map.error().message);
        if (readOnly)
            map.value().actions = readOnlyActions(map.value().actions);
        scopeMaps.insert(map.value().name.toLower(), map.value());
    }
    const QJsonObject epochs = config.value(L("epochs")).toObject();

    AppliedConfig applied;
    const Status status = store.mutate([&](access::Mutation& m) -> Status {
        access::AccessState& state = m.state();
        // Itself.
        access::ConnectedSelf next{self.value(), repositories};
        if (state.self)
            next.registry = gateway::mergeDesired(state.self->registry, self.value());
        if (!state.self || !(state.self->registry == next.registry) ||
            state.self->repositories != repositories) {
            const QStringList before = state.self ? state.self->repositories : QStringList();
            applied.scopeChanged = before != repositories;
            for (const QString& pattern : before) {
                if (!repositories.contains(pattern))
                    applied.removedRepositories.push_back(pattern);
            }
            state.self = next;
            m.touchSelf();
        }
        // Descendants: definitions from above, reported fields kept from below.
        // Names first, then removals: iterating the map for writing would
        // detach (copy) every shard of it (access/shardedhash.h).
        for (const QString& name : namesNotIn(state.registries, registries)) {
            state.registries.remove(name);
            state.leases.remove(name);
            m.touchRegistry(name);
            m.touchLease(name);
        }
        for (const ConnectedRegistry& registry : registries) {
            auto it = state.registries.find(registry.name);
            ConnectedRegistry merged = it == state.registries.end()
                                           ? registry
                                           : gateway::mergeDesired(it->registry, registry);
            if (it == state.registries.end()) {
                merged.activation = Activation::Inactive;
                merged.connectionState = ConnectionState::Offline;
            }
            // A deactivation decided above: void the lease held here.
            const int64_t epoch = epochs.value(registry.name).toInteger();
            access::ActivationLease& lease = state.leases[registry.name];
            if (epoch > lease.epoch) {
                lease.epoch = epoch;
                lease.instance.clear();
                merged.activation = Activation::Inactive;
                merged.connectionState = ConnectionState::Offline;
                m.touchLease(registry.name);
            }
            if (it == state.registries.end() || !(it->registry == merged)) {
                state.registries[registry.name].registry = merged;
                m.touchRegistry(registry.name);
            }
        }
        // Tokens and scope maps: exactly the sets sent (system maps stay).
        for (const QString& name : namesNotIn(state.tokens, tokens)) {
            state.tokens.remove(name);
            m.touchToken(name);
        }
        for (const access::TokenRecord& record : tokens) {
            auto it = state.tokens.find(record.token.name);
            if (it != state.tokens.end() && it->token == record.token &&
                it->hashes.password1 == record.hashes.password1 &&
                it->hashes.password2 == record.hashes.password2)
                continue;
            state.tokens[record.token.name].token = record.token;
            state.tokens[record.token.name].hashes = record.hashes;
            m.touchToken(record.token.name);
        }
        const auto systemDefined = [](const access::ScopeMapRecord& record) {
            return record.scopeMap.type == ScopeMapType::SystemDefined;
        };
        for (const QString& name : namesNotIn(state.scopeMaps, scopeMaps, systemDefined)) {
            state.scopeMaps.remove(name);
            m.touchScopeMap(name);
        }
        for (const ScopeMap& map : scopeMaps) {
            if (map.type == ScopeMapType::SystemDefined)
                continue;
            const QString key = map.name.toLower();
            auto it = state.scopeMaps.find(key);
            if (it != state.scopeMaps.end() && it->scopeMap == map)
                continue;
            state.scopeMaps[key].scopeMap = map;
            m.touchScopeMap(key);
        }
        return {};
    });
    if (!status)
        return status.error();
    return applied;
}

} // namespace ferry::sync
