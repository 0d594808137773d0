// OCI Distribution "Push" workflow against the real ferryd: every way to
// upload a blob (monolithic, POST then PUT, chunked PATCH, streamed PATCH),
// upload status and cancel, cross-repository mount, and manifest PUT with its
// reference checks, subject and digest verification.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QJsonArray>
#include <QTest>

using namespace ocitest;

class TestOciPush : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void monolithicPost();
    void monolithicPostWithWrongDigestIsDigestInvalid();
    void postThenPut();
    void chunkedPatchWithContentRange();
    void outOfOrderChunkIs416WithRange();
    void patchWithoutContentRangeStreams();
    void chunkedTransferEncodingPatch();
    void finalPutWithWrongDigestDropsTheUpload();
    void cancelEndsTheUpload();
    void crossRepositoryMount();
    void mountOfUnknownBlobFallsBackToUpload();
    void manifestPutChecksEveryBlob();
    void indexPutChecksItsChildren();
    void manifestWithSubjectAnswersOciSubject();
    void manifestPutByDigest();
    void manifestPutByWrongDigestIsDigestInvalid();

private:
    // Follows Location until the blob is there; checks the 201 on the way.
    void verifyBlob(const QString& repository, const QByteArray& content);
    QString startUpload(const QString& repository);

    FerrydProcess m_ferryd;
};

void TestOciPush::initTestCase() {
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
}

void TestOciPush::verifyBlob(const QString& repository, const QByteArray& content) {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply =
        http.get(QStringLiteral("/v2/%1/blobs/%2").arg(repository, ociDigest(content)));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, content);
    QCOMPARE(reply.header("Docker-Content-Digest"), ociDigest(content).toLatin1());
}

QString TestOciPush::startUpload(const QString& repository) {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.post(QStringLiteral("/v2/%1/blobs/uploads/").arg(repository));
    if (reply.status != 202 ||
        !reply.header("Location").startsWith("/v2/" + repository.toUtf8() + "/blobs/uploads/")) {
        qWarning() << "upload start got" << reply.status << reply.headers;
        return {};
    }
    return QString::fromLatin1(reply.header("Location"));
}

void TestOciPush::monolithicPost() {
    HttpClient http(m_ferryd.baseUrl());
    const QByteArray content = "monolithic blob content";
    const QString digest = ociDigest(content);
    const HttpReply reply =
        http.post(QStringLiteral("/v2/push/mono/blobs/uploads/?digest=%1").arg(digest), content,
                  {{"Content-Type", "application/octet-stream"}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("Location"), "/v2/push/mono/blobs/" + digest.toLatin1());
    QCOMPARE(reply.header("Docker-Content-Digest"), digest.toLatin1());
    verifyBlob(QStringLiteral("push/mono"), content);
}

void TestOciPush::monolithicPostWithWrongDigestIsDigestInvalid() {
    HttpClient http(m_ferryd.baseUrl());
    const QString claimed = ociDigest("what the client claims");
    const HttpReply reply =
        http.post(QStringLiteral("/v2/push/mono/blobs/uploads/?digest=%1").arg(claimed),
                  "what it really sends");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("DIGEST_INVALID"));
    for (const QByteArray& content :
         {QByteArray("what the client claims"), QByteArray("what it really sends")}) {
        const HttpReply blob =
            http.get(QStringLiteral("/v2/push/mono/blobs/%1").arg(ociDigest(content)));
        QCOMPARE(blob.status, 404);
        QCOMPARE(blob.errorCode(), QStringLiteral("BLOB_UNKNOWN"));
    }
}

