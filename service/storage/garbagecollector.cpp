#include "storage/garbagecollector.h"

#include "core/log.h"
#include "metrics/metrics.h"

#include <chrono>
#include <filesystem>
#include <unordered_set>

namespace fs = std::filesystem;

namespace ferry {

namespace {
// Seconds to the millisecond, as the log prints them ("in 0.963 s").
double secondsSince(std::chrono::steady_clock::time_point start) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    return double(ms.count()) / 1000;
}
} // namespace

GcReport GarbageCollector::run(const GcPolicy& policy) {
    const auto started = std::chrono::steady_clock::now();
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
    const auto sweepStarted = std::chrono::steady_clock::now();
    report.strayFiles = sweepStrayFiles(policy, before);
    const double sweepSeconds = secondsSince(sweepStarted);
    if (!policy.dryRun)
        metrics::global().recordGcRun(report.blobs.size(), report.bytes, report.uploads);
    log::info("garbage collection", policy.dryRun ? " (dry run)" : "", ": ", report.blobs.size(),
              " blobs (", report.bytes, " bytes), ", report.uploads, " abandoned uploads, ",
              report.strayFiles, " stray files, in ", secondsSince(started),
              " s (the sweep for stray files ", sweepSeconds, " s)");
    return report;
}

// Files no row knows about: a blob written just before a crash, whose row
// was never committed, or a temporary manifest file. Old enough means no
// request can still be about to record it.
//
// The store keeps blobs as ALGORITHM/XY/HEX (BlobStore::pathFor). Nearly
// every file has its row, so the sweep reads each XY folder's rows with one
// range query and compares in memory: one query per folder rather than a
// stat and a query per blob, and no lock while it looks, so a sweep over a
// large store holds up no push.
size_t GarbageCollector::sweepStrayFiles(const GcPolicy& policy, int64_t before) {
    size_t removed = 0;
    std::error_code ec;
    auto oldEnough = [before](const fs::path& path) {
        const auto info = platform::fileInfo(path);
        return info && info->modifiedSeconds < before;
    };
    // The walk yields a folder's files together (a shard folder holds only
    // files), so each folder's rows are read once, when the walk enters it.
    // (One walk rather than a loop per folder: libstdc++ opens the folders
    // it descends into relative to their parent, where a loop would open
    // each by its full path, and tst_fault_injection's GC sweep, which
    // fails each call on a path under the data folder in turn, would grow
    // by one step per folder for no storage write.)
    fs::path shard;
    std::unordered_set<std::string> known;
    for (const auto& entry : fs::recursive_directory_iterator(m_blobs.blobRoot(), ec)) {
        if (!entry.is_regular_file(ec))
            continue;
        const fs::path folder = entry.path().parent_path();
        const std::string algorithm = folder.parent_path().filename().string();
        if (folder != shard) {
            shard = folder;
            known =
                m_metadata.blobDigestsStartingWith(algorithm + ":" + folder.filename().string());
        }
        const auto digest = Digest::parse(algorithm + ":" + entry.path().filename().string());
        if (!digest || known.count(digest->toString()) || !oldEnough(entry.path()))
            continue;
        if (policy.dryRun) {
            ++removed;
            continue;
        }
        // Check again and delete under the lock: a push renames its file into
        // place and records its row while holding the lock shared, possibly
        // since the folder's rows were read.
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
