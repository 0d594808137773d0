#pragma once
// The content-addressed blob store on the local filesystem: one file per
// digest under blobs/<algorithm>/<first two hex>/<hex>, shared by every
// repository. Data reaches it only through commit(), which makes a staged file
// durable (fsync) and then visible (rename), so a reader can never see a
// partial or unverified blob, even after kill -9 or a power cut.

#include "core/digest.h"
#include "platform/file.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ferry {

// An error from the filesystem, with errno kept so callers can tell a full
// disk (ENOSPC, EDQUOT) from other failures.
struct StorageError {
    int errorNumber = 0;
    std::string message;
    bool diskFull() const;
};

// "what: <the system's text for error>", the form operators see in logs.
StorageError storageError(platform::ErrorNumber error, const std::string& what);

// Orders "make a blob durable and record it" against garbage collection's
// "forget it and delete its file", across threads and across processes
// (`ferryd gc` may run beside a serving ferryd): storing holds the lock
// shared, collecting holds it exclusive. Without it, a push that finds the
// file present a moment before GC deletes it would record a blob with no bytes.
class StoreLock {
public:
    enum class Mode { Shared, Exclusive };
    StoreLock(const std::filesystem::path& lockFile, Mode mode);
    ~StoreLock();
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;

private:
    platform::FileLock m_lock; // one per holder: a lock belongs to one open file
};

class BlobStore {
public:
    explicit BlobStore(std::filesystem::path root);

    // Creates the folders; fails when the data folder is not writable.
    std::optional<StorageError> open();

    std::filesystem::path pathFor(const Digest& digest) const;
    std::filesystem::path stagingPath(std::string_view uploadId) const;
    std::filesystem::path stagingRoot() const { return m_root / "uploads"; }
    std::filesystem::path blobRoot() const { return m_root / "blobs"; }

    bool exists(const Digest& digest) const;
    std::optional<uint64_t> size(const Digest& digest) const;

    // Makes the staged file at `staged` the blob `digest`: fsyncs it, renames
    // it into place and fsyncs the folder. If the blob already exists the
    // staged copy is dropped (one copy per digest).
    std::optional<StorageError> commit(const std::filesystem::path& staged, const Digest& digest);

    // Writes small content (a manifest) as a blob in one step.
    std::optional<StorageError> put(std::string_view content, const Digest& digest);

    // Opens a blob for reading; not open when it is missing.
    platform::File openForReading(const Digest& digest) const;

    void remove(const Digest& digest);

    StoreLock lockForStoring() const {
        return StoreLock(m_root / "store.lock", StoreLock::Mode::Shared);
    }
    StoreLock lockForCollecting() const {
        return StoreLock(m_root / "store.lock", StoreLock::Mode::Exclusive);
    }

private:
    std::filesystem::path m_root;
};

std::optional<StorageError> syncDirectory(const std::filesystem::path& directory);

} // namespace ferry
