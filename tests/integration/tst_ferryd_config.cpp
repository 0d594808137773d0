// ferryd's configuration file (docs/configuration.md) on the real binary: a
// file's settings apply, the environment beats the file and the command line
// beats both, FERRY_CONFIG names the file, and every kind of bad file stops
// ferryd with one line naming the file, the line and the key.

#include "ferrydprocess.h"
#include "httpclient.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

// An address nothing here can bind: ferryd would fail to start if a file's
// listen setting won over the command line's.
const QByteArray kUnbindableListen = "listen = 192.0.2.1:9\n";

struct Run {
    int exitCode = -1;
    QByteArray err;
};

Run runFerryd(const QStringList& args,
              const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(ferrydPath(), args);
    Run run;
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.err = process.readAllStandardError();
    return run;
}

bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

bool loggedDebugLines(FerrydProcess& ferryd) {
    HttpClient client(ferryd.baseUrl());
    if (client.get(QStringLiteral("/v2/")).status == 0)
        return false;
    // The request's debug line is written before the response goes out;
    // let the pipe deliver it.
    QTest::qWait(200);
    ferryd.process().waitForReadyRead(200);
    return ferryd.stderrLog().contains(" DEBUG ");
}

} // namespace

class TestFerrydConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void fileSettingsApply();
    void environmentBeatsFile();
    void commandLineBeatsEnvironment();
    void ferryConfigVariableNamesTheFile();
    void connectionStringFileBeatsAnEarlierLayersString();
    void badFileStopsWithOneClearLine_data();
    void badFileStopsWithOneClearLine();
    void missingNamedFileIsAnError();
    void badEnvironmentValueNamesTheVariable();
    void secretValueIsNeverEchoed();
    void windowsServiceFlagIsRefusedElsewhere();

private:
    QString configPath() const { return m_work.filePath(QStringLiteral("ferryd.conf")); }
    QTemporaryDir m_work;
};

void TestFerrydConfig::init() {
    QVERIFY(m_work.isValid());
}

void TestFerrydConfig::fileSettingsApply() {
    // Access control on by default; the file turns it off.
    FerrydProcess guarded;
    guarded.setAccessControl(true);
    QVERIFY2(guarded.start(), qPrintable(guarded.errorString()));
    QCOMPARE(HttpClient(guarded.baseUrl()).get(QStringLiteral("/v2/")).status, 401);

    QVERIFY(writeFile(configPath(), "# a comment\n\n" + kUnbindableListen +
                                        "no-auth = true\n  log-level = \"debug\"\n"));
    FerrydProcess open({QStringLiteral("--config"), configPath()});
    open.setAccessControl(true);
    QVERIFY2(open.start(), qPrintable(open.errorString()));
    QCOMPARE(HttpClient(open.baseUrl()).get(QStringLiteral("/v2/")).status, 200);
    QVERIFY(loggedDebugLines(open));
}

