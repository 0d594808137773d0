#include "metrics/metrics.h"

#include <algorithm>
#include <cstdio>

namespace ferry::metrics {

Metrics& global() {
    static Metrics instance;
    return instance;
}

std::string_view routeClassOf(std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    if (path.starts_with("/v2/") || path == "/v2") {
        if (path == "/v2/" || path == "/v2")
            return "v2";
        if (path == "/v2/_catalog")
            return "catalog";
        if (path.find("/blobs/uploads") != std::string_view::npos)
            return "upload";
        if (path.find("/blobs/") != std::string_view::npos)
            return "blob";
        if (path.find("/manifests/") != std::string_view::npos)
            return "manifest";
        if (path.ends_with("/tags/list"))
            return "tags";
        if (path.find("/referrers/") != std::string_view::npos)
            return "referrers";
        return "other";
    }
    if (path.starts_with("/oauth2/"))
        return "token";
    if (path.starts_with("/api/v1/"))
        return "management";
    if (path.starts_with("/gateway/"))
        return "gateway";
    if (path == "/metrics")
        return "metrics";
    return "other";
}

const std::vector<double>& Metrics::latencyBuckets() {
    static const std::vector<double> bounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                               0.25,  0.5,    1,     2.5,  5,     10,   30};
    return bounds;
}

void Metrics::recordRequest(std::string_view routeClass, unsigned status,
                            std::chrono::nanoseconds elapsed) {
    const double seconds = std::chrono::duration<double>(elapsed).count();
    const auto& bounds = latencyBuckets();
    const size_t bucket =
        size_t(std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin());
    std::lock_guard lock(m_mutex);
    ++m_requests[{std::string(routeClass), status}];
    RequestSeries& series = m_latency[std::string(routeClass)];
    if (series.buckets.empty())
        series.buckets.assign(bounds.size() + 1, 0);
    ++series.buckets[bucket];
    ++series.count;
    series.sumSeconds += seconds;
}

void Metrics::addBytes(uint64_t received, uint64_t sent) {
    m_bytesReceived.fetch_add(received, std::memory_order_relaxed);
    m_bytesSent.fetch_add(sent, std::memory_order_relaxed);
}

void Metrics::recordGcRun(uint64_t blobsRemoved, uint64_t bytesRemoved, uint64_t uploadsRemoved) {
    m_gcRuns.fetch_add(1, std::memory_order_relaxed);
    m_gcBlobs.fetch_add(blobsRemoved, std::memory_order_relaxed);
    m_gcBytes.fetch_add(bytesRemoved, std::memory_order_relaxed);
    m_gcUploads.fetch_add(uploadsRemoved, std::memory_order_relaxed);
}

void Metrics::recordChildReport(const std::string& child,
                                std::chrono::system_clock::time_point when) {
    std::lock_guard lock(m_mutex);
    m_children[child].lastReportSeconds =
        std::chrono::duration<double>(when.time_since_epoch()).count();
}

void Metrics::recordChildSyncLag(const std::string& child, double seconds) {
    std::lock_guard lock(m_mutex);
    auto& figures = m_children[child];
    figures.syncLagSeconds = seconds;
    figures.hasLag = true;
}

void Metrics::setStorageSource(std::function<StorageFigures()> source) {
    std::lock_guard lock(m_mutex);
    m_storage = std::move(source);
}

// As long as the sign-in throttle's window: an address counts as throttled
// until its failures would have been forgotten.
static constexpr auto kThrottledFor = std::chrono::minutes(15);

void Metrics::recordThrottledSignIn(const std::string& address) {
    m_throttledSignIns.fetch_add(1, std::memory_order_relaxed);
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    if (m_throttled.size() > 10000) // a spray of addresses: drop the stale ones
        std::erase_if(m_throttled,
                      [now](const auto& entry) { return now - entry.second > kThrottledFor; });
    m_throttled[address] = now;
}

namespace {

// Label values are escaped as the text format asks (backslash, quote, newline).
std::string label(std::string_view value) {
    std::string escaped;
    for (char c : value) {
        if (c == '\\' || c == '"')
            escaped += '\\';
        if (c == '\n') {
            escaped += "\\n";
            continue;
        }
        escaped += c;
    }
    return escaped;
}

std::string number(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view labels,
            const std::string& value) {
    out.append(name);
    if (!labels.empty())
        out.append("{").append(labels).append("}");
    out.append(" ").append(value).append("\n");
}

// A family with a single unlabelled sample.
void scalar(std::string& out, std::string_view name, std::string_view type, std::string_view help,
            const std::string& value) {
    family(out, name, type, help);
    sample(out, name, {}, value);
}

} // namespace

