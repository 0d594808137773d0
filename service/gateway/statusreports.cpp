// Status reports travel up one level at a time (docs/sync-protocol.md
// "Messages up"): a child reports itself and, from its own records, every
// registry below it, so the root ends up with the whole subtree's state.
#include "gateway/gatewayapi.h"

#include "domain/jsoncodec.h"
#include "gateway/registrycommands.h"

#include <QJsonArray>

namespace ferry::gateway {

namespace {

// Times move with every report; writing each one would turn heartbeats into
// a stream of changes. Moves shorter than this do not count on their own.
constexpr qint64 kTimeGranularitySeconds = 15;

constexpr const char* kStatusReportFields[] = {
    "connectionState", "lastSyncTime",  "lastActivityTime",
    "version",         "statusDetails", "loginServer",
    "syncProgress",    "storage",       "acknowledgedCommands"};

bool timeMoved(const QDateTime& before, const QDateTime& after) {
    if (before.isValid() != after.isValid())
        return true;
    return before.isValid() && std::llabs(before.secsTo(after)) >= kTimeGranularitySeconds;
}

// Is the difference between two states worth a change (and an event)?
bool significant(const ConnectedRegistry& before, const ConnectedRegistry& after) {
    ConnectedRegistry withoutTimes = after;
    withoutTimes.lastSyncTime = before.lastSyncTime;
    withoutTimes.lastActivityTime = before.lastActivityTime;
    if (!(withoutTimes == before))
        return true;
    return timeMoved(before.lastSyncTime, after.lastSyncTime) ||
           timeMoved(before.lastActivityTime, after.lastActivityTime);
}

// The local record with the reported fields of `report` laid over it; the
// codec checks their shapes.
std::optional<ConnectedRegistry> withReport(const ConnectedRegistry& local,
                                            const QJsonObject& report) {
    QJsonObject merged = toJson(local);
    for (const char* field : kStatusReportFields) {
        const QJsonValue value = report.value(QLatin1String(field));
        if (!value.isUndefined())
            merged.insert(QLatin1String(field), value);
    }
    auto parsed = connectedRegistryFromJson(merged);
    if (!parsed)
        return std::nullopt;
    ConnectedRegistry result = parsed.value();
    // Desired fields never change from below.
    result.name = local.name;
    result.parent = local.parent;
    result.activation = local.activation;
    return result;
}

bool isBelow(const access::AccessState& state, const QString& name, const QString& ancestor) {
    const access::ConnectedRegistryRecord* record = state.registry(name);
    for (int depth = 0; record && depth < 64; ++depth) {
        if (record->registry.parent == ancestor)
            return true;
        record = state.registry(record->registry.parent);
    }
    return false;
}

} // namespace

Status applyStatusReport(access::AccessStore& store, const QString& child,
                         const QJsonObject& report) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return store.mutate([&](access::Mutation& m) -> Status {
        // The root owns commands: acknowledgements end them there. Below the
        // root they travel on up with the report (registrycommands.h).
        const bool atRoot = !m.state().self.has_value();
        const auto settle = [&](ConnectedRegistry& registry) {
            if (atRoot)
                settleCommands(registry, now);
        };
        auto& registries = m.state().registries;
        auto self = registries.find(child);
        if (self == registries.end())
            return makeError(QLatin1StringView("NOT_FOUND"),
                             QStringLiteral("No such connected registry."));
        auto updated = withReport(self->registry, report);
        if (!updated)
            return makeError(QLatin1StringView("JSON_INVALID"),
                             QStringLiteral("The report's fields are malformed."));
        settle(*updated);
        if (significant(self->registry, *updated)) {
            self->registry = *updated;
            m.touchRegistry(child);
        }
        for (const QJsonValue& value : report.value(QStringLiteral("descendants")).toArray()) {
            const QJsonObject entry = value.toObject();
            const QString name = entry.value(QStringLiteral("name")).toString();
            auto it = registries.find(name);
            // Only the child's own subtree, and never a report older than the
            // last deactivation decided here (its epoch).
            if (it == registries.end() || !isBelow(m.state(), name, child))
                continue;
            const int64_t epoch = entry.value(QStringLiteral("epoch")).toInteger();
            if (epoch < m.state().leases.value(name).epoch)
                continue;
            auto descendant = withReport(it->registry, entry);
            if (!descendant)
                continue;
            if (auto activation = enumFromString<Activation>(
                    entry.value(QStringLiteral("activation")).toString()))
                descendant->activation = *activation;
            settle(*descendant);
            if (significant(it->registry, *descendant)) {
                it->registry = *descendant;
                m.touchRegistry(name);
            }
        }
        return {};
    });
}

} // namespace ferry::gateway
