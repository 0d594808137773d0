#pragma once
// Registry metadata in SQLite (WAL): repositories, which blobs each
// repository may serve, manifests with their references and subject, tags,
// and upload sessions. Blob and manifest bytes live in the BlobStore; this
// store says what exists and where it belongs.

#include "storage/sqlite.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ferry {

struct ManifestRecord {
    std::string digest;
    std::string mediaType;
    int64_t size = 0;
    std::string artifactType; // empty when none
    std::string subject;      // digest of the subject, empty when none
    std::string annotations;  // JSON object text, empty when none
};

// What a manifest PUT needs checked and recorded in one transaction.
struct ManifestWrite {
    std::string repository;
    ManifestRecord manifest;
    std::optional<std::string> tag;
    // Compare-and-swap on the tag (sync up from a child, docs/sync-protocol.md):
    // the write happens only if the tag points at this digest now, or, when
    // the string is empty, only if the tag does not exist.
    std::optional<std::string> expectedTagDigest;
    std::string origin = "local";       // see Change::origin
    std::vector<std::string> blobs;     // config and layers: must be linked to the repository
    std::vector<std::string> manifests; // index children: must exist in the repository
};

enum class ManifestWriteStatus { Stored, MissingBlob, MissingManifest, TagConflict };

struct ManifestWriteResult {
    ManifestWriteStatus status = ManifestWriteStatus::Stored;
    std::string missing; // the first missing digest
};

// One entry of the change feed (docs/sync-protocol.md): the latest change
// of one tag or one manifest in one repository. The feed keeps only the
// newest entry per key, so it is compact by construction: reading it from 0
// is the full listing, reading it from N is everything that changed after N.
struct Change {
    int64_t seq = 0;
    std::string repository;
    std::string tag;    // empty: the entry is about the manifest `digest` itself
    std::string digest; // what the tag points at, or the manifest
    bool deleted = false;
    // "local": a client of this registry (or a child syncing up) made it;
    // "parent": the sync engine applied it from the parent. Only changes
    // that did not come from the parent are forwarded up.
    std::string origin;
    // For a tag changed here: what the parent's tag pointed at when it was
    // changed (empty: the parent had no such tag). Sync up makes the move
    // conditional on it, so the parent's later value wins.
    std::string base;
};

enum class TagDeletion { Deleted, Missing, Conflict };

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
    std::optional<ManifestRecord> manifestByDigest(std::string_view repository,
                                                   std::string_view digest);
    std::optional<ManifestRecord> manifestByTag(std::string_view repository, std::string_view tag);
    ManifestWriteResult putManifest(const ManifestWrite& write);
    bool deleteManifest(std::string_view repository, std::string_view digest,
                        std::string_view origin = "local");
    bool deleteTag(std::string_view repository, std::string_view tag,
                   std::string_view origin = "local");
    // Deletes the tag only if it points at `expected` (when given).
    TagDeletion deleteTagIf(std::string_view repository, std::string_view tag,
                            const std::optional<std::string>& expected,
                            std::string_view origin = "local");
    // Every tag and manifest of the repository (a ReadOnly registry whose scope shrank).
    void deleteRepository(std::string_view repository, std::string_view origin);
    bool repositoryExists(std::string_view repository);
    // Up to `limit` names after `last` in lexical order.
    std::vector<std::string> tags(std::string_view repository, std::string_view last,
                                  int64_t limit);
    std::vector<std::string> repositories(std::string_view last, int64_t limit);
    std::vector<ManifestRecord> referrers(std::string_view repository, std::string_view subject,
                                          std::string_view artifactType);

    // Upload sessions
    void createUpload(std::string_view id, std::string_view repository);
    std::optional<UploadRecord> upload(std::string_view id);
    void touchUpload(std::string_view id);
    void deleteUpload(std::string_view id);
    std::vector<UploadRecord> uploadsIdleSince(int64_t before);

    // Garbage collection (metadatacollection.cpp): blobs that no manifest
    // references and that nobody linked or uploaded after `before` (the
    // grace period protects pushes in progress, whose manifest is not there
    // yet).
    std::vector<CollectableBlob> collectableBlobs(int64_t before);
    // Deletes the blob's rows if it is still collectable; true when removed.
    bool forgetBlobIfCollectable(std::string_view digest, int64_t before);
    // Every blob row whose digest starts with prefix ("sha256:ab"), in one
    // range scan of the primary key: the stray-file sweep asks once per
    // folder of the blob store, not once per file.
    std::unordered_set<std::string> blobDigestsStartingWith(std::string_view prefix);

    int64_t tagCount();

    // The change feed (metadatafeed.cpp).
    std::vector<Change> changesAfter(int64_t seq, int64_t limit);
    int64_t latestChange();
    // Blocks until the feed has an entry after `seq` or `timeout` passes.
    void waitForChangeAfter(int64_t seq, std::chrono::milliseconds timeout);
    // A connected registry's own sync bookkeeping (cursors), kept beside the content.
    std::optional<std::string> syncValue(std::string_view key);
    void setSyncValue(std::string_view key, std::string_view value);
    // What the parent's tag pointed at when this registry last heard of it.
    std::optional<std::string> parentTag(std::string_view repository, std::string_view tag);
    void setParentTag(std::string_view repository, std::string_view tag, std::string_view digest);
    std::vector<std::string> repositoriesWithContent();
    int64_t storedBytes(); // every blob and manifest, counted once
    // Blob counts for the metrics: in use by a manifest, not (collectable
    // after the grace period), and upload sessions open.
    struct BlobStates {
        int64_t referenced = 0;
        int64_t unreferenced = 0;
        int64_t uploading = 0;
    };
    BlobStates blobStates();

private:
    void ensureRepository(sql::Connection& db, std::string_view repository);
    void recordChange(sql::Connection& db, std::string_view repository, std::string_view tag,
                      std::string_view digest, bool deleted, std::string_view origin);
    void announceChanges(); // after a commit that recorded changes

    sql::Pool m_pool;
    std::mutex m_feedMutex;
    std::condition_variable m_feedChanged;
    int64_t m_feedGeneration = 0;
};

int64_t unixNow();

} // namespace ferry
