// Upload sessions: streaming into a staged file with a running digest,
// rolling back a failed request, resuming after a restart from what is on
// disk, completing into the blob store, cancelling, and the abandoned sweep.

#include "storage/uploads.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace ferry;
namespace fs = std::filesystem;

class TestUploads : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<BlobStore> m_blobs;
    std::unique_ptr<MetadataStore> m_metadata;
    std::unique_ptr<UploadManager> m_uploads;

    std::shared_ptr<UploadSession> start(const std::string& repository) {
        std::optional<StorageError> error;
        auto session = m_uploads->start(repository, &error);
        if (error)
            qWarning("start failed: %s", error->message.c_str());
        return session;
    }

    static void append(UploadSession& session, const std::string& data) {
        const auto error = session.append(data.data(), data.size());
        QVERIFY(!error);
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
    }

    void cleanup() {
        m_uploads.reset();
        m_metadata.reset();
        m_blobs.reset();
    }

    void startAppendComplete() {
        auto session = start("team/app");
        QVERIFY(session);
        QCOMPARE(session->id().size(), size_t(32));
        QCOMPARE(session->repository(), std::string("team/app"));
        QCOMPARE(session->size(), uint64_t(0));
        QCOMPARE(session->digest(DigestAlgorithm::Sha256).hex, digestOf("").hex);
        QVERIFY(fs::exists(m_blobs->stagingPath(session->id())));
        QVERIFY(m_metadata->upload(session->id()));

        append(*session, "hello ");
        append(*session, "world");
        QCOMPARE(session->size(), uint64_t(11));
        const Digest digest = digestOf("hello world");
        QCOMPARE(session->digest(DigestAlgorithm::Sha256).hex, digest.hex);
        QCOMPARE(session->digest(DigestAlgorithm::Sha512).hex,
                 digestOf("hello world", DigestAlgorithm::Sha512).hex);
        // Asking for the digest does not end the running hash.
        append(*session, "!");
        const Digest full = digestOf("hello world!");
        QCOMPARE(session->digest(DigestAlgorithm::Sha256).hex, full.hex);

        const std::string id = session->id();
        QVERIFY(!m_uploads->complete(*session, full));
        QVERIFY(m_blobs->exists(full));
        QCOMPARE(m_metadata->linkedBlobSize("team/app", full.toString()).value_or(-1), int64_t(12));
        QVERIFY(!m_metadata->upload(id));
        QVERIFY(!fs::exists(m_blobs->stagingPath(id)));
        session.reset();
        QVERIFY(!m_uploads->find(id));
    }

    void sessionIdsAreUnique() {
        auto a = start("r");
        auto b = start("r");
        QVERIFY(a && b);
        QVERIFY(a->id() != b->id());
    }

    void rollBackRestoresSizeAndDigest() {
        auto session = start("r");
        QVERIFY(session);
        append(*session, "keep");
        append(*session, "drop this");
        QVERIFY(!session->rollBackTo(4));
        QCOMPARE(session->size(), uint64_t(4));
        QCOMPARE(session->digest(DigestAlgorithm::Sha256).hex, digestOf("keep").hex);
        QCOMPARE(fs::file_size(m_blobs->stagingPath(session->id())), uintmax_t(4));
        append(*session, "+more");
        QCOMPARE(session->digest(DigestAlgorithm::Sha256).hex, digestOf("keep+more").hex);
        QCOMPARE(session->digest(DigestAlgorithm::Sha512).hex,
                 digestOf("keep+more", DigestAlgorithm::Sha512).hex);
    }

    void findReturnsTheLiveSession() {
        auto session = start("r");
        QVERIFY(session);
        QCOMPARE(m_uploads->find(session->id()).get(), session.get());
        QVERIFY(!m_uploads->find("0123456789abcdef0123456789abcdef"));
    }

    void findResumesAfterRestart() {
        auto session = start("team/app");
        QVERIFY(session);
        const std::string id = session->id();
        append(*session, "first chunk;");
        session.reset();
        // A fresh manager over fresh stores: ferryd restarted.
        m_uploads.reset();
        m_metadata =
            std::make_unique<MetadataStore>((m_dir->path() + "/metadata.db").toStdString());
        m_metadata->open();
        m_uploads = std::make_unique<UploadManager>(*m_blobs, *m_metadata);

        auto resumed = m_uploads->find(id);
        QVERIFY(resumed);
        QCOMPARE(resumed->id(), id);
        QCOMPARE(resumed->repository(), std::string("team/app"));
        QCOMPARE(resumed->size(), uint64_t(12));
        QCOMPARE(resumed->digest(DigestAlgorithm::Sha256).hex, digestOf("first chunk;").hex);
        // The client continues where the staged bytes end.
        append(*resumed, "second");
        const Digest digest = digestOf("first chunk;second");
        QCOMPARE(resumed->digest(DigestAlgorithm::Sha256).hex, digest.hex);
        QCOMPARE(m_uploads->find(id).get(), resumed.get()); // one session object per id
        QVERIFY(!m_uploads->complete(*resumed, digest));
        QCOMPARE(m_metadata->linkedBlobSize("team/app", digest.toString()).value_or(-1),
                 int64_t(18));
    }

    void findWithoutStagedFileFails() {
        auto session = start("r");
        QVERIFY(session);
        const std::string id = session->id();
        session.reset();
        fs::remove(m_blobs->stagingPath(id));
        QVERIFY(!m_uploads->find(id));
    }

    void cancelRemovesTheFile() {
        auto session = start("r");
        QVERIFY(session);
        const std::string id = session->id();
        append(*session, "data");
        m_uploads->cancel(id);
        QVERIFY(!fs::exists(m_blobs->stagingPath(id)));
        QVERIFY(!m_metadata->upload(id));
        session.reset();
        QVERIFY(!m_uploads->find(id));
    }

    void removeAbandonedSkipsLiveSessions() {
        auto live = start("r");
        auto idle = start("r");
        QVERIFY(live && idle);
        const std::string idleId = idle->id();
        idle.reset(); // nobody holds it: abandoned once old enough
        const int64_t future = unixNow() + 60;
        QCOMPARE(m_uploads->removeAbandoned(unixNow() - 60, false), size_t(0));
        QCOMPARE(m_uploads->removeAbandoned(future, true), size_t(1));
        QVERIFY(fs::exists(m_blobs->stagingPath(idleId))); // dry run
        QVERIFY(m_metadata->upload(idleId));
        QCOMPARE(m_uploads->removeAbandoned(future, false), size_t(1));
        QVERIFY(!fs::exists(m_blobs->stagingPath(idleId)));
        QVERIFY(!m_metadata->upload(idleId));
        QVERIFY(fs::exists(m_blobs->stagingPath(live->id())));
        QVERIFY(m_metadata->upload(live->id()));
    }

    void sessionIsBoundToItsRepository() {
        auto session = start("team/a");
        QVERIFY(session);
        const std::string id = session->id();
        append(*session, "bound");
        session.reset();
        auto found = m_uploads->find(id);
        QVERIFY(found);
        QCOMPARE(found->repository(), std::string("team/a"));
        const Digest digest = digestOf("bound");
        QVERIFY(!m_uploads->complete(*found, digest));
        QVERIFY(m_metadata->linkedBlobSize("team/a", digest.toString()));
        QVERIFY(!m_metadata->linkedBlobSize("team/b", digest.toString()));
    }
};

QTEST_GUILESS_MAIN(TestUploads)
#include "tst_uploads.moc"
