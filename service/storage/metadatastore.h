#pragma once
// Registry metadata in SQLite (WAL): repositories, which blobs each
// repository may serve, manifests with their references and subject, tags,
// and upload sessions. Blob and manifest bytes live in the BlobStore; this
// store says what exists and where it belongs.

#include "storage/sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ferry {

struct ManifestRecord {
    std::string digest;
    std::string mediaType;
    int64_t size = 0;
    std::string artifactType;   // empty when none
    std::string subject;        // digest of the subject, empty when none
    std::string annotations;    // JSON object text, empty when none
};

// What a manifest PUT needs checked and recorded in one transaction.
struct ManifestWrite {
    std::string repository;
    ManifestRecord manifest;
    std::optional<std::string> tag;
    std::vector<std::string> blobs;     // config and layers: must be linked to the repository
    std::vector<std::string> manifests; // index children: must exist in the repository
};

enum class ManifestWriteStatus { Stored, MissingBlob, MissingManifest };

struct ManifestWriteResult {
    ManifestWriteStatus status = ManifestWriteStatus::Stored;
    std::string missing; // the first missing digest
};

struct UploadRecord {
    std::string id;
    std::string repository;
    int64_t created = 0;
};

struct CollectableBlob {
    std::string digest;
    int64_t size = 0;
};

class MetadataStore {
public:
    explicit MetadataStore(const std::string& databasePath);
    void open(); // creates or migrates the schema

    // Blobs
    std::optional<int64_t> linkedBlobSize(std::string_view repository, std::string_view digest);
    std::optional<int64_t> blobSize(std::string_view digest);
    void linkBlob(std::string_view repository, std::string_view digest, int64_t size);
    bool unlinkBlob(std::string_view repository, std::string_view digest);

    // Manifests and tags
    std::optional<ManifestRecord> manifestByDigest(std::string_view repository, std::string_view digest);
    std::optional<ManifestRecord> manifestByTag(std::string_view repository, std::string_view tag);
    ManifestWriteResult putManifest(const ManifestWrite& write);
    bool deleteManifest(std::string_view repository, std::string_view digest);
    bool deleteTag(std::string_view repository, std::string_view tag);
    bool repositoryExists(std::string_view repository);
    // Up to `limit` names after `last` in lexical order.
    std::vector<std::string> tags(std::string_view repository, std::string_view last, int64_t limit);
    std::vector<std::string> repositories(std::string_view last, int64_t limit);
    std::vector<ManifestRecord> referrers(std::string_view repository, std::string_view subject,
                                          std::string_view artifactType);

    // Upload sessions
    void createUpload(std::string_view id, std::string_view repository);
    std::optional<UploadRecord> upload(std::string_view id);
    void touchUpload(std::string_view id);
    void deleteUpload(std::string_view id);
    std::vector<UploadRecord> uploadsIdleSince(int64_t before);

    // Garbage collection: blobs that no manifest references and that nobody
    // linked or uploaded after `before` (the grace period protects pushes in
    // progress, whose manifest is not there yet).
    std::vector<CollectableBlob> collectableBlobs(int64_t before);
    // Deletes the blob's rows if it is still collectable; true when removed.
    bool forgetBlobIfCollectable(std::string_view digest, int64_t before);

    int64_t tagCount();

private:
    void ensureRepository(sql::Connection& db, std::string_view repository);

    sql::Pool m_pool;
};

int64_t unixNow();

} // namespace ferry
