#pragma once
// Runs the ferryd that ships next to the console as a child process when no
// server URL was given, and reports the URL it listens on once it is ready.

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class LocalService : public QObject {
    Q_OBJECT
public:
    explicit LocalService(QObject* parent = nullptr);
    ~LocalService() override; // stops ferryd: it must not outlive the console

    static QString defaultProgram(); // <applicationDirPath>/ferryd
    static QString defaultDataDir(); // $XDG_DATA_HOME/ferry

    void setProgram(const QString& path) { m_program = path; }
    QString program() const { return m_program; }
    void setDataDir(const QString& path) { m_dataDir = path; }
    QString dataDir() const { return m_dataDir; }
    // Connected mode: the string from get-settings reaches ferryd through its
    // environment (FERRY_CONNECTION_STRING), never its command line, where any
    // user could read it, nor a file.
    void setConnectionString(const QString& text) { m_connectionString = text; }
    void setExtraArguments(const QStringList& args) { m_extraArguments = args; }
    // How long ferryd may take to say it is ready before we give up on it.
    void setStartTimeout(int ms) { m_startTimeoutMs = ms; }

    void start();
    // SIGTERM and a short grace period, then SIGKILL.
    void stop();

    // What ferryd wrote at its first start for the admin account, or empty when
    // the password came from FERRY_ADMIN_PASSWORD or has been changed since.
    QString initialAdminPassword() const;
    // Deletes that file, once its password is safe in the keychain: a
    // password in a file is one more place it can leak from.
    bool removeInitialAdminPasswordFile() const;

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QUrl url() const { return m_url; }
    qint64 processId() const { return m_process.processId(); }

Q_SIGNALS:
    void ready(const QUrl& url);
    void errorOccurred(const QString& message);
    // Each line ferryd writes to its log (stderr), for a log view.
    void outputLine(const QString& line);
    void stopped();

private:
    void readStandardError();
    void processFinished(int exitCode, QProcess::ExitStatus status);
    void processError(QProcess::ProcessError error);
    QString recentOutput() const;
    void fail(const QString& message);

    QProcess m_process;
    QTimer m_startTimer;
    QString m_program;
    QString m_dataDir;
    QString m_connectionString;
    QStringList m_extraArguments;
    int m_startTimeoutMs = 30000;
    QByteArray m_partialLine;
    QStringList m_recentLines; // the tail of ferryd's stderr, to explain a failure
    QUrl m_url;
    bool m_stopping = false;
};
