// `ferryctl connected-registry get-settings|list-client-tokens|permissions ...`:
// what an on-premises registry is started with and what it may sync.

#include "commandhelpers.h"
#include "connectedregistry.h"
#include "resourcecommands.h"
#include "tr.h"

#include <QJsonArray>

namespace ferryctl {
namespace {

using Arity = OptionSpec::Arity;
using ferry::ManagementClient;

// The connection string block, and whether it holds a usable password.
void printSettings(Output& out, const QJsonObject& r) {
    if (r.value(QLatin1StringView("passwordGenerated")).toBool()) {
        out.line(Tr::tr("A new sync token password was generated. It is in the connection "
                        "string below, shown only this once: save it now."));
    } else {
        out.line(Tr::tr("No password was generated; the string holds a placeholder. "
                        "Use --generate-password 1|2 for a usable string."));
    }
    const QString server = Tr::tr("Login server:");
    const QString connection = Tr::tr("Connection string:");
    const qsizetype width = qMax(displayWidth(server), displayWidth(connection)) + 1;
    out.line(padded(server, width) + r.value(QLatin1StringView("loginServer")).toString());
    out.line(padded(connection, width) + r.value(QLatin1StringView("connectionString")).toString());
}

int getSettings(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    const auto protocol = ctx.required(QStringLiteral("parent-protocol"));
    if (!protocol)
        return ExitUsage;
    if (*protocol != QLatin1String("http") && *protocol != QLatin1String("https"))
        return ctx.usage(
            Tr::tr("--parent-protocol must be http or https, not '%1'").arg(*protocol));
    QJsonObject body{{QStringLiteral("parentProtocol"), *protocol}};
    if (ctx.args.has(QStringLiteral("generate-password"))) {
        const QString slot = ctx.args.value(QStringLiteral("generate-password"));
        if (slot != QLatin1String("1") && slot != QLatin1String("2"))
            return ctx.usage(Tr::tr("--generate-password must be 1 or 2, not '%1'").arg(slot));
        body.insert(QStringLiteral("generatePassword"), slot.toInt());
        if (!ctx.confirmOnTerminal(Tr::tr("Replace password%1 of the sync token of '%2'? The "
                                          "registry using it must be restarted with the new string")
                                       .arg(slot, *name)))
            return ctx.exitCode();
    }
    return printAnswer(ctx,
                       request(ctx,
                               [&](ManagementClient& client) {
                                   return client.post(connectedRegistryPath(*name) +
                                                          QStringLiteral("/get-settings"),
                                                      body);
                               }),
                       printSettings);
}

int listClientTokens(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    return listResources(ctx, connectedRegistryPath(*name) + QStringLiteral("/client-tokens"),
                         &Output::printTokens);
}

QString permissionsPath(const QString& name) {
    return connectedRegistryPath(name) + QStringLiteral("/permissions");
}

// The permissions object lists repositories (and may add the sync scope
// map's actions); a table shows whichever of them the server sent.
void printPermissions(Output& out, const QJsonObject& permissions) {
    QList<QStringList> rows;
    for (const QJsonValue& v : permissions.value(QLatin1StringView("repositories")).toArray())
        rows << QStringList{
            v.isString() ? v.toString() : v.toObject().value(QLatin1StringView("name")).toString()};
    out.printTable({Tr::tr("REPOSITORY")}, rows);
    const QJsonArray actions = permissions.value(QLatin1StringView("actions")).toArray();
    if (!actions.isEmpty()) {
        out.line();
        out.line(Tr::tr("SYNC SCOPE MAP ACTIONS"));
        for (const QJsonValue& action : actions)
            out.line(QStringLiteral("  ") + action.toString());
    }
}

int permissionsShow(Context& ctx) {
    return showResource(ctx, permissionsPath, printPermissions);
}

int permissionsUpdate(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    QJsonObject body;
    if (ctx.args.has(QStringLiteral("add")))
        body.insert(QStringLiteral("add"),
                    QJsonArray::fromStringList(ctx.args.values(QStringLiteral("add"))));
    if (ctx.args.has(QStringLiteral("remove")))
        body.insert(QStringLiteral("remove"),
                    QJsonArray::fromStringList(ctx.args.values(QStringLiteral("remove"))));
    if (body.isEmpty())
        return ctx.usage(Tr::tr("nothing to update: give --add REPO... or --remove REPO..."));
    return printAnswer(ctx,
                       request(ctx,
                               [&](ManagementClient& client) {
                                   return client.patch(permissionsPath(*name), body);
                               }),
                       printPermissions);
}

} // namespace

QList<Command> connectedRegistryAccessCommands() {
    const QString group = QStringLiteral("connected-registry");
    const OptionSpec name = nameOption(Tr::tr("Connected registry name."));
    return {
        {{group, QStringLiteral("get-settings")},
         Tr::tr("Print the connection string an on-premises registry is started with."),
         {name,
          {QStringLiteral("parent-protocol"), QChar(), Arity::One, QStringLiteral("http|https"),
           Tr::tr("Protocol to reach the parent with.")},
          {QStringLiteral("generate-password"), QChar(), Arity::One, QStringLiteral("1|2"),
           Tr::tr("Generate a new sync token password in that slot (shown once).")},
          yesOption()},
         getSettings},
        {{group, QStringLiteral("list-client-tokens")},
         Tr::tr("List the client tokens a connected registry accepts."),
         {name},
         listClientTokens},
        {{group, QStringLiteral("permissions"), QStringLiteral("show")},
         Tr::tr("Show the repositories a connected registry syncs."),
         {name},
         permissionsShow},
        {{group, QStringLiteral("permissions"), QStringLiteral("update")},
         Tr::tr("Add repositories (also to every ancestor) or remove them (also from every "
                "descendant)."),
         {name,
          {QStringLiteral("add"), QChar(), Arity::Many, QStringLiteral("REPO..."),
           Tr::tr("Repositories to add.")},
          {QStringLiteral("remove"), QChar(), Arity::Many, QStringLiteral("REPO..."),
           Tr::tr("Repositories to remove.")}},
         permissionsUpdate},
    };
}

} // namespace ferryctl
