// Trust on first use against the real ferryd serving its own `init-tls`
// certificate: an unknown certificate is refused and the operator is asked
// (once, however many requests met it), with the fingerprint ferryd printed;
// once accepted and pinned in the profile, the management API, the OCI
// catalog and the event stream all connect; a new certificate on the same URL
// is refused with a clear "has changed" message, and nobody is asked to
// accept it.

#include "connectionprofiles.h"
#include "ferrydprocess.h"
#include "hierarchyfeed.h"
#include "hierarchymodel.h"
#include "managementclient.h"
#include "registryclient.h"
#include "tlstrust.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;

namespace {

bool finished(ManagementCall* call) {
    return call->isFinished() || QSignalSpy(call, &ManagementCall::finished).wait(20000);
}

} // namespace

class TestTlsTrust : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void unknownCertificateAsksOnceAndIsRefused();
    void acceptedCertificateIsPinnedAndEveryTransportConnects();
    void changedCertificateOnTheSameUrlIsRefused();
    void profilesKeepThePinAndNoSecret();

private:
    void configure(ManagementClient& client, RegistryClient& registry, TlsTrust& trust);

    QTemporaryDir m_work;
    std::unique_ptr<FerrydProcess> m_ferryd;
    QByteArray m_firstFingerprint;
    QByteArray m_secondFingerprint;
};

void TestTlsTrust::initTestCase() {
    QVERIFY(m_work.isValid());
    m_ferryd = std::make_unique<FerrydProcess>(QStringList{QStringLiteral("--tls")});
    m_ferryd->setAccessControl(true);
    QString error;
    m_firstFingerprint = m_ferryd->initTls(&error);
    QVERIFY2(!m_firstFingerprint.isEmpty(), qPrintable(error));
    QCOMPARE(m_firstFingerprint.size(), 32);
    QVERIFY2(m_ferryd->start(), qPrintable(m_ferryd->errorString()));
    QCOMPARE(m_ferryd->baseUrl().scheme(), QStringLiteral("https"));
}

void TestTlsTrust::configure(ManagementClient& client, RegistryClient& registry, TlsTrust& trust) {
    client.setBaseUrl(m_ferryd->baseUrl());
    client.setCredentials(QStringLiteral("admin"), m_ferryd->adminPassword());
    client.setTlsTrust(&trust);
    registry.setBaseUrl(m_ferryd->baseUrl());
    registry.setCredentials(QStringLiteral("admin"), m_ferryd->adminPassword());
    registry.setTlsTrust(&trust);
}

void TestTlsTrust::unknownCertificateAsksOnceAndIsRefused() {
    TlsTrust trust;
    ManagementClient client;
    RegistryClient registry;
    configure(client, registry, trust);
    QSignalSpy asked(&trust, &TlsTrust::decisionNeeded);
    QSignalSpy changed(&trust, &TlsTrust::fingerprintChanged);

    ManagementCall* first = client.get(QStringLiteral("connected-registries"));
    QVERIFY(finished(first));
    QVERIFY(!first->response().ok());
    QCOMPARE(first->response().error->category, ApiError::Category::Tls);
    const QString shown = QString::fromLatin1(m_firstFingerprint.toHex(':').toUpper());
    QVERIFY2(first->response().error->message.contains(shown),
             qPrintable(first->response().error->message));

    QCOMPARE(asked.size(), 1);
    const auto summary = asked.first().first().value<CertificateSummary>();
    QCOMPARE(summary.sha256, m_firstFingerprint);
    QCOMPARE(summary.fingerprintText(), shown);
    QVERIFY2(!summary.subject.isEmpty(), "the subject is shown to the operator");
    QVERIFY(!summary.problems.isEmpty());

    // The catalog and a second management call meet the same certificate:
    // both refused, and the operator is not asked again.
    QSignalSpy registryError(&registry, &RegistryClient::errorOccurred);
    registry.fetchCatalog();
    QVERIFY(registryError.wait(20000));
    QCOMPARE(registryError.first().first().value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Tls);
    ManagementCall* second = client.get(QStringLiteral("connected-registries"));
    QVERIFY(finished(second));
    QCOMPARE(second->response().error->category, ApiError::Category::Tls);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(changed.size(), 0);

    // Declined: still refused, still not asked again.
    trust.decline(summary.sha256);
    ManagementCall* third = client.get(QStringLiteral("connected-registries"));
    QVERIFY(finished(third));
    QVERIFY(!third->response().ok());
    QCOMPARE(asked.size(), 1);
}

void TestTlsTrust::acceptedCertificateIsPinnedAndEveryTransportConnects() {
    TlsTrust trust;
    ManagementClient client;
    RegistryClient registry;
    configure(client, registry, trust);
    QSignalSpy asked(&trust, &TlsTrust::decisionNeeded);
    ManagementCall* refused = client.get(QStringLiteral("connected-registries"));
    QVERIFY(finished(refused));
    QVERIFY(!refused->response().ok());
    QCOMPARE(asked.size(), 1);

    trust.accept(asked.first().first().value<CertificateSummary>().sha256);
    QCOMPARE(trust.pinned(), m_firstFingerprint);
    client.dropConnections();

    ManagementCall* call = client.get(QStringLiteral("connected-registries"));
    QVERIFY(finished(call));
    QVERIFY2(call->response().ok(), qPrintable(call->response().error->message));
    QCOMPARE(call->response().httpStatus, 200);

    QSignalSpy catalog(&registry, &RegistryClient::catalogReceived);
    QSignalSpy registryError(&registry, &RegistryClient::errorOccurred);
    registry.fetchCatalog();
    QVERIFY(catalog.wait(20000));
    QCOMPARE(registryError.size(), 0);

    // The event stream runs through the same trust.
    HierarchyModel model;
    HierarchyFeed feed(&client, &model);
    QSignalSpy loaded(&feed, &HierarchyFeed::loaded);
    QSignalSpy feedError(&feed, &HierarchyFeed::errorOccurred);
    feed.start();
    QVERIFY2(loaded.wait(20000),
             feedError.isEmpty() ? "no answer" : qPrintable(feedError.first().first().toString()));
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), HierarchyFeed::State::Live, 20000);
    QVERIFY(model.registryCount() >= 1);
    feed.stop();
    QCOMPARE(asked.size(), 1);
}

