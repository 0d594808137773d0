// `ferryctl scope-map ...`: create, update, list, show, delete over
// /api/v1/scope-maps, with the reference CLI's --repository/--gateway shorthand.

#include "commandhelpers.h"
#include "resourcecommands.h"
#include "tr.h"

#include <QJsonArray>

namespace ferryctl {
namespace {

using Arity = OptionSpec::Arity;
using ferry::ManagementClient;

OptionSpec repositoryOption(const QString& name, const QString& help) {
    return {name, QChar(), Arity::Many, QStringLiteral("REPO ACTION..."), help};
}

OptionSpec gatewayOption(const QString& name, const QString& help) {
    return {name, QChar(), Arity::Many, QStringLiteral("NAME ACTION..."), help};
}

OptionSpec descriptionOption() {
    return {QStringLiteral("description"), QChar(), Arity::One, QStringLiteral("TEXT"),
            Tr::tr("Description, at most 256 characters.")};
}

// The list row, then every action: the row only counts them.
void printScopeMap(Output& out, const QJsonObject& scopeMap) {
    out.printScopeMaps(QJsonArray{scopeMap});
    out.line();
    out.line(Tr::tr("ACTIONS"));
    for (const QJsonValue& action : scopeMap.value(QLatin1StringView("actions")).toArray())
        out.line(QStringLiteral("  ") + action.toString());
}

int create(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    auto actions =
        actionsFromOptions(ctx.args, QStringLiteral("repository"), QStringLiteral("gateway"));
    if (!actions)
        return ctx.usage(actions.error().message);
    if (actions->isEmpty())
        return ctx.usage(Tr::tr("give at least one --repository or --gateway"));
    const QJsonObject body{
        {QStringLiteral("description"), ctx.args.value(QStringLiteral("description"))},
        {QStringLiteral("actions"), QJsonArray::fromStringList(actions.value())}};
    // If-None-Match: * makes create refuse to overwrite an existing map.
    return printAnswer(
        ctx,
        request(ctx,
                [&](ManagementClient& client) {
                    return client.put(scopeMapPath(*name), body, {{"If-None-Match", "*"}});
                }),
        printScopeMap);
}

int update(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    auto replace =
        actionsFromOptions(ctx.args, QStringLiteral("repository"), QStringLiteral("gateway"));
    if (!replace)
        return ctx.usage(replace.error().message);
    auto add = actionsFromOptions(ctx.args, QStringLiteral("add-repository"),
                                  QStringLiteral("add-gateway"));
    if (!add)
        return ctx.usage(add.error().message);
    auto remove = actionsFromOptions(ctx.args, QStringLiteral("remove-repository"),
                                     QStringLiteral("remove-gateway"));
    if (!remove)
        return ctx.usage(remove.error().message);
    const bool hasDescription = ctx.args.has(QStringLiteral("description"));
    if (replace->isEmpty() && add->isEmpty() && remove->isEmpty() && !hasDescription)
        return ctx.usage(
            Tr::tr("nothing to update: give --description or repository/gateway actions"));
    if (!replace->isEmpty() && (!add->isEmpty() || !remove->isEmpty()))
        return ctx.usage(Tr::tr("--repository/--gateway replace every action; don't combine "
                                "them with --add-*/--remove-*"));
    auto* client = ctx.client();
    if (!client)
        return ctx.exitCode();

    std::optional<ferry::ApiResponse> response;
    if (!replace->isEmpty()) {
        // A full replacement is a read-modify-write: If-Match makes it fail
        // rather than clobber a change someone made in between.
        const auto current = ctx.wait(client->get(scopeMapPath(*name)));
        if (!current)
            return ctx.exitCode();
        QJsonObject body{{QStringLiteral("description"),
                          hasDescription ? ctx.args.value(QStringLiteral("description"))
                                         : current->body.value(QLatin1StringView("description"))},
                         {QStringLiteral("actions"), QJsonArray::fromStringList(replace.value())}};
        ManagementClient::Headers headers;
        if (!current->etag.isEmpty())
            headers.append({"If-Match", current->etag});
        response = ctx.wait(client->put(scopeMapPath(*name), body, headers));
    } else {
        QJsonObject body;
        if (hasDescription)
            body.insert(QStringLiteral("description"),
                        ctx.args.value(QStringLiteral("description")));
        if (!add->isEmpty())
            body.insert(QStringLiteral("addActions"), QJsonArray::fromStringList(add.value()));
        if (!remove->isEmpty())
            body.insert(QStringLiteral("removeActions"),
                        QJsonArray::fromStringList(remove.value()));
        response = ctx.wait(client->patch(scopeMapPath(*name), body));
    }
    return printAnswer(ctx, response, printScopeMap);
}

int list(Context& ctx) {
    return listResources(ctx, QStringLiteral("scope-maps"), &Output::printScopeMaps);
}

int show(Context& ctx) {
    return showResource(ctx, scopeMapPath, printScopeMap);
}

int remove(Context& ctx) {
    return deleteResource(ctx, Tr::tr("scope map"), scopeMapPath);
}

} // namespace

QList<Command> scopeMapCommands() {
    const QString group = QStringLiteral("scope-map");
    const OptionSpec name = nameOption(Tr::tr("Scope map name."));
    return {
        {{group, QStringLiteral("create")},
         Tr::tr("Create a scope map."),
         {name, descriptionOption(),
          repositoryOption(QStringLiteral("repository"),
                           Tr::tr("Repository and its actions (content/read, ...); repeatable.")),
          gatewayOption(QStringLiteral("gateway"),
                        Tr::tr("Connected registry and its gateway actions; repeatable."))},
         create},
        {{group, QStringLiteral("update")},
         Tr::tr("Change a scope map's description or actions."),
         {name, descriptionOption(),
          repositoryOption(QStringLiteral("repository"), Tr::tr("Replace every action.")),
          gatewayOption(QStringLiteral("gateway"), Tr::tr("Replace every action.")),
          repositoryOption(QStringLiteral("add-repository"), Tr::tr("Add repository actions.")),
          repositoryOption(QStringLiteral("remove-repository"),
                           Tr::tr("Remove repository actions.")),
          gatewayOption(QStringLiteral("add-gateway"), Tr::tr("Add gateway actions.")),
          gatewayOption(QStringLiteral("remove-gateway"), Tr::tr("Remove gateway actions."))},
         update},
        {{group, QStringLiteral("list")}, Tr::tr("List scope maps."), {}, list},
        {{group, QStringLiteral("show")}, Tr::tr("Show one scope map."), {name}, show},
        {{group, QStringLiteral("delete")},
         Tr::tr("Delete a scope map."),
         {name, yesOption()},
         remove},
    };
}

} // namespace ferryctl
