#pragma once
// Starts the real ferryd binary for a test: a temporary data folder, a free
// loopback port chosen by the kernel (--listen 127.0.0.1:0), and the URL read
// back from ferryd's "ready" line on stderr. Stops it with SIGTERM (or SIGKILL
// for crash tests) and can restart it on the same data folder and port.

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

// The ferryd the tests run: the build's own, or FERRY_TEST_FERRYD when it
// names another (scripts/sanitize.sh points it at a sanitizer build of
// ferryd, so the integration tests exercise that binary unchanged).
QString ferrydPath();

class FerrydProcess {
public:
    explicit FerrydProcess(QStringList extraArgs = {});
    ~FerrydProcess();

    // Starts ferryd and waits until it says it is ready. Returns false (and
    // leaves the reason in errorString()) when it exits or stays silent.
    bool start(int timeoutMs = 10000);
    void stop(); // SIGTERM, then wait
    void kill(); // SIGKILL, no grace: what a power cut looks like to the process
    bool restart(int timeoutMs = 10000);

    QUrl baseUrl() const { return m_baseUrl; } // http://127.0.0.1:PORT
    QString hostPort() const;                  // 127.0.0.1:PORT, for skopeo and podman
    QString dataDir() const { return m_dataDir.path(); }
    QString errorString() const { return m_error; }
    QByteArray stderrLog() const { return m_stderr; }
    QProcess& process() { return *m_process; }
    void setEnvironment(const QProcessEnvironment& env) { m_env = env; }
    void setExtraArgs(const QStringList& args) { m_extraArgs = args; }
    // Off by default: tests of storage and the OCI API run ferryd with
    // --no-auth; access-control tests turn it on.
    void setAccessControl(bool on) { m_accessControl = on; }
    // The admin password ferryd is started with (FERRY_ADMIN_PASSWORD),
    // random per instance. Never print it.
    QString adminPassword() const { return m_adminPassword; }
    // Runs `ferryd init-tls --ip 127.0.0.1` on the data folder (replacing any
    // certificate there; start with --tls to serve it) and returns the SHA-256
    // fingerprint ferryd printed, as raw bytes; empty on failure.
    QByteArray initTls(QString* error);

private:
    QTemporaryDir m_dataDir;
    QStringList m_extraArgs;
    bool m_accessControl = false;
    QString m_adminPassword;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    std::unique_ptr<QProcess> m_process;
    QUrl m_baseUrl;
    quint16 m_port = 0;
    QString m_error;
    QByteArray m_stderr;
};
