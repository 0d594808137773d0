// Hostile and broken input against the real ferryd: malformed manifests and
// digests, invalid names sent byte for byte, bad ranges and upload ids,
// truncated bodies, idle and oversized connections, garbage instead of HTTP.
// Each must get its exact OCI error (or be cut off) and leave what is stored
// exactly as it was.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

using namespace ocitest;

namespace {

const QString kRepo = QStringLiteral("bad/base");
const QByteArray kGoodDigest = "sha256:" + QByteArray(64, 'a');

} // namespace

class TestBadInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void malformedManifestIsManifestInvalid_data();
    void malformedManifestIsManifestInvalid();
    void oversizedManifestIs413();
    void oversizedChunkedManifestIs413();
    void largeManifestUnderTheLimitIsAccepted();
    void invalidNamesAreUnknownOrInvalid_data();
    void invalidNamesAreUnknownOrInvalid();
    void malformedDigestsAreUnknownOrInvalid_data();
    void malformedDigestsAreUnknownOrInvalid();
    void unparsableReferencesAreManifestUnknown_data();
    void unparsableReferencesAreManifestUnknown();
    void badContentRangeIs416();
    void unknownUploadIdIsBlobUploadUnknown();
    void uploadIdFromAnotherRepositoryIs404();
    void truncatedMonolithicUploadLeavesNothing();
    void truncatedPatchIsRolledBack();
    void truncatedManifestLeavesNothing();
    void silentClientIsDisconnectedAfterIdleTimeout();
    void oversizedHeaderIs431();
    void garbageInsteadOfHttpIs400();
    void storedContentIsIntact();

private:
    void verifyServing();
    QString startUpload(const QString& repository);

    FerrydProcess m_ferryd;
    Image m_image;
    QByteArray m_blob;
};

void TestBadInput::initTestCase() {
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    m_image = makeImage(QStringLiteral("bad input"));
    QVERIFY(pushImage(http, kRepo, QStringLiteral("v1"), m_image));
    m_blob = QByteArray(300000, 'b') + "end";
    QVERIFY(pushBlob(http, kRepo, m_blob));
}

void TestBadInput::verifyServing() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.get(QStringLiteral("/v2/%1/manifests/v1").arg(kRepo));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, m_image.manifest);
}

QString TestBadInput::startUpload(const QString& repository) {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.post(QStringLiteral("/v2/%1/blobs/uploads/").arg(repository));
    return reply.status == 202 ? QString::fromLatin1(reply.header("Location")) : QString();
}

void TestBadInput::malformedManifestIsManifestInvalid_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    const QByteArray oci(kOciManifest);
    const QByteArray config = compact(descriptor(QLatin1String(kOciConfig), m_image.config));
    const QByteArray layer = compact(descriptor(QLatin1String(kOciLayer), m_image.layer));
    QTest::newRow("not json") << QByteArray("this is not json") << oci;
    QTest::newRow("truncated json") << m_image.manifest.left(m_image.manifest.size() - 2) << oci;
    QTest::newRow("array") << QByteArray("[1,2]") << oci;
    QTest::newRow("empty") << QByteArray() << oci;
    QTest::newRow("schemaVersion 1")
        << QByteArray(R"({"schemaVersion":1,"config":)" + config + R"(,"layers":[]})") << oci;
    QTest::newRow("schemaVersion string")
        << QByteArray(R"({"schemaVersion":"2","config":)" + config + R"(,"layers":[]})") << oci;
    QTest::newRow("no schemaVersion")
        << QByteArray(R"({"config":)" + config + R"(,"layers":[]})") << oci;
    QTest::newRow("no config") << QByteArray(R"({"schemaVersion":2,"layers":[)" + layer + "]}")
                               << oci;
    QTest::newRow("layers not array")
        << QByteArray(R"({"schemaVersion":2,"config":)" + config + R"(,"layers":)" + layer + "}")
        << oci;
    QTest::newRow("layer bad digest")
        << QByteArray(R"({"schemaVersion":2,"config":)" + config +
                      R"(,"layers":[{"mediaType":"x","digest":"sha256:zz","size":1}]})")
        << oci;
    QTest::newRow("layer negative size") << QByteArray(R"({"schemaVersion":2,"config":)" + config +
                                                       R"(,"layers":[{"mediaType":"x","digest":")" +
                                                       kGoodDigest + R"(","size":-1}]})")
                                         << oci;
    QTest::newRow("index without manifests")
        << QByteArray(R"({"schemaVersion":2,"mediaType":")" + QByteArray(kOciIndex) + "\"}")
        << QByteArray(kOciIndex);
    QTest::newRow("mediaType differs from Content-Type")
        << m_image.manifest << QByteArray(kDockerManifest);
    QTest::newRow("unknown media type")
        << QByteArray(R"({"schemaVersion":2,"mediaType":"application/x-unknown","config":)" +
                      config + R"(,"layers":[]})")
        << QByteArray("application/x-unknown");
}

