#include "storage/blobstore.h"

#include "core/digest.h"
#include "core/filesync.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ferry {

bool StorageError::diskFull() const {
    return errorNumber == ENOSPC || errorNumber == EDQUOT;
}

static StorageError errnoError(const std::string& what) {
    const int number = errno;
    return StorageError{number, what + ": " + std::strerror(number)};
}

std::optional<StorageError> syncDirectory(const fs::path& directory) {
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errnoError("open " + directory.string());
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return errnoError("fsync " + directory.string());
    return std::nullopt;
}

StoreLock::StoreLock(const fs::path& lockFile, Mode mode) {
    m_fd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0)
        return; // the folder is unusable anyway; the write that follows reports it
    while (::flock(m_fd, mode == Mode::Shared ? LOCK_SH : LOCK_EX) != 0 && errno == EINTR) {
    }
}

StoreLock::~StoreLock() {
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock
}

BlobStore::BlobStore(fs::path root)
    : m_root(std::move(root)) {}

std::optional<StorageError> BlobStore::open() {
    std::error_code ec;
    for (const auto& dir : {blobRoot() / "sha256", blobRoot() / "sha512", stagingRoot()}) {
        fs::create_directories(dir, ec);
        if (ec)
            return StorageError{ec.value(), "cannot create " + dir.string() + ": " + ec.message()};
    }
    if (::access(stagingRoot().c_str(), W_OK) != 0)
        return errnoError("data folder is not writable: " + stagingRoot().string());
    return std::nullopt;
}

fs::path BlobStore::pathFor(const Digest& digest) const {
    return blobRoot() / digest.algorithmName() / digest.hex.substr(0, 2) / digest.hex;
}

fs::path BlobStore::stagingPath(std::string_view uploadId) const {
    return stagingRoot() / std::string(uploadId);
}

bool BlobStore::exists(const Digest& digest) const {
    struct stat info {};
    return ::stat(pathFor(digest).c_str(), &info) == 0;
}

std::optional<uint64_t> BlobStore::size(const Digest& digest) const {
    struct stat info {};
    if (::stat(pathFor(digest).c_str(), &info) != 0)
        return std::nullopt;
    return uint64_t(info.st_size);
}

std::optional<StorageError> BlobStore::commit(const fs::path& staged, const Digest& digest) {
    const fs::path target = pathFor(digest);
    if (exists(digest)) {
        ::unlink(staged.c_str());
        return std::nullopt;
    }
    const int fd = ::open(staged.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errnoError("open staged upload");
    const int rc = core::syncFileData(fd);
    ::close(fd);
    if (rc != 0)
        return errnoError("fsync staged upload");
    const fs::path folder = target.parent_path();
    if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST)
        return errnoError("mkdir " + folder.string());
    if (::rename(staged.c_str(), target.c_str()) != 0)
        return errnoError("rename into blob store");
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
    const int fd = ::open(staged.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return errnoError("create staged manifest");
    size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            auto error = errnoError("write staged manifest");
            ::close(fd);
            ::unlink(staged.c_str());
            return error;
        }
        written += size_t(n);
    }
    ::close(fd);
    auto error = commit(staged, digest);
    if (error)
        ::unlink(staged.c_str());
    return error;
}

int BlobStore::openForReading(const Digest& digest) const {
    return ::open(pathFor(digest).c_str(), O_RDONLY | O_CLOEXEC);
}

void BlobStore::remove(const Digest& digest) {
    ::unlink(pathFor(digest).c_str());
}

} // namespace ferry