void TestOciPush::postThenPut() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply started = http.post(QStringLiteral("/v2/push/two-step/blobs/uploads/"));
    QCOMPARE(started.status, 202);
    const QByteArray location = started.header("Location");
    QVERIFY(location.startsWith("/v2/push/two-step/blobs/uploads/"));
    QCOMPARE(started.header("Range"), QByteArray("0-0"));
    QVERIFY(!started.header("Docker-Upload-UUID").isEmpty());
    QVERIFY(location.endsWith(started.header("Docker-Upload-UUID")));

    const QByteArray content(70000, 'p');
    const HttpReply done =
        http.put(QString::fromLatin1(location) + QStringLiteral("?digest=") + ociDigest(content),
                 content, {{"Content-Type", "application/octet-stream"}});
    QCOMPARE(done.status, 201);
    QCOMPARE(done.header("Docker-Content-Digest"), ociDigest(content).toLatin1());
    QCOMPARE(done.header("Location"), "/v2/push/two-step/blobs/" + ociDigest(content).toLatin1());
    verifyBlob(QStringLiteral("push/two-step"), content);
    // The session is over once the blob exists.
    const HttpReply status = http.get(QString::fromLatin1(location));
    QCOMPARE(status.status, 404);
    QCOMPARE(status.errorCode(), QStringLiteral("BLOB_UPLOAD_UNKNOWN"));
}

void TestOciPush::chunkedPatchWithContentRange() {
    HttpClient http(m_ferryd.baseUrl());
    const QString location = startUpload(QStringLiteral("push/chunked"));
    QVERIFY(!location.isEmpty());
    const QByteArray content = QByteArray("first chunk|") + QByteArray(5000, 's') + "|last";
    const QList<QByteArray> chunks{content.left(12), content.mid(12, 5000), content.mid(5012)};
    QString next = location;
    qsizetype offset = 0;
    for (const QByteArray& chunk : chunks) {
        const QByteArray range =
            QByteArray::number(offset) + '-' + QByteArray::number(offset + chunk.size() - 1);
        const HttpReply reply = http.patch(
            next, chunk, {{"Content-Range", range}, {"Content-Type", "application/octet-stream"}});
        QCOMPARE(reply.status, 202);
        offset += chunk.size();
        QCOMPARE(reply.header("Range"), "0-" + QByteArray::number(offset - 1));
        next = QString::fromLatin1(reply.header("Location"));
        QCOMPARE(next, location);
        // Status agrees with what PATCH said (204, Range, Location).
        const HttpReply status = http.get(next);
        QCOMPARE(status.status, 204);
        QCOMPARE(status.header("Range"), reply.header("Range"));
        QCOMPARE(QString::fromLatin1(status.header("Location")), location);
    }
    const HttpReply done =
        http.put(next + QStringLiteral("?digest=") + ociDigest(content), QByteArray());
    QCOMPARE(done.status, 201);
    verifyBlob(QStringLiteral("push/chunked"), content);
}

void TestOciPush::outOfOrderChunkIs416WithRange() {
    HttpClient http(m_ferryd.baseUrl());
    const QString location = startUpload(QStringLiteral("push/chunked"));
    QVERIFY(!location.isEmpty());
    QCOMPARE(http.patch(location, "0123456789", {{"Content-Range", "0-9"}}).status, 202);
    for (const QByteArray& range : {QByteArray("20-29"), QByteArray("0-9"), QByteArray("5-14")}) {
        const HttpReply refused = http.patch(location, "abcdefghij", {{"Content-Range", range}});
        QVERIFY2(refused.status == 416, range.constData());
        QCOMPARE(refused.header("Range"), QByteArray("0-9"));
        QCOMPARE(QString::fromLatin1(refused.header("Location")), location);
    }
    // The upload is unharmed and can go on where it stood.
    QCOMPARE(http.patch(location, "abcdefghij", {{"Content-Range", "10-19"}}).status, 202);
    const QByteArray content = "0123456789abcdefghij";
    QCOMPARE(http.put(location + QStringLiteral("?digest=") + ociDigest(content), {}).status, 201);
    verifyBlob(QStringLiteral("push/chunked"), content);
}

