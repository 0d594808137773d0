// Deleting content from the console's Repositories tab, against the real
// ferryd: RegistryClient reads a tag's digest, deletes a tag (the manifest
// stays, reachable by digest and by its other tags) and deletes a manifest
// (every tag on it goes); RepositoryModel follows each by removing exactly
// those rows, in place, checked by QAbstractItemModelTester; and a refusal
// (an unknown tag) reaches the person with ferryd's OCI error code.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"
#include "registryclient.h"
#include "repositorymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {
constexpr int kDeadlineMs = 15000;
const QString kRepository = QStringLiteral("plant/app");

QStringList tagRows(const RepositoryModel& model, const QString& repository) {
    const QModelIndex parent = model.repositoryIndex(repository);
    QStringList tags;
    for (int row = 0; row < model.rowCount(parent); ++row)
        tags << model.index(row, 0, parent).data(RepositoryModel::TagRole).toString();
    return tags;
}
} // namespace

class TestConsoleContentDelete : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void digestsAreRead();
    void deletingATagKeepsTheManifest();
    void deletingAManifestTakesItsTags();
    void anUnknownTagIsRefusedWithTheServersCode();

private:
    int status(const QString& path);

    FerrydProcess m_ferryd;
    ocitest::Image m_one;
    ocitest::Image m_two;
    std::unique_ptr<RegistryClient> m_client;
    std::unique_ptr<RepositoryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestConsoleContentDelete::initTestCase() {
    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    http.setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    m_one = ocitest::makeImage(QStringLiteral("one"));
    m_two = ocitest::makeImage(QStringLiteral("two"));
    // one: 1.0, latest, stable; two: 2.0, edge.
    for (const QString& tag :
         {QStringLiteral("1.0"), QStringLiteral("latest"), QStringLiteral("stable")})
        QVERIFY(ocitest::pushImage(http, kRepository, tag, m_one));
    for (const QString& tag : {QStringLiteral("2.0"), QStringLiteral("edge")})
        QVERIFY(ocitest::pushImage(http, kRepository, tag, m_two));
}

// A fresh client and model, opened on the repository as the tab's view would.
void TestConsoleContentDelete::init() {
    m_client = std::make_unique<RegistryClient>();
    m_client->setBaseUrl(m_ferryd.baseUrl());
    m_client->setCredentials(QStringLiteral("admin"), m_ferryd.adminPassword());
    m_model = std::make_unique<RepositoryModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->connectClient(m_client.get());
    QSignalSpy catalog(m_client.get(), &RegistryClient::catalogReceived);
    QSignalSpy tags(m_client.get(), &RegistryClient::tagsReceived);
    m_client->fetchCatalog();
    QVERIFY(catalog.wait(kDeadlineMs));
    const QModelIndex repository = m_model->repositoryIndex(kRepository);
    QVERIFY(repository.isValid());
    // The model tester may already have opened it.
    if (m_model->canFetchMore(repository))
        m_model->fetchMore(repository);
    QTRY_VERIFY_WITH_TIMEOUT(!tags.isEmpty(), kDeadlineMs);
}

int TestConsoleContentDelete::status(const QString& path) {
    HttpClient http(m_ferryd.baseUrl());
    http.setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    return http.get(path, {{"Accept", ocitest::kOciManifest}}).status;
}

void TestConsoleContentDelete::digestsAreRead() {
    QSignalSpy digests(m_client.get(), &RegistryClient::digestReceived);
    for (const QString& tag : tagRows(*m_model, kRepository))
        m_client->fetchDigest(kRepository, tag);
    QTRY_COMPARE_WITH_TIMEOUT(digests.size(), tagRows(*m_model, kRepository).size(), kDeadlineMs);
    QCOMPARE(m_model->tagIndex(kRepository, QStringLiteral("1.0"))
                 .data(RepositoryModel::DigestRole)
                 .toString(),
             m_one.digest);
    QCOMPARE(m_model->tagIndex(kRepository, QStringLiteral("edge"))
                 .data(RepositoryModel::DigestRole)
                 .toString(),
             m_two.digest);
    QCOMPARE(
        m_model->tagsWithDigest(kRepository, m_one.digest),
        (QStringList{QStringLiteral("1.0"), QStringLiteral("latest"), QStringLiteral("stable")}));
}

