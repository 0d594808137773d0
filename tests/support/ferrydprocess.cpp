#include "ferrydprocess.h"

#include "toolrunner.h"

#include <QDir>

#include <QCoreApplication>

#include <algorithm>

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <csignal>

QString ferrydPath() {
    const QString given = qEnvironmentVariable("FERRY_TEST_FERRYD");
    return given.isEmpty() ? QStringLiteral(FERRYD_PATH) : given;
}

FerrydProcess::FerrydProcess(QStringList extraArgs)
    : m_extraArgs(std::move(extraArgs)) {
    const quint64 a = QRandomGenerator::system()->generate64();
    const quint64 b = QRandomGenerator::system()->generate64();
    m_adminPassword =
        QStringLiteral("t%1%2").arg(a, 16, 16, QLatin1Char('0')).arg(b, 16, 16, QLatin1Char('0'));
}

FerrydProcess::~FerrydProcess() {
    stop();
}

QString FerrydProcess::hostPort() const {
    return QStringLiteral("%1:%2").arg(m_baseUrl.host()).arg(m_baseUrl.port());
}

bool FerrydProcess::start(int timeoutMs) {
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment env = m_env;
    if (!env.contains(QStringLiteral("FERRY_ADMIN_PASSWORD")))
        env.insert(QStringLiteral("FERRY_ADMIN_PASSWORD"), m_adminPassword);
    else
        m_adminPassword = env.value(QStringLiteral("FERRY_ADMIN_PASSWORD"));
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    // ferryd logs to stderr only; waitForReadyRead() below waits for the
    // current read channel, so without this it misses the "ready" line
    // whenever it arrives in a later chunk than the first log line.
    m_process->setReadChannel(QProcess::StandardError);
    // Keep the port across restarts so clients holding the URL reconnect.
    const QString listen = QStringLiteral("127.0.0.1:%1").arg(m_port);
    QStringList args{QStringLiteral("--data"), m_dataDir.path(), QStringLiteral("--listen"),
                     listen};
    if (!m_accessControl)
        args << QStringLiteral("--no-auth");
    args += m_extraArgs;
    m_process->start(ferrydPath(), args);
    if (!m_process->waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("ferryd did not start: ") + m_process->errorString();
        return false;
    }
    static const QRegularExpression ready(
        QStringLiteral("ready: listening on (https?)://([^\\s]+)"));
    QDeadlineTimer deadline(timeoutMs);
    QByteArray seen;
    while (!deadline.hasExpired()) {
        // Short waits with the event loop turning in between: a test may run
        // servers of its own (a proxy in front of a parent) that ferryd talks
        // to before it is ready.
        // processEvents() may itself move ferryd's output into QProcess's
        // buffer, after which waitForReadyRead() waits for more that never
        // comes: read what is buffered whatever the wait says.
        QCoreApplication::processEvents();
        const bool more =
            m_process->waitForReadyRead(int(std::clamp<qint64>(deadline.remainingTime(), 1, 50)));
        seen += m_process->readAllStandardError();
        if (!more && m_process->state() != QProcess::Running &&
            !ready.match(QString::fromUtf8(seen)).hasMatch())
            break;
        const auto match = ready.match(QString::fromUtf8(seen));
        if (match.hasMatch()) {
            m_baseUrl = QUrl(match.captured(1) + QStringLiteral("://") + match.captured(2));
            m_port = quint16(m_baseUrl.port());
            m_stderr += seen;
            // Keep draining stderr so ferryd never blocks on a full pipe.
            QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                             [this] { m_stderr += m_process->readAllStandardError(); });
            return true;
        }
    }
    m_stderr += seen + m_process->readAllStandardError();
    m_error = QStringLiteral("ferryd never said it was ready; it printed:\n") +
              QString::fromUtf8(m_stderr);
    m_process->kill();
    m_process->waitForFinished();
    return false;
}

void FerrydProcess::stop() {
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(15000)) {
        m_process->kill();
        m_process->waitForFinished();
    }
    m_stderr += m_process->readAllStandardError();
}

void FerrydProcess::kill() {
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished();
    m_stderr += m_process->readAllStandardError();
}

bool FerrydProcess::restart(int timeoutMs) {
    stop();
    return start(timeoutMs);
}

QByteArray FerrydProcess::initTls(QString* error) {
    QDir(m_dataDir.filePath(QStringLiteral("tls"))).removeRecursively();
    const ToolRun run =
        runTool(ferrydPath(),
                {QStringLiteral("init-tls"), QStringLiteral("--data"), m_dataDir.path(),
                 QStringLiteral("--ip"), QStringLiteral("127.0.0.1")},
                30000);
    if (!run.ok()) {
        *error = run.describe();
        return {};
    }
    static const QRegularExpression line(QStringLiteral("SHA-256 fingerprint: ([0-9A-Fa-f:]+)"));
    const auto match = line.match(QString::fromUtf8(run.out));
    if (!match.hasMatch()) {
        *error = QStringLiteral("init-tls printed no fingerprint: ") + QString::fromUtf8(run.out);
        return {};
    }
    return QByteArray::fromHex(match.captured(1).remove(u':').toLatin1());
}
