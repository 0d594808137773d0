#include "gateway/registrycommands.h"

#include "crypto/random.h"
#include "domain/duration.h"

namespace ferry::gateway {

Result<RegistryCommand> issueCommand(const ConnectedRegistry& registry, const QString& type,
                                     const QDateTime& nowUtc) {
    auto ttl = IsoDuration::parse(registry.sync.messageTtl);
    if (!ttl)
        return ttl.error();
    auto id = crypto::randomId();
    if (!id)
        return makeError(
            QLatin1StringView("INTERNAL"),
            QStringLiteral("No random id: %1").arg(QString::fromStdString(id.error())));
    RegistryCommand command;
    command.id = QString::fromStdString(id.value());
    command.type = type;
    command.issued = nowUtc;
    command.expires = nowUtc.addMSecs(ttl.value().totalMilliseconds());
    return command;
}

QList<RegistryCommand> liveCommands(const QList<RegistryCommand>& commands,
                                    const QDateTime& nowUtc) {
    QList<RegistryCommand> live;
    for (const RegistryCommand& command : commands) {
        if (!command.expires.isValid() || command.expires > nowUtc)
            live.push_back(command);
    }
    return live;
}

bool settleCommands(ConnectedRegistry& registry, const QDateTime& nowUtc) {
    QList<RegistryCommand> pending;
    for (const RegistryCommand& command : liveCommands(registry.commands, nowUtc)) {
        if (!registry.acknowledgedCommands.contains(command.id))
            pending.push_back(command);
    }
    // Every acknowledgement has now done its work.
    const bool changed = pending != registry.commands || !registry.acknowledgedCommands.isEmpty();
    registry.commands = pending;
    registry.acknowledgedCommands.clear();
    return changed;
}

} // namespace ferry::gateway
