// GarbageCollector over real stores: what a dry run reports, what a real run
// removes (unreferenced blobs past the grace period, their files, stray files
// and staging leftovers), what it keeps, and a reference made after the mark.

#include "storage/garbagecollector.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <future>
#include <memory>
#include <thread>

using namespace ferry;
namespace fs = std::filesystem;

namespace {

void writeFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

// A negative grace puts the cut-off in the future: everything counts as old.
GcPolicy everythingOld(bool dryRun) {
    GcPolicy policy;
    policy.dryRun = dryRun;
    policy.blobGraceSeconds = -60;
    policy.uploadTtlSeconds = -60;
    return policy;
}

} // namespace

class TestGarbageCollector : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<BlobStore> m_blobs;
    std::unique_ptr<MetadataStore> m_metadata;
    std::unique_ptr<UploadManager> m_uploads;
    std::unique_ptr<GarbageCollector> m_gc;

    // A blob with its file and its row, linked to `repository`.
    Digest storeBlob(const std::string& repository, const std::string& content) {
        const Digest digest = digestOf(content);
        if (m_blobs->put(content, digest))
            qFatal("put failed");
        m_metadata->linkBlob(repository, digest.toString(), int64_t(content.size()));
        return digest;
    }

    void storeManifest(const std::string& repository, const std::string& body,
                       std::vector<std::string> blobs) {
        const Digest digest = digestOf(body);
        if (m_blobs->put(body, digest))
            qFatal("put failed");
        ManifestWrite write;
        write.repository = repository;
        write.manifest.digest = digest.toString();
        write.manifest.mediaType = "application/vnd.oci.image.manifest.v1+json";
        write.manifest.size = int64_t(body.size());
        write.blobs = std::move(blobs);
        write.tag = "latest";
        if (m_metadata->putManifest(write).status != ManifestWriteStatus::Stored)
            qFatal("putManifest failed");
    }