void TestBadInput::malformedManifestIsManifestInvalid() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = putManifest(http, kRepo, QStringLiteral("broken"), body, contentType);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("MANIFEST_INVALID"));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/broken").arg(kRepo)).status, 404);
}

void TestBadInput::oversizedManifestIs413() {
    HttpClient http(m_ferryd.baseUrl());
    const QByteArray body = QByteArray(R"({"schemaVersion":2,"annotations":{"pad":")") +
                            QByteArray(4 * 1024 * 1024, 'p') + "\"}}";
    const HttpReply reply = putManifest(http, kRepo, QStringLiteral("huge"), body, kOciManifest);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), QStringLiteral("SIZE_INVALID"));
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/huge").arg(kRepo)).status, 404);
    verifyServing();
}

void TestBadInput::oversizedChunkedManifestIs413() {
    // Without Content-Length the limit must hold while reading.
    QByteArray request = "PUT /v2/" + kRepo.toLatin1() +
                         "/manifests/huge HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                         "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n";
    const QByteArray chunk(512 * 1024, 'c');
    for (int i = 0; i < 9; ++i)
        request += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    request += "0\r\n\r\n";
    const RawReply reply = rawExchange(m_ferryd.baseUrl(), request);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), QStringLiteral("SIZE_INVALID"));
    verifyServing();
}

void TestBadInput::largeManifestUnderTheLimitIsAccepted() {
    HttpClient http(m_ferryd.baseUrl());
    const QJsonObject extra{
        {QStringLiteral("annotations"),
         QJsonObject{{QStringLiteral("pad"), QString(3 * 1024 * 1024, QLatin1Char('p'))}}}};
    const QByteArray manifest =
        imageManifest(QLatin1String(kOciManifest), m_image.config, {m_image.layer}, extra);
    const HttpReply reply =
        putManifest(http, kRepo, QStringLiteral("large"), manifest, kOciManifest);
    QCOMPARE(reply.status, 201);
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/large").arg(kRepo)).body, manifest);
}

void TestBadInput::invalidNamesAreUnknownOrInvalid_data() {
    QTest::addColumn<QByteArray>("name");
    for (const char* name : {"UPPER/case", "a//b", "../etc", "a/../b", "-lead", "trail-", "a/./b",
                             "a..b", "/abs", "a/b/", "caf%C3%A9", "a%2Fb"})
        QTest::newRow(name) << QByteArray(name);
}

void TestBadInput::invalidNamesAreUnknownOrInvalid() {
    QFETCH(QByteArray, name);
    // Raw bytes on the wire: QUrl would resolve "..", and a client may too.
    for (const QByteArray& method_target : {QByteArray("GET /v2/") + name + "/manifests/latest",
                                            QByteArray("GET /v2/") + name + "/tags/list",
                                            QByteArray("GET /v2/") + name + "/blobs/" + kGoodDigest,
                                            QByteArray("POST /v2/") + name + "/blobs/uploads/",
                                            QByteArray("PUT /v2/") + name + "/manifests/latest"}) {
        const qsizetype space = method_target.indexOf(' ');
        const RawReply reply =
            rawExchange(m_ferryd.baseUrl(),
                        rawRequest(method_target.left(space), method_target.mid(space + 1), ""));
        // Reading by a name that cannot exist finds nothing (404 NAME_UNKNOWN);
        // creating under it is the bad request (400 NAME_INVALID).
        const bool read = method_target.startsWith("GET ");
        QVERIFY2(reply.status == (read ? 404 : 400), method_target.constData());
        QVERIFY2(reply.errorCode() ==
                     (read ? QStringLiteral("NAME_UNKNOWN") : QStringLiteral("NAME_INVALID")),
                 method_target.constData());
    }
}

