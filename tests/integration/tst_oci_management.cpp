// OCI Distribution "Content Management" against the real ferryd: deleting
// manifests by digest, deleting tags (OCI 1.1: the manifest stays), and
// deleting blobs, which unlinks them from one repository only.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ocitest;

namespace {

QStringList tagsOf(HttpClient& http, const QString& repository) {
    const HttpReply reply = http.get(QStringLiteral("/v2/%1/tags/list").arg(repository));
    if (reply.status != 200)
        return {QStringLiteral("<status %1>").arg(reply.status)};
    QStringList tags;
    for (const QJsonValue& tag :
         QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("tags")).toArray())
        tags.append(tag.toString());
    return tags;
}

} // namespace

class TestOciManagement : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deleteManifestByDigestRemovesItAndItsTags();
    void deleteManifestTwiceIsManifestUnknown();
    void deleteTagKeepsTheManifest();
    void deleteUnknownTagIsManifestUnknown();
    void deleteBlobUnlinksItFromOneRepositoryOnly();
    void deleteUnknownBlobIsBlobUnknown();
    void deleteWithBadDigestIsUnknown();
    void otherContentIsUntouched();

private:
    FerrydProcess m_ferryd;
    Image m_keep;
};

void TestOciManagement::initTestCase() {
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    m_keep = makeImage(QStringLiteral("keep"));
    QVERIFY(pushImage(http, QStringLiteral("manage/keep"), QStringLiteral("stable"), m_keep));
}

