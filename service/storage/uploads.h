#pragma once
// Blob upload sessions (OCI "Pushing blobs"): each session streams into its
// own staging file and hashes as it goes. Sessions are recorded in SQLite, so
// after a restart a client can ask for the upload's status and resume; the
// hash state is then rebuilt from the staged bytes.

#include "core/digest.h"
#include "storage/blobstore.h"
#include "storage/metadatastore.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ferry {

class UploadSession {
public:
    UploadSession(std::string id, std::string repository)
        : m_id(std::move(id))
        , m_repository(std::move(repository)) {}

    const std::string& id() const { return m_id; }
    const std::string& repository() const { return m_repository; }
    uint64_t size() const { return m_size; }

    // Appends bytes at the end of the staged data, hashing them. On failure
    // the staged data is cut back to where this request started.
    std::optional<StorageError> append(const char* data, size_t size);
    std::optional<StorageError> rollBackTo(uint64_t size);
    // The digest of everything appended so far, in the algorithm asked for.
    Digest digest(DigestAlgorithm algorithm);

    // One request at a time per session; a second concurrent one waits.
    std::mutex& mutex() { return m_mutex; }
    // Completed or abandoned: a request that waited on mutex() must not
    // touch it (its file may now be a blob in the store).
    bool ended() const { return !m_file.isOpen(); }

private:
    friend class UploadManager;
    std::string m_id;
    std::string m_repository;
    std::filesystem::path m_path;
    platform::File m_file;
    uint64_t m_size = 0;
    uint64_t m_flushedUpTo = 0;
    Hasher m_sha256{DigestAlgorithm::Sha256};
    std::mutex m_mutex;
};

class UploadManager {
public:
    UploadManager(BlobStore& blobs, MetadataStore& metadata)
        : m_blobs(blobs)
        , m_metadata(metadata) {}

    // Creates a session for repository; empty id and an error on failure.
    std::shared_ptr<UploadSession> start(const std::string& repository,
                                         std::optional<StorageError>* error);
    // The live session, or one resumed from disk after a restart; null when unknown.
    std::shared_ptr<UploadSession> find(const std::string& id);
    // Verifies and moves the staged data into the blob store, links it to the
    // repository and ends the session.
    std::optional<StorageError> complete(UploadSession& session, const Digest& digest);
    // After complete() failed: the session goes back to `size` bytes if its
    // staged file is still there, and ends if the file already moved into
    // the store. Either way the size it reports matches what it holds.
    void recoverFailedCompletion(UploadSession& session, uint64_t size);
    void cancel(const std::string& id);
    // Removes sessions untouched since `before` (unix seconds); returns how many.
    size_t removeAbandoned(int64_t before, bool dryRun);

private:
    void end(UploadSession& session);
    std::shared_ptr<UploadSession> open(const std::string& id, const std::string& repository,
                                        bool create, std::optional<StorageError>* error);

    BlobStore& m_blobs;
    MetadataStore& m_metadata;
    std::mutex m_mutex;
    std::unordered_map<std::string, std::weak_ptr<UploadSession>> m_live;
};

} // namespace ferry