void TestOciPush::patchWithoutContentRangeStreams() {
    HttpClient http(m_ferryd.baseUrl());
    const QString location = startUpload(QStringLiteral("push/streamed"));
    QVERIFY(!location.isEmpty());
    const QByteArray content(600 * 1024, 'q');
    const HttpReply patched =
        http.patch(location, content, {{"Content-Type", "application/octet-stream"}});
    QCOMPARE(patched.status, 202);
    QCOMPARE(patched.header("Range"), "0-" + QByteArray::number(content.size() - 1));
    const QByteArray tail = "and a tail";
    QCOMPARE(http.patch(location, tail).status, 202);
    const HttpReply done =
        http.put(location + QStringLiteral("?digest=") + ociDigest(content + tail), {});
    QCOMPARE(done.status, 201);
    verifyBlob(QStringLiteral("push/streamed"), content + tail);
}

void TestOciPush::chunkedTransferEncodingPatch() {
    // A streaming client does not know the length up front.
    const QString location = startUpload(QStringLiteral("push/streamed"));
    QVERIFY(!location.isEmpty());
    const QByteArray request = "PATCH " + location.toLatin1() +
                               " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n"
                               "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n";
    const RawReply reply = rawExchange(m_ferryd.baseUrl(), request);
    QCOMPARE(reply.status, 202);
    QCOMPARE(reply.header("Range"), QByteArray("0-11"));
    HttpClient http(m_ferryd.baseUrl());
    QCOMPARE(http.put(location + QStringLiteral("?digest=") + ociDigest("hello, world"), {}).status,
             201);
    verifyBlob(QStringLiteral("push/streamed"), "hello, world");
}

void TestOciPush::finalPutWithWrongDigestDropsTheUpload() {
    HttpClient http(m_ferryd.baseUrl());
    const QString location = startUpload(QStringLiteral("push/two-step"));
    QVERIFY(!location.isEmpty());
    const HttpReply reply =
        http.put(location + QStringLiteral("?digest=") + ociDigest("other"), "these bytes");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("DIGEST_INVALID"));
    QCOMPARE(http.get(location).errorCode(), QStringLiteral("BLOB_UPLOAD_UNKNOWN"));
    QCOMPARE(
        http.get(QStringLiteral("/v2/push/two-step/blobs/%1").arg(ociDigest("these bytes"))).status,
        404);
}

void TestOciPush::cancelEndsTheUpload() {
    HttpClient http(m_ferryd.baseUrl());
    const QString location = startUpload(QStringLiteral("push/cancel"));
    QVERIFY(!location.isEmpty());
    QCOMPARE(http.patch(location, "some bytes").status, 202);
    const HttpReply cancelled = http.del(location);
    QCOMPARE(cancelled.status, 204);
    for (const QByteArray& method :
         {QByteArray("GET"), QByteArray("PATCH"), QByteArray("PUT"), QByteArray("DELETE")}) {
        const HttpReply after =
            http.send(method, location + QStringLiteral("?digest=") + ociDigest("some bytes"), "x");
        QVERIFY2(after.status == 404, method.constData());
        QCOMPARE(after.errorCode(), QStringLiteral("BLOB_UPLOAD_UNKNOWN"));
    }
}

void TestOciPush::crossRepositoryMount() {
    HttpClient http(m_ferryd.baseUrl());
    const QByteArray content = "shared base layer";
    QVERIFY(pushBlob(http, QStringLiteral("push/source"), content));
    const QString digest = ociDigest(content);
    QCOMPARE(http.get(QStringLiteral("/v2/push/target/blobs/%1").arg(digest)).status, 404);
    const HttpReply mounted = http.post(
        QStringLiteral("/v2/push/target/blobs/uploads/?mount=%1&from=push/source").arg(digest));
    QCOMPARE(mounted.status, 201);
    QCOMPARE(mounted.header("Location"), "/v2/push/target/blobs/" + digest.toLatin1());
    QCOMPARE(mounted.header("Docker-Content-Digest"), digest.toLatin1());
    verifyBlob(QStringLiteral("push/target"), content);
}