std::string Metrics::render() const {
    std::function<StorageFigures()> storageSource;
    size_t throttledAddresses = 0;
    std::string out;
    {
        std::lock_guard lock(m_mutex);
        storageSource = m_storage;
        const auto now = std::chrono::steady_clock::now();
        for (const auto& [address, when] : m_throttled)
            throttledAddresses += now - when <= kThrottledFor ? 1 : 0;
        family(out, "ferry_http_requests_total", "counter",
               "HTTP requests handled, by route class and status.");
        for (const auto& [key, count] : m_requests)
            sample(out, "ferry_http_requests_total",
                   "route=\"" + label(key.first) + "\",status=\"" + std::to_string(key.second) +
                       "\"",
                   std::to_string(count));
        family(out, "ferry_http_request_duration_seconds", "histogram",
               "Time from a request's head to its handler's answer, by route class.");
        const auto& bounds = latencyBuckets();
        for (const auto& [route, series] : m_latency) {
            uint64_t cumulative = 0;
            for (size_t i = 0; i < bounds.size(); ++i) {
                cumulative += series.buckets[i];
                sample(out, "ferry_http_request_duration_seconds_bucket",
                       "route=\"" + label(route) + "\",le=\"" + number(bounds[i]) + "\"",
                       std::to_string(cumulative));
            }
            sample(out, "ferry_http_request_duration_seconds_bucket",
                   "route=\"" + label(route) + "\",le=\"+Inf\"", std::to_string(series.count));
            sample(out, "ferry_http_request_duration_seconds_sum", "route=\"" + label(route) + "\"",
                   number(series.sumSeconds));
            sample(out, "ferry_http_request_duration_seconds_count",
                   "route=\"" + label(route) + "\"", std::to_string(series.count));
        }
        family(out, "ferry_connected_registry_last_report_timestamp_seconds", "gauge",
               "Unix time of each child registry's latest status report.");
        for (const auto& [child, figures] : m_children)
            if (figures.lastReportSeconds > 0)
                sample(out, "ferry_connected_registry_last_report_timestamp_seconds",
                       "registry=\"" + label(child) + "\"", number(figures.lastReportSeconds));
        family(out, "ferry_connected_registry_sync_lag_seconds", "gauge",
               "Age of each registry's last complete sync (lastSyncTime) when its latest report "
               "arrived.");
        for (const auto& [child, figures] : m_children)
            if (figures.hasLag)
                sample(out, "ferry_connected_registry_sync_lag_seconds",
                       "registry=\"" + label(child) + "\"", number(figures.syncLagSeconds));
    }
    scalar(out, "ferry_http_received_bytes_total", "counter", "Request bytes received (bodies).",
           std::to_string(m_bytesReceived.load()));
    scalar(out, "ferry_http_sent_bytes_total", "counter", "Response bytes sent (bodies).",
           std::to_string(m_bytesSent.load()));
    scalar(out, "ferry_uploads_in_flight", "gauge", "Blob upload bodies being received right now.",
           std::to_string(m_uploadsInFlight.load()));
    scalar(out, "ferry_gc_runs_total", "counter", "Garbage-collection runs.",
           std::to_string(m_gcRuns.load()));
    scalar(out, "ferry_gc_removed_blobs_total", "counter", "Blobs garbage collection removed.",
           std::to_string(m_gcBlobs.load()));
    scalar(out, "ferry_gc_removed_bytes_total", "counter",
           "Bytes of blobs garbage collection removed.", std::to_string(m_gcBytes.load()));
    scalar(out, "ferry_gc_removed_uploads_total", "counter",
           "Abandoned upload sessions garbage collection removed.",
           std::to_string(m_gcUploads.load()));
    scalar(out, "ferry_sign_in_failures_total", "counter",
           "Sign-ins refused for wrong credentials.", std::to_string(m_signInFailures.load()));
    scalar(out, "ferry_sign_in_throttled_total", "counter",
           "Sign-in attempts slowed or refused by the per-address throttle.",
           std::to_string(m_throttledSignIns.load()));
    scalar(out, "ferry_sign_in_throttled_addresses", "gauge",
           "Client addresses whose sign-ins were slowed or refused in the last 15 minutes.",
           std::to_string(throttledAddresses));
    if (storageSource) {
        const StorageFigures storage = storageSource();
        family(out, "ferry_storage_bytes", "gauge",
               "Bytes of stored blobs and manifests, each counted once.");
        sample(out, "ferry_storage_bytes", {}, std::to_string(storage.storedBytes));
        family(out, "ferry_blobs", "gauge", "Blobs by state.");
        for (const auto& [state, count] : storage.blobsByState)
            sample(out, "ferry_blobs", "state=\"" + label(state) + "\"", std::to_string(count));
        if (storage.scrub) {
            const StorageFigures::Scrub& scrub = *storage.scrub;
            family(out, "ferry_scrub_runs_total", "counter", "Online scrubs finished.");
            sample(out, "ferry_scrub_runs_total", {}, std::to_string(scrub.runs));
            family(out, "ferry_scrub_last_finished_timestamp_seconds", "gauge",
                   "Unix time the last online scrub finished.");
            sample(out, "ferry_scrub_last_finished_timestamp_seconds", {},
                   std::to_string(scrub.lastFinished));
            family(out, "ferry_scrub_checked_blobs", "gauge",
                   "Blobs the last online scrub read and verified.");
            sample(out, "ferry_scrub_checked_blobs", {}, std::to_string(scrub.blobsChecked));
            family(out, "ferry_scrub_findings", "gauge",
                   "What the last online scrub found: serious (the store is inconsistent; run "
                   "ferryd fsck --repair) or stray (files no row names).");
            sample(out, "ferry_scrub_findings", "kind=\"serious\"", std::to_string(scrub.serious));
            sample(out, "ferry_scrub_findings", "kind=\"stray\"", std::to_string(scrub.strayFiles));
        }
    }
    return out;
}

} // namespace ferry::metrics
