#pragma once
// The command model shared by every area: a Command is a path of words
// ("connected-registry permissions update"), its options and a run function
// that receives a Context. The Context owns what a command needs besides its
// arguments: output, the lazily connected management client, and the exit
// status conventions (0 success, 1 failure with the server's message, 2 usage).

#include "arguments.h"
#include "managementclient.h"
#include "output.h"

#include <QJsonObject>
#include <functional>
#include <memory>
#include <optional>

namespace ferryctl {

enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

class Context {
public:
    Context(const ParsedArgs& args, Output& out, QString commandPath);
    ~Context();

    const ParsedArgs& args;
    Output& out;
    const QString commandPath;

    // Prints the message with a hint and returns ExitUsage.
    int usage(const QString& message);
    // Resolves server and credentials (flags, then FERRY_* variables, then the
    // saved login and its keychain password) once. nullptr after printing why;
    // exitCode() then says which status to return.
    ferry::ManagementClient* client();
    // Waits for the call on a local event loop; on failure prints the error
    // and returns nullopt (exit with ExitFailure).
    std::optional<ferry::ApiResponse> wait(ferry::ManagementCall* call);
    // Waits and hands back whatever came, error or not, printing nothing.
    static ferry::ApiResponse waitRaw(ferry::ManagementCall* call);
    int exitCode() const { return m_exitCode; }

    // --yes answers yes. Otherwise ask on a terminal; without one, refuse
    // with a message (a script must say --yes explicitly).
    bool confirm(const QString& question);
    // For verbs that replace a secret (password generation): --yes or no
    // terminal goes ahead, as the reference CLI's scripts expect; on a
    // terminal, ask first.
    bool confirmOnTerminal(const QString& question);
    // Every value of a One option that must be present: prints a usage error when absent.
    std::optional<QString> required(const QString& option);

private:
    std::unique_ptr<ferry::ManagementClient> m_client;
    int m_exitCode = ExitFailure;
};

struct Command {
    QStringList path; // {"token", "credential", "generate"}
    QString summary;
    QList<OptionSpec> options; // besides the global ones
    std::function<int(Context&)> run;
};

// Options every command accepts: -o, --server, --username, --password-stdin,
// --insecure, --ca-file, --help.
QList<OptionSpec> globalOptions();

QList<Command> scopeMapCommands();
QList<Command> tokenCommands();
QList<Command> connectedRegistryCommands();
QList<Command> loginCommands();

// Parses argv (without the program name), dispatches and returns the exit status.
int run(const QStringList& arguments);

} // namespace ferryctl
