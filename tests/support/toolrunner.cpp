#include "toolrunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

QString ToolRun::describe() const {
    QString state = !started   ? QStringLiteral("did not start")
                    : timedOut ? QStringLiteral("timed out")
                               : QStringLiteral("exited %1").arg(exitCode);
    return QStringLiteral("%1 %2:\n%3%4")
        .arg(command, state, QString::fromUtf8(err.right(4000)),
             QString::fromUtf8(out.right(1000)));
}

ToolRun runTool(const QString& program, const QStringList& args, int timeoutMs,
                const QProcessEnvironment& env, const QByteArray& input) {
    ToolRun run;
    run.command = program + QLatin1Char(' ') + args.join(QLatin1Char(' '));
    QProcess process;
    if (!env.isEmpty())
        process.setProcessEnvironment(env);
    process.start(program, args);
    if (!process.waitForStarted(10000)) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    run.started = true;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        run.timedOut = true;
        process.kill();
        process.waitForFinished(5000);
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    if (!run.timedOut)
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

QProcessEnvironment isolatedClientEnvironment(const QString& workDir) {
    const QDir work(workDir);
    const QString authFile = work.filePath(QStringLiteral("auth.json"));
    QFile auth(authFile);
    if (!auth.open(QIODevice::WriteOnly) || auth.write("{\"auths\":{}}") <= 0 ||
        !work.mkpath(QStringLiteral("tmp")))
        return {};
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REGISTRY_AUTH_FILE"), authFile);
    env.insert(QStringLiteral("TMPDIR"), work.filePath(QStringLiteral("tmp")));
    return env;
}

QString findTool(const QString& program) {
    return QStandardPaths::findExecutable(program);
}