void TestOciPush::mountOfUnknownBlobFallsBackToUpload() {
    HttpClient http(m_ferryd.baseUrl());
    const QString unknown = ociDigest("nobody pushed this");
    for (const QString& query : {QStringLiteral("mount=%1&from=push/source").arg(unknown),
                                 QStringLiteral("mount=%1&from=no/such/repo").arg(unknown),
                                 QStringLiteral("mount=%1").arg(unknown)}) {
        const HttpReply reply =
            http.post(QStringLiteral("/v2/push/target/blobs/uploads/?") + query);
        QVERIFY2(reply.status == 202, qPrintable(query));
        const QByteArray location = reply.header("Location");
        QVERIFY(location.startsWith("/v2/push/target/blobs/uploads/"));
        QCOMPARE(http.get(QString::fromLatin1(location)).status, 204);
    }
    QCOMPARE(http.get(QStringLiteral("/v2/push/target/blobs/%1").arg(unknown)).status, 404);
}

void TestOciPush::manifestPutChecksEveryBlob() {
    HttpClient http(m_ferryd.baseUrl());
    const QString repo = QStringLiteral("push/manifests");
    const QByteArray config = configFor(QStringLiteral("checks"));
    const QByteArray layer1 = "layer one";
    const QByteArray layer2 = "layer two";
    const QByteArray manifest =
        imageManifest(QLatin1String(kOciManifest), config, {layer1, layer2});
    QVERIFY(pushBlob(http, repo, layer2));
    // Each missing blob in turn: config, then the first layer, then none.
    HttpReply reply = putManifest(http, repo, QStringLiteral("v1"), manifest, kOciManifest);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("MANIFEST_BLOB_UNKNOWN"));
    QVERIFY(reply.body.contains(ociDigest(config).toLatin1()));
    QVERIFY(pushBlob(http, repo, config));
    reply = putManifest(http, repo, QStringLiteral("v1"), manifest, kOciManifest);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("MANIFEST_BLOB_UNKNOWN"));
    QVERIFY(reply.body.contains(ociDigest(layer1).toLatin1()));
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/v1").arg(repo)).status, 404);
    // A blob in another repository does not count.
    QVERIFY(pushBlob(http, QStringLiteral("push/elsewhere"), layer1));
    QCOMPARE(putManifest(http, repo, QStringLiteral("v1"), manifest, kOciManifest).status, 400);
    QVERIFY(pushBlob(http, repo, layer1));
    reply = putManifest(http, repo, QStringLiteral("v1"), manifest, kOciManifest);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("Docker-Content-Digest"), ociDigest(manifest).toLatin1());
    QCOMPARE(reply.header("Location"),
             "/v2/push/manifests/manifests/" + ociDigest(manifest).toLatin1());
    QVERIFY(reply.header("OCI-Subject").isEmpty());
    const HttpReply fetched = http.get(QStringLiteral("/v2/%1/manifests/v1").arg(repo));
    QCOMPARE(fetched.body, manifest);
}

void TestOciPush::indexPutChecksItsChildren() {
    HttpClient http(m_ferryd.baseUrl());
    const QString repo = QStringLiteral("push/index");
    const Image amd = makeImage(QStringLiteral("amd64"));
    const Image arm = makeImage(QStringLiteral("arm64"));
    QVERIFY(pushImage(http, repo, amd.digest, amd));
    const QByteArray index =
        indexManifest(QLatin1String(kOciIndex), {{QLatin1String(kOciManifest), amd.manifest},
                                                 {QLatin1String(kOciManifest), arm.manifest}});
    HttpReply reply = putManifest(http, repo, QStringLiteral("multi"), index, kOciIndex);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("MANIFEST_BLOB_UNKNOWN"));
    QVERIFY(reply.body.contains(arm.digest.toLatin1()));
    QVERIFY(pushImage(http, repo, arm.digest, arm));
    reply = putManifest(http, repo, QStringLiteral("multi"), index, kOciIndex);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("Docker-Content-Digest"), ociDigest(index).toLatin1());
    const HttpReply fetched = http.get(QStringLiteral("/v2/%1/manifests/multi").arg(repo));
    QCOMPARE(fetched.body, index);
    QCOMPARE(fetched.header("Content-Type"), QByteArray(kOciIndex));
}

