// OCI Distribution "Pull" workflow against the real ferryd: manifests by tag
// and by digest with content negotiation over the four manifest types, and
// blobs whole or in ranges (RFC 9110 section 14), with exact statuses,
// headers and bodies.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QTest>

using namespace ocitest;

namespace {

const QString kRepo = QStringLiteral("pull/app");

struct Stored {
    QString tag;
    QByteArray mediaType;
    QByteArray body;
};

} // namespace

class TestOciPull : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void getManifestByTagAndDigest_data();
    void getManifestByTagAndDigest();
    void headManifestHasHeadersAndNoBody_data();
    void headManifestHasHeadersAndNoBody();
    void acceptThatExcludesTheStoredTypeIsManifestUnknown_data();
    void acceptThatExcludesTheStoredTypeIsManifestUnknown();
    void acceptListAndWildcardsAdmitTheStoredType();
    void acceptOnSeveralHeaderLinesCounts();
    void unknownManifestIsManifestUnknown();
    void getAndHeadBlob();
    void rangeRequests_data();
    void rangeRequests();
    void unsatisfiableRangeIs416();
    void rangeInAnUnknownUnitIsIgnored();
    void unknownBlobIsBlobUnknown();
    void blobOfAnotherRepositoryIsNotServed();

private:
    FerrydProcess m_ferryd;
    QList<Stored> m_stored; // oci, index, docker, list
    QByteArray m_bigLayer;
};

void TestOciPull::initTestCase() {
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    const Image oci = makeImage(QStringLiteral("pull-oci"));
    QVERIFY(pushImage(http, kRepo, QStringLiteral("oci"), oci));

    const QByteArray dockerConfig = configFor(QStringLiteral("pull-docker"));
    m_bigLayer.resize(100000);
    for (int i = 0; i < m_bigLayer.size(); ++i)
        m_bigLayer[i] = char((i * 7 + i / 256) & 0xff);
    QVERIFY(pushBlob(http, kRepo, dockerConfig));
    QVERIFY(pushBlob(http, kRepo, m_bigLayer));
    const QByteArray docker =
        imageManifest(QLatin1String(kDockerManifest), dockerConfig, {m_bigLayer});
    QCOMPARE(putManifest(http, kRepo, QStringLiteral("docker"), docker, kDockerManifest).status,
             201);

    const QByteArray index =
        indexManifest(QLatin1String(kOciIndex), {{QLatin1String(kOciManifest), oci.manifest}});
    QCOMPARE(putManifest(http, kRepo, QStringLiteral("index"), index, kOciIndex).status, 201);
    const QByteArray list = indexManifest(QLatin1String(kDockerManifestList),
                                          {{QLatin1String(kDockerManifest), docker}});
    QCOMPARE(putManifest(http, kRepo, QStringLiteral("list"), list, kDockerManifestList).status,
             201);

    m_stored = {{QStringLiteral("oci"), kOciManifest, oci.manifest},
                {QStringLiteral("index"), kOciIndex, index},
                {QStringLiteral("docker"), kDockerManifest, docker},
                {QStringLiteral("list"), kDockerManifestList, list}};
}

static void addStoredRows() {
    QTest::addColumn<int>("which");
    QTest::addColumn<bool>("byDigest");
    const char* names[] = {"oci", "index", "docker", "list"};
    for (int i = 0; i < 4; ++i) {
        QTest::addRow("%s by tag", names[i]) << i << false;
        QTest::addRow("%s by digest", names[i]) << i << true;
    }
}

void TestOciPull::getManifestByTagAndDigest_data() {
    addStoredRows();
}

