// OCI Distribution "Content Discovery" against the real ferryd: tag listing
// with n/last pagination and its Link header, the catalog paged the same way,
// and the referrers API with its artifactType filter.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace ocitest;

namespace {

const QString kRepo = QStringLiteral("disco/app");
const QStringList kTags{QStringLiteral("1.0"),    QStringLiteral("1.1"),  QStringLiteral("2.0"),
                        QStringLiteral("Latest"), QStringLiteral("beta"), QStringLiteral("latest"),
                        QStringLiteral("v_3")};
const QStringList kRepositories{QStringLiteral("disco/app"), QStringLiteral("disco/b"),
                                QStringLiteral("disco/c/d"), QStringLiteral("disco0"),
                                QStringLiteral("zeta")};
const QString kSbom = QStringLiteral("application/vnd.example.sbom.v1");
const QString kSignature = QStringLiteral("application/vnd.example.signature.v1");

QStringList strings(const QJsonArray& array) {
    QStringList out;
    for (const QJsonValue& value : array)
        out.append(value.toString());
    return out;
}

// The target of a Link: <...>; rel="next" header, or empty.
QString nextLink(const HttpReply& reply) {
    static const QRegularExpression link(QStringLiteral(R"(^<([^>]+)>;\s*rel="next"$)"));
    const auto match = link.match(QString::fromLatin1(reply.header("Link")));
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

class TestOciDiscovery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tagsListAllInLexicalOrder();
    void tagsPaginateWithLinkHeader_data();
    void tagsPaginateWithLinkHeader();
    void tagsLastWithoutN();
    void tagsWithBadNIsRejected();
    void unknownRepositoryTagsIsNameUnknown();
    void catalogListsEveryRepository();
    void catalogPaginates();
    void referrersListsEveryReferrer();
    void referrersFilteredByArtifactType();
    void referrersOfUnknownSubjectIsEmpty();
    void referrersWithBadDigestIsDigestInvalid();

private:
    QStringList followTags(const QString& firstPath, int* pages);

    FerrydProcess m_ferryd;
    Image m_subject;
    QByteArray m_sbom;
    QByteArray m_signature;
};

void TestOciDiscovery::initTestCase() {
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    m_subject = makeImage(QStringLiteral("discovery"));
    for (const QString& tag : kTags)
        QVERIFY(pushImage(http, kRepo, tag, m_subject));
    for (const QString& repository : kRepositories.mid(1))
        QVERIFY(pushBlob(http, repository, repository.toUtf8()));

    // Two referrers of the subject, with different artifact types and annotations.
    const QByteArray empty = "{}";
    QVERIFY(pushBlob(http, kRepo, empty));
    const QByteArray payload = "signature payload";
    QVERIFY(pushBlob(http, kRepo, payload));
    auto referrer = [&](const QString& type, const QString& annotation,
                        const QList<QByteArray>& layers) {
        return imageManifest(
            QLatin1String(kOciManifest), empty, layers,
            QJsonObject{{QStringLiteral("artifactType"), type},
                        {QStringLiteral("config"), descriptor(QLatin1String(kEmptyType), empty)},
                        {QStringLiteral("subject"),
                         descriptor(QLatin1String(kOciManifest), m_subject.manifest)},
                        {QStringLiteral("annotations"),
                         QJsonObject{{QStringLiteral("org.example.note"), annotation}}}});
    };
    m_sbom = referrer(kSbom, QStringLiteral("the sbom"), {});
    m_signature = referrer(kSignature, QStringLiteral("signed \"by\" ci"), {payload});
    for (const QByteArray& manifest : {m_sbom, m_signature}) {
        const HttpReply reply =
            putManifest(http, kRepo, ociDigest(manifest), manifest, kOciManifest);
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.header("OCI-Subject"), m_subject.digest.toLatin1());
    }
}

void TestOciDiscovery::tagsListAllInLexicalOrder() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.get(QStringLiteral("/v2/%1/tags/list").arg(kRepo));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(reply.header("Link").isEmpty());
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    QCOMPARE(body.value(QStringLiteral("name")).toString(), kRepo);
    QCOMPARE(strings(body.value(QStringLiteral("tags")).toArray()),
             kTags); // byte order: "Latest" < "beta"
}

