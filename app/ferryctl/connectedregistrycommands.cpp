// `ferryctl connected-registry create|update|list|show|delete|deactivate|resync`
// over /api/v1/connected-registries. Domain rules (modes, parents, sync
// windows) are the server's to enforce; ferryctl only checks spellings so the
// person sees the server's own message for every rule violation.

#include "commandhelpers.h"
#include "connectedregistry.h"
#include "domain/types.h"
#include "resourcecommands.h"
#include "tr.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace ferryctl {
namespace {

using Arity = OptionSpec::Arity;
using ferry::ManagementClient;

// Canonical spelling of an enum flag, accepting the reference's aliases
// (Registry, Mirror); nullopt after a usage error.
template <class E> std::optional<QString> enumOption(Context& ctx, const QString& option) {
    const QString text = ctx.args.value(option);
    if (text.isEmpty())
        return QString();
    const auto value = ferry::enumFromString<E>(text);
    if (!value) {
        ctx.usage(Tr::tr("--%1 must be one of %2, not '%3'")
                      .arg(option, ferry::enumSpellings<E>().join(QStringLiteral(", ")), text));
        return std::nullopt;
    }
    return ferry::toString(*value);
}

// sync{...} and logging{...} from the flags both create and update accept.
std::optional<QJsonObject> settingsFromOptions(Context& ctx, QJsonObject body) {
    QJsonObject sync = body.value(QLatin1StringView("sync")).toObject();
    const QList<QPair<QString, QString>> syncFlags{
        {QStringLiteral("sync-schedule"), QStringLiteral("schedule")},
        {QStringLiteral("sync-window"), QStringLiteral("window")},
        {QStringLiteral("sync-message-ttl"), QStringLiteral("messageTtl")}};
    for (const auto& [flag, field] : syncFlags) {
        if (ctx.args.has(flag))
            sync.insert(field, ctx.args.value(flag));
    }
    if (!sync.isEmpty())
        body.insert(QStringLiteral("sync"), sync);
    const auto level = enumOption<ferry::LogLevel>(ctx, QStringLiteral("log-level"));
    if (!level)
        return std::nullopt;
    if (!level->isEmpty())
        body.insert(QStringLiteral("logging"), QJsonObject{{QStringLiteral("level"), *level}});
    return body;
}

void insertList(QJsonObject& body, Context& ctx, const QString& option, const QString& field) {
    if (ctx.args.has(option))
        body.insert(field, QJsonArray::fromStringList(ctx.args.values(option)));
}

// The list row, then what the row has no room for.
void printRegistry(Output& out, const QJsonObject& registry) {
    out.printConnectedRegistries(QJsonArray{registry});
    const QJsonObject sync = registry.value(QLatin1StringView("sync")).toObject();
    const QJsonObject logging = registry.value(QLatin1StringView("logging")).toObject();
    auto joined = [&](const char* key) {
        QStringList items;
        for (const QJsonValue& v : registry.value(QLatin1StringView(key)).toArray())
            items << v.toString();
        return items.isEmpty() ? QStringLiteral("-") : items.join(QStringLiteral(", "));
    };
    auto orDash = [](const QJsonValue& v) {
        return v.toString().isEmpty() ? QStringLiteral("-") : v.toString();
    };
    out.line();
    const QList<QPair<QString, QString>> details{
        {Tr::tr("Activation"), orDash(registry.value(QLatin1StringView("activation")))},
        {Tr::tr("Sync token"), orDash(sync.value(QLatin1StringView("token")))},
        {Tr::tr("Sync schedule"), orDash(sync.value(QLatin1StringView("schedule")))},
        {Tr::tr("Sync window"), orDash(sync.value(QLatin1StringView("window")))},
        {Tr::tr("Message TTL"), orDash(sync.value(QLatin1StringView("messageTtl")))},
        {Tr::tr("Client tokens"), joined("clientTokens")},
        {Tr::tr("Notifications"), joined("notifications")},
        {Tr::tr("Log level"), orDash(logging.value(QLatin1StringView("level")))},
        {Tr::tr("Version"), orDash(registry.value(QLatin1StringView("version")))},
    };
    for (const auto& [label, value] : details)
        out.line(padded(label + u':', 15) + u' ' + value);
    for (const QJsonValue& v : registry.value(QLatin1StringView("statusDetails")).toArray()) {
        const QJsonObject d = v.toObject();
        out.line(Tr::tr("Status:        %1 %2: %3")
                     .arg(displayTime(d.value(QLatin1StringView("timestamp"))),
                          d.value(QLatin1StringView("code")).toString(),
                          d.value(QLatin1StringView("description")).toString()));
    }
}

int create(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    const auto mode = enumOption<ferry::ConnectedRegistryMode>(ctx, QStringLiteral("mode"));
    if (!mode)
        return ExitUsage;
    QJsonObject body{
        {QStringLiteral("mode"), mode->isEmpty() ? QStringLiteral("ReadWrite") : *mode}};
    if (ctx.args.has(QStringLiteral("parent")))
        body.insert(QStringLiteral("parent"), ctx.args.value(QStringLiteral("parent")));
    insertList(body, ctx, QStringLiteral("client-tokens"), QStringLiteral("clientTokens"));
    insertList(body, ctx, QStringLiteral("notifications"), QStringLiteral("notifications"));
    insertList(body, ctx, QStringLiteral("repository"), QStringLiteral("repositories"));
    if (ctx.args.has(QStringLiteral("sync-token"))) {
        body.insert(
            QStringLiteral("sync"),
            QJsonObject{{QStringLiteral("token"), ctx.args.value(QStringLiteral("sync-token"))}});
    }
    const auto full = settingsFromOptions(ctx, body);
    if (!full)
        return ExitUsage;
    return printAnswer(
        ctx,
        request(
            ctx,
            [&](ManagementClient& client) {
                return client.put(connectedRegistryPath(*name), *full, {{"If-None-Match", "*"}});
            }),
        printRegistry);
}

int update(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    QJsonObject body;
    insertList(body, ctx, QStringLiteral("add-client-tokens"), QStringLiteral("addClientTokens"));
    insertList(body, ctx, QStringLiteral("remove-client-tokens"),
               QStringLiteral("removeClientTokens"));
    insertList(body, ctx, QStringLiteral("notifications"), QStringLiteral("notifications"));
    insertList(body, ctx, QStringLiteral("add-notifications"), QStringLiteral("addNotifications"));
    insertList(body, ctx, QStringLiteral("remove-notifications"),
               QStringLiteral("removeNotifications"));
    const auto full = settingsFromOptions(ctx, body);
    if (!full)
        return ExitUsage;
    if (full->isEmpty())
        return ctx.usage(Tr::tr("nothing to update: give client tokens, sync, logging or "
                                "notification options"));
    return printAnswer(ctx,
                       request(ctx,
                               [&](ManagementClient& client) {
                                   return client.patch(connectedRegistryPath(*name), *full);
                               }),
                       printRegistry);
}

int list(Context& ctx) {
    const auto mode = enumOption<ferry::ConnectedRegistryMode>(ctx, QStringLiteral("mode"));
    if (!mode)
        return ExitUsage;
    QUrlQuery query;
    if (ctx.args.has(QStringLiteral("parent")))
        query.addQueryItem(QStringLiteral("parent"), ctx.args.value(QStringLiteral("parent")));
    // The reference lists the whole subtree unless told otherwise.
    query.addQueryItem(QStringLiteral("descendants"), ctx.args.has(QStringLiteral("no-children"))
                                                          ? QStringLiteral("false")
                                                          : QStringLiteral("true"));
    if (!mode->isEmpty())
        query.addQueryItem(QStringLiteral("mode"), *mode);
    const auto response = request(ctx, [&](ManagementClient& client) {
        return client.get(QStringLiteral("connected-registries"), query);
    });
    if (!response)
        return ctx.exitCode();
    QJsonArray items = itemsOf(response->body);
    if (!ctx.args.has(QStringLiteral("parent")) && ctx.args.has(QStringLiteral("no-children"))) {
        // The root's direct children are the registries without a parent;
        // the contract has no name for the root to ask for them.
        QJsonArray children;
        for (const QJsonValue& item : items) {
            if (item.toObject().value(QLatin1StringView("parent")).toString().isEmpty())
                children.append(item);
        }
        items = children;
    }
    printItems(ctx, items, &Output::printConnectedRegistries);
    return ExitOk;
}

int show(Context& ctx) {
    return showResource(ctx, connectedRegistryPath, printRegistry);
}

// What cleanup took away and what it deliberately left (e.g. shared tokens).
void printCleanup(Output& out, const QJsonObject& answer) {
    for (const char* section : {"removed", "leftBehind"}) {
        const QJsonObject groups = answer.value(QLatin1StringView(section)).toObject();
        for (auto it = groups.begin(); it != groups.end(); ++it) {
            QStringList names;
            for (const QJsonValue& v : it.value().toArray())
                names << (v.isString() ? v.toString()
                                       : v.toObject().value(QLatin1StringView("name")).toString());
            if (!names.isEmpty())
                out.line(QStringLiteral("  %1 %2: %3")
                             .arg(QLatin1StringView(section), it.key(),
                                  names.join(QStringLiteral(", "))));
        }
    }
}

int remove(Context& ctx) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("cleanup"), ctx.args.has(QStringLiteral("cleanup"))
                                                      ? QStringLiteral("true")
                                                      : QStringLiteral("false"));
    return deleteResource(ctx, Tr::tr("connected registry"), connectedRegistryPath, query,
                          printCleanup);
}

