#include "storage/scrubber.h"

#include "core/log.h"

namespace ferry {

static constexpr size_t kSummaryFindings = 20;

void ScrubStatus::publish(const FsckReport& report) {
    Summary summary;
    summary.finishedAt = report.finishedAt;
    summary.blobsChecked = report.blobsChecked;
    summary.bytesChecked = report.bytesChecked;
    for (const auto& finding : report.findings) {
        if (finding.serious())
            ++summary.serious;
        else
            ++summary.strayFiles;
        if (finding.serious() && summary.findings.size() < kSummaryFindings)
            summary.findings.push_back(finding);
    }
    std::function<void(const Summary&)> observer;
    {
        std::lock_guard lock(m_mutex);
        m_last = summary;
        ++m_runs;
        observer = m_observer;
    }
    if (observer)
        observer(summary);
}

void ScrubStatus::onPublished(std::function<void(const Summary&)> observer) {
    std::lock_guard lock(m_mutex);
    m_observer = std::move(observer);
}

std::optional<ScrubStatus::Summary> ScrubStatus::last() const {
    std::lock_guard lock(m_mutex);
    return m_last;
}

uint64_t ScrubStatus::runs() const {
    std::lock_guard lock(m_mutex);
    return m_runs;
}

Scrubber::Scrubber(const BlobStore& blobs, std::string databasePath,
                   std::shared_ptr<ScrubStatus> status)
    : m_blobs(blobs)
    , m_databasePath(std::move(databasePath))
    , m_status(std::move(status)) {}

Scrubber::~Scrubber() {
    stop();
}

void Scrubber::runOnce() {
    // Shared with pushes, exclusive of garbage collection: a blob cannot
    // vanish between reading its row and reading its file.
    const StoreLock scrubbing = m_blobs.lockForStoring();
    FsckOptions options;
    options.repair = false;
    const FsckReport report = checkStore(m_blobs, m_databasePath, options);
    for (const auto& finding : report.findings) {
        if (finding.serious())
            log::error("scrub: ", toString(finding.kind), " ", finding.subject, ": ",
                       finding.detail);
    }
    if (report.clean())
        log::info("scrub: ", report.blobsChecked, " blobs (", report.bytesChecked,
                  " bytes) verified, store consistent");
    else
        log::error("scrub: ", report.seriousCount(),
                   " problems found; run 'ferryd fsck --repair' with ferryd stopped");
    m_status->publish(report);
}

void Scrubber::start(std::chrono::seconds interval) {
    m_task.start(interval, [this] {
        try {
            runOnce();
        } catch (const std::exception& failure) {
            log::error("scrub failed: ", failure.what());
        }
    });
}

void Scrubber::stop() {
    m_task.stop();
}

} // namespace ferry