void TestBadInput::malformedDigestsAreUnknownOrInvalid_data() {
    QTest::addColumn<QByteArray>("digest");
    QTest::newRow("short") << QByteArray("sha256:abc");
    QTest::newRow("uppercase hex") << "sha256:" + QByteArray(64, 'A');
    QTest::newRow("not hex") << "sha256:" + QByteArray(63, 'a') + 'g';
    QTest::newRow("too long") << "sha256:" + QByteArray(65, 'a');
    QTest::newRow("unknown algorithm") << "md5:" + QByteArray(32, 'a');
    QTest::newRow("no hex") << QByteArray("sha256:");
    QTest::newRow("no algorithm") << QByteArray(":") + QByteArray(64, 'a');
}

void TestBadInput::malformedDigestsAreUnknownOrInvalid() {
    QFETCH(QByteArray, digest);
    HttpClient http(m_ferryd.baseUrl());
    const QString d = QString::fromLatin1(digest);
    // Looking up or deleting by a malformed digest finds nothing: 404.
    const HttpReply blobGet = http.get(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, d));
    const HttpReply blobDelete = http.del(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, d));
    const HttpReply manifestGet = http.get(QStringLiteral("/v2/%1/manifests/%2").arg(kRepo, d));
    QCOMPARE(blobGet.status, 404);
    QCOMPARE(blobGet.errorCode(), QStringLiteral("BLOB_UNKNOWN"));
    QCOMPARE(blobDelete.status, 404);
    QCOMPARE(blobDelete.errorCode(), QStringLiteral("BLOB_UNKNOWN"));
    QCOMPARE(manifestGet.status, 404);
    QCOMPARE(manifestGet.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
    // Referrers: the spec asks 400 for an invalid digest; writes name a digest
    // the content must have, so a malformed one is the client's error.
    QList<HttpReply> replies{
        http.get(QStringLiteral("/v2/%1/referrers/%2").arg(kRepo, d)),
        putManifest(http, kRepo, d, m_image.manifest, kOciManifest),
        http.post(QStringLiteral("/v2/%1/blobs/uploads/?digest=%2").arg(kRepo, d), "x")};
    const QString location = startUpload(kRepo);
    QVERIFY(!location.isEmpty());
    replies.append(http.put(location + QStringLiteral("?digest=") + d, "x"));
    replies.append(http.put(location, "x")); // no digest at all
    for (qsizetype i = 0; i < replies.size(); ++i) {
        QVERIFY2(replies[i].status == 400, qPrintable(QString::number(i)));
        QVERIFY2(replies[i].errorCode() == QStringLiteral("DIGEST_INVALID"),
                 replies[i].body.constData());
    }
}

void TestBadInput::unparsableReferencesAreManifestUnknown_data() {
    QTest::addColumn<QByteArray>("reference");
    // The conformance suite's own probe, and other references that are
    // neither a tag nor a digest.
    for (const char* reference :
         {".INVALID_MANIFEST_NAME", "-lead", "sha256:zz", "a%20b", "md5:abc"})
        QTest::newRow(reference) << QByteArray(reference);
}

void TestBadInput::unparsableReferencesAreManifestUnknown() {
    QFETCH(QByteArray, reference);
    for (const QByteArray& method : {QByteArray("GET"), QByteArray("HEAD"), QByteArray("DELETE")}) {
        const RawReply reply = rawExchange(
            m_ferryd.baseUrl(),
            rawRequest(method, QByteArray("/v2/") + kRepo.toUtf8() + "/manifests/" + reference,
                       ""));
        QVERIFY2(reply.status == 404, method.constData());
        if (method != "HEAD") // a HEAD reply has no body to carry the code
            QVERIFY2(reply.errorCode() == QStringLiteral("MANIFEST_UNKNOWN"), method.constData());
    }
    verifyServing();
}

void TestBadInput::badContentRangeIs416() {
    HttpClient http(m_ferryd.baseUrl());
    const QString location = startUpload(kRepo);
    QVERIFY(!location.isEmpty());
    QCOMPARE(http.patch(location, "12345", {{"Content-Range", "0-4"}}).status, 202);
    for (const QByteArray& range :
         {QByteArray("garbage"), QByteArray("9-5"), QByteArray("5-"), QByteArray("-5"),
          QByteArray("bytes=5-9"), QByteArray("5--9"), QByteArray("0x5-0x9")}) {
        const HttpReply reply = http.patch(location, "67890", {{"Content-Range", range}});
        QVERIFY2(reply.status == 416, range.constData());
        QCOMPARE(reply.header("Range"), QByteArray("0-4"));
    }
    // Nothing was appended by the refused chunks.
    QCOMPARE(http.put(location + QStringLiteral("?digest=") + ociDigest("12345"), {}).status, 201);
}