void TestOciPull::getManifestByTagAndDigest() {
    QFETCH(int, which);
    QFETCH(bool, byDigest);
    const Stored& stored = m_stored.at(which);
    const QString digest = ociDigest(stored.body);
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply =
        http.get(QStringLiteral("/v2/%1/manifests/%2").arg(kRepo, byDigest ? digest : stored.tag),
                 {{"Accept", stored.mediaType}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, stored.body);
    QCOMPARE(reply.header("Content-Type"), stored.mediaType);
    QCOMPARE(reply.header("Docker-Content-Digest"), digest.toLatin1());
    QCOMPARE(reply.header("Content-Length"), QByteArray::number(stored.body.size()));
}

void TestOciPull::headManifestHasHeadersAndNoBody_data() {
    addStoredRows();
}

void TestOciPull::headManifestHasHeadersAndNoBody() {
    QFETCH(int, which);
    QFETCH(bool, byDigest);
    const Stored& stored = m_stored.at(which);
    const QString digest = ociDigest(stored.body);
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = ocitest::head(
        m_ferryd.baseUrl(),
        QStringLiteral("/v2/%1/manifests/%2").arg(kRepo, byDigest ? digest : stored.tag),
        {{"Accept", QByteArray(kOciManifest) + ", " + kOciIndex + ", " + kDockerManifest + ", " +
                        kDockerManifestList}});
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(reply.header("Content-Type"), stored.mediaType);
    QCOMPARE(reply.header("Docker-Content-Digest"), digest.toLatin1());
    QCOMPARE(reply.header("Content-Length"), QByteArray::number(stored.body.size()));
}

void TestOciPull::acceptThatExcludesTheStoredTypeIsManifestUnknown_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QByteArray>("accept");
    QTest::newRow("oci manifest, docker accepted") << 0 << QByteArray(kDockerManifest);
    QTest::newRow("oci index, manifests accepted")
        << 1 << QByteArray(kOciManifest) + "," + kDockerManifest;
    QTest::newRow("docker manifest, oci accepted")
        << 2 << QByteArray(kOciManifest) + ";q=0.9, " + kOciIndex;
    QTest::newRow("docker list, oci index accepted") << 3 << QByteArray(kOciIndex);
    QTest::newRow("text only") << 0 << QByteArray("text/plain");
}

void TestOciPull::acceptThatExcludesTheStoredTypeIsManifestUnknown() {
    QFETCH(int, which);
    QFETCH(QByteArray, accept);
    const Stored& stored = m_stored.at(which);
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& reference : {stored.tag, ociDigest(stored.body)}) {
        const HttpReply reply = http.get(
            QStringLiteral("/v2/%1/manifests/%2").arg(kRepo, reference), {{"Accept", accept}});
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(reply.header("Docker-Content-Digest").isEmpty());
    }
}

void TestOciPull::acceptListAndWildcardsAdmitTheStoredType() {
    HttpClient http(m_ferryd.baseUrl());
    const Stored& list = m_stored.at(3);
    for (const QByteArray& accept : {QByteArray("text/plain, ") + kDockerManifestList + ";q=0.5",
                                     QByteArray("*/*"), QByteArray("application/*")}) {
        const HttpReply reply =
            http.get(QStringLiteral("/v2/%1/manifests/list").arg(kRepo), {{"Accept", accept}});
        QVERIFY2(reply.status == 200, accept.constData());
        QCOMPARE(reply.body, list.body);
        QCOMPARE(reply.header("Content-Type"), list.mediaType);
    }
}

// docker sends one Accept line per media type; every line counts.
void TestOciPull::acceptOnSeveralHeaderLinesCounts() {
    const Stored& list = m_stored.at(3);
    const QByteArray request = ocitest::rawRequest(
        "GET", "/v2/" + kRepo.toUtf8() + "/manifests/list", QByteArray(),
        {{"Accept", "text/plain"}, {"Accept", kOciManifest}, {"Accept", list.mediaType}});
    const ocitest::RawReply reply = ocitest::rawExchange(m_ferryd.baseUrl(), request);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, list.body);
    QCOMPARE(reply.header("Content-Type"), list.mediaType);
}

void TestOciPull::unknownManifestIsManifestUnknown() {
    HttpClient http(m_ferryd.baseUrl());
    const QString unknownDigest = ociDigest("never pushed");
    for (const QString& path : {QStringLiteral("/v2/%1/manifests/nosuchtag").arg(kRepo),
                                QStringLiteral("/v2/%1/manifests/%2").arg(kRepo, unknownDigest),
                                QStringLiteral("/v2/other/repo/manifests/oci")}) {
        const HttpReply get = http.get(path);
        QVERIFY2(get.status == 404, qPrintable(path));
        QCOMPARE(get.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
        QCOMPARE(head(m_ferryd.baseUrl(), path).status, 404);
    }
}

void TestOciPull::getAndHeadBlob() {
    HttpClient http(m_ferryd.baseUrl());
    const QString digest = ociDigest(m_bigLayer);
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, digest);
    const HttpReply get = http.get(path);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.body.size(), m_bigLayer.size());
    QCOMPARE(get.body, m_bigLayer);
    QCOMPARE(get.header("Docker-Content-Digest"), digest.toLatin1());
    QCOMPARE(get.header("Content-Length"), QByteArray::number(m_bigLayer.size()));
    QCOMPARE(get.header("Content-Type"), QByteArray("application/octet-stream"));
    QCOMPARE(get.header("Accept-Ranges"), QByteArray("bytes"));

    const HttpReply headReply = ocitest::head(m_ferryd.baseUrl(), path);
    QCOMPARE(headReply.status, 200);
    QVERIFY(headReply.body.isEmpty());
    QCOMPARE(headReply.header("Docker-Content-Digest"), digest.toLatin1());
    QCOMPARE(headReply.header("Content-Length"), QByteArray::number(m_bigLayer.size()));

    // A manifest is a blob of its repository as well.
    const HttpReply manifestBlob =
        http.get(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest(m_stored[0].body)));
    QCOMPARE(manifestBlob.status, 200);
    QCOMPARE(manifestBlob.body, m_stored[0].body);
}

