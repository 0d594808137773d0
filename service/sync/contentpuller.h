#pragma once
// Sync down (docs/sync-protocol.md "Content down"): applies one page of the
// parent's change feed to the local store. Manifests come first (by digest,
// children of an index before the index), then every blob missing locally is
// fetched in parallel over a bounded number of connections, resuming an
// interrupted blob with a Range request, and only then are the manifests and
// tags recorded, so a local client never sees a manifest whose blobs are
// missing. Everything is addressed by digest, so applying a page twice after
// a crash is harmless.

#include "storage/blobstore.h"
#include "storage/metadatastore.h"
#include "sync/parentclient.h"
#include "sync/syncstatus.h"

#include <QJsonArray>

#include <atomic>
#include <map>
#include <mutex>
#include <set>

namespace ferry::sync {

struct FeedEntry {
    int64_t seq = 0;
    std::string repository;
    std::string tag; // empty: about the manifest itself
    std::string digest;
    bool deleted = false;
};

std::vector<FeedEntry> feedEntriesFrom(const QJsonArray& changes);

struct Credentials {
    ParentEndpoint endpoint;
    std::string user;
    std::string password;
};

class ContentPuller {
public:
    ContentPuller(const Credentials& credentials, BlobStore& blobs, MetadataStore& metadata,
                  SyncStatus& status, int parallelTransfers = 4);

    // Applies the entries in order; an error leaves the rest for the next try.
    Result<void> apply(const std::vector<FeedEntry>& entries);
    // Stops transfers in flight (a window closing, ferryd stopping).
    void cancel();
    void resetCancel();
    // A verifying pass ("resync now") trusts nothing it recorded before: it
    // looks at every entry again, and fetches what is missing locally, so a
    // store repaired by fsck fills in again from the parent.
    void setVerify(bool verify) { m_verify = verify; }
    bool verifying() const { return m_verify; }

private:
    struct PendingManifest {
        std::string repository;
        std::string digest;
        std::string mediaType;
        std::string body;
        std::vector<std::string> blobs;
        std::vector<std::string> children;
    };
    struct PendingBlob {
        std::string digest;
        int64_t size = 0;
        std::set<std::string> repositories;
    };

    Result<void> collect(const std::string& repository, const std::string& digest, int depth);
    Result<void> fetchBlobs();
    Result<void> fetchBlob(ParentClient& client, const PendingBlob& blob);
    Result<void> storeManifest(const PendingManifest& manifest,
                               const std::optional<std::string>& tag);
    bool haveManifest(const std::string& repository, const std::string& digest);
    bool needsCollecting(const std::string& repository, const std::string& digest);
    bool haveBlob(const std::string& repository, const std::string& digest);

    bool m_verify = false;
    std::atomic<uint64_t> m_received{0}; // blob bytes received in this fetch
    Credentials m_credentials;
    BlobStore& m_blobs;
    MetadataStore& m_metadata;
    SyncStatus& m_status;
    const int m_parallel;
    ParentClient m_client; // manifests
    std::atomic<bool> m_cancelled{false};
    std::mutex m_workersMutex;
    std::vector<ParentClient*> m_workers; // for cancel()

    // One page's work, keyed by repository + digest.
    std::map<std::string, PendingManifest> m_manifests;
    std::vector<std::string> m_manifestOrder; // children before parents
    std::map<std::string, PendingBlob> m_missingBlobs;
};

// The path inside a repository URL: /v2/<repository>/<rest>.
std::string registryPath(const std::string& repository, std::string_view rest);

} // namespace ferry::sync
