#pragma once
// Sync up from a ReadWrite registry (docs/sync-protocol.md "Content up"):
// the change feed is the transactional outbox. Every change a local client
// made (origin "local") is recorded in the same SQLite transaction as the
// push itself; this forwarder replays those entries to the parent in feed
// order and advances its cursor only once the parent acknowledged. Blobs and
// manifests are addressed by digest, so replaying after a crash is harmless;
// tag moves are conditional on what the parent had (If-Match), and when the
// parent's tag moved meanwhile the parent wins.

#include "storage/blobstore.h"
#include "storage/metadatastore.h"
#include "sync/contentpuller.h"

namespace ferry::sync {

class ContentPusher {
public:
    ContentPusher(const Credentials& credentials, BlobStore& blobs, MetadataStore& metadata,
                  SyncStatus& status);

    // Forwards every local change after the cursor that `inScope` admits.
    // Returns how many were forwarded; an error leaves the cursor at the
    // first change not yet acknowledged.
    Result<int> forwardPending(const std::function<bool(const std::string&)>& inScope);
    void cancel() { m_client.cancel(); }

private:
    Result<void> forward(const Change& change);
    Result<void> ensureManifest(const std::string& repository, const std::string& digest,
                                int depth);
    Result<void> ensureBlob(const std::string& repository, const std::string& digest);
    Result<std::string> readManifest(const std::string& repository, const std::string& digest,
                                     std::string* mediaType);

    BlobStore& m_blobs;
    MetadataStore& m_metadata;
    SyncStatus& m_status;
    ParentClient m_client;
};

} // namespace ferry::sync