void TestBadInput::unknownUploadIdIsBlobUploadUnknown() {
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& id : {QStringLiteral("0b0e6c62-1d3e-4a4b-9d76-000000000000"),
                              QStringLiteral("x"), QString(100, QLatin1Char('a'))}) {
        const QString path = QStringLiteral("/v2/%1/blobs/uploads/%2").arg(kRepo, id);
        for (const HttpReply& reply :
             {http.get(path), http.patch(path, "data"),
              http.put(path + QStringLiteral("?digest=") + ociDigest("data"), "data"),
              http.del(path)}) {
            QCOMPARE(reply.status, 404);
            QCOMPARE(reply.errorCode(), QStringLiteral("BLOB_UPLOAD_UNKNOWN"));
        }
    }
}

void TestBadInput::uploadIdFromAnotherRepositoryIs404() {
    HttpClient http(m_ferryd.baseUrl());
    const QString location = startUpload(QStringLiteral("bad/owner"));
    QVERIFY(!location.isEmpty());
    QCOMPARE(http.patch(location, "owned").status, 202);
    QString foreign = location;
    foreign.replace(QStringLiteral("/v2/bad/owner/"), QStringLiteral("/v2/bad/thief/"));
    QVERIFY(foreign != location);
    for (const HttpReply& reply :
         {http.get(foreign), http.patch(foreign, "stolen"),
          http.put(foreign + QStringLiteral("?digest=") + ociDigest("owned"), {}),
          http.del(foreign)}) {
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), QStringLiteral("BLOB_UPLOAD_UNKNOWN"));
    }
    // The owner's upload is untouched by all of that.
    const HttpReply status = http.get(location);
    QCOMPARE(status.status, 204);
    QCOMPARE(status.header("Range"), QByteArray("0-4"));
    QCOMPARE(http.put(location + QStringLiteral("?digest=") + ociDigest("owned"), {}).status, 201);
    QCOMPARE(http.get(QStringLiteral("/v2/bad/thief/blobs/%1").arg(ociDigest("owned"))).status,
             404);
}

void TestBadInput::truncatedMonolithicUploadLeavesNothing() {
    const QByteArray full(1000, 't');
    const QByteArray head = "POST /v2/" + kRepo.toLatin1() +
                            "/blobs/uploads/?digest=" + ociDigest(full).toLatin1() +
                            " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n";
    const RawReply reply = rawExchange(m_ferryd.baseUrl(), head + full.left(10), 10000, true);
    QVERIFY(reply.closedByServer);
    QVERIFY(reply.status != 201);
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply blob = http.get(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest(full)));
    QCOMPARE(blob.status, 404);
    QCOMPARE(blob.errorCode(), QStringLiteral("BLOB_UNKNOWN"));
    verifyServing();
}

void TestBadInput::truncatedPatchIsRolledBack() {
    HttpClient http(m_ferryd.baseUrl());
    const QString location = startUpload(kRepo);
    QVERIFY(!location.isEmpty());
    QCOMPARE(http.patch(location, "kept:").status, 202);
    const QByteArray head =
        "PATCH " + location.toLatin1() +
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Range: 5-1004\r\nContent-Length: 1000\r\n\r\n";
    const RawReply reply = rawExchange(m_ferryd.baseUrl(), head + "lost bytes", 10000, true);
    QVERIFY(reply.closedByServer);
    QVERIFY(reply.status != 202);
    const HttpReply status = http.get(location);
    QCOMPARE(status.status, 204);
    QCOMPARE(status.header("Range"), QByteArray("0-4"));
    // The retried chunk starts where the upload stood, and the result is exact.
    QCOMPARE(http.patch(location, "retried", {{"Content-Range", "5-11"}}).status, 202);
    QCOMPARE(http.put(location + QStringLiteral("?digest=") + ociDigest("kept:retried"), {}).status,
             201);
    QCOMPARE(http.get(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest("kept:retried"))).body,
             QByteArray("kept:retried"));
}