void TestOciManagement::deleteManifestByDigestRemovesItAndItsTags() {
    HttpClient http(m_ferryd.baseUrl());
    const QString repo = QStringLiteral("manage/delete");
    const Image doomed = makeImage(QStringLiteral("doomed"));
    const Image other = makeImage(QStringLiteral("other"));
    QVERIFY(pushImage(http, repo, QStringLiteral("v1"), doomed));
    QVERIFY(pushImage(http, repo, QStringLiteral("latest"), doomed));
    QVERIFY(pushImage(http, repo, QStringLiteral("v2"), other));
    QCOMPARE(tagsOf(http, repo), QStringList({"latest", "v1", "v2"}));

    const HttpReply deleted =
        http.del(QStringLiteral("/v2/%1/manifests/%2").arg(repo, doomed.digest));
    QCOMPARE(deleted.status, 202);
    QVERIFY(deleted.body.isEmpty());
    for (const QString& reference :
         {doomed.digest, QStringLiteral("v1"), QStringLiteral("latest")}) {
        const HttpReply get = http.get(QStringLiteral("/v2/%1/manifests/%2").arg(repo, reference));
        QVERIFY2(get.status == 404, qPrintable(reference));
        QCOMPARE(get.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
        QCOMPARE(
            head(m_ferryd.baseUrl(), QStringLiteral("/v2/%1/manifests/%2").arg(repo, reference))
                .status,
            404);
    }
    QCOMPARE(tagsOf(http, repo), QStringList({"v2"}));
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/v2").arg(repo)).body, other.manifest);
}

void TestOciManagement::deleteManifestTwiceIsManifestUnknown() {
    HttpClient http(m_ferryd.baseUrl());
    const QString repo = QStringLiteral("manage/twice");
    const Image image = makeImage(QStringLiteral("twice"));
    QVERIFY(pushImage(http, repo, QStringLiteral("t"), image));
    const QString path = QStringLiteral("/v2/%1/manifests/%2").arg(repo, image.digest);
    QCOMPARE(http.del(path).status, 202);
    const HttpReply again = http.del(path);
    QCOMPARE(again.status, 404);
    QCOMPARE(again.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
    // The same manifest can be pushed again after deletion.
    QCOMPARE(putManifest(http, repo, QStringLiteral("t"), image.manifest, kOciManifest).status,
             201);
    QCOMPARE(http.get(path).body, image.manifest);
}

void TestOciManagement::deleteTagKeepsTheManifest() {
    HttpClient http(m_ferryd.baseUrl());
    const QString repo = QStringLiteral("manage/tags");
    const Image image = makeImage(QStringLiteral("tagged"));
    QVERIFY(pushImage(http, repo, QStringLiteral("a"), image));
    QVERIFY(pushImage(http, repo, QStringLiteral("b"), image));

    const HttpReply deleted = http.del(QStringLiteral("/v2/%1/manifests/a").arg(repo));
    QCOMPARE(deleted.status, 202);
    const HttpReply byTag = http.get(QStringLiteral("/v2/%1/manifests/a").arg(repo));
    QCOMPARE(byTag.status, 404);
    QCOMPARE(byTag.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
    QCOMPARE(tagsOf(http, repo), QStringList({"b"}));
    const HttpReply byDigest =
        http.get(QStringLiteral("/v2/%1/manifests/%2").arg(repo, image.digest));
    QCOMPARE(byDigest.status, 200);
    QCOMPARE(byDigest.body, image.manifest);
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/b").arg(repo)).body, image.manifest);
    // The last tag gone, the manifest and its blobs stay.
    QCOMPARE(http.del(QStringLiteral("/v2/%1/manifests/b").arg(repo)).status, 202);
    QCOMPARE(tagsOf(http, repo), QStringList());
    QCOMPARE(http.get(QStringLiteral("/v2/%1/manifests/%2").arg(repo, image.digest)).status, 200);
    QCOMPARE(http.get(QStringLiteral("/v2/%1/blobs/%2").arg(repo, ociDigest(image.layer))).body,
             image.layer);
}

void TestOciManagement::deleteUnknownTagIsManifestUnknown() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply reply = http.del(QStringLiteral("/v2/manage/keep/manifests/nosuchtag"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
    const HttpReply unknownDigest =
        http.del(QStringLiteral("/v2/manage/keep/manifests/%1").arg(ociDigest("never stored")));
    QCOMPARE(unknownDigest.status, 404);
    QCOMPARE(unknownDigest.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
}

void TestOciManagement::deleteBlobUnlinksItFromOneRepositoryOnly() {
    HttpClient http(m_ferryd.baseUrl());
    const QByteArray content = "a blob in two repositories";
    const QString digest = ociDigest(content);
    QVERIFY(pushBlob(http, QStringLiteral("manage/one"), content));
    QVERIFY(pushBlob(http, QStringLiteral("manage/two"), content));
    const HttpReply deleted = http.del(QStringLiteral("/v2/manage/one/blobs/%1").arg(digest));
    QCOMPARE(deleted.status, 202);
    const HttpReply gone = http.get(QStringLiteral("/v2/manage/one/blobs/%1").arg(digest));
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.errorCode(), QStringLiteral("BLOB_UNKNOWN"));
    QCOMPARE(head(m_ferryd.baseUrl(), QStringLiteral("/v2/manage/one/blobs/%1").arg(digest)).status,
             404);
    const HttpReply kept = http.get(QStringLiteral("/v2/manage/two/blobs/%1").arg(digest));
    QCOMPARE(kept.status, 200);
    QCOMPARE(kept.body, content);
    // A manifest in the first repository can no longer use it.
    const QByteArray config = configFor(QStringLiteral("after delete"));
    QVERIFY(pushBlob(http, QStringLiteral("manage/one"), config));
    const QByteArray manifest = imageManifest(QLatin1String(kOciManifest), config, {content});
    const HttpReply refused = putManifest(http, QStringLiteral("manage/one"), QStringLiteral("x"),
                                          manifest, kOciManifest);
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorCode(), QStringLiteral("MANIFEST_BLOB_UNKNOWN"));
    // ...until it is mounted back from the repository that still has it.
    QCOMPARE(http.post(QStringLiteral("/v2/manage/one/blobs/uploads/?mount=%1&from=manage/two")
                           .arg(digest))
                 .status,
             201);
    QCOMPARE(
        putManifest(http, QStringLiteral("manage/one"), QStringLiteral("x"), manifest, kOciManifest)
            .status,
        201);
}

void TestOciManagement::deleteUnknownBlobIsBlobUnknown() {
    HttpClient http(m_ferryd.baseUrl());
    const QByteArray content = "deleted twice";
    QVERIFY(pushBlob(http, QStringLiteral("manage/one"), content));
    const QString path = QStringLiteral("/v2/manage/one/blobs/%1").arg(ociDigest(content));
    QCOMPARE(http.del(path).status, 202);
    const HttpReply again = http.del(path);
    QCOMPARE(again.status, 404);
    QCOMPARE(again.errorCode(), QStringLiteral("BLOB_UNKNOWN"));
}

void TestOciManagement::deleteWithBadDigestIsUnknown() {
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& path : {QStringLiteral("/v2/manage/keep/blobs/sha256:1234"),
                                QStringLiteral("/v2/manage/keep/blobs/latest"),
                                QStringLiteral("/v2/manage/keep/manifests/sha256:xyz")}) {
        const HttpReply reply = http.del(path);
        // No blob or manifest can have a malformed digest: nothing to delete.
        QVERIFY2(reply.status == 404, qPrintable(path));
        QCOMPARE(reply.errorCode(), path.contains(QStringLiteral("/blobs/"))
                                        ? QStringLiteral("BLOB_UNKNOWN")
                                        : QStringLiteral("MANIFEST_UNKNOWN"));
    }
}

void TestOciManagement::otherContentIsUntouched() {
    HttpClient http(m_ferryd.baseUrl());
    const HttpReply manifest = http.get(QStringLiteral("/v2/manage/keep/manifests/stable"));
    QCOMPARE(manifest.status, 200);
    QCOMPARE(manifest.body, m_keep.manifest);
    for (const QByteArray& blob : {m_keep.config, m_keep.layer}) {
        const HttpReply reply =
            http.get(QStringLiteral("/v2/manage/keep/blobs/%1").arg(ociDigest(blob)));
        QCOMPARE(reply.status, 200);
        QCOMPARE(ociDigest(reply.body), ociDigest(blob));
    }
}

QTEST_GUILESS_MAIN(TestOciManagement)
#include "tst_oci_management.moc"
