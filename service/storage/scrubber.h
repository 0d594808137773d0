#pragma once
// The online scrub: `ferryd --scrub-interval SEC` runs the fsck check (report
// only, never repair) on its own thread every SEC seconds, logs what it finds
// and keeps the last result in a ScrubStatus that other parts (metrics, the
// connected registry's status report) read.

#include "core/periodictask.h"
#include "storage/fsck.h"

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace ferry {

// The last scrub's result, shared between the scrubber and its readers.
class ScrubStatus {
public:
    struct Summary {
        int64_t finishedAt = 0; // unix seconds
        uint64_t blobsChecked = 0;
        uint64_t bytesChecked = 0;
        size_t serious = 0; // findings that make the store inconsistent
        size_t strayFiles = 0;
        std::vector<FsckFinding> findings; // the first few, for a person
    };
    void publish(const FsckReport& report);
    std::optional<Summary> last() const;
    uint64_t runs() const;
    // Called after every scrub, on the scrubber's thread, with no lock held
    // (a connected registry puts the findings in its status details).
    void onPublished(std::function<void(const Summary&)> observer);

private:
    mutable std::mutex m_mutex;
    std::function<void(const Summary&)> m_observer;
    std::optional<Summary> m_last;
    uint64_t m_runs = 0;
};

class Scrubber {
public:
    Scrubber(const BlobStore& blobs, std::string databasePath, std::shared_ptr<ScrubStatus> status);
    ~Scrubber();
    void start(std::chrono::seconds interval);
    void stop();
    // One scrub now, on the caller's thread (the thread's loop uses it too).
    void runOnce();

private:
    const BlobStore& m_blobs;
    std::string m_databasePath;
    std::shared_ptr<ScrubStatus> m_status;
    PeriodicTask m_task;
};

} // namespace ferry