void TestBadInput::truncatedManifestLeavesNothing() {
    const QByteArray head =
        "PUT /v2/" + kRepo.toLatin1() +
        "/manifests/cut HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/vnd.oci.image.manifest.v1+json\r\nContent-Length: " +
        QByteArray::number(m_image.manifest.size()) + "\r\n\r\n";
    const RawReply reply =
        rawExchange(m_ferryd.baseUrl(), head + m_image.manifest.left(10), 10000, true);
    QVERIFY(reply.closedByServer);
    QVERIFY(reply.status != 201);
    HttpClient http(m_ferryd.baseUrl());
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/cut").arg(kRepo)).status, 404);
    verifyServing();
}

void TestBadInput::silentClientIsDisconnectedAfterIdleTimeout() {
    FerrydProcess ferryd({QStringLiteral("--idle-timeout"), QStringLiteral("2")});
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    for (const QByteArray& sent : {QByteArray(), QByteArray("GET /v2/ HTTP/1.1\r\nHost: x\r\n")}) {
        QTcpSocket socket;
        socket.connectToHost(ferryd.baseUrl().host(), quint16(ferryd.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        QElapsedTimer elapsed;
        elapsed.start();
        if (!sent.isEmpty()) {
            socket.write(sent);
            QVERIFY(socket.waitForBytesWritten(5000));
        }
        while (socket.state() == QAbstractSocket::ConnectedState && elapsed.elapsed() < 10000)
            socket.waitForReadyRead(int(10000 - elapsed.elapsed()));
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QVERIFY2(elapsed.elapsed() >= 1500, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY2(elapsed.elapsed() < 6000, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY(!socket.readAll().startsWith("HTTP/1.1 2"));
    }
    // A client that does talk is served.
    HttpClient http(ferryd.baseUrl());
    QCOMPARE(http.get(QStringLiteral("/v2/")).status, 200);
}

void TestBadInput::oversizedHeaderIs431() {
    const RawReply reply =
        rawExchange(m_ferryd.baseUrl(),
                    rawRequest("GET", "/v2/", {}, {{"X-Filler", QByteArray(70 * 1024, 'f')}}));
    QCOMPARE(reply.status, 431);
    QVERIFY(reply.closedByServer);
    // Many small headers that add up count as well.
    QList<QPair<QByteArray, QByteArray>> many;
    for (int i = 0; i < 1200; ++i)
        many.append({"X-Header-" + QByteArray::number(i), QByteArray(60, 'h')});
    QCOMPARE(rawExchange(m_ferryd.baseUrl(), rawRequest("GET", "/v2/", {}, many)).status, 431);
    // Just under the limit is fine.
    const RawReply fine =
        rawExchange(m_ferryd.baseUrl(),
                    rawRequest("GET", "/v2/", {}, {{"X-Filler", QByteArray(60 * 1024, 'f')}}));
    QCOMPARE(fine.status, 200);
    verifyServing();
}

void TestBadInput::garbageInsteadOfHttpIs400() {
    QByteArray binary;
    for (int i = 0; i < 512; ++i)
        binary.append(char((i * 37 + 11) & 0xff));
    for (const QByteArray& garbage :
         {QByteArray("\x01\x02\x03 hello there\r\n\r\n", 20), binary + "\r\n\r\n",
          QByteArray("GET\r\n\r\n"), QByteArray("GET /v2/ HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n"),
          QByteArray("GET /v2/ HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
          QByteArray("POST /v2/ HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: "
                     "chunked\r\n\r\nzz\r\n")}) {
        const RawReply reply = rawExchange(m_ferryd.baseUrl(), garbage);
        QVERIFY2(reply.status == 400, garbage.toHex().left(60).constData());
        QVERIFY(reply.closedByServer);
        verifyServing();
    }
}

void TestBadInput::storedContentIsIntact() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply manifest = http.get(QStringLiteral("/v2/%1/manifests/v1").arg(kRepo));
    QCOMPARE(manifest.status, 200);
    QCOMPARE(ociDigest(manifest.body), m_image.digest);
    QCOMPARE(manifest.header("Docker-Content-Digest"), m_image.digest.toLatin1());
    for (const QByteArray& blob : {m_image.config, m_image.layer, m_blob}) {
        const HttpReply reply =
            http.get(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest(blob)));
        QCOMPARE(reply.status, 200);
        QCOMPARE(ociDigest(reply.body), ociDigest(blob));
    }
    const HttpReply tags = http.get(QStringLiteral("/v2/%1/tags/list").arg(kRepo));
    QCOMPARE(tags.body, QByteArray(R"({"name":"bad/base","tags":["large","v1"]})"));
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