QStringList TestOciDiscovery::followTags(const QString& firstPath, int* pages) {
    HttpClient http(m_ferryd.baseUrl());
    QStringList all;
    QString path = firstPath;
    *pages = 0;
    while (!path.isEmpty() && *pages < 20) {
        const HttpReply reply = http.get(path);
        if (reply.status != 200)
            return {QStringLiteral("<status %1>").arg(reply.status)};
        ++*pages;
        all += strings(
            QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("tags")).toArray());
        path = nextLink(reply);
    }
    return all;
}

void TestOciDiscovery::tagsPaginateWithLinkHeader_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("pages");
    QTest::newRow("n=1") << 1 << 7;
    QTest::newRow("n=2") << 2 << 4;
    QTest::newRow("n=3") << 3 << 3;
    QTest::newRow("n=7, exactly all") << 7 << 1;
    QTest::newRow("n=100") << 100 << 1;
}

void TestOciDiscovery::tagsPaginateWithLinkHeader() {
    QFETCH(int, n);
    QFETCH(int, pages);
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply first = http.get(QStringLiteral("/v2/%1/tags/list?n=%2").arg(kRepo).arg(n));
    QCOMPARE(first.status, 200);
    const QStringList firstPage = strings(
        QJsonDocument::fromJson(first.body).object().value(QStringLiteral("tags")).toArray());
    QCOMPARE(firstPage, kTags.mid(0, n));
    if (n < kTags.size())
        QCOMPARE(
            nextLink(first),
            QStringLiteral("/v2/%1/tags/list?n=%2&last=%3").arg(kRepo).arg(n).arg(kTags.at(n - 1)));
    else
        QVERIFY(first.header("Link").isEmpty());
    int seenPages = 0;
    QCOMPARE(followTags(QStringLiteral("/v2/%1/tags/list?n=%2").arg(kRepo).arg(n), &seenPages),
             kTags);
    QCOMPARE(seenPages, pages);
}

void TestOciDiscovery::tagsLastWithoutN() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.get(QStringLiteral("/v2/%1/tags/list?last=beta").arg(kRepo));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray(R"({"name":"disco/app","tags":["latest","v_3"]})"));
    const HttpReply pastEnd = http.get(QStringLiteral("/v2/%1/tags/list?n=2&last=v_3").arg(kRepo));
    QCOMPARE(pastEnd.status, 200);
    QCOMPARE(pastEnd.body, QByteArray(R"({"name":"disco/app","tags":[]})"));
    QVERIFY(pastEnd.header("Link").isEmpty());
}

void TestOciDiscovery::tagsWithBadNIsRejected() {
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& n : {QStringLiteral("-1"), QStringLiteral("abc"), QStringLiteral("2x")}) {
        const HttpReply reply = http.get(QStringLiteral("/v2/%1/tags/list?n=%2").arg(kRepo, n));
        QVERIFY2(reply.status == 400, qPrintable(n));
        QVERIFY(!reply.errorCode().isEmpty());
    }
}

void TestOciDiscovery::unknownRepositoryTagsIsNameUnknown() {
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& repo :
         {QStringLiteral("disco/nope"), QStringLiteral("disco"), QStringLiteral("disco/app/sub")}) {
        const HttpReply reply = http.get(QStringLiteral("/v2/%1/tags/list").arg(repo));
        QVERIFY2(reply.status == 404, qPrintable(repo));
        QCOMPARE(reply.errorCode(), QStringLiteral("NAME_UNKNOWN"));
    }
}