private Q_SLOTS:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_blobs = std::make_unique<BlobStore>(m_dir->path().toStdString());
        QVERIFY(!m_blobs->open());
        m_metadata =
            std::make_unique<MetadataStore>((m_dir->path() + "/metadata.db").toStdString());
        m_metadata->open();
        m_uploads = std::make_unique<UploadManager>(*m_blobs, *m_metadata);
        m_gc = std::make_unique<GarbageCollector>(*m_blobs, *m_metadata, *m_uploads);
    }

    void cleanup() {
        m_gc.reset();
        m_uploads.reset();
        m_metadata.reset();
        m_blobs.reset();
    }

    void dryRunRemovesNothingButReports() {
        const Digest used = storeBlob("a", "used layer");
        const Digest unused = storeBlob("a", "unused layer");
        storeManifest("a", "manifest", {used.toString()});
        const Digest stray = digestOf("stray");
        writeFile(m_blobs->pathFor(stray), "stray");
        writeFile(m_blobs->stagingPath("put-leftover"), "x");

        const GcReport report = m_gc->run(everythingOld(true));
        QCOMPARE(report.blobs, std::vector<std::string>{unused.toString()});
        QCOMPARE(report.bytes, uint64_t(12));
        QCOMPARE(report.strayFiles, size_t(2));
        QVERIFY(m_blobs->exists(unused));
        QVERIFY(m_metadata->linkedBlobSize("a", unused.toString()));
        QVERIFY(m_blobs->exists(stray));
        QVERIFY(fs::exists(m_blobs->stagingPath("put-leftover")));
    }

    void realRunRemovesGarbageAndKeepsReferenced() {
        const Digest config = storeBlob("a", "config");
        const Digest layer = storeBlob("a", "layer");
        const Digest unused = storeBlob("a", "unused layer");
        storeManifest("a", "manifest", {config.toString(), layer.toString()});
        const Digest manifest = digestOf("manifest");

        const GcReport report = m_gc->run(everythingOld(false));
        QCOMPARE(report.blobs, std::vector<std::string>{unused.toString()});
        QCOMPARE(report.bytes, uint64_t(12));
        QVERIFY(!m_blobs->exists(unused));
        QVERIFY(!m_metadata->blobSize(unused.toString()));
        QVERIFY(!m_metadata->linkedBlobSize("a", unused.toString()));
        for (const Digest& kept : {config, layer, manifest})
            QVERIFY(m_blobs->exists(kept));
        QVERIFY(m_metadata->linkedBlobSize("a", layer.toString()));
        QVERIFY(m_metadata->manifestByTag("a", "latest"));

        // A second run finds nothing left to do.
        const GcReport again = m_gc->run(everythingOld(false));
        QVERIFY(again.blobs.empty());
        QCOMPARE(again.strayFiles, size_t(0));
    }

    void graceProtectsRecentBlobs() {
        const Digest fresh = storeBlob("a", "pushed a moment ago");
        GcPolicy policy;
        policy.blobGraceSeconds = 3600;
        const GcReport report = m_gc->run(policy);
        QVERIFY(report.blobs.empty());
        QCOMPARE(report.strayFiles, size_t(0));
        QVERIFY(m_blobs->exists(fresh));
        QVERIFY(m_metadata->blobSize(fresh.toString()));
    }

    void deletedManifestReleasesItsBlobs() {
        const Digest layer = storeBlob("a", "layer");
        storeManifest("a", "manifest", {layer.toString()});
        QVERIFY(m_metadata->deleteManifest("a", digestOf("manifest").toString()));
        const GcReport report = m_gc->run(everythingOld(false));
        QCOMPARE(report.blobs.size(), size_t(2)); // the layer and the manifest's own bytes
        QVERIFY(!m_blobs->exists(layer));
        QVERIFY(!m_blobs->exists(digestOf("manifest")));
    }

    void strayFilesAreRemoved() {
        const Digest kept = storeBlob("a", "kept");
        storeManifest("a", "manifest", {kept.toString()});
        const Digest stray = digestOf("no row");
        writeFile(m_blobs->pathFor(stray), "no row");
        const fs::path notADigest = m_blobs->blobRoot() / "sha256" / "ab" / "README";
        writeFile(notADigest, "not a blob name");
        writeFile(m_blobs->stagingPath("put-0123456789abcdef-1"), "crashed put");

        const GcReport report = m_gc->run(everythingOld(false));
        QCOMPARE(report.strayFiles, size_t(2));
        QVERIFY(!m_blobs->exists(stray));
        QVERIFY(!fs::exists(m_blobs->stagingPath("put-0123456789abcdef-1")));
        QVERIFY(fs::exists(notADigest)); // only digest-named files are ours to delete
        QVERIFY(m_blobs->exists(kept));
    }

    void uploadsInProgressSurviveAndAbandonedGo() {
        std::optional<StorageError> error;
        auto live = m_uploads->start("a", &error);
        auto abandoned = m_uploads->start("a", &error);
        QVERIFY(live && abandoned);
        const std::string abandonedId = abandoned->id();
        abandoned.reset();
        const GcReport report = m_gc->run(everythingOld(false));
        QCOMPARE(report.uploads, size_t(1));
        QCOMPARE(report.strayFiles, size_t(0)); // a session's staging file is not stray
        QVERIFY(fs::exists(m_blobs->stagingPath(live->id())));
        QVERIFY(!fs::exists(m_blobs->stagingPath(abandonedId)));
        QVERIFY(!m_metadata->upload(abandonedId));
    }

    void blobReferencedAfterTheMarkIsKept() {
        const Digest layer = storeBlob("a", "layer pushed before its manifest");
        std::future<GcReport> collector;
        {
            // Hold the store as a push does while it records its manifest.
            const StoreLock storing = m_blobs->lockForStoring();
            collector =
                std::async(std::launch::async, [this] { return m_gc->run(everythingOld(false)); });
            // Whether or not the collector has marked yet, once the manifest is
            // recorded the blob must survive; waiting here makes it likely
            // that the mark saw the blob unreferenced.
            QCOMPARE(collector.wait_for(std::chrono::milliseconds(300)),
                     std::future_status::timeout);
            storeManifest("a", "late manifest", {layer.toString()});
        }
        const GcReport report = collector.get();
        QVERIFY(report.blobs.empty());
        QVERIFY(m_blobs->exists(layer));
        QVERIFY(m_metadata->linkedBlobSize("a", layer.toString()));
    }
};

QTEST_GUILESS_MAIN(TestGarbageCollector)
#include "tst_garbagecollector.moc"
