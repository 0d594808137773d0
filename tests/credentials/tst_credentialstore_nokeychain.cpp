// CredentialStore with no keychain at all: CTest runs this with a session bus
// address that leads nowhere. Every job fails with KeychainUnavailable (never
// a silent plaintext fallback), nothing reaches the disk, and only the
// explicit session-memory choice makes the store usable.

#include "credentialkey.h"
#include "credentialstore.h"
#include "secretchecks.h"

#include <QDirIterator>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using ferry::CredentialJob;
using ferry::CredentialKey;
using ferry::CredentialStore;

namespace {

using Outcome = JobOutcome;

Outcome await(CredentialJob* job) {
    return awaitJob(job);
}

QTemporaryDir home;

} // namespace

class TestNoKeychain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void withoutAKeychainNothingIsStoredSilently() {
        const QString secret = QStringLiteral("nokeychain-") +
                               QString::number(QRandomGenerator::global()->generate64(), 36);
        const CredentialKey key{QStringLiteral("https://nokeychain.example"),
                                QStringLiteral("admin")};
        CredentialStore store;
        const Outcome probe = await(store.probe());
        QVERIFY2(probe.error == CredentialJob::Error::KeychainUnavailable,
                 qPrintable(QStringLiteral("%1 %2").arg(int(probe.error)).arg(probe.errorString)));
        QVERIFY(!probe.errorString.isEmpty()); // something to show the person

        const Outcome write = await(store.write(key, secret));
        QCOMPARE(write.error, CredentialJob::Error::KeychainUnavailable);
        QCOMPARE(store.backend(), CredentialStore::Backend::Keychain); // no switch on its own

        store.useSessionMemory();
        QCOMPARE(await(store.write(key, secret)).error, CredentialJob::Error::None);
        QCOMPARE(await(store.read(key)).secret, secret);
        // The probe still asks the real keychain, so the console can offer to go back.
        QCOMPARE(await(store.probe()).error, CredentialJob::Error::KeychainUnavailable);

        QCOMPARE(filesContaining(home.path(), secret.toUtf8()), QStringList());
    }
};

int main(int argc, char* argv[]) {
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath("config")));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath("data")));
    qputenv("HOME", QFile::encodeName(home.path()));
    QCoreApplication app(argc, argv);
    TestNoKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialstore_nokeychain.moc"