int deactivate(Context& ctx) {
    const auto name =
        confirmedName(ctx, Tr::tr("Deactivating %1 '%2'"), Tr::tr("connected registry"));
    if (!name)
        return ctx.exitCode();
    return printAnswer(ctx,
                       request(ctx,
                               [&](ManagementClient& client) {
                                   return client.post(connectedRegistryPath(*name) +
                                                      QStringLiteral("/deactivate"));
                               }),
                       [&](Output& out, const QJsonObject&) {
                           out.line(Tr::tr("Deactivated connected registry '%1'; it can "
                                           "be deployed again.")
                                        .arg(*name));
                       });
}

// A Ferry verb beyond az's: "resync now", carried down the tree to the
// registry and kept there for its message TTL while it is offline.
int resync(Context& ctx) {
    const QString name = ctx.args.value(QStringLiteral("name"));
    return printAnswer(
        ctx,
        request(ctx,
                [&](ManagementClient& client) {
                    return client.post(connectedRegistryPath(name) + QStringLiteral("/resync"));
                }),
        [&](Output& out, const QJsonObject& registry) {
            const QJsonArray commands = registry.value(QStringLiteral("commands")).toArray();
            const QString expires =
                commands.isEmpty()
                    ? QString()
                    : commands.last().toObject().value(QStringLiteral("expires")).toString();
            out.line(Tr::tr("Resync requested for connected registry '%1'; it is carried "
                            "out when the registry next hears from its parent (the "
                            "request expires %2).")
                         .arg(name, expires));
        });
}

