#pragma once
// The connected registry's HTTP(S) client for its parent: one keep-alive
// connection on Boost.Beast, TLS through OpenSSL (verified against the system
// store or --parent-ca), Basic credentials of the sync token on every request,
// a deadline on every phase, and bodies streamed in both directions so a
// blob never sits whole in memory. One client per thread; cancel() may be
// called from any thread (a sync window closing, ferryd stopping).

#include "crypto/result.h"

#include <boost/beast/http/verb.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ferry::sync {

using crypto::Error;
using crypto::Result;
using Verb = boost::beast::http::verb;

struct ParentEndpoint {
    std::string host; // name or address
    std::string port; // "443" / "80" when the connection string names none
    bool tls = false;
    std::string caFile; // PEM bundle to trust instead of the system store (self-signed parents)

    std::string origin() const; // http(s)://host[:port]
};

struct Reply {
    unsigned status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string header(std::string_view name) const; // case-insensitive, empty when absent
};

using Headers = std::vector<std::pair<std::string, std::string>>;
// Receives a downloaded body piece by piece; false aborts the transfer.
using BodySink = std::function<bool(const char* data, size_t size)>;

class ParentClient {
public:
    ParentClient(ParentEndpoint endpoint, std::string user, std::string password);
    ~ParentClient();
    ParentClient(const ParentClient&) = delete;
    ParentClient& operator=(const ParentClient&) = delete;

    // A request with a small body; the reply body is read whole (capped at 64 MiB:
    // config and feed pages, manifests).
    Result<Reply> send(Verb verb, std::string_view target, std::string_view body = {},
                       const Headers& headers = {},
                       std::chrono::seconds timeout = std::chrono::seconds(60));
    // GET whose body goes to `sink` (blobs). The timeout applies to each read,
    // so a large blob may take as long as it needs while bytes keep coming.
    Result<Reply> download(std::string_view target, const Headers& headers, const BodySink& sink,
                           std::chrono::seconds idle = std::chrono::seconds(60));
    // PUT or POST whose body is the file at `path` (blob up-sync).
    Result<Reply> upload(Verb verb, std::string_view target, const std::filesystem::path& path,
                         const Headers& headers,
                         std::chrono::seconds idle = std::chrono::seconds(60));

    // Aborts the request in flight (it fails with "cancelled") and every later one.
    void cancel();
    bool cancelled() const { return m_cancelled.load(); }
    const ParentEndpoint& endpoint() const { return m_endpoint; }

    struct Impl;

private:
    ParentEndpoint m_endpoint;
    std::unique_ptr<Impl> m_impl;
    std::atomic<bool> m_cancelled{false};
};

// "host[:port]" with the protocol from the connection string.
Result<ParentEndpoint> parseParentEndpoint(std::string_view hostAndPort, std::string_view protocol);

} // namespace ferry::sync