void TestOciDiscovery::catalogListsEveryRepository() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.get(QStringLiteral("/v2/_catalog"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(strings(QJsonDocument::fromJson(reply.body)
                         .object()
                         .value(QStringLiteral("repositories"))
                         .toArray()),
             kRepositories);
    QVERIFY(reply.header("Link").isEmpty());
}

void TestOciDiscovery::catalogPaginates() {
    HttpClient http(m_ferryd.baseUrl());
    for (int n = 1; n <= 6; ++n) {
        QStringList all;
        QString path = QStringLiteral("/v2/_catalog?n=%1").arg(n);
        int pages = 0;
        while (!path.isEmpty() && pages < 20) {
            const HttpReply reply = http.get(path);
            QCOMPARE(reply.status, 200);
            const QStringList page = strings(QJsonDocument::fromJson(reply.body)
                                                 .object()
                                                 .value(QStringLiteral("repositories"))
                                                 .toArray());
            QVERIFY(page.size() <= n);
            all += page;
            path = nextLink(reply);
            if (!path.isEmpty())
                QCOMPARE(path, QStringLiteral("/v2/_catalog?n=%1&last=%2").arg(n).arg(page.last()));
            ++pages;
        }
        QCOMPARE(all, kRepositories);
        QCOMPARE(pages, (int(kRepositories.size()) + n - 1) / n);
    }
    const HttpReply after = http.get(QStringLiteral("/v2/_catalog?last=disco/c/d"));
    QCOMPARE(after.body, QByteArray(R"({"repositories":["disco0","zeta"]})"));
}

void TestOciDiscovery::referrersListsEveryReferrer() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply =
        http.get(QStringLiteral("/v2/%1/referrers/%2").arg(kRepo, m_subject.digest));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray(kOciIndex));
    QVERIFY(reply.header("OCI-Filters-Applied").isEmpty());
    const QJsonObject index = QJsonDocument::fromJson(reply.body).object();
    QCOMPARE(index.value(QStringLiteral("schemaVersion")).toInt(), 2);
    QCOMPARE(index.value(QStringLiteral("mediaType")).toString(), QLatin1String(kOciIndex));
    const QJsonArray manifests = index.value(QStringLiteral("manifests")).toArray();
    QCOMPARE(manifests.size(), 2);
    QMap<QString, QJsonObject> byDigest;
    for (const QJsonValue& entry : manifests)
        byDigest.insert(entry.toObject().value(QStringLiteral("digest")).toString(),
                        entry.toObject());
    const QJsonObject sbom = byDigest.value(ociDigest(m_sbom));
    QCOMPARE(sbom.value(QStringLiteral("mediaType")).toString(), QLatin1String(kOciManifest));
    QCOMPARE(sbom.value(QStringLiteral("size")).toInteger(), m_sbom.size());
    QCOMPARE(sbom.value(QStringLiteral("artifactType")).toString(), kSbom);
    QCOMPARE(sbom.value(QStringLiteral("annotations")).toObject(),
             QJsonObject({{QStringLiteral("org.example.note"), QStringLiteral("the sbom")}}));
    const QJsonObject signature = byDigest.value(ociDigest(m_signature));
    QCOMPARE(signature.value(QStringLiteral("size")).toInteger(), m_signature.size());
    QCOMPARE(signature.value(QStringLiteral("artifactType")).toString(), kSignature);
    QCOMPARE(
        signature.value(QStringLiteral("annotations")).toObject(),
        QJsonObject({{QStringLiteral("org.example.note"), QStringLiteral("signed \"by\" ci")}}));
}

void TestOciDiscovery::referrersFilteredByArtifactType() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.get(QStringLiteral("/v2/%1/referrers/%2?artifactType=%3")
                                         .arg(kRepo, m_subject.digest, kSignature));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("OCI-Filters-Applied"), QByteArray("artifactType"));
    const QJsonArray manifests =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("manifests")).toArray();
    QCOMPARE(manifests.size(), 1);
    QCOMPARE(manifests.first().toObject().value(QStringLiteral("digest")).toString(),
             ociDigest(m_signature));

    const HttpReply none =
        http.get(QStringLiteral("/v2/%1/referrers/%2?artifactType=application/x-none")
                     .arg(kRepo, m_subject.digest));
    QCOMPARE(none.status, 200);
    QCOMPARE(none.header("OCI-Filters-Applied"), QByteArray("artifactType"));
    QCOMPARE(QJsonDocument::fromJson(none.body)
                 .object()
                 .value(QStringLiteral("manifests"))
                 .toArray()
                 .size(),
             0);
}

void TestOciDiscovery::referrersOfUnknownSubjectIsEmpty() {
    HttpClient http(m_ferryd.baseUrl());
    const QString expected =
        QStringLiteral(R"({"schemaVersion":2,"mediaType":"%1","manifests":[]})")
            .arg(QLatin1String(kOciIndex));
    for (const QString& path :
         {QStringLiteral("/v2/%1/referrers/%2").arg(kRepo, ociDigest("unknown subject")),
          // The referrers of a subject are per repository.
          QStringLiteral("/v2/disco/b/referrers/%1").arg(m_subject.digest)}) {
        const HttpReply reply = http.get(path);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Content-Type"), QByteArray(kOciIndex));
        QCOMPARE(QString::fromUtf8(reply.body), expected);
    }
}

void TestOciDiscovery::referrersWithBadDigestIsDigestInvalid() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.get(QStringLiteral("/v2/%1/referrers/latest").arg(kRepo));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("DIGEST_INVALID"));
}

QTEST_GUILESS_MAIN(TestOciDiscovery)
#include "tst_oci_discovery.moc"