OptionSpec many(const char* name, const char* valueName, const char* help) {
    return {QLatin1StringView(name), QChar(), Arity::Many, QLatin1StringView(valueName),
            QLatin1StringView(help)};
}

OptionSpec one(const char* name, const char* valueName, const char* help) {
    return {QLatin1StringView(name), QChar(), Arity::One, QLatin1StringView(valueName),
            QLatin1StringView(help)};
}

} // namespace

QList<Command> connectedRegistryCommands() {
    const QString group = QStringLiteral("connected-registry");
    const OptionSpec name = nameOption(Tr::tr("Connected registry name."));
    const OptionSpec mode{QStringLiteral("mode"), u'm', Arity::One,
                          QStringLiteral("ReadWrite|ReadOnly"),
                          Tr::tr("Mode, fixed at creation (Registry and Mirror also accepted).")};
    const OptionSpec parent{QStringLiteral("parent"), u'p', Arity::One, Tr::tr("NAME"),
                            Tr::tr("Parent connected registry (default: the root).")};
    const QList<OptionSpec> settings{
        one("sync-schedule", "CRON", "5-field cron; '* * * * *' is continuous."),
        one("sync-window", "DURATION", "ISO 8601 duration of each scheduled sync (PT1H..P7D)."),
        one("sync-message-ttl", "DURATION",
            "ISO 8601 message TTL for an offline child (P1D..P90D)."),
        one("log-level", "LEVEL", "Debug, Information, Warning, Error or None."),
    };
    QList<Command> commands{
        {{group, QStringLiteral("create")},
         Tr::tr("Create a connected registry under the root or another connected registry."),
         QList<OptionSpec>{
             name, mode, parent, many("repository", "REPO...", "Repositories to sync; repeatable."),
             one("sync-token", "TOKEN", "Existing sync token instead of --repository."),
             many("client-tokens", "TOKEN...", "Client tokens it accepts."),
             many("notifications", "PATTERN...", "Notification patterns artifact:action.")} +
             settings,
         create},
        {{group, QStringLiteral("update")},
         Tr::tr("Change a connected registry's client tokens, sync, logging or notifications."),
         QList<OptionSpec>{
             name, many("add-client-tokens", "TOKEN...", "Client tokens to accept."),
             many("remove-client-tokens", "TOKEN...", "Client tokens to stop accepting."),
             many("notifications", "PATTERN...", "Replace the notification patterns."),
             many("add-notifications", "PATTERN...", "Notification patterns to add."),
             many("remove-notifications", "PATTERN...", "Notification patterns to remove.")} +
             settings,
         update},
        {{group, QStringLiteral("list")},
         Tr::tr("List connected registries (the whole subtree unless --no-children)."),
         {parent,
          mode,
          {QStringLiteral("no-children"),
           QChar(),
           Arity::Flag,
           {},
           Tr::tr("Only the direct children of --parent (or of the root).")}},
         list},
        {{group, QStringLiteral("show")}, Tr::tr("Show one connected registry."), {name}, show},
        {{group, QStringLiteral("delete")},
         Tr::tr("Delete a connected registry."),
         {name,
          yesOption(),
          {QStringLiteral("cleanup"),
           QChar(),
           Arity::Flag,
           {},
           Tr::tr("Also remove its sync token and scope map and its gateway actions from "
                  "every ancestor.")}},
         remove},
        {{group, QStringLiteral("resync")},
         Tr::tr("Make a connected registry check all its content against its parent again and "
                "fetch what "
                "it lacks."),
         {name},
         resync},
        {{group, QStringLiteral("deactivate")},
         Tr::tr("Deactivate a deployed connected registry so it can be deployed again."),
         {name, yesOption()},
         deactivate},
    };
    return commands + connectedRegistryAccessCommands() + connectedRegistryWatchCommands();
}

} // namespace ferryctl
