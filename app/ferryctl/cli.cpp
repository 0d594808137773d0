#include "cli.h"
#include "tr.h"

#include "connection.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <cstdio>
#if defined(Q_OS_WIN)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace ferryctl {
namespace {

using Arity = OptionSpec::Arity;

QList<Command> allCommands() {
    return connectedRegistryCommands() + tokenCommands() + scopeMapCommands() + loginCommands();
}

QString firstOf(const QString& a, const QString& b, const QString& c = {}) {
    return !a.isEmpty() ? a : !b.isEmpty() ? b : c;
}

void printGroupHelp(Output& out, const QStringList& prefix, const QList<Command>& commands) {
    out.line(Tr::tr("Usage: ferryctl %1<command> [options]")
                 .arg(prefix.isEmpty() ? QString() : prefix.join(u' ') + u' '));
    out.line();
    out.line(Tr::tr("Commands:"));
    for (const Command& command : commands) {
        if (command.path.mid(0, prefix.size()) == prefix)
            out.line(QStringLiteral("  %1  %2")
                         .arg(command.path.join(u' ').leftJustified(40), command.summary));
    }
    out.line();
    out.line(Tr::tr("Global options:"));
    out.err().flush();
    QTextStream(stdout) << formatOptionHelp(globalOptions());
}

void printCommandHelp(Output& out, const Command& command) {
    out.line(Tr::tr("Usage: ferryctl %1 [options]").arg(command.path.join(u' ')));
    out.line();
    out.line(command.summary);
    if (!command.options.isEmpty()) {
        out.line();
        out.line(Tr::tr("Options:"));
        QTextStream(stdout) << formatOptionHelp(command.options);
    }
    out.line();
    out.line(Tr::tr("Global options:"));
    QTextStream(stdout) << formatOptionHelp(globalOptions());
}

} // namespace

QList<OptionSpec> globalOptions() {
    return {
        {QStringLiteral("output"), u'o', Arity::One, QStringLiteral("json|table"),
         Tr::tr("Output format (default: table).")},
        {QStringLiteral("server"), QChar(), Arity::One, QStringLiteral("URL"),
         Tr::tr("ferryd to manage (else FERRY_SERVER, else the saved login).")},
        {QStringLiteral("username"), QChar(), Arity::One, QStringLiteral("USER"),
         Tr::tr("Admin user (else FERRY_USERNAME, else the saved login, else admin).")},
        {QStringLiteral("password-stdin"),
         QChar(),
         Arity::Flag,
         {},
         Tr::tr("Read the password from stdin (else FERRY_PASSWORD, else the keychain).")},
        {QStringLiteral("insecure"),
         QChar(),
         Arity::Flag,
         {},
         Tr::tr("Skip TLS certificate verification.")},
        {QStringLiteral("ca-file"), QChar(), Arity::One, QStringLiteral("FILE"),
         Tr::tr("Trust the PEM certificates in FILE (a self-signed server).")},
        {QStringLiteral("lang"), QChar(), Arity::One, QStringLiteral("LANG"),
         Tr::tr("Language of the messages: ja, en, ... (else FERRY_LANG, else the system's).")},
        {QStringLiteral("help"), u'h', Arity::Flag, {}, Tr::tr("Show this help.")},
    };
}

Context::Context(const ParsedArgs& parsedArgs, Output& output, QString path)
    : args(parsedArgs)
    , out(output)
    , commandPath(std::move(path)) {}

Context::~Context() = default;

int Context::usage(const QString& message) {
    out.usageError(message, commandPath);
    m_exitCode = ExitUsage;
    return ExitUsage;
}

std::optional<QString> Context::required(const QString& option) {
    const QString text = args.value(option);
    if (text.isEmpty()) {
        usage(Tr::tr("the option '--%1' is required").arg(option));
        return std::nullopt;
    }
    return text;
}

ferry::ManagementClient* Context::client() {
    if (m_client)
        return m_client.get();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const SavedLogin saved = loadSavedLogin();

    const QString serverText = firstOf(args.value(QStringLiteral("server")),
                                       env.value(QStringLiteral("FERRY_SERVER")), saved.server);
    if (serverText.isEmpty()) {
        usage(Tr::tr("no server: pass --server URL, set FERRY_SERVER, or run 'ferryctl "
                     "login' first"));
        return nullptr;
    }
    const QString server = normalizeServer(serverText);
    if (server.isEmpty()) {
        usage(Tr::tr("'%1' is not an http:// or https:// server URL").arg(serverText));
        return nullptr;
    }
    // The saved login's user and TLS choices only apply to the server it is for.
    const bool savedApplies = !saved.isEmpty() && saved.server == server;
    const QString username =
        firstOf(args.value(QStringLiteral("username")), env.value(QStringLiteral("FERRY_USERNAME")),
                firstOf(savedApplies ? saved.username : QString(), QStringLiteral("admin")));

    QString password;
    if (args.has(QStringLiteral("password-stdin"))) {
        password = readPasswordFromStdin();
    } else if (env.contains(QStringLiteral("FERRY_PASSWORD"))) {
        password = env.value(QStringLiteral("FERRY_PASSWORD"));
    } else {
        auto stored = readKeychainPassword(keychainKey(server, username));
        if (!stored) {
            out.error(Tr::tr("no password for %1 at %2 (%3); pass --password-stdin, set "
                             "FERRY_PASSWORD, or run 'ferryctl login'")
                          .arg(username, server, stored.error().message));
            m_exitCode = ExitFailure;
            return nullptr;
        }
        password = stored.value();
    }

    auto client = std::make_unique<ferry::ManagementClient>();
    client->setBaseUrl(QUrl(server));
    client->setCredentials(username, password);
    client->setInsecure(args.has(QStringLiteral("insecure")) || (savedApplies && saved.insecure));
    const QString caFile =
        firstOf(args.value(QStringLiteral("ca-file")), savedApplies ? saved.caFile : QString());
    if (!caFile.isEmpty()) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(caFile);
        if (certificates.isEmpty()) {
            usage(Tr::tr("no PEM certificate could be read from '%1'").arg(caFile));
            return nullptr;
        }
        client->addCaCertificates(certificates);
    }
    m_client = std::move(client);
    return m_client.get();
}