void TestConsoleContentDelete::deletingATagKeepsTheManifest() {
    QCOMPARE(tagRows(*m_model, kRepository),
             (QStringList{QStringLiteral("1.0"), QStringLiteral("2.0"), QStringLiteral("edge"),
                          QStringLiteral("latest"), QStringLiteral("stable")}));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy deleted(m_client.get(), &RegistryClient::tagDeleted);
    m_client->deleteTag(kRepository, QStringLiteral("latest"));
    QVERIFY(deleted.wait(kDeadlineMs));
    QCOMPARE(deleted.first().at(1).toString(), QStringLiteral("latest"));
    // Exactly that row went, in place.
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 3);
    QCOMPARE(removed.first().at(2).toInt(), 3);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(tagRows(*m_model, kRepository),
             (QStringList{QStringLiteral("1.0"), QStringLiteral("2.0"), QStringLiteral("edge"),
                          QStringLiteral("stable")}));
    // The registry agrees: the tag is gone, the manifest and its other tags stay.
    QCOMPARE(status(QStringLiteral("/v2/%1/manifests/latest").arg(kRepository)), 404);
    QCOMPARE(status(QStringLiteral("/v2/%1/manifests/%2").arg(kRepository, m_one.digest)), 200);
    QCOMPARE(status(QStringLiteral("/v2/%1/manifests/1.0").arg(kRepository)), 200);
}

void TestConsoleContentDelete::deletingAManifestTakesItsTags() {
    QSignalSpy digests(m_client.get(), &RegistryClient::digestReceived);
    const QStringList before = tagRows(*m_model, kRepository);
    for (const QString& tag : before)
        m_client->fetchDigest(kRepository, tag);
    QTRY_COMPARE_WITH_TIMEOUT(digests.size(), before.size(), kDeadlineMs);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy tagLists(m_client.get(), &RegistryClient::tagsReceived);
    QSignalSpy deleted(m_client.get(), &RegistryClient::manifestDeleted);
    m_client->deleteManifest(kRepository, m_two.digest);
    QVERIFY(deleted.wait(kDeadlineMs));
    QCOMPARE(tagRows(*m_model, kRepository),
             (QStringList{QStringLiteral("1.0"), QStringLiteral("stable")}));
    QCOMPARE(reset.size(), 0);
    QTest::qWait(200);
    QCOMPARE(tagLists.size(), 0); // every digest was known: nothing read again
    QCOMPARE(status(QStringLiteral("/v2/%1/manifests/%2").arg(kRepository, m_two.digest)), 404);
    QCOMPARE(status(QStringLiteral("/v2/%1/manifests/edge").arg(kRepository)), 404);
    QCOMPARE(status(QStringLiteral("/v2/%1/manifests/2.0").arg(kRepository)), 404);
    QCOMPARE(status(QStringLiteral("/v2/%1/manifests/stable").arg(kRepository)), 200);
}

void TestConsoleContentDelete::anUnknownTagIsRefusedWithTheServersCode() {
    QSignalSpy errors(m_client.get(), &RegistryClient::errorOccurred);
    QSignalSpy deleted(m_client.get(), &RegistryClient::tagDeleted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_client->deleteTag(kRepository, QStringLiteral("never-pushed"));
    QVERIFY(errors.wait(kDeadlineMs));
    QCOMPARE(deleted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(errors.first().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Request);
    QVERIFY2(errors.first().at(1).toString().contains(QStringLiteral("MANIFEST_UNKNOWN")),
             qPrintable(errors.first().at(1).toString()));
}

QTEST_GUILESS_MAIN(TestConsoleContentDelete)
#include "tst_console_content_delete.moc"
