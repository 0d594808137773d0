#include "resourcecommands.h"
#include "tr.h"

#include "commandhelpers.h"

namespace ferryctl {

QString scopeMapPath(const QString& name) {
    return QStringLiteral("scope-maps/") + ferry::ManagementClient::segment(name);
}

QString tokenPath(const QString& name) {
    return QStringLiteral("tokens/") + ferry::ManagementClient::segment(name);
}

QString connectedRegistryPath(const QString& name) {
    return QStringLiteral("connected-registries/") + ferry::ManagementClient::segment(name);
}

ResourcePrinter asTableRow(TablePrinter table) {
    return
        [table](Output& out, const QJsonObject& resource) { (out.*table)(QJsonArray{resource}); };
}

std::optional<ferry::ApiResponse>
request(Context& ctx, const std::function<ferry::ManagementCall*(ferry::ManagementClient&)>& send) {
    auto* client = ctx.client();
    if (!client)
        return std::nullopt;
    return ctx.wait(send(*client));
}

int printAnswer(Context& ctx, const std::optional<ferry::ApiResponse>& response,
                const ResourcePrinter& print) {
    if (!response)
        return ctx.exitCode();
    if (ctx.out.json())
        ctx.out.printJson(response->body);
    else
        print(ctx.out, response->body);
    return ExitOk;
}

void printItems(Context& ctx, const QJsonArray& items, TablePrinter table) {
    if (ctx.out.json())
        ctx.out.printJson(items);
    else
        (ctx.out.*table)(items);
}

int listResources(Context& ctx, const QString& path, TablePrinter table, const QUrlQuery& query) {
    const auto response =
        request(ctx, [&](ferry::ManagementClient& client) { return client.get(path, query); });
    if (!response)
        return ctx.exitCode();
    printItems(ctx, itemsOf(response->body), table);
    return ExitOk;
}

int showResource(Context& ctx, const PathOf& pathOf, const ResourcePrinter& print) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    return printAnswer(
        ctx,
        request(ctx, [&](ferry::ManagementClient& client) { return client.get(pathOf(*name)); }),
        print);
}

std::optional<QString> confirmedName(Context& ctx, const QString& question, const QString& what) {
    auto name = ctx.required(QStringLiteral("name"));
    if (!name || !ctx.confirm(question.arg(what, *name)))
        return std::nullopt;
    return name;
}

int deleteResource(Context& ctx, const QString& what, const PathOf& pathOf, const QUrlQuery& query,
                   const ResourcePrinter& details) {
    const auto name = confirmedName(ctx, Tr::tr("Deleting %1 '%2'"), what);
    if (!name)
        return ctx.exitCode();
    const auto response = request(
        ctx, [&](ferry::ManagementClient& client) { return client.remove(pathOf(*name), query); });
    if (!response)
        return ctx.exitCode();
    if (ctx.out.json()) {
        if (details)
            ctx.out.printJson(response->body);
        return ExitOk;
    }
    ctx.out.line(Tr::tr("Deleted %1 '%2'.").arg(what, *name));
    if (details)
        details(ctx.out, response->body);
    return ExitOk;
}

} // namespace ferryctl