void TestOciPush::manifestWithSubjectAnswersOciSubject() {
    HttpClient http(m_ferryd.baseUrl());
    const QString repo = QStringLiteral("push/subject");
    const Image subject = makeImage(QStringLiteral("subject"));
    QVERIFY(pushImage(http, repo, QStringLiteral("base"), subject));
    const QByteArray empty = "{}";
    QVERIFY(pushBlob(http, repo, empty));
    QJsonObject extra{
        {QStringLiteral("artifactType"), QStringLiteral("application/vnd.example.sbom")},
        {QStringLiteral("subject"), descriptor(QLatin1String(kOciManifest), subject.manifest)},
        {QStringLiteral("config"), descriptor(QLatin1String(kEmptyType), empty)}};
    const QByteArray referrer = imageManifest(QLatin1String(kOciManifest), empty, {}, extra);
    const HttpReply reply = putManifest(http, repo, ociDigest(referrer), referrer, kOciManifest);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("OCI-Subject"), subject.digest.toLatin1());
    QCOMPARE(reply.header("Docker-Content-Digest"), ociDigest(referrer).toLatin1());
    // A subject that is not (yet) in the registry is allowed (OCI 1.1, "Pushing Manifests with
    // Subject").
    extra.insert(QStringLiteral("subject"),
                 descriptor(QLatin1String(kOciManifest), "absent manifest"));
    const QByteArray dangling = imageManifest(QLatin1String(kOciManifest), empty, {}, extra);
    const HttpReply danglingReply =
        putManifest(http, repo, ociDigest(dangling), dangling, kOciManifest);
    QCOMPARE(danglingReply.status, 201);
    QCOMPARE(danglingReply.header("OCI-Subject"), ociDigest("absent manifest").toLatin1());
}

void TestOciPush::manifestPutByDigest() {
    HttpClient http(m_ferryd.baseUrl());
    const QString repo = QStringLiteral("push/bydigest");
    const Image image = makeImage(QStringLiteral("by digest"));
    QVERIFY(pushImage(http, repo, image.digest, image));
    const HttpReply fetched =
        http.get(QStringLiteral("/v2/%1/manifests/%2").arg(repo, image.digest));
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.body, image.manifest);
    // By digest makes no tag.
    const HttpReply tags = http.get(QStringLiteral("/v2/%1/tags/list").arg(repo));
    QCOMPARE(tags.status, 200);
    QCOMPARE(tags.body, QByteArray(R"({"name":"push/bydigest","tags":[]})"));
}

void TestOciPush::manifestPutByWrongDigestIsDigestInvalid() {
    HttpClient http(m_ferryd.baseUrl());
    const QString repo = QStringLiteral("push/bydigest");
    const Image image = makeImage(QStringLiteral("wrong digest"));
    QVERIFY(pushBlob(http, repo, image.config));
    QVERIFY(pushBlob(http, repo, image.layer));
    const QString wrong = ociDigest(image.manifest + ' ');
    const HttpReply reply = putManifest(http, repo, wrong, image.manifest, kOciManifest);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("DIGEST_INVALID"));
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/%2").arg(repo, wrong)).status, 404);
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/%2").arg(repo, image.digest)).status, 404);
}

QTEST_GUILESS_MAIN(TestOciPush)
#include "tst_oci_push.moc"
