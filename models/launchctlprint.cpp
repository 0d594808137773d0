#include "launchctlprint.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ferry {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ferry::LaunchctlPrint)
};

// The leading number of "78: EX_CONFIG" or "1"; none for "(never exited)".
std::optional<int> exitNumber(const QString& lastExitCode) {
    static const QRegularExpression number(QStringLiteral("^(-?\\d+)"));
    const QRegularExpressionMatch match = number.match(lastExitCode);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toInt();
}

} // namespace

LaunchctlJob parseLaunchctlPrint(const QString& output) {
    LaunchctlJob job;
    int depth = 0;
    for (const QString& rawLine : output.split(QLatin1Char('\n'))) {
        const QString line = rawLine.trimmed();
        if (line.isEmpty())
            continue;
        if (line == QLatin1String("}")) {
            if (--depth == 0)
                job.valid = true; // the job's block is complete
            if (depth < 0)
                return {};
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1String(" = "));
        const QString key = equals < 0 ? QString() : line.left(equals).trimmed();
        const QString value = equals < 0 ? QString() : line.mid(equals + 3).trimmed();
        if (line.endsWith(QLatin1Char('{'))) {
            ++depth;
            continue;
        }
        if (depth != 1 || key.isEmpty())
            continue; // nested blocks, or lines of a shape we do not know
        if (key == QLatin1String("state"))
            job.state = value;
        else if (key == QLatin1String("pid")) {
            bool ok = false;
            const qint64 pid = value.toLongLong(&ok);
            if (ok && pid > 0)
                job.pid = pid;
        } else if (key == QLatin1String("last exit code"))
            job.lastExitCode = value;
        else if (key == QLatin1String("last terminating signal"))
            job.lastSignal = value;
        else if (key == QLatin1String("path"))
            job.path = value;
    }
    if (depth != 0 || job.state.isEmpty())
        return {};
    return job;
}

LaunchdState launchdState(const LaunchctlJob& job) {
    using State = SystemService::State;
    const QString& state = job.state;
    if (state == QLatin1String("running")) {
        return {State::Running,
                job.pid ? Tr::tr("running (process %1)").arg(*job.pid) : Tr::tr("running")};
    }
    // launchd has decided to start it, or is starting it right now.
    if (state == QLatin1String("spawn scheduled") || state == QLatin1String("spawning") ||
        state == QLatin1String("xpcproxy")) {
        return {State::Starting, state};
    }
    const std::optional<int> exit = exitNumber(job.lastExitCode);
    // ferryd stops cleanly on SIGTERM, which is what bootout sends.
    const bool killed =
        !job.lastSignal.isEmpty() && !job.lastSignal.startsWith(QLatin1String("Terminated"));
    if (killed)
        return {State::Failed, Tr::tr("%1, killed by %2").arg(state, job.lastSignal)};
    if (exit && *exit != 0)
        return {State::Failed, Tr::tr("%1, last exit code %2").arg(state, job.lastExitCode)};
    return {State::Stopped, state};
}

} // namespace ferry