void TestFerrydConfig::environmentBeatsFile() {
    QVERIFY(writeFile(configPath(), kUnbindableListen + "log-level = error\n"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_LOG_LEVEL"), QStringLiteral("debug"));
    FerrydProcess ferryd({QStringLiteral("--config"), configPath()});
    ferryd.setEnvironment(env);
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    QVERIFY(loggedDebugLines(ferryd));
}

void TestFerrydConfig::commandLineBeatsEnvironment() {
    QVERIFY(writeFile(configPath(), kUnbindableListen + "log-level = debug\n"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_LOG_LEVEL"), QStringLiteral("debug"));
    FerrydProcess ferryd({QStringLiteral("--config"), configPath(), QStringLiteral("--log-level"),
                          QStringLiteral("error")});
    ferryd.setEnvironment(env);
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    QVERIFY(!loggedDebugLines(ferryd));
}

void TestFerrydConfig::ferryConfigVariableNamesTheFile() {
    QVERIFY(writeFile(configPath(), "no-auth = yes\n"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_CONFIG"), configPath());
    FerrydProcess ferryd;
    ferryd.setAccessControl(true);
    ferryd.setEnvironment(env);
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    QCOMPARE(HttpClient(ferryd.baseUrl()).get(QStringLiteral("/v2/")).status, 200);
}

void TestFerrydConfig::connectionStringFileBeatsAnEarlierLayersString() {
    // The file gives a connection string, the environment a file to read it
    // from: the environment's wins, so ferryd goes to read that (missing)
    // file. The password in the file's string never shows.
    const QString secretFile = m_work.filePath(QStringLiteral("no-such-connection-string"));
    QVERIFY(writeFile(
        configPath(),
        "connection-string = ConnectedRegistryName=edge;SyncTokenPassword=confSecret77\n"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_CONNECTION_STRING_FILE"), secretFile);
    const Run run =
        runFerryd({QStringLiteral("--config"), configPath(), QStringLiteral("--data"),
                   m_work.path(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                  env);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err,
             "ferryd: cannot read the connection string file " + secretFile.toUtf8() + "\n");

    // And the command line's string beats the environment's file.
    const Run given = runFerryd({QStringLiteral("--config"), configPath(), QStringLiteral("--data"),
                                 m_work.path(), QStringLiteral("--connection-string"),
                                 QStringLiteral("Password=argSecret55")},
                                env);
    QCOMPARE(given.exitCode, 2);
    QVERIFY2(given.err.startsWith("ferryd: bad connection string"), given.err.constData());
    QVERIFY(!given.err.contains("argSecret55"));
}

void TestFerrydConfig::badFileStopsWithOneClearLine_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("expected"); // after "<file>:"
    QTest::newRow("unknown key") << QByteArray("log-level = info\nlisten-port = 5000\n")
                                 << QByteArray("2: unknown key 'listen-port'");
    QTest::newRow("not a number") << QByteArray("# header\n\ngc-interval = hourly\n")
                                  << QByteArray("3: key 'gc-interval' wants a whole number");
    QTest::newRow("out of range")
        << QByteArray("sync-parallel = 500\n")
        << QByteArray("1: key 'sync-parallel' wants a whole number from 1 to 64");
    QTest::newRow("bad level") << QByteArray("log-level = loud\n")
                               << QByteArray("1: key 'log-level' wants debug");
    QTest::newRow("bad listen") << QByteArray("listen = 5000\n")
                                << QByteArray("1: key 'listen' wants HOST:PORT");
    QTest::newRow("bad flag") << QByteArray("no-auth = maybe\n")
                              << QByteArray("1: key 'no-auth' wants true or false");
    QTest::newRow("empty value") << QByteArray("data =\n")
                                 << QByteArray("1: key 'data' wants a value");
    QTest::newRow("no equals") << QByteArray("\nlisten 127.0.0.1:5000\n")
                               << QByteArray("2: expected 'key = value'");
    QTest::newRow("twice") << QByteArray("log-level = info\nlog-level = debug\n")
                           << QByteArray("2: key 'log-level' is already set on line 1");
    QTest::newRow("subcommand option")
        << QByteArray("dry-run = true\n") << QByteArray("1: unknown key 'dry-run'");
}

void TestFerrydConfig::badFileStopsWithOneClearLine() {
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, expected);
    QVERIFY(writeFile(configPath(), content));
    const Run run =
        runFerryd({QStringLiteral("--config"), configPath(), QStringLiteral("--data"),
                   m_work.path(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(run.exitCode, 2);
    const QByteArray line = "ferryd: " + configPath().toUtf8() + ":" + expected;
    QVERIFY2(run.err.startsWith(line), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
    // Nothing was started: no database, no password file.
    QVERIFY(!QFile::exists(m_work.filePath(QStringLiteral("initial-admin-password"))));
}

void TestFerrydConfig::missingNamedFileIsAnError() {
    const QString missing = m_work.filePath(QStringLiteral("nope.conf"));
    const Run run =
        runFerryd({QStringLiteral("--config"), missing, QStringLiteral("--data"), m_work.path()});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, "ferryd: cannot read the configuration file " + missing.toUtf8() + "\n");
}

void TestFerrydConfig::badEnvironmentValueNamesTheVariable() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_IDLE_TIMEOUT"), QStringLiteral("-3"));
    const Run run = runFerryd({QStringLiteral("--data"), m_work.path()}, env);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(
        run.err.startsWith("ferryd: environment variable FERRY_IDLE_TIMEOUT wants a whole number"),
        run.err.constData());
}

void TestFerrydConfig::secretValueIsNeverEchoed() {
    // A connection string is only checked for presence by the file reader; an
    // error about a neighbouring line must not print it either.
    QVERIFY(writeFile(configPath(),
                      "connection-string = Password=hunter2secret\nsync-heartbeat = never\n"));
    const Run run = runFerryd(
        {QStringLiteral("--config"), configPath(), QStringLiteral("--data"), m_work.path()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(":2: key 'sync-heartbeat'"), run.err.constData());
    QVERIFY(!run.err.contains("hunter2secret"));
}

void TestFerrydConfig::windowsServiceFlagIsRefusedElsewhere() {
    // The MSI's command line, given on Linux: one clear line, no data folder
    // touched, instead of serving as if it were a service.
    const QString data = m_work.filePath(QStringLiteral("data"));
    const Run run = runFerryd(
        {QStringLiteral("serve"), QStringLiteral("--service"), QStringLiteral("--data"), data});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(
        run.err,
        QByteArray("ferryd: --service is for the Windows service manager; systemd and launchd run "
                   "'ferryd serve' as it is\n"));
    QVERIFY(!QFile::exists(data));
    // Only serve takes it.
    const Run gc = runFerryd(
        {QStringLiteral("gc"), QStringLiteral("--service"), QStringLiteral("--data"), data});
    QCOMPARE(gc.exitCode, 2);
    QVERIFY2(gc.err.contains("unknown or incomplete option '--service'"), gc.err.constData());
}

QTEST_GUILESS_MAIN(TestFerrydConfig)
#include "tst_ferryd_config.moc"
