#include "localservice.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

Q_LOGGING_CATEGORY(lcLocalService, "ferry.localservice")

namespace {
constexpr int keptLines = 20;
constexpr int stopGraceMs = 5000;
} // namespace

LocalService::LocalService(QObject* parent)
    : QObject(parent)
    , m_program(defaultProgram())
    , m_dataDir(defaultDataDir()) {
    // stdout is ferryd's business; stderr carries the ready line we wait for.
    m_process.setProcessChannelMode(QProcess::ForwardedOutputChannel);
    m_startTimer.setSingleShot(true);
#ifdef Q_OS_LINUX
    // The destructor stops ferryd on a normal exit; this covers the console
    // being killed or crashing, which would otherwise leave ferryd orphaned.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(&m_process, &QProcess::readyReadStandardError, this, &LocalService::readStandardError);
    connect(&m_process, &QProcess::finished, this, &LocalService::processFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &LocalService::processError);
    connect(&m_startTimer, &QTimer::timeout, this, [this] {
        fail(tr("The local ferryd did not become ready within %1 seconds.%2")
                 .arg(m_startTimeoutMs / 1000)
                 .arg(recentOutput()));
        stop();
    });
}

LocalService::~LocalService() {
    stop();
}

QString LocalService::defaultProgram() {
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ferryd"));
}

QString LocalService::defaultDataDir() {
    // ferryd's data belongs to no single front end, so it lives under the
    // generic data location ($XDG_DATA_HOME) rather than the console's own folder.
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(base).filePath(QStringLiteral("ferry"));
}

void LocalService::start() {
    if (isRunning())
        return;
    m_url.clear();
    m_partialLine.clear();
    m_recentLines.clear();
    m_stopping = false;
    if (!QDir().mkpath(m_dataDir)) {
        fail(tr("Could not create the data folder %1 for the local ferryd.")
                 .arg(QDir::toNativeSeparators(m_dataDir)));
        return;
    }
    qCInfo(lcLocalService) << "starting" << m_program << "with data in" << m_dataDir;
    m_startTimer.start(m_startTimeoutMs);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("FERRY_CONNECTION_STRING"));
    if (!m_connectionString.isEmpty())
        environment.insert(QStringLiteral("FERRY_CONNECTION_STRING"), m_connectionString);
    m_process.setProcessEnvironment(environment);
    // --config /dev/null (NUL on Windows): the per-user ferryd reads no
    // settings file, so an installed system service's /etc/ferry/ferryd.conf
    // (or a FERRY_CONFIG meant for another ferryd) cannot change where it
    // listens or keeps its data.
    m_process.start(m_program,
                    QStringList{QStringLiteral("--config"), QProcess::nullDevice(),
                                QStringLiteral("--data"), m_dataDir, QStringLiteral("--listen"),
                                QStringLiteral("127.0.0.1:0")} +
                        m_extraArguments);
}

QString LocalService::initialAdminPassword() const {
    QFile file(QDir(m_dataDir).filePath(QStringLiteral("initial-admin-password")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

bool LocalService::removeInitialAdminPasswordFile() const {
    return QFile::remove(QDir(m_dataDir).filePath(QStringLiteral("initial-admin-password")));
}

void LocalService::stop() {
    m_startTimer.stop();
    if (!isRunning())
        return;
    m_stopping = true;
    m_process.terminate();
    // Only reached on the way out; a short wait lets ferryd close its database cleanly.
    if (!m_process.waitForFinished(stopGraceMs)) {
        m_process.kill();
        m_process.waitForFinished(stopGraceMs);
    }
}

void LocalService::readStandardError() {
    static const QRegularExpression readyLine(
        QStringLiteral(R"(ready: listening on (https?://\S+))"));
    m_partialLine += m_process.readAllStandardError();
    qsizetype end;
    while ((end = m_partialLine.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partialLine.left(end)).trimmed();
        m_partialLine.remove(0, end + 1);
        m_recentLines << line;
        if (m_recentLines.size() > keptLines)
            m_recentLines.removeFirst();
        qCDebug(lcLocalService).noquote() << line;
        Q_EMIT outputLine(line);
        if (!m_url.isEmpty())
            continue;
        const auto match = readyLine.match(line);
        if (!match.hasMatch())
            continue;
        const QUrl url(match.captured(1));
        if (!url.isValid() || url.port() <= 0)
            continue;
        m_url = url;
        m_startTimer.stop();
        Q_EMIT ready(m_url);
    }
}

void LocalService::processFinished(int exitCode, QProcess::ExitStatus status) {
    m_startTimer.stop();
    readStandardError();
    Q_EMIT stopped();
    if (m_stopping)
        return;
    const QString how =
        status == QProcess::CrashExit ? tr("crashed") : tr("exited with code %1").arg(exitCode);
    if (m_url.isEmpty())
        fail(tr("The local ferryd %1 before it was ready.%2").arg(how, recentOutput()));
    else
        fail(tr("The local ferryd %1.%2").arg(how, recentOutput()));
}

void LocalService::processError(QProcess::ProcessError error) {
    // Everything else also ends in finished(), which explains it with ferryd's own words.
    if (error != QProcess::FailedToStart)
        return;
    m_startTimer.stop();
    fail(tr("Could not start the local ferryd (%1): %2")
             .arg(QDir::toNativeSeparators(m_program), m_process.errorString()));
}

QString LocalService::recentOutput() const {
    QStringList lines = m_recentLines;
    if (!m_partialLine.trimmed().isEmpty())
        lines << QString::fromUtf8(m_partialLine).trimmed();
    if (lines.isEmpty())
        return {};
    return tr(" It said:\n%1").arg(lines.mid(qMax<qsizetype>(0, lines.size() - 5)).join(u'\n'));
}

void LocalService::fail(const QString& message) {
    qCWarning(lcLocalService).noquote() << message;
    Q_EMIT errorOccurred(message);
}
