#include "storage/uploads.h"

#include "core/log.h"
#include "crypto/random.h"

#include <cerrno>
#include <vector>

namespace ferry {

// Start writeback of what has been received every few MiB, so the fsync that
// precedes the acknowledgement has little left to do.
static constexpr uint64_t kWritebackStep = 8ull << 20;

std::optional<StorageError> UploadSession::append(const char* data, size_t size) {
    if (ended())
        return StorageError{EBADF, "the upload has ended"};
    if (const auto error = m_file.writeAt(data, size, m_size))
        return storageError(error, "write upload");
    m_sha256.update(data, size);
    m_size += size;
    if (m_size - m_flushedUpTo >= kWritebackStep) {
        m_file.startWriteback(m_flushedUpTo, m_size - m_flushedUpTo);
        m_flushedUpTo = m_size;
    }
    return std::nullopt;
}

std::optional<StorageError> UploadSession::rollBackTo(uint64_t size) {
    if (ended())
        return StorageError{EBADF, "the upload has ended"};
    std::optional<StorageError> failure;
    if (const auto error = m_file.truncate(size)) {
        // The bytes could not be cut: adopt what the file really holds, so
        // the size (and the Range the client sees) is still the truth.
        failure = storageError(error, "truncate upload");
        if (m_file.size(&size) != 0)
            return failure;
    }
    m_size = size;
    m_flushedUpTo = std::min(m_flushedUpTo, size);
    // Rehash what remains: OpenSSL contexts cannot be rewound.
    m_sha256.reset();
    std::vector<char> buffer(1 << 20);
    uint64_t offset = 0;
    while (offset < size) {
        size_t got = 0;
        const auto error = m_file.readAt(
            buffer.data(), std::min<uint64_t>(buffer.size(), size - offset), offset, &got);
        if (error || got == 0) // 0: the file is shorter than it was a moment ago
            return storageError(error ? error : EIO, "reread upload");
        m_sha256.update(buffer.data(), got);
        offset += got;
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
        size_t got = 0;
        if (m_file.readAt(buffer.data(), std::min<uint64_t>(buffer.size(), m_size - offset), offset,
                          &got) != 0 ||
            got == 0)
            break;
        other.update(buffer.data(), got);
        offset += got;
    }
    return other.finish();
}

static std::string newUploadId() {
    // Should OpenSSL ever fail to seed itself, the id is all zeros: the
    // exclusive create then refuses a second such session (EEXIST), so two
    // clients never share one.
    const auto raw = crypto::randomBytes(16);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    for (unsigned char byte : raw ? raw.value() : std::vector<unsigned char>(16)) {
        id += kHex[byte >> 4];
        id += kHex[byte & 15];
    }
    return id;
}

std::shared_ptr<UploadSession> UploadManager::open(const std::string& id,
                                                   const std::string& repository, bool create,
                                                   std::optional<StorageError>* error) {
    auto session = std::make_shared<UploadSession>(id, repository);
    session->m_path = m_blobs.stagingPath(id);
    platform::ErrorNumber failed = 0;
    session->m_file = platform::File::open(
        session->m_path,
        create ? platform::File::Mode::CreateExclusive : platform::File::Mode::ReadWrite, &failed);
    if (!session->m_file.isOpen()) {
        if (error)
            *error = storageError(failed, "open upload " + id);
        return nullptr;
    }
    if (!create) {
        uint64_t staged = 0;
        session->m_file.size(&staged);
        // Resume after a restart: the staged bytes are what the client may
        // continue from (GET on the session reports them as Range).
        if (auto failure = session->rollBackTo(staged)) {
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
        platform::removeFile(session->m_path);
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
    session.m_file = platform::File();
    std::lock_guard lock(m_mutex);
    m_live.erase(session.id());
}

void UploadManager::recoverFailedCompletion(UploadSession& session, uint64_t size) {
    if (session.ended())
        return;
    if (platform::fileInfo(session.m_path)) {
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
    platform::removeFile(m_blobs.stagingPath(id));
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