void TestTlsTrust::changedCertificateOnTheSameUrlIsRefused() {
    // A client that had pinned and connected keeps its pin across the change.
    TlsTrust trust;
    trust.setPinned(m_firstFingerprint);
    ManagementClient client;
    RegistryClient registry;
    configure(client, registry, trust);
    ManagementCall* before = client.get(QStringLiteral("connected-registries"));
    QVERIFY(finished(before));
    QVERIFY(before->response().ok());

    m_ferryd->stop();
    QString error;
    m_secondFingerprint = m_ferryd->initTls(&error);
    QVERIFY2(!m_secondFingerprint.isEmpty(), qPrintable(error));
    QVERIFY(m_secondFingerprint != m_firstFingerprint);
    const QUrl url = m_ferryd->baseUrl();
    QVERIFY2(m_ferryd->start(), qPrintable(m_ferryd->errorString()));
    QCOMPARE(m_ferryd->baseUrl(), url);

    QSignalSpy asked(&trust, &TlsTrust::decisionNeeded);
    QSignalSpy changed(&trust, &TlsTrust::fingerprintChanged);
    ManagementCall* after = client.get(QStringLiteral("connected-registries"));
    QVERIFY(finished(after));
    QVERIFY(!after->response().ok());
    QCOMPARE(after->response().error->category, ApiError::Category::Tls);
    const QString message = after->response().error->message;
    QVERIFY2(message.contains(QStringLiteral("has changed")), qPrintable(message));
    QVERIFY2(message.contains(QString::fromLatin1(m_secondFingerprint.toHex(':').toUpper())),
             qPrintable(message));
    QVERIFY2(message.contains(QString::fromLatin1(m_firstFingerprint.toHex(':').toUpper())),
             qPrintable(message));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<CertificateSummary>().sha256, m_secondFingerprint);
    QCOMPARE(changed.first().at(1).toByteArray(), m_firstFingerprint);
    QCOMPARE(asked.size(), 0); // no offer to accept the new one

    QSignalSpy registryError(&registry, &RegistryClient::errorOccurred);
    registry.fetchCatalog();
    QVERIFY(registryError.wait(20000));
    QCOMPARE(registryError.first().first().value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Tls);
    QVERIFY(registryError.first().at(1).toString().contains(QStringLiteral("has changed")));
    QCOMPARE(asked.size(), 0);
}

void TestTlsTrust::profilesKeepThePinAndNoSecret() {
    const QString path = m_work.filePath(QStringLiteral("console.ini"));
    {
        QSettings settings(path, QSettings::IniFormat);
        ConnectionProfiles profiles(&settings);
        ConnectionProfile profile;
        profile.name = QStringLiteral("Plant 1 / root");
        profile.url = m_ferryd->baseUrl();
        profile.user = QStringLiteral("admin");
        profile.pinnedSha256 = m_firstFingerprint;
        profile.pinnedSubject = QStringLiteral("127.0.0.1");
        QVERIFY(profiles.save(profile));
        ConnectionProfile nameless = profile;
        nameless.name.clear();
        QVERIFY(!profiles.save(nameless));
        profiles.setLastUsed(profile.name);
    }
    QSettings settings(path, QSettings::IniFormat);
    ConnectionProfiles profiles(&settings);
    QCOMPARE(profiles.all().size(), 1);
    QCOMPARE(profiles.lastUsed(), QStringLiteral("Plant 1 / root"));
    const ConnectionProfile read = profiles.find(QStringLiteral("Plant 1 / root"));
    QCOMPARE(read.url, m_ferryd->baseUrl());
    QCOMPARE(read.pinnedSha256, m_firstFingerprint);
    QVERIFY(ConnectionProfiles::sameServer(profiles.forServer(m_ferryd->baseUrl()).url,
                                           m_ferryd->baseUrl()));

    // A fresh session pinned from the stored profile refuses the new certificate too.
    TlsTrust trust;
    trust.setPinned(read.pinnedSha256);
    ManagementClient client;
    RegistryClient registry;
    configure(client, registry, trust);
    ManagementCall* call = client.get(QStringLiteral("connected-registries"));
    QVERIFY(finished(call));
    QVERIFY(!call->response().ok());
    QVERIFY(call->response().error->message.contains(QStringLiteral("has changed")));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(!stored.contains(m_ferryd->adminPassword().toUtf8()));
    QVERIFY(!stored.toLower().contains("password"));
}

QTEST_GUILESS_MAIN(TestTlsTrust)
#include "tst_tls_trust.moc"
