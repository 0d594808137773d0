#include "storage/blobstore.h"

#include "core/digest.h"

#include <atomic>
#include <cerrno>

namespace fs = std::filesystem;

namespace ferry {

bool StorageError::diskFull() const {
#if defined(EDQUOT) // Windows has none: the file layer reports a quota as ENOSPC
    if (errorNumber == EDQUOT)
        return true;
#endif
    return errorNumber == ENOSPC;
}

StorageError storageError(platform::ErrorNumber error, const std::string& what) {
    return StorageError{error, what + ": " + platform::errorText(error)};
}

std::optional<StorageError> syncDirectory(const fs::path& directory) {
    platform::ErrorNumber error = 0;
    platform::File folder = platform::File::openDirectory(directory, &error);
    if (!folder.isOpen())
        return storageError(error, "open " + directory.string());
    if (const auto failed = folder.syncEntries())
        return storageError(failed, "fsync " + directory.string());
    return std::nullopt;
}

// When the lock file cannot be opened the folder is unusable anyway, and the
// write that follows reports it.
StoreLock::StoreLock(const fs::path& lockFile, Mode mode)
    : m_lock(platform::FileLock::acquire(lockFile,
                                         mode == Mode::Shared ? platform::FileLock::Kind::Shared
                                                              : platform::FileLock::Kind::Exclusive,
                                         nullptr)) {}

StoreLock::~StoreLock() = default; // m_lock releases it

BlobStore::BlobStore(fs::path root)
    : m_root(std::move(root)) {}

std::optional<StorageError> BlobStore::open() {
    std::error_code ec;
    for (const auto& dir : {blobRoot() / "sha256", blobRoot() / "sha512", stagingRoot()}) {
        fs::create_directories(dir, ec);
        if (ec)
            return StorageError{ec.value(), "cannot create " + dir.string() + ": " + ec.message()};
    }
    if (const auto error = platform::checkWritable(stagingRoot()))
        return storageError(error, "data folder is not writable: " + stagingRoot().string());
    return std::nullopt;
}

fs::path BlobStore::pathFor(const Digest& digest) const {
    return blobRoot() / digest.algorithmName() / digest.hex.substr(0, 2) / digest.hex;
}

fs::path BlobStore::stagingPath(std::string_view uploadId) const {
    return stagingRoot() / std::string(uploadId);
}

bool BlobStore::exists(const Digest& digest) const {
    return platform::fileInfo(pathFor(digest)).has_value();
}

std::optional<uint64_t> BlobStore::size(const Digest& digest) const {
    if (const auto info = platform::fileInfo(pathFor(digest)))
        return info->size;
    return std::nullopt;
}

std::optional<StorageError> BlobStore::commit(const fs::path& staged, const Digest& digest) {
    const fs::path target = pathFor(digest);
    if (exists(digest)) {
        platform::removeFile(staged);
        return std::nullopt;
    }
    platform::ErrorNumber failed = 0;
    platform::File file = platform::File::open(staged, platform::File::Mode::Read, &failed);
    if (!file.isOpen())
        return storageError(failed, "open staged upload");
    failed = file.syncData();
    file = platform::File();
    if (failed)
        return storageError(failed, "fsync staged upload");
    const fs::path folder = target.parent_path();
    if (failed = platform::makeDirectory(folder); failed && failed != EEXIST)
        return storageError(failed, "mkdir " + folder.string());
    if (failed = platform::replaceFile(staged, target); failed)
        return storageError(failed, "rename into blob store");
    // The rename is durable only once the folder holding the new name is.
    if (auto error = syncDirectory(folder))
        return error;
    return std::nullopt;
}

std::optional<StorageError> BlobStore::put(std::string_view content, const Digest& digest) {
    if (exists(digest))
        return std::nullopt;
    static std::atomic<uint64_t> s_sequence{0};
    const std::string name = "put-" + digest.hex.substr(0, 16) + "-" + std::to_string(++s_sequence);
    const fs::path staged = stagingRoot() / name;
    platform::ErrorNumber failed = 0;
    platform::File file =
        platform::File::open(staged, platform::File::Mode::WriteCreateTruncate, &failed);
    if (!file.isOpen())
        return storageError(failed, "create staged manifest");
    if ((failed = file.write(content.data(), content.size()))) {
        file = platform::File();
        platform::removeFile(staged);
        return storageError(failed, "write staged manifest");
    }
    file = platform::File();
    auto error = commit(staged, digest);
    if (error)
        platform::removeFile(staged);
    return error;
}

platform::File BlobStore::openForReading(const Digest& digest) const {
    return platform::File::open(pathFor(digest), platform::File::Mode::Read);
}

void BlobStore::remove(const Digest& digest) {
    platform::removeFile(pathFor(digest));
}

} // namespace ferry
