// `ferryctl token ...` and `ferryctl token credential ...` over /api/v1/tokens.
// Generated passwords are printed exactly once, in the command's own output,
// and go nowhere else (DOMAIN.md "Tokens": a password can never be read back).

#include "commandhelpers.h"
#include "domain/types.h"
#include "resourcecommands.h"
#include "tr.h"

#include <QJsonArray>

namespace ferryctl {
namespace {

using Arity = OptionSpec::Arity;
using ferry::ManagementClient;

std::optional<QString> statusOption(Context& ctx) {
    const QString text = ctx.args.value(QStringLiteral("status"));
    if (text.isEmpty())
        return QString();
    const auto status = ferry::enumFromString<ferry::TokenStatus>(text);
    if (!status) {
        ctx.usage(Tr::tr("--status must be enabled or disabled, not '%1'").arg(text));
        return std::nullopt;
    }
    return ferry::toString(*status);
}

// POSTs generate-credentials; `slot` empty means both passwords.
ferry::ManagementCall* generate(ManagementClient& client, const QString& token, const QString& slot,
                                const QString& expiry) {
    QJsonObject body;
    if (!slot.isEmpty())
        body.insert(QStringLiteral("name"), slot);
    if (!expiry.isEmpty())
        body.insert(QStringLiteral("expiry"), expiry);
    return client.post(tokenPath(token) + QStringLiteral("/generate-credentials"), body);
}

int create(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    auto actions =
        actionsFromOptions(ctx.args, QStringLiteral("repository"), QStringLiteral("gateway"));
    if (!actions)
        return ctx.usage(actions.error().message);
    const QString scopeMapName = ctx.args.value(QStringLiteral("scope-map"));
    if (scopeMapName.isEmpty() == actions->isEmpty())
        return ctx.usage(Tr::tr("give either --scope-map or --repository/--gateway actions"));
    const auto status = statusOption(ctx);
    if (!status)
        return ExitUsage;
    auto expiry = expiryFromOptions(ctx.args);
    if (!expiry)
        return ctx.usage(expiry.error().message);
    const bool noPasswords = ctx.args.has(QStringLiteral("no-passwords"));
    if (noPasswords && !expiry->isEmpty())
        return ctx.usage(Tr::tr("--no-passwords and an expiration contradict each other"));
    auto* client = ctx.client();
    if (!client)
        return ctx.exitCode();

    QString scopeMap = scopeMapName;
    if (scopeMap.isEmpty()) {
        // As the reference CLI does: the actions get a map of their own,
        // named after the token.
        scopeMap = *name + QStringLiteral("-scope-map");
        const QJsonObject body{
            {QStringLiteral("description"), QStringLiteral("Scope map of token %1").arg(*name)},
            {QStringLiteral("actions"), QJsonArray::fromStringList(actions.value())}};
        if (!ctx.wait(client->put(scopeMapPath(scopeMap), body, {{"If-None-Match", "*"}})))
            return ctx.exitCode();
    }
    QJsonObject body{{QStringLiteral("scopeMap"), scopeMap}};
    if (!status->isEmpty())
        body.insert(QStringLiteral("status"), *status);
    // Without an expiry the server makes both passwords in the same change
    // as the token; with one, generate-credentials has to carry it.
    const bool generateNow = !noPasswords && expiry->isEmpty();
    if (generateNow)
        body.insert(QStringLiteral("generatePasswords"), true);
    const auto created = ctx.wait(client->put(tokenPath(*name), body, {{"If-None-Match", "*"}}));
    if (!created)
        return ctx.exitCode();
    QJsonObject token = created->body;
    std::optional<QJsonObject> credentials;
    if (generateNow) {
        credentials =
            QJsonObject{{QStringLiteral("username"), token.take(QStringLiteral("username"))},
                        {QStringLiteral("passwords"), token.take(QStringLiteral("passwords"))}};
    } else if (!noPasswords) {
        if (const auto generated = ctx.wait(generate(*client, *name, {}, *expiry)))
            credentials = generated->body;
        if (!credentials) {
            ctx.out.error(Tr::tr("token '%1' was created without passwords; run 'ferryctl "
                                 "token credential generate -n %1' to make them")
                              .arg(*name));
            return ctx.exitCode();
        }
        // Re-read so the table shows the slots the generation just filled.
        if (const auto fresh = ctx.wait(client->get(tokenPath(*name))))
            token = fresh->body;
    }
    if (ctx.out.json()) {
        if (credentials) {
            token.insert(QStringLiteral("username"),
                         credentials->value(QLatin1StringView("username")));
            token.insert(QStringLiteral("passwords"),
                         credentials->value(QLatin1StringView("passwords")));
        }
        ctx.out.printJson(token);
        return ExitOk;
    }
    ctx.out.printTokens(QJsonArray{token});
    if (credentials) {
        ctx.out.line();
        ctx.out.printGeneratedCredentials(*credentials);
    }
    return ExitOk;
}

int update(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    const auto status = statusOption(ctx);
    if (!status)
        return ExitUsage;
    QJsonObject body;
    if (ctx.args.has(QStringLiteral("scope-map")))
        body.insert(QStringLiteral("scopeMap"), ctx.args.value(QStringLiteral("scope-map")));
    if (!status->isEmpty())
        body.insert(QStringLiteral("status"), *status);
    if (body.isEmpty())
        return ctx.usage(Tr::tr("nothing to update: give --scope-map or --status"));
    return printAnswer(
        ctx,
        request(ctx,
                [&](ManagementClient& client) { return client.patch(tokenPath(*name), body); }),
        asTableRow(&Output::printTokens));
}

int list(Context& ctx) {
    return listResources(ctx, QStringLiteral("tokens"), &Output::printTokens);
}

int show(Context& ctx) {
    return showResource(ctx, tokenPath, asTableRow(&Output::printTokens));
}

int remove(Context& ctx) {
    return deleteResource(ctx, Tr::tr("token"), tokenPath);
}

// --password1 / --password2 / both (or neither, meaning both for generate).
QStringList selectedSlots(const ParsedArgs& args) {
    QStringList slots;
    if (args.has(QStringLiteral("password1")))
        slots << QStringLiteral("password1");
    if (args.has(QStringLiteral("password2")))
        slots << QStringLiteral("password2");
    return slots;
}

int credentialGenerate(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    auto expiry = expiryFromOptions(ctx.args);
    if (!expiry)
        return ctx.usage(expiry.error().message);
    const QStringList slots = selectedSlots(ctx.args);
    const QString slot = slots.size() == 1 ? slots.first() : QString();
    if (!ctx.confirmOnTerminal(Tr::tr("Replace %1 of token '%2'? Clients using it will be refused")
                                   .arg(slot.isEmpty() ? Tr::tr("both passwords") : slot, *name)))
        return ctx.exitCode();
    return printAnswer(
        ctx,
        request(ctx,
                [&](ManagementClient& client) { return generate(client, *name, slot, *expiry); }),
        &Output::printGeneratedCredentials);
}

int credentialDelete(Context& ctx) {
    const auto name = ctx.required(QStringLiteral("name"));
    if (!name)
        return ExitUsage;
    const QStringList slots = selectedSlots(ctx.args);
    if (slots.isEmpty())
        return ctx.usage(Tr::tr("say which password to delete: --password1, --password2 or both"));
    if (!ctx.confirmOnTerminal(Tr::tr("Delete %1 of token '%2'? Clients using it will be refused")
                                   .arg(slots.join(Tr::tr(" and ")), *name)))
        return ctx.exitCode();
    auto* client = ctx.client();
    if (!client)
        return ctx.exitCode();
    for (const QString& slot : slots) {
        if (!ctx.wait(client->remove(tokenPath(*name) + QStringLiteral("/credentials/") + slot)))
            return ctx.exitCode();
        if (!ctx.out.json())
            ctx.out.line(Tr::tr("Deleted %1 of token '%2'.").arg(slot, *name));
    }
    return ExitOk;
}

} // namespace

QList<Command> tokenCommands() {
    const QString group = QStringLiteral("token");
    const OptionSpec name = nameOption(Tr::tr("Token name (the docker username)."));
    const OptionSpec scopeMap{QStringLiteral("scope-map"), QChar(), Arity::One, Tr::tr("NAME"),
                              Tr::tr("Scope map the token uses.")};
    const OptionSpec status{QStringLiteral("status"), QChar(), Arity::One,
                            QStringLiteral("enabled|disabled"), Tr::tr("Token status.")};
    const OptionSpec expiration{QStringLiteral("expiration"), QChar(), Arity::One,
                                QStringLiteral("RFC3339"),
                                Tr::tr("When the passwords expire (default: never).")};
    const OptionSpec expirationDays{QStringLiteral("expiration-in-days"), QChar(), Arity::One,
                                    QStringLiteral("N"),
                                    Tr::tr("Passwords expire N days from now.")};
    const OptionSpec password1{
        QStringLiteral("password1"), QChar(), Arity::Flag, {}, Tr::tr("The password1 slot.")};
    const OptionSpec password2{
        QStringLiteral("password2"), QChar(), Arity::Flag, {}, Tr::tr("The password2 slot.")};
    return {
        {{group, QStringLiteral("create")},
         Tr::tr("Create a token and, unless --no-passwords, both of its passwords."),
         {name,
          scopeMap,
          {QStringLiteral("repository"), QChar(), Arity::Many, QStringLiteral("REPO ACTION..."),
           Tr::tr("Instead of --scope-map: make <token>-scope-map with these actions.")},
          {QStringLiteral("gateway"), QChar(), Arity::Many, QStringLiteral("NAME ACTION..."),
           Tr::tr("Gateway actions for <token>-scope-map.")},
          status,
          expiration,
          expirationDays,
          {QStringLiteral("no-passwords"),
           QChar(),
           Arity::Flag,
           {},
           Tr::tr("Create the token without passwords.")}},
         create},
        {{group, QStringLiteral("update")},
         Tr::tr("Change a token's scope map or status."),
         {name, scopeMap, status},
         update},
        {{group, QStringLiteral("list")}, Tr::tr("List tokens."), {}, list},
        {{group, QStringLiteral("show")}, Tr::tr("Show one token."), {name}, show},
        {{group, QStringLiteral("delete")}, Tr::tr("Delete a token."), {name, yesOption()}, remove},
        {{group, QStringLiteral("credential"), QStringLiteral("generate")},
         Tr::tr("Generate password1, password2 or both (shown once)."),
         {name, password1, password2, expiration, expirationDays, yesOption()},
         credentialGenerate},
        {{group, QStringLiteral("credential"), QStringLiteral("delete")},
         Tr::tr("Delete password1, password2 or both."),
         {name, password1, password2, yesOption()},
         credentialDelete},
    };
}

} // namespace ferryctl
