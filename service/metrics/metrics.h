#pragma once
// ferryd's counters and gauges for GET /metrics (Prometheus text format 0.0.4).
// One process-wide instance: the HTTP server, the registry, garbage
// collection, sign-in and the gateway each record what they see, and a scrape
// renders it all. Recording is a few atomic or short-locked operations, so it
// is cheap on every request.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::metrics {

// What the store holds, computed when scraped.
struct StorageFigures {
    int64_t storedBytes = 0;
    // Blob counts by state ("referenced", "unreferenced", "uploading").
    std::map<std::string, int64_t> blobsByState;
    // The online scrub (--scrub-interval), once it has run.
    struct Scrub {
        uint64_t runs = 0;
        int64_t lastFinished = 0; // unix seconds
        uint64_t blobsChecked = 0;
        uint64_t serious = 0;    // findings that make the store inconsistent
        uint64_t strayFiles = 0; // files no row names (harmless, GC removes them)
    };
    std::optional<Scrub> scrub;
};

class Metrics {
public:
    // One request handled: route class (blob, manifest, upload, ...), status, time taken.
    void recordRequest(std::string_view routeClass, unsigned status,
                       std::chrono::nanoseconds elapsed);
    void addBytes(uint64_t received, uint64_t sent);
    void uploadStarted() { m_uploadsInFlight.fetch_add(1, std::memory_order_relaxed); }
    void uploadEnded() { m_uploadsInFlight.fetch_sub(1, std::memory_order_relaxed); }
    void recordGcRun(uint64_t blobsRemoved, uint64_t bytesRemoved, uint64_t uploadsRemoved);
    void recordSignInFailure() { m_signInFailures.fetch_add(1, std::memory_order_relaxed); }
    // A sign-in slowed or refused by the per-address throttle.
    void recordThrottledSignIn(const std::string& address);
    // Connected mode, on the parent: a child's latest status report, and how
    // far behind its sync is (seconds).
    void recordChildReport(const std::string& child, std::chrono::system_clock::time_point when);
    void recordChildSyncLag(const std::string& child, double seconds);

    void setStorageSource(std::function<StorageFigures()> source);

    std::string render() const;

    // Histogram bucket bounds, in seconds.
    static const std::vector<double>& latencyBuckets();

private:
    struct RequestSeries {
        uint64_t count = 0;
        std::vector<uint64_t> buckets; // cumulative at render time
        double sumSeconds = 0;
    };
    struct ChildFigures {
        double lastReportSeconds = 0; // unix time
        double syncLagSeconds = 0;
        bool hasLag = false;
    };

    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, unsigned>, uint64_t> m_requests;
    std::map<std::string, RequestSeries> m_latency;
    std::map<std::string, ChildFigures> m_children;
    std::function<StorageFigures()> m_storage;
    // Address -> when it was last throttled; the gauge counts recent ones.
    std::map<std::string, std::chrono::steady_clock::time_point> m_throttled;
    std::atomic<uint64_t> m_bytesReceived{0};
    std::atomic<uint64_t> m_bytesSent{0};
    std::atomic<int64_t> m_uploadsInFlight{0};
    std::atomic<uint64_t> m_gcRuns{0};
    std::atomic<uint64_t> m_gcBlobs{0};
    std::atomic<uint64_t> m_gcBytes{0};
    std::atomic<uint64_t> m_gcUploads{0};
    std::atomic<uint64_t> m_signInFailures{0};
    std::atomic<uint64_t> m_throttledSignIns{0};
};

Metrics& global();

// The label a request's path gets in the request series: few and fixed
// (v2, blob, upload, manifest, tags, referrers, catalog, token, management,
// gateway, metrics, other), never a repository name.
std::string_view routeClassOf(std::string_view target);

// Connected mode hooks for the gateway.
inline void recordChildReport(const std::string& child,
                              std::chrono::system_clock::time_point when) {
    global().recordChildReport(child, when);
}
inline void recordChildSyncLag(const std::string& child, double seconds) {
    global().recordChildSyncLag(child, seconds);
}

// Counts an upload body in flight for as long as it lives.
class UploadInFlight {
public:
    UploadInFlight() { global().uploadStarted(); }
    ~UploadInFlight() { global().uploadEnded(); }
    UploadInFlight(const UploadInFlight&) = delete;
    UploadInFlight& operator=(const UploadInFlight&) = delete;
};

} // namespace ferry::metrics
