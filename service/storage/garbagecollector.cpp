#include "storage/garbagecollector.h"

#include "core/log.h"
#include "metrics/metrics.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace ferry {

GcReport GarbageCollector::run(const GcPolicy& policy) {
    GcReport report;
    const int64_t now = unixNow();
    const int64_t before = now - policy.blobGraceSeconds;
    for (const auto& blob : m_metadata.collectableBlobs(before)) {
        const auto digest = Digest::parse(blob.digest);
        if (!digest)
            continue;
        if (!policy.dryRun) {
            const StoreLock collecting = m_blobs.lockForCollecting();
            if (!m_metadata.forgetBlobIfCollectable(blob.digest, before))
                continue; // referenced since the mark: keep it
            m_blobs.remove(*digest);
        }
        report.blobs.push_back(blob.digest);
        report.bytes += uint64_t(blob.size);
    }
    report.uploads = m_uploads.removeAbandoned(now - policy.uploadTtlSeconds, policy.dryRun);
    report.strayFiles = sweepStrayFiles(policy, before);
    if (!policy.dryRun)
        metrics::global().recordGcRun(report.blobs.size(), report.bytes, report.uploads);
    log::info("garbage collection", policy.dryRun ? " (dry run)" : "", ": ", report.blobs.size(),
              " blobs (", report.bytes, " bytes), ", report.uploads, " abandoned uploads, ",
              report.strayFiles, " stray files");
    return report;
}

// Files no row knows about: a blob written just before a crash, whose row
// was never committed, or a temporary manifest file. Old enough means no
// request can still be about to record it.
size_t GarbageCollector::sweepStrayFiles(const GcPolicy& policy, int64_t before) {
    size_t removed = 0;
    std::error_code ec;
    auto oldEnough = [before](const fs::path& path) {
        const auto info = platform::fileInfo(path);
        return info && info->modifiedSeconds < before;
    };
    for (const auto& entry : fs::recursive_directory_iterator(m_blobs.blobRoot(), ec)) {
        if (!entry.is_regular_file(ec))
            continue;
        const std::string algorithm = entry.path().parent_path().parent_path().filename().string();
        const auto digest = Digest::parse(algorithm + ":" + entry.path().filename().string());
        // Nearly every file has its row: look without the lock first, so a
        // sweep over a large store does not take the store's exclusive lock
        // once per blob and hold up every push meanwhile.
        if (!digest || !oldEnough(entry.path()) || m_metadata.blobSize(digest->toString()))
            continue;
        if (policy.dryRun) {
            ++removed;
            continue;
        }
        // Check again and delete under the lock: a push renames its file into
        // place and records its row while holding the lock shared.
        const StoreLock collecting = m_blobs.lockForCollecting();
        if (m_metadata.blobSize(digest->toString()))
            continue;
        fs::remove(entry.path(), ec);
        ++removed;
    }
    for (const auto& entry : fs::directory_iterator(m_blobs.stagingRoot(), ec)) {
        const std::string name = entry.path().filename().string();
        const StoreLock collecting = m_blobs.lockForCollecting();
        if (m_metadata.upload(name) || !oldEnough(entry.path()))
            continue;
        if (!policy.dryRun)
            fs::remove(entry.path(), ec);
        ++removed;
    }
    return removed;
}

} // namespace ferry