ferry::ApiResponse Context::waitRaw(ferry::ManagementCall* call) {
    // A CLI has nothing else to do meanwhile, so a local loop is the honest wait.
    if (!call->isFinished()) {
        QEventLoop loop;
        QObject::connect(call, &ferry::ManagementCall::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    ferry::ApiResponse response = call->response();
    call->deleteLater();
    return response;
}

std::optional<ferry::ApiResponse> Context::wait(ferry::ManagementCall* call) {
    ferry::ApiResponse response = waitRaw(call);
    if (response.error) {
        out.error(*response.error);
        m_exitCode = ExitFailure;
        return std::nullopt;
    }
    return response;
}

namespace {
bool stdinIsTerminal() {
#if defined(Q_OS_WIN)
    return ::_isatty(::_fileno(stdin)) != 0;
#else
    return ::isatty(STDIN_FILENO) != 0;
#endif
}
} // namespace

bool Context::confirmOnTerminal(const QString& question) {
    if (args.has(QStringLiteral("yes")) || !stdinIsTerminal())
        return true;
    return confirm(question);
}

bool Context::confirm(const QString& question) {
    if (args.has(QStringLiteral("yes")))
        return true;
    if (!stdinIsTerminal()) {
        usage(Tr::tr("%1 needs confirmation and stdin is not a terminal; pass --yes to "
                     "confirm")
                  .arg(question));
        return false;
    }
    out.err() << question << " (y/N): ";
    out.err().flush();
    QFile in;
    QString answer;
    if (in.open(stdin, QIODevice::ReadOnly))
        answer = QString::fromLocal8Bit(in.readLine()).trimmed();
    if (answer.compare(QLatin1StringView("y"), Qt::CaseInsensitive) == 0 ||
        answer.compare(QLatin1StringView("yes"), Qt::CaseInsensitive) == 0)
        return true;
    out.error(Tr::tr("cancelled"));
    m_exitCode = ExitFailure;
    return false;
}

int run(const QStringList& arguments) {
    Output out;
    const QList<Command> commands = allCommands();

    QStringList words;
    for (const QString& word : arguments) {
        if (word.startsWith(u'-'))
            break;
        words << word;
    }
    const QStringList rest = arguments.mid(words.size());
    const bool wantsHelp =
        rest.contains(QLatin1StringView("--help")) || rest.contains(QLatin1StringView("-h"));

    const Command* match = nullptr;
    bool isGroup = words.isEmpty();
    for (const Command& command : commands) {
        if (command.path == words)
            match = &command;
        else if (command.path.mid(0, words.size()) == words)
            isGroup = true;
    }
    if (!match) {
        if (isGroup && wantsHelp) {
            printGroupHelp(out, words, commands);
            return ExitOk;
        }
        if (arguments.contains(QLatin1StringView("--version"))) {
            out.line(QStringLiteral("ferryctl " FERRY_VERSION));
            return ExitOk;
        }
        const QString message = !isGroup ? Tr::tr("unknown command '%1'").arg(words.join(u' '))
                                : words.isEmpty()
                                    ? Tr::tr("a command is needed")
                                    : Tr::tr("'%1' needs a command").arg(words.join(u' '));
        out.usageError(message, isGroup ? words.join(u' ') : QString());
        return ExitUsage;
    }
    const QString path = match->path.join(u' ');
    if (wantsHelp) {
        printCommandHelp(out, *match);
        return ExitOk;
    }
    auto parsed = parseArguments(rest, match->options + globalOptions());
    if (!parsed) {
        out.usageError(parsed.error().message, path);
        return ExitUsage;
    }
    const QString format = parsed->value(QStringLiteral("output"));
    if (format == QLatin1String("json")) {
        out.setFormat(OutputFormat::Json);
    } else if (!format.isEmpty() && format != QLatin1String("table")) {
        out.usageError(Tr::tr("output format '%1' is not json or table").arg(format), path);
        return ExitUsage;
    }
    Context context(parsed.value(), out, path);
    return match->run(context);
}

} // namespace ferryctl
