// The store check (storage/fsck.h) over real stores: a consistent store is
// clean; a corrupt blob, a blob whose size differs from its row, a row whose
// file is gone, a tag without its manifest and an index entry without its
// child are each found; --repair quarantines and drops exactly those, after
// which the store is clean and what was sound is untouched.

#include "storage/fsck.h"
#include "storage/metadatastore.h"
#include "storage/sqlite.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <memory>

using namespace ferry;
namespace fs = std::filesystem;

namespace {

void overwrite(const fs::path& path, const std::string& content) {
    fs::permissions(path, fs::perms::owner_write, fs::perm_options::add);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

QByteArray describe(const FsckReport& report) {
    std::string text;
    for (const auto& finding : report.findings)
        text += std::string(toString(finding.kind)) + " " + finding.subject + ": " +
                finding.detail + "\n";
    return QByteArray::fromStdString(text);
}

size_t count(const FsckReport& report, FsckFinding::Kind kind) {
    size_t n = 0;
    for (const auto& finding : report.findings)
        n += finding.kind == kind ? 1 : 0;
    return n;
}

} // namespace

class TestFsck : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<BlobStore> m_blobs;
    std::unique_ptr<MetadataStore> m_metadata;

    std::string database() const { return (m_dir->path() + "/ferry.db").toStdString(); }

    Digest storeBlob(const std::string& repository, const std::string& content) {
        const Digest digest = digestOf(content);
        if (m_blobs->put(content, digest))
            qFatal("put failed");
        m_metadata->linkBlob(repository, digest.toString(), int64_t(content.size()));
        return digest;
    }

    Digest storeManifest(const std::string& repository, const std::string& body,
                         std::vector<std::string> blobs, std::vector<std::string> children,
                         const std::string& tag) {
        const Digest digest = digestOf(body);
        if (m_blobs->put(body, digest))
            qFatal("put failed");
        ManifestWrite write;
        write.repository = repository;
        write.manifest.digest = digest.toString();
        write.manifest.mediaType = "application/vnd.oci.image.manifest.v1+json";
        write.manifest.size = int64_t(body.size());
        write.blobs = std::move(blobs);
        write.manifests = std::move(children);
        write.tag = tag;
        if (m_metadata->putManifest(write).status != ManifestWriteStatus::Stored)
            qFatal("putManifest failed");
        return digest;
    }

    FsckReport check(bool repair) {
        FsckOptions options;
        options.repair = repair;
        return checkStore(*m_blobs, database(), options);
    }

private Q_SLOTS:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_blobs = std::make_unique<BlobStore>(m_dir->path().toStdString());
        QVERIFY(!m_blobs->open());
        m_metadata = std::make_unique<MetadataStore>(database());
        m_metadata->open();
    }

    void cleanup() {
        m_metadata.reset();
        m_blobs.reset();
    }

    void consistentStoreIsClean() {
        const Digest layer = storeBlob("a", "layer");
        const Digest child = storeManifest("a", "child manifest", {layer.toString()}, {}, "child");
        storeManifest("a", "index", {}, {child.toString()}, "latest");
        const FsckReport report = check(false);
        QVERIFY2(report.findings.empty(), describe(report).constData());
        QCOMPARE(report.blobsChecked, uint64_t(3));
    }

    void strayFileIsReportedButClean() {
        const Digest stray = digestOf("stray");
        QVERIFY(!m_blobs->put("stray", stray));
        const FsckReport report = check(false);
        QVERIFY(report.clean());
        QCOMPARE(count(report, FsckFinding::Kind::StrayFile), size_t(1));
    }

    void problemsAreFoundAndRepaired() {
        const Digest sound = storeBlob("a", "sound layer");
        const Digest corrupt = storeBlob("a", "layer that rots");
        const Digest shrunk = storeBlob("b", "layer that loses bytes");
        const Digest vanished = storeBlob("b", "layer that vanishes");
        const Digest kept = storeManifest("a", "kept manifest", {sound.toString()}, {}, "kept");
        const Digest lost = storeManifest("a", "lost manifest", {sound.toString()}, {}, "lost");
        const Digest child = storeManifest("c", "child", {}, {}, "child");
        storeManifest("c", "index over child", {}, {child.toString()}, "index");

        overwrite(m_blobs->pathFor(corrupt), "layer that ROTS");
        // The file is intact but its row records one byte more (below): a
        // size mismatch, which a Range request would trip over.
        fs::remove(m_blobs->pathFor(vanished));
        fs::remove(m_blobs->pathFor(lost));
        {
            sql::Connection db(database());
            db.exec("UPDATE blobs SET size = size + 1 WHERE digest = '" + shrunk.toString() + "'");
            db.exec("DELETE FROM manifests WHERE repository = 'c' AND digest = '" +
                    child.toString() + "'");
        }

        const FsckReport found = check(false);
        QVERIFY(!found.clean());
        qInfo("%s", describe(found).constData());
        QCOMPARE(count(found, FsckFinding::Kind::CorruptBlob), size_t(1));
        QCOMPARE(count(found, FsckFinding::Kind::SizeMismatch), size_t(1));
        // vanished (a blob row) and lost (a manifest row)
        QCOMPARE(count(found, FsckFinding::Kind::MissingBlob), size_t(2));
        // tag c:child and the index entry c@index -> child
        QCOMPARE(count(found, FsckFinding::Kind::MissingManifest), size_t(2));
        QVERIFY(fs::exists(m_blobs->pathFor(corrupt))); // a check alone changes nothing

        const FsckReport repaired = check(true);
        QCOMPARE(repaired.quarantined, uint64_t(2)); // corrupt and shrunk
        QVERIFY(repaired.rowsDropped >= 6);
        QVERIFY(!fs::exists(m_blobs->pathFor(corrupt)));
        QVERIFY(fs::exists(fs::path(m_dir->path().toStdString()) / "quarantine"));

        const FsckReport after = check(false);
        QVERIFY2(after.clean(), describe(after).constData());
        // What was sound is still there.
        QCOMPARE(m_metadata->linkedBlobSize("a", sound.toString()).value_or(-1), int64_t(11));
        QVERIFY(m_metadata->manifestByTag("a", "kept").has_value());
        QVERIFY(m_metadata->manifestByTag("a", "kept")->digest == kept.toString());
        QVERIFY(!m_metadata->manifestByTag("a", "lost").has_value());
        QVERIFY(!m_metadata->linkedBlobSize("a", corrupt.toString()).has_value());
    }
};

QTEST_GUILESS_MAIN(TestFsck)
#include "tst_fsck.moc"
