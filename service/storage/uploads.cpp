#include "storage/uploads.h"

#include "core/filesync.h"
#include "core/log.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace ferry {

// Start writeback of what has been received every few MiB, so the fsync that
// precedes the acknowledgement has little left to do.
static constexpr uint64_t kWritebackStep = 8ull << 20;

static StorageError errnoError(const std::string& what) {
    const int number = errno;
    return StorageError{number, what + ": " + std::strerror(number)};
}

UploadSession::~UploadSession() {
    if (m_fd >= 0)
        ::close(m_fd);
}

std::optional<StorageError> UploadSession::append(const char* data, size_t size) {
    if (ended())
        return StorageError{EBADF, "the upload has ended"};
    size_t written = 0;
    while (written < size) {
        const ssize_t n = ::pwrite(m_fd, data + written, size - written, off_t(m_size + written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errnoError("write upload");
        }
        written += size_t(n);
    }
    m_sha256.update(data, size);
    m_size += size;
    if (m_size - m_flushedUpTo >= kWritebackStep) {
        core::startWriteback(m_fd, off_t(m_flushedUpTo), off_t(m_size - m_flushedUpTo));
        m_flushedUpTo = m_size;
    }
    return std::nullopt;
}

std::optional<StorageError> UploadSession::rollBackTo(uint64_t size) {
    if (ended())
        return StorageError{EBADF, "the upload has ended"};
    std::optional<StorageError> failure;
    if (::ftruncate(m_fd, off_t(size)) != 0) {
        // The bytes could not be cut: adopt what the file really holds, so
        // the size (and the Range the client sees) is still the truth.
        failure = errnoError("truncate upload");
        struct stat info {};
        if (::fstat(m_fd, &info) != 0)
            return failure;
        size = uint64_t(info.st_size);
    }
    m_size = size;
    m_flushedUpTo = std::min(m_flushedUpTo, size);
    // Rehash what remains: OpenSSL contexts cannot be rewound.
    m_sha256.reset();
    std::vector<char> buffer(1 << 20);
    uint64_t offset = 0;
    while (offset < size) {
        const ssize_t n = ::pread(m_fd, buffer.data(),
                                  std::min<uint64_t>(buffer.size(), size - offset), off_t(offset));
        if (n <= 0)
            return errnoError("reread upload");
        m_sha256.update(buffer.data(), size_t(n));
        offset += uint64_t(n);
    }
    return failure;
}

Digest UploadSession::digest(DigestAlgorithm algorithm) {
    if (algorithm == DigestAlgorithm::Sha256)
        return m_sha256.peek();
    // Other algorithms are rare (sha512): hash the staged bytes once more.
    Hasher other(algorithm);
    std::vector<char> buffer(1 << 20);
    uint64_t offset = 0;
    while (offset < m_size) {
        const ssize_t n = ::pread(
            m_fd, buffer.data(), std::min<uint64_t>(buffer.size(), m_size - offset), off_t(offset));
        if (n <= 0)
            break;
        other.update(buffer.data(), size_t(n));
        offset += uint64_t(n);
    }
    return other.finish();
}

static std::string newUploadId() {
    unsigned char raw[16];
    RAND_bytes(raw, sizeof raw);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    for (unsigned char byte : raw) {
        id += kHex[byte >> 4];
        id += kHex[byte & 15];
    }
    return id;
}

std::shared_ptr<UploadSession> UploadManager::open(const std::string& id,
                                                   const std::string& repository, bool create,
                                                   std::optional<StorageError>* error) {
    auto session = std::make_shared<UploadSession>(id, repository);
    session->m_path = m_blobs.stagingPath(id).string();
    session->m_fd =
        ::open(session->m_path.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT | O_EXCL : 0), 0644);
    if (session->m_fd < 0) {
        if (error)
            *error = errnoError("open upload " + id);
        return nullptr;
    }
    if (!create) {
        struct stat info {};
        ::fstat(session->m_fd, &info);
        // Resume after a restart: the staged bytes are what the client may
        // continue from (GET on the session reports them as Range).
        if (auto failure = session->rollBackTo(uint64_t(info.st_size))) {
            if (error)
                *error = failure;
            return nullptr;
        }
        session->m_flushedUpTo = session->m_size;
    }
    return session;
}

std::shared_ptr<UploadSession> UploadManager::start(const std::string& repository,
                                                    std::optional<StorageError>* error) {
    const std::string id = newUploadId();
    // The staging file and its row appear together as far as GC can tell.
    const StoreLock storing = m_blobs.lockForStoring();
    auto session = open(id, repository, true, error);
    if (!session)
        return nullptr;
    try {
        m_metadata.createUpload(id, repository);
    } catch (...) {
        // On a full disk the file can be created (it takes no blocks) but the
        // row cannot: without this every refused POST left an empty staging
        // file behind, and a client retrying in a loop piled them up.
        ::unlink(session->m_path.c_str());
        throw;
    }
    std::lock_guard lock(m_mutex);
    m_live[id] = session;
    return session;
}

std::shared_ptr<UploadSession> UploadManager::find(const std::string& id) {
    {
        std::lock_guard lock(m_mutex);
        auto it = m_live.find(id);
        if (it != m_live.end()) {
            if (auto session = it->second.lock())
                return session;
            m_live.erase(it);
        }
    }
    const auto record = m_metadata.upload(id);
    if (!record)
        return nullptr;
    auto session = open(id, record->repository, false, nullptr);
    if (!session)
        return nullptr;
    std::lock_guard lock(m_mutex);
    auto& slot = m_live[id];
    if (auto existing = slot.lock())
        return existing;
    slot = session;
    return session;
}

std::optional<StorageError> UploadManager::complete(UploadSession& session, const Digest& digest) {
    const StoreLock storing = m_blobs.lockForStoring();
    if (auto error = m_blobs.commit(session.m_path, digest))
        return error;
    m_metadata.linkBlob(session.repository(), digest.toString(), int64_t(session.size()));
    m_metadata.deleteUpload(session.id());
    end(session);
    return std::nullopt;
}

void UploadManager::end(UploadSession& session) {
    // The descriptor may now name a blob in the store: close it so that a
    // request that waited for this session cannot write into that blob.
    if (session.m_fd >= 0)
        ::close(session.m_fd);
    session.m_fd = -1;
    std::lock_guard lock(m_mutex);
    m_live.erase(session.id());
}

void UploadManager::recoverFailedCompletion(UploadSession& session, uint64_t size) {
    if (session.ended())
        return;
    if (::access(session.m_path.c_str(), F_OK) == 0) {
        if (auto failure = session.rollBackTo(size))
            log::warning("upload ", session.id(), ": ", failure->message);
        return;
    }
    // The staged bytes became (or met) a blob already: the session is over.
    try {
        m_metadata.deleteUpload(session.id());
    } catch (const std::exception& failure) {
        log::warning("upload ", session.id(), ": ", failure.what());
    }
    end(session);
}

void UploadManager::cancel(const std::string& id) {
    ::unlink(m_blobs.stagingPath(id).c_str());
    m_metadata.deleteUpload(id);
    std::lock_guard lock(m_mutex);
    m_live.erase(id);
}

size_t UploadManager::removeAbandoned(int64_t before, bool dryRun) {
    size_t removed = 0;
    for (const auto& record : m_metadata.uploadsIdleSince(before)) {
        {
            std::lock_guard lock(m_mutex);
            auto it = m_live.find(record.id);
            if (it != m_live.end() && !it->second.expired())
                continue; // a request is using it right now
        }
        if (!dryRun)
            cancel(record.id);
        ++removed;
    }
    return removed;
}

} // namespace ferry
