#pragma once
// ferryd's HTTP/1.1 server on Boost.Beast: a thread per connection with
// keep-alive, optional TLS through OpenSSL, per-phase timeouts enforced by a
// watchdog, and a graceful stop that finishes requests in flight.

#include "http/exchange.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

namespace ferry::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 5000;
    std::string tlsCertificateFile; // both set: serve https
    std::string tlsKeyFile;
    // A connection that makes no progress (no request head, no body bytes, no
    // client reading our response) for this long is closed.
    int idleTimeoutSeconds = 60;
    size_t maxConnections = 512;
    size_t headerLimit = 64 * 1024;
};

using Handler = std::function<Response(Exchange&)>;

struct ConnectionState;

class Server {
public:
    Server(ServerOptions options, Handler handler);
    ~Server();

    // Binds and listens; on failure returns a message for the operator.
    std::optional<std::string> listen();
    std::string localUrl() const; // http(s)://host:port as bound
    // Reads the TLS certificate and key files again (SIGHUP). New handshakes
    // use them; open connections keep theirs. On failure returns a message
    // and the previous pair stays in use. Without TLS, does nothing.
    std::optional<std::string> reloadTls();
    // Accepts until stop(); then waits for in-flight requests.
    void run();
    // Safe from any thread: stops accepting, closes idle keep-alive
    // connections and lets busy ones finish their current request.
    void stop();

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace ferry::http
