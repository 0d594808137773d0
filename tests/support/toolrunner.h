#pragma once
// Runs an external client (skopeo, podman, umoci, openssl, curl) for a test,
// always with a deadline, and keeps what it printed for the failure message.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

struct ToolRun {
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString command;
    bool ok() const { return started && !timedOut && exitCode == 0; }
    // "<command> exited 1: <stderr>", for QVERIFY2.
    QString describe() const;
};

// Runs program with args, killing it after timeoutMs. An empty env means the
// test's own environment; `input` goes to its stdin (then closed).
ToolRun runTool(const QString& program, const QStringList& args, int timeoutMs = 60000,
                const QProcessEnvironment& env = {}, const QByteArray& input = {});

// An environment that keeps registry clients (skopeo, podman) away from the
// user's credentials and temp space: an empty auth file and TMPDIR, both
// under workDir. Empty when they cannot be made.
QProcessEnvironment isolatedClientEnvironment(const QString& workDir);

// The full path of program on PATH, or empty when it is not installed.
QString findTool(const QString& program);
