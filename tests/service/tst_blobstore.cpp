// BlobStore: staged files become content-addressed blobs only through
// commit(), one copy per digest; and StoreLock orders storing (shared)
// against collecting (exclusive).

#include "storage/blobstore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <fcntl.h>
#include <fstream>
#include <future>
#include <memory>
#include <thread>
#include <unistd.h>

using namespace ferry;
namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

std::string readAll(int fd) {
    std::string content;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
        content.append(buffer, size_t(n));
    return content;
}

} // namespace

class TestBlobStore : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    fs::path root() const { return fs::path(m_dir->path().toStdString()); }

private Q_SLOTS:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void openCreatesFolders() {
        BlobStore store(root() / "data");
        QVERIFY(!store.open());
        QVERIFY(fs::is_directory(store.blobRoot() / "sha256"));
        QVERIFY(fs::is_directory(store.blobRoot() / "sha512"));
        QVERIFY(fs::is_directory(store.stagingRoot()));
        QCOMPARE(store.stagingPath("abc"), store.stagingRoot() / "abc");
        QVERIFY(!store.open()); // idempotent
    }

    void openFailsOnAFileInTheWay() {
        writeFile(root() / "file", "x");
        BlobStore store(root() / "file" / "data");
        const auto error = store.open();
        QVERIFY(error.has_value());
        QVERIFY(!error->message.empty());
    }

    void pathLayout() {
        BlobStore store(root());
        const Digest digest = digestOf("abc");
        QCOMPARE(store.pathFor(digest),
                 root() / "blobs" / "sha256" / digest.hex.substr(0, 2) / digest.hex);
        const Digest long512 = digestOf("abc", DigestAlgorithm::Sha512);
        QCOMPARE(store.pathFor(long512).parent_path().parent_path().filename().string(),
                 std::string("sha512"));
    }

    void commitMakesStagedFileVisible() {
        BlobStore store(root());
        QVERIFY(!store.open());
        const std::string content = "layer bytes\n";
        const Digest digest = digestOf(content);
        const fs::path staged = store.stagingPath("u1");
        writeFile(staged, content);
        QVERIFY(!store.exists(digest));
        QVERIFY(!store.size(digest));
        QVERIFY(!store.commit(staged, digest));
        QVERIFY(store.exists(digest));
        QVERIFY(!fs::exists(staged));
        QCOMPARE(readFile(store.pathFor(digest)), content);
        QCOMPARE(store.size(digest).value_or(0), uint64_t(content.size()));
    }

    void commitDedupesExistingDigest() {
        BlobStore store(root());
        QVERIFY(!store.open());
        const std::string content = "same bytes";
        const Digest digest = digestOf(content);
        writeFile(store.stagingPath("first"), content);
        QVERIFY(!store.commit(store.stagingPath("first"), digest));
        // A second copy of the same digest is dropped, the first stays.
        writeFile(store.stagingPath("second"), "different bytes must not replace the blob");
        QVERIFY(!store.commit(store.stagingPath("second"), digest));
        QVERIFY(!fs::exists(store.stagingPath("second")));
        QCOMPARE(readFile(store.pathFor(digest)), content);
    }

    void commitOfMissingStagedFileFails() {
        BlobStore store(root());
        QVERIFY(!store.open());
        const auto error = store.commit(store.stagingPath("nothing"), digestOf("x"));
        QVERIFY(error.has_value());
        QCOMPARE(error->errorNumber, ENOENT);
        QVERIFY(!error->diskFull());
        QVERIFY(!store.exists(digestOf("x")));
    }

    void putWritesSmallContent() {
        BlobStore store(root());
        QVERIFY(!store.open());
        const std::string manifest = R"({"schemaVersion":2})";
        const Digest digest = digestOf(manifest);
        QVERIFY(!store.put(manifest, digest));
        QCOMPARE(readFile(store.pathFor(digest)), manifest);
        QVERIFY(!store.put(manifest, digest)); // again: nothing to do
        QCOMPARE(readFile(store.pathFor(digest)), manifest);
        // No staged leftovers.
        QVERIFY(fs::is_empty(store.stagingRoot()));
    }

    void openForReadingAndRemove() {
        BlobStore store(root());
        QVERIFY(!store.open());
        const Digest digest = digestOf("readable");
        QVERIFY(!store.openForReading(digest).isOpen());
        QVERIFY(!store.put("readable", digest));
        {
            const platform::File file = store.openForReading(digest);
            QVERIFY(file.isOpen());
            QCOMPARE(readAll(file.native()), std::string("readable"));
        }
        store.remove(digest);
        QVERIFY(!store.exists(digest));
        QVERIFY(!store.openForReading(digest).isOpen());
        store.remove(digest); // removing a missing blob is harmless
    }

    void diskFullErrors() {
        QVERIFY((StorageError{ENOSPC, "x"}).diskFull());
        QVERIFY((StorageError{EDQUOT, "x"}).diskFull());
        QVERIFY(!(StorageError{EIO, "x"}).diskFull());
    }

    void twoSharedHoldersAtOnce() {
        BlobStore store(root());
        QVERIFY(!store.open());
        const StoreLock first = store.lockForStoring();
        // Another shared holder gets in while the first holds the lock; if it
        // had to wait, the future would never be ready before we release.
        auto second = std::async(std::launch::async, [&] {
            const StoreLock lock = store.lockForStoring();
            return true;
        });
        QCOMPARE(second.wait_for(std::chrono::seconds(10)), std::future_status::ready);
        QVERIFY(second.get());
    }

    void exclusiveWaitsForShared() {
        BlobStore store(root());
        QVERIFY(!store.open());
        std::atomic<int> step{0};
        int releasedAt = -1;
        int acquiredAt = -1;
        std::future<void> collector;
        {
            const StoreLock storing = store.lockForStoring();
            collector = std::async(std::launch::async, [&] {
                step = 1; // about to ask for the lock
                const StoreLock collecting = store.lockForCollecting();
                acquiredAt = step.fetch_add(1);
            });
            while (step.load() == 0)
                std::this_thread::yield();
            // Give the collector a fair chance to (wrongly) get through.
            QCOMPARE(collector.wait_for(std::chrono::milliseconds(200)),
                     std::future_status::timeout);
            releasedAt = step.fetch_add(1);
        }
        QCOMPARE(collector.wait_for(std::chrono::seconds(10)), std::future_status::ready);
        collector.get();
        QVERIFY(releasedAt < acquiredAt);
    }

    void sharedWaitsForExclusive() {
        BlobStore store(root());
        QVERIFY(!store.open());
        std::atomic<bool> released{false};
        std::future<bool> storer;
        {
            const StoreLock collecting = store.lockForCollecting();
            storer = std::async(std::launch::async, [&] {
                const StoreLock storing = store.lockForStoring();
                return released.load();
            });
            QCOMPARE(storer.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
            released = true;
        }
        QVERIFY(storer.get()); // it got the lock only after the release
    }
};

QTEST_GUILESS_MAIN(TestBlobStore)
#include "tst_blobstore.moc"
