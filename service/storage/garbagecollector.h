#pragma once
// Online garbage collection. Marks what manifests use, sweeps the rest:
// blobs no manifest references (after a grace period that protects pushes
// whose manifest has not arrived yet), abandoned upload sessions, and stray
// files a crash left behind. Each blob is forgotten in its own write
// transaction that re-checks it is unreferenced, so a concurrent manifest
// PUT either sees the blob or fails cleanly, and never points at a hole.

#include "storage/blobstore.h"
#include "storage/metadatastore.h"
#include "storage/uploads.h"

#include <string>
#include <vector>

namespace ferry {

struct GcPolicy {
    bool dryRun = false;
    int64_t blobGraceSeconds = 3600;
    int64_t uploadTtlSeconds = 24 * 3600;
};

struct GcReport {
    std::vector<std::string> blobs; // digests removed (or that would be)
    uint64_t bytes = 0;
    size_t uploads = 0;
    size_t strayFiles = 0;
};

class GarbageCollector {
public:
    GarbageCollector(BlobStore& blobs, MetadataStore& metadata, UploadManager& uploads)
        : m_blobs(blobs)
        , m_metadata(metadata)
        , m_uploads(uploads) {}
    GcReport run(const GcPolicy& policy);

private:
    size_t sweepStrayFiles(const GcPolicy& policy, int64_t before);

    BlobStore& m_blobs;
    MetadataStore& m_metadata;
    UploadManager& m_uploads;
};

} // namespace ferry
