// MetadataStore over a real SQLite file: blob links, manifests with their
// references and tags, pagination, referrers, upload sessions, and the
// garbage-collection queries with their grace cut-off.

#include "storage/metadatastore.h"
#include "storage/sqlite.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace ferry;

namespace {

std::string digestOf(char c) {
    return "sha256:" + std::string(64, c);
}

ManifestWrite manifestWrite(const std::string& repository, char digest,
                            std::vector<std::string> blobs,
                            std::optional<std::string> tag = std::nullopt) {
    ManifestWrite write;
    write.repository = repository;
    write.manifest.digest = digestOf(digest);
    write.manifest.mediaType = "application/vnd.oci.image.manifest.v1+json";
    write.manifest.size = 500;
    write.blobs = std::move(blobs);
    write.tag = std::move(tag);
    return write;
}

using Names = std::vector<std::string>;

} // namespace

class TestMetadataStore : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MetadataStore> m_store;
    std::string databasePath() const { return (m_dir->path() + "/metadata.db").toStdString(); }

private Q_SLOTS:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<MetadataStore>(databasePath());
        m_store->open();
    }

    void cleanup() { m_store.reset(); }

    void linkAndUnlink() {
        QVERIFY(!m_store->linkedBlobSize("a", digestOf('1')));
        QVERIFY(!m_store->repositoryExists("a"));
        m_store->linkBlob("a", digestOf('1'), 42);
        QCOMPARE(m_store->linkedBlobSize("a", digestOf('1')).value_or(-1), int64_t(42));
        QCOMPARE(m_store->blobSize(digestOf('1')).value_or(-1), int64_t(42));
        QVERIFY(m_store->repositoryExists("a"));
        // Linked to a, not to b: b may not serve it.
        QVERIFY(!m_store->linkedBlobSize("b", digestOf('1')));
        QVERIFY(m_store->unlinkBlob("a", digestOf('1')));
        QVERIFY(!m_store->unlinkBlob("a", digestOf('1')));
        QVERIFY(!m_store->linkedBlobSize("a", digestOf('1')));
        QCOMPARE(m_store->blobSize(digestOf('1')).value_or(-1), int64_t(42)); // the blob row stays
    }

    // The stray-file sweep's range query: exactly the rows under one
    // folder's prefix, none from the folders either side or another
    // algorithm.
    void blobDigestsByPrefix() {
        const std::string ab1 = "sha256:ab" + std::string(62, '0');
        const std::string ab2 = "sha256:ab" + std::string(62, 'f');
        m_store->linkBlob("a", ab1, 1);
        m_store->linkBlob("b", ab2, 2);
        m_store->linkBlob("a", "sha256:aa" + std::string(62, 'f'), 3);
        m_store->linkBlob("a", "sha256:ac" + std::string(62, '0'), 4);
        m_store->linkBlob("a", "sha512:ab" + std::string(126, '0'), 5);
        const auto found = m_store->blobDigestsStartingWith("sha256:ab");
        QCOMPARE(found.size(), size_t(2));
        QVERIFY(found.count(ab1) && found.count(ab2));
        QCOMPARE(m_store->blobDigestsStartingWith("sha256:ad").size(), size_t(0));
        QCOMPARE(m_store->blobDigestsStartingWith("sha512:ab").size(), size_t(1));
    }

    void manifestsServedAsBlobs() {
        m_store->linkBlob("a", digestOf('c'), 10);
        QCOMPARE(int(m_store->putManifest(manifestWrite("a", 'm', {digestOf('c')})).status),
                 int(ManifestWriteStatus::Stored));
        QCOMPARE(m_store->linkedBlobSize("a", digestOf('m')).value_or(-1), int64_t(500));
        QVERIFY(!m_store->linkedBlobSize("b", digestOf('m')));
    }

    void putManifestChecksReferences() {
        m_store->linkBlob("a", digestOf('c'), 10);
        m_store->linkBlob("other", digestOf('l'), 20);
        // A layer linked only to another repository counts as missing here.
        auto result =
            m_store->putManifest(manifestWrite("a", 'm', {digestOf('c'), digestOf('l')}, "v1"));
        QCOMPARE(int(result.status), int(ManifestWriteStatus::MissingBlob));
        QCOMPARE(result.missing, digestOf('l'));
        QVERIFY(!m_store->manifestByDigest("a", digestOf('m')));
        QVERIFY(!m_store->manifestByTag("a", "v1"));

        ManifestWrite index = manifestWrite("a", 'i', {}, "multi");
        index.manifests = {digestOf('m')};
        result = m_store->putManifest(index);
        QCOMPARE(int(result.status), int(ManifestWriteStatus::MissingManifest));
        QCOMPARE(result.missing, digestOf('m'));

        m_store->linkBlob("a", digestOf('l'), 20);
        QCOMPARE(
            int(m_store->putManifest(manifestWrite("a", 'm', {digestOf('c'), digestOf('l')}, "v1"))
                    .status),
            int(ManifestWriteStatus::Stored));
        QCOMPARE(int(m_store->putManifest(index).status), int(ManifestWriteStatus::Stored));
        QCOMPARE(m_store->manifestByTag("a", "multi").value_or(ManifestRecord{}).digest,
                 digestOf('i'));
    }

    void manifestLookups() {
        ManifestWrite write = manifestWrite("a", 'm', {}, "latest");
        write.manifest.artifactType = "application/x-test";
        write.manifest.annotations = R"({"k":"v"})";
        QCOMPARE(int(m_store->putManifest(write).status), int(ManifestWriteStatus::Stored));
        const auto byDigest = m_store->manifestByDigest("a", digestOf('m'));
        QVERIFY(byDigest);
        QCOMPARE(byDigest->mediaType, write.manifest.mediaType);
        QCOMPARE(byDigest->size, int64_t(500));
        QCOMPARE(byDigest->artifactType, std::string("application/x-test"));
        QCOMPARE(byDigest->annotations, std::string(R"({"k":"v"})"));
        QVERIFY(byDigest->subject.empty());
        QCOMPARE(m_store->manifestByTag("a", "latest").value_or(ManifestRecord{}).digest,
                 digestOf('m'));
        QVERIFY(!m_store->manifestByTag("a", "other"));
        QVERIFY(!m_store->manifestByTag("b", "latest"));
        QVERIFY(!m_store->manifestByDigest("b", digestOf('m')));
        // Re-tagging moves the tag.
        QVERIFY(m_store->putManifest(manifestWrite("a", 'n', {}, "latest")).status ==
                ManifestWriteStatus::Stored);
        QCOMPARE(m_store->manifestByTag("a", "latest").value_or(ManifestRecord{}).digest,
                 digestOf('n'));
        QCOMPARE(m_store->tagCount(), int64_t(1));
    }

    void deleteManifestRemovesItsTags() {
        m_store->putManifest(manifestWrite("a", 'm', {}, "v1"));
        ManifestWrite again = manifestWrite("a", 'm', {}, "v2");
        m_store->putManifest(again);
        m_store->putManifest(manifestWrite("a", 'n', {}, "v3"));
        QCOMPARE(m_store->tags("a", "", 100), (Names{"v1", "v2", "v3"}));
        QVERIFY(m_store->deleteManifest("a", digestOf('m')));
        QVERIFY(!m_store->deleteManifest("a", digestOf('m')));
        QVERIFY(!m_store->manifestByDigest("a", digestOf('m')));
        QCOMPARE(m_store->tags("a", "", 100), (Names{"v3"}));
    }

    void deleteTagKeepsManifest() {
        m_store->putManifest(manifestWrite("a", 'm', {}, "v1"));
        QVERIFY(m_store->deleteTag("a", "v1"));
        QVERIFY(!m_store->deleteTag("a", "v1"));
        QVERIFY(!m_store->manifestByTag("a", "v1"));
        QVERIFY(m_store->manifestByDigest("a", digestOf('m')));
    }

    void tagPagination() {
        for (const char* tag : {"c", "a", "e", "b", "d"})
            m_store->putManifest(manifestWrite("r", 'm', {}, std::string(tag)));
        m_store->putManifest(manifestWrite("other", 'm', {}, std::string("z")));
        QCOMPARE(m_store->tags("r", "", 100), (Names{"a", "b", "c", "d", "e"}));
        QCOMPARE(m_store->tags("r", "", 2), (Names{"a", "b"}));
        QCOMPARE(m_store->tags("r", "b", 2), (Names{"c", "d"}));
        QCOMPARE(m_store->tags("r", "d", 2), (Names{"e"}));
        QCOMPARE(m_store->tags("r", "e", 2), Names{});
        QCOMPARE(m_store->tags("r", "bb", 1), (Names{"c"})); // `last` need not exist
        QCOMPARE(m_store->tags("missing", "", 10), Names{});
    }

    void repositoryPagination() {
        for (const char* name : {"b/x", "a", "c", "b"})
            m_store->linkBlob(name, digestOf('1'), 1);
        QCOMPARE(m_store->repositories("", 100), (Names{"a", "b", "b/x", "c"}));
        QCOMPARE(m_store->repositories("", 3), (Names{"a", "b", "b/x"}));
        QCOMPARE(m_store->repositories("b", 1), (Names{"b/x"}));
        QCOMPARE(m_store->repositories("c", 10), Names{});
    }

    void referrersFilterByArtifactType() {
        m_store->putManifest(manifestWrite("a", 's', {}));
        ManifestWrite sbom = manifestWrite("a", '1', {});
        sbom.manifest.subject = digestOf('s');
        sbom.manifest.artifactType = "application/sbom";
        ManifestWrite signature = manifestWrite("a", '2', {});
        signature.manifest.subject = digestOf('s');
        signature.manifest.artifactType = "application/signature";
        ManifestWrite elsewhere = signature;
        elsewhere.repository = "b";
        for (const auto* write : {&sbom, &signature, &elsewhere})
            QVERIFY(m_store->putManifest(*write).status == ManifestWriteStatus::Stored);

        auto all = m_store->referrers("a", digestOf('s'), "");
        QCOMPARE(all.size(), size_t(2));
        std::vector<std::string> found{all[0].digest, all[1].digest};
        std::sort(found.begin(), found.end());
        QCOMPARE(found, (Names{digestOf('1'), digestOf('2')}));
        QCOMPARE(all[0].subject, digestOf('s'));

        const auto sboms = m_store->referrers("a", digestOf('s'), "application/sbom");
        QCOMPARE(sboms.size(), size_t(1));
        QCOMPARE(sboms[0].digest, digestOf('1'));
        QCOMPARE(sboms[0].artifactType, std::string("application/sbom"));
        QVERIFY(m_store->referrers("a", digestOf('s'), "application/none").empty());
        QVERIFY(m_store->referrers("a", digestOf('x'), "").empty());
    }

    void uploadSessions() {
        QVERIFY(!m_store->upload("u1"));
        m_store->createUpload("u1", "repo/a");
        const auto record = m_store->upload("u1");
        QVERIFY(record);
        QCOMPARE(record->repository, std::string("repo/a"));
        QVERIFY(record->created > 0);
        const int64_t now = unixNow();
        // Idle since `before` means updated strictly earlier.
        QVERIFY(m_store->uploadsIdleSince(now - 60).empty());
        const auto idle = m_store->uploadsIdleSince(now + 60);
        QCOMPARE(idle.size(), size_t(1));
        QCOMPARE(idle[0].id, std::string("u1"));
        m_store->touchUpload("u1");
        QCOMPARE(m_store->uploadsIdleSince(now + 60).size(), size_t(1));
        m_store->deleteUpload("u1");
        QVERIFY(!m_store->upload("u1"));
        QVERIFY(m_store->uploadsIdleSince(now + 60).empty());
    }

    void collectableHonoursReferencesAndGrace() {
        m_store->linkBlob("a", digestOf('c'), 10); // config of a manifest
        m_store->linkBlob("a", digestOf('l'), 20); // layer of a manifest
        m_store->linkBlob("a", digestOf('g'), 30); // referenced by nothing
        m_store->putManifest(manifestWrite("a", 'm', {digestOf('c'), digestOf('l')}, "v1"));
        const int64_t now = unixNow();
        // Everything was touched just now: within the grace period.
        QVERIFY(m_store->collectableBlobs(now - 60).empty());
        QVERIFY(!m_store->forgetBlobIfCollectable(digestOf('g'), now - 60));
        const auto collectable = m_store->collectableBlobs(now + 60);
        QCOMPARE(collectable.size(), size_t(1));
        QCOMPARE(collectable[0].digest, digestOf('g'));
        QCOMPARE(collectable[0].size, int64_t(30));
        QVERIFY(!m_store->forgetBlobIfCollectable(digestOf('l'), now + 60));
        QVERIFY(!m_store->forgetBlobIfCollectable(digestOf('m'), now + 60)); // the manifest itself
        QVERIFY(m_store->forgetBlobIfCollectable(digestOf('g'), now + 60));
        QVERIFY(!m_store->blobSize(digestOf('g')));
        QVERIFY(!m_store->linkedBlobSize("a", digestOf('g')));
        QVERIFY(!m_store->forgetBlobIfCollectable(digestOf('g'), now + 60));
        // Once the manifest goes, its blobs and its own row become garbage.
        QVERIFY(m_store->deleteManifest("a", digestOf('m')));
        auto after = m_store->collectableBlobs(now + 60);
        std::vector<std::string> digests;
        for (const auto& blob : after)
            digests.push_back(blob.digest);
        std::sort(digests.begin(), digests.end());
        QCOMPARE(digests, (Names{digestOf('c'), digestOf('l'), digestOf('m')}));
    }

    void referenceFromAnotherRepositoryKeepsBlob() {
        m_store->linkBlob("a", digestOf('l'), 20);
        m_store->linkBlob("b", digestOf('l'), 20);
        m_store->putManifest(manifestWrite("b", 'm', {digestOf('l')}));
        QVERIFY(m_store->collectableBlobs(unixNow() + 60).empty());
    }

    void reopenedStoreSeesCommittedData() {
        m_store->linkBlob("a", digestOf('c'), 10);
        m_store->putManifest(manifestWrite("a", 'm', {digestOf('c')}, "v1"));
        m_store->createUpload("u1", "a");
        m_store.reset();
        MetadataStore reopened(databasePath());
        reopened.open(); // the schema is created only if missing
        QCOMPARE(reopened.manifestByTag("a", "v1").value_or(ManifestRecord{}).digest,
                 digestOf('m'));
        QCOMPARE(reopened.linkedBlobSize("a", digestOf('c')).value_or(-1), int64_t(10));
        QVERIFY(reopened.upload("u1"));
        QCOMPARE(reopened.repositories("", 10), (Names{"a"}));
        // A second instance beside the first sees writes as well (ferryd gc
        // runs beside a serving ferryd).
        MetadataStore beside(databasePath());
        reopened.deleteTag("a", "v1");
        QVERIFY(!beside.manifestByTag("a", "v1"));
    }

    void failedOpenLeaksNoDescriptor();
};

// A connection whose setup fails (here: the file is not a database; on a
// failing disk, a short write) throws from its constructor, which then runs
// no destructor: each attempt used to leak the handle and its descriptor.
void TestMetadataStore::failedOpenLeaksNoDescriptor() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("not-a-database.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    const auto openDescriptors = [] { return QDir(QStringLiteral("/proc/self/fd")).count(); };
    const auto before = openDescriptors();
    for (int attempt = 0; attempt < 20; ++attempt) {
        bool threw = false;
        try {
            ferry::sql::Connection connection(path.toStdString());
        } catch (const ferry::sql::Error&) {
            threw = true;
        }
        QVERIFY(threw);
    }
    QCOMPARE(openDescriptors(), before);
}

QTEST_GUILESS_MAIN(TestMetadataStore)
#include "tst_metadatastore.moc"