void TestOciPull::rangeRequests_data() {
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::newRow("start") << QByteArray("bytes=0-9") << 0 << 9;
    QTest::newRow("middle") << QByteArray("bytes=1000-1999") << 1000 << 1999;
    QTest::newRow("open end") << QByteArray("bytes=99990-") << 99990 << 99999;
    QTest::newRow("suffix") << QByteArray("bytes=-100") << 99900 << 99999;
    QTest::newRow("suffix longer than blob") << QByteArray("bytes=-200000") << 0 << 99999;
    QTest::newRow("end past size is clamped") << QByteArray("bytes=99998-500000") << 99998 << 99999;
    QTest::newRow("one byte") << QByteArray("bytes=5-5") << 5 << 5;
}

void TestOciPull::rangeRequests() {
    QFETCH(QByteArray, range);
    QFETCH(int, first);
    QFETCH(int, last);
    HttpClient http(m_ferryd.baseUrl());
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest(m_bigLayer));
    const HttpReply reply = http.get(path, {{"Range", range}});
    QCOMPARE(reply.status, 206);
    QCOMPARE(reply.body, m_bigLayer.mid(first, last - first + 1));
    QCOMPARE(reply.header("Content-Range"), QByteArray("bytes ") + QByteArray::number(first) + '-' +
                                                QByteArray::number(last) + "/100000");
    QCOMPARE(reply.header("Content-Length"), QByteArray::number(last - first + 1));
    const HttpReply headReply = ocitest::head(m_ferryd.baseUrl(), path, {{"Range", range}});
    QCOMPARE(headReply.status, 206);
    QCOMPARE(headReply.header("Content-Range"), reply.header("Content-Range"));
}

void TestOciPull::unsatisfiableRangeIs416() {
    HttpClient http(m_ferryd.baseUrl());
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest(m_bigLayer));
    for (const QByteArray& range : {QByteArray("bytes=100000-"), QByteArray("bytes=200000-200010"),
                                    QByteArray("bytes=-0"), QByteArray("bytes=50-10")}) {
        const HttpReply reply = http.get(path, {{"Range", range}});
        QVERIFY2(reply.status == 416, range.constData());
        QCOMPARE(reply.header("Content-Range"), QByteArray("bytes */100000"));
        QVERIFY(!reply.body.contains(m_bigLayer.left(64)));
    }
}

void TestOciPull::rangeInAnUnknownUnitIsIgnored() {
    // RFC 9110 section 14.2: a server MUST ignore a Range in a unit it does not understand.
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply =
        http.get(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest(m_bigLayer)),
                 {{"Range", "items=0-4"}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, m_bigLayer);
    QVERIFY(reply.header("Content-Range").isEmpty());
}

void TestOciPull::unknownBlobIsBlobUnknown() {
    HttpClient http(m_ferryd.baseUrl());
    const QString path = QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest("no such blob"));
    const HttpReply get = http.get(path);
    QCOMPARE(get.status, 404);
    QCOMPARE(get.errorCode(), QStringLiteral("BLOB_UNKNOWN"));
    QCOMPARE(get.header("Content-Type"), QByteArray("application/json"));
    const HttpReply headReply = ocitest::head(m_ferryd.baseUrl(), path);
    QCOMPARE(headReply.status, 404);
    QVERIFY(headReply.body.isEmpty());
}

void TestOciPull::blobOfAnotherRepositoryIsNotServed() {
    // Blobs are linked per repository: holding the digest is not enough.
    HttpClient http(m_ferryd.baseUrl());
    QVERIFY(pushBlob(http, QStringLiteral("pull/other"), "something else"));
    const HttpReply reply =
        http.get(QStringLiteral("/v2/pull/other/blobs/%1").arg(ociDigest(m_bigLayer)));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("BLOB_UNKNOWN"));
}

QTEST_GUILESS_MAIN(TestOciPull)
#include "tst_oci_pull.moc"
