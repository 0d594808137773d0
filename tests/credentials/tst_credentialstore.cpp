// CredentialStore against a real Secret Service: CTest runs this under
// dbus-run-session with a throwaway, unlocked gnome-keyring
// (scripts/with-keyring.sh), so nothing here is simulated. Entries are
// scoped by server and account, jobs always finish asynchronously, and no
// secret lands in QSettings or any file of this user's configuration.

#include "credentialkey.h"
#include "credentialstore.h"
#include "secretchecks.h"
#include "toolrunner.h"

#include <QDirIterator>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using ferry::CredentialJob;
using ferry::CredentialKey;
using ferry::CredentialStore;

namespace {

using Outcome = JobOutcome;

Outcome await(CredentialJob* job) {
    return awaitJob(job, 20000);
}

QString randomSecret(const QString& prefix) {
    return prefix + u'-' + QString::number(QRandomGenerator::global()->generate64(), 36);
}

} // namespace

class TestCredentialStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        const QString bus = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        QVERIFY2(!bus.isEmpty(), "CTest runs this under dbus-run-session; run it through ctest");
        QVERIFY(m_home.isValid());
        CredentialStore store;
        const Outcome probe = await(store.probe());
        QVERIFY2(probe.error == CredentialJob::Error::None, qPrintable(probe.errorString));
    }

    void serversAreNormalised() {
        QCOMPARE(ferry::normalizeServer(QStringLiteral("Registry.Example:5000/")),
                 QStringLiteral("https://registry.example:5000"));
        QCOMPARE(ferry::normalizeServer(QStringLiteral("HTTP://user:pw@host:80/")),
                 QStringLiteral("http://host:80"));
        QCOMPARE(ferry::normalizeServer(QStringLiteral("ftp://host")), QString());
        QCOMPARE(ferry::normalizeServer(QStringLiteral("  ")), QString());
        QCOMPARE(CredentialKey::tokenAccount(QStringLiteral("CI-Pull"), 2),
                 QStringLiteral("token:ci-pull:password2"));
        QCOMPARE(
            (CredentialKey{QStringLiteral("https://h:1"), QStringLiteral("admin")}.entryName()),
            QStringLiteral("ferry:https://h:1:admin"));
    }

    void jobsFinishOnTheEventLoopOnly() {
        CredentialStore store;
        CredentialJob* job =
            store.read({QStringLiteral("https://a.example"), QStringLiteral("nobody")});
        QSignalSpy finished(job, &CredentialJob::finished);
        QVERIFY(!job->isFinished());
        QCOMPARE(finished.count(), 0); // not inside read(), even for an answer known at once
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.count(), 1);
    }

    void entriesAreScopedByServerAndAccount() {
        CredentialStore store;
        const CredentialKey adminA{QStringLiteral("https://a.example:5000"),
                                   QStringLiteral("admin")};
        const CredentialKey adminB{QStringLiteral("https://b.example:5000"),
                                   QStringLiteral("admin")};
        const CredentialKey tokenA{adminA.server,
                                   CredentialKey::tokenAccount(QStringLiteral("ci-pull"), 1)};
        QCOMPARE(await(store.write(adminA, m_secretA)).error, CredentialJob::Error::None);
        QCOMPARE(await(store.write(adminB, m_secretB)).error, CredentialJob::Error::None);
        QCOMPARE(await(store.write(tokenA, m_secretC)).error, CredentialJob::Error::None);

        QCOMPARE(await(store.read(adminA)).secret, m_secretA);
        QCOMPARE(await(store.read(adminB)).secret, m_secretB);
        QCOMPARE(await(store.read(tokenA)).secret, m_secretC);

        // The entry sits in the Secret Service itself, where ferryctl and any
        // other tool find it under the documented name.
        const ToolRun lookup =
            runTool(QStringLiteral("secret-tool"),
                    {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("ferry"),
                     QStringLiteral("user"), adminB.entryName()});
        QVERIFY2(lookup.ok(), qPrintable(lookup.describe()));
        QCOMPARE(QString::fromUtf8(lookup.out.trimmed()), m_secretB);

        // Overwrite, then remove; removing twice is not an error.
        QCOMPARE(await(store.write(adminA, m_secretC)).error, CredentialJob::Error::None);
        QCOMPARE(await(store.read(adminA)).secret, m_secretC);
        QCOMPARE(await(store.remove(adminA)).error, CredentialJob::Error::None);
        QCOMPARE(await(store.remove(adminA)).error, CredentialJob::Error::None);
        QCOMPARE(await(store.read(adminA)).error, CredentialJob::Error::NotFound);
        QCOMPARE(await(store.read(adminB)).secret, m_secretB); // the other server's is untouched
    }

    void sessionMemoryIsExplicitAndLeavesTheKeychainAlone() {
        CredentialStore store;
        QSignalSpy changed(&store, &CredentialStore::backendChanged);
        const CredentialKey key{QStringLiteral("https://mem.example"), QStringLiteral("admin")};
        store.useSessionMemory();
        QCOMPARE(store.backend(), CredentialStore::Backend::SessionMemory);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(await(store.write(key, m_secretA)).error, CredentialJob::Error::None);
        QCOMPARE(await(store.read(key)).secret, m_secretA);

        // Another store (another process, in effect) reading the keychain
        // finds nothing: session memory never reached it.
        CredentialStore keychain;
        QCOMPARE(await(keychain.read(key)).error, CredentialJob::Error::NotFound);

        // Back to the keychain: memory is wiped.
        store.useKeychain();
        QCOMPARE(await(store.read(key)).error, CredentialJob::Error::NotFound);
    }

    void noSecretReachesSettingsOrFiles() {
        // This process's configuration, data and cache all point into m_home
        // (see main()), so anything a store or QSettings wrote is in there.
        {
            CredentialStore store;
            const CredentialKey key{QStringLiteral("https://disk.example"),
                                    QStringLiteral("admin")};
            QCOMPARE(await(store.write(key, m_secretA)).error, CredentialJob::Error::None);
            store.useSessionMemory();
            QCOMPARE(await(store.write(key, m_secretB)).error, CredentialJob::Error::None);
            QSettings settings;
            settings.setValue(QStringLiteral("profiles/disk/server"), key.server);
            settings.sync();
        }
        QVERIFY(!filesContaining(m_home.path(), QByteArrayLiteral("disk.example")).isEmpty());
        QCOMPARE(filesContaining(m_home.path(), m_secretA.toUtf8()), QStringList());
        QCOMPARE(filesContaining(m_home.path(), m_secretB.toUtf8()), QStringList());
    }

public:
    static QTemporaryDir m_home;

private:
    // Random per run, so a match can only come from this run's writes.
    const QString m_secretA = randomSecret(QStringLiteral("A"));
    const QString m_secretB = randomSecret(QStringLiteral("B"));
    const QString m_secretC = randomSecret(QStringLiteral("C"));
};

QTemporaryDir TestCredentialStore::m_home;

int main(int argc, char* argv[]) {
    useHomeFolders(TestCredentialStore::m_home);
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Ferry"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_credentialstore"));
    TestCredentialStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialstore.moc"
