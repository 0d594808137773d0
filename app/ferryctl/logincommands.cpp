// `ferryctl login` and `ferryctl logout`: remember a server and its admin
// credentials. The password goes to the OS keychain only, after the server
// has accepted it, so a typo is never saved.

#include "cli.h"
#include "connection.h"
#include "tr.h"

#include <QProcessEnvironment>
#include <QSslCertificate>

namespace ferryctl {
namespace {

using Arity = OptionSpec::Arity;

QString resolvedServer(const Context& ctx, const SavedLogin& saved) {
    const QString flag = ctx.args.value(QStringLiteral("server"));
    if (!flag.isEmpty())
        return flag;
    const QString env =
        QProcessEnvironment::systemEnvironment().value(QStringLiteral("FERRY_SERVER"));
    return env.isEmpty() ? saved.server : env;
}

QString resolvedUsername(const Context& ctx, const QString& fallback) {
    const QString flag = ctx.args.value(QStringLiteral("username"));
    if (!flag.isEmpty())
        return flag;
    const QString env =
        QProcessEnvironment::systemEnvironment().value(QStringLiteral("FERRY_USERNAME"));
    return !env.isEmpty() ? env : !fallback.isEmpty() ? fallback : QStringLiteral("admin");
}

int login(Context& ctx) {
    const QString serverText = resolvedServer(ctx, SavedLogin{});
    if (serverText.isEmpty())
        return ctx.usage(Tr::tr("give the server: --server URL (or FERRY_SERVER)"));
    const QString server = normalizeServer(serverText);
    if (server.isEmpty())
        return ctx.usage(Tr::tr("'%1' is not an http:// or https:// server URL").arg(serverText));
    const QString username = resolvedUsername(ctx, {});

    QString password;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (ctx.args.has(QStringLiteral("password-stdin")))
        password = readPasswordFromStdin();
    else if (env.contains(QStringLiteral("FERRY_PASSWORD")))
        password = env.value(QStringLiteral("FERRY_PASSWORD"));
    else
        return ctx.usage(Tr::tr("give the password on stdin with --password-stdin (it is "
                                "never taken as an argument, where others could see it)"));
    if (password.isEmpty())
        return ctx.usage(Tr::tr("the password read from stdin is empty"));

    SavedLogin login{server, username, ctx.args.value(QStringLiteral("ca-file")),
                     ctx.args.has(QStringLiteral("insecure"))};
    ferry::ManagementClient client;
    client.setBaseUrl(QUrl(server));
    client.setCredentials(username, password);
    client.setInsecure(login.insecure);
    if (!login.caFile.isEmpty()) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(login.caFile);
        if (certificates.isEmpty())
            return ctx.usage(
                Tr::tr("no PEM certificate could be read from '%1'").arg(login.caFile));
        client.addCaCertificates(certificates);
    }
    // Any authenticated answer proves the credentials; only a refusal or no
    // answer at all stops the login.
    const ferry::ApiResponse response = Context::waitRaw(client.get(QStringLiteral("scope-maps")));
    if (response.error &&
        (response.httpStatus == 0 || response.httpStatus == 401 || response.httpStatus == 403)) {
        ctx.out.error(*response.error);
        return ExitFailure;
    }
    if (const auto stored = writeKeychainPassword(keychainKey(server, username), password);
        !stored) {
        ctx.out.error(QStringLiteral("%1: %2").arg(stored.error().code, stored.error().message));
        return ExitFailure;
    }
    saveLogin(login);
    if (!ctx.out.json())
        ctx.out.line(Tr::tr("Logged in to %1 as %2.").arg(server, username));
    else
        ctx.out.printJson(QJsonObject{{QStringLiteral("server"), server},
                                      {QStringLiteral("username"), username}});
    return ExitOk;
}

int logout(Context& ctx) {
    const SavedLogin saved = loadSavedLogin();
    const QString serverText = resolvedServer(ctx, saved);
    if (serverText.isEmpty()) {
        ctx.out.line(Tr::tr("Not logged in."));
        return ExitOk;
    }
    const QString server = normalizeServer(serverText);
    if (server.isEmpty())
        return ctx.usage(Tr::tr("'%1' is not an http:// or https:// server URL").arg(serverText));
    const QString username =
        resolvedUsername(ctx, saved.server == server ? saved.username : QString());
    if (const auto removed = deleteKeychainPassword(keychainKey(server, username)); !removed) {
        ctx.out.error(QStringLiteral("%1: %2").arg(removed.error().code, removed.error().message));
        return ExitFailure;
    }
    if (saved.server == server)
        forgetSavedLogin();
    ctx.out.line(Tr::tr("Logged out of %1 (%2).").arg(server, username));
    return ExitOk;
}

} // namespace

QList<Command> loginCommands() {
    return {
        {{QStringLiteral("login")},
         Tr::tr("Check and save a server and admin credentials (password in the OS keychain)."),
         {},
         login},
        {{QStringLiteral("logout")},
         Tr::tr("Forget the saved login and remove its password from the keychain."),
         {},
         logout},
    };
}

} // namespace ferryctl
