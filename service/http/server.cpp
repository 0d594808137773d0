#include "http/server.h"

#include "core/log.h"
#include "http/beastexchange.h"
#include "http/connectionstate.h"
#include "http/workerpool.h"
#include "metrics/metrics.h"
#include "platform/socket.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>

#include <limits>
#include <map>
#include <set>

namespace ferry::http {

using namespace detail;
using tcp = asio::ip::tcp;

// How long a worker that just answered waits for the next request on the
// same connection before handing it back to the I/O thread. A client in a
// request loop sends the next one within microseconds; keeping the thread
// that long saves two thread hand-offs per request.
static constexpr int kNextRequestWaitMs = 2;

class Connection;

struct Server::Impl {
    ServerOptions options;
    Handler handler;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    asio::steady_timer acceptRetry{io};
    // Swapped whole by reloadTls(); a connection holds the context it
    // started with, so a reload never disturbs a session in progress.
    std::shared_ptr<asio::ssl::context> tls;
    mutable std::mutex tlsMutex;
    std::shared_ptr<asio::ssl::context> currentTls() const {
        std::lock_guard lock(tlsMutex);
        return tls;
    }
    std::atomic<bool> stopping{false};
    std::atomic<bool> finished{false};
    std::mutex mutex;
    std::condition_variable changed;
    std::set<std::shared_ptr<ConnectionState>> connections;
    std::map<std::string, size_t> perAddress;
    // Last: destroyed first, so no worker outlives what it uses.
    std::unique_ptr<WorkerPool> workers;

    void acceptNext();
    void admit(tcp::socket socket);
    void forget(const std::shared_ptr<ConnectionState>& state);
    void watch();
};

namespace {

Response plainError(unsigned status, std::string_view message) {
    Response response;
    response.status = status;
    response.header("Content-Type", "application/json");
    response.body = std::string(R"({"errors":[{"code":"UNSUPPORTED","message":")") +
                    std::string(message) + "\"}]}";
    response.close = true;
    return response;
}

// Lingering close (RFC 9112 section 9.6): close() on a socket with unread
// request bytes makes the kernel send RST, and the RST can destroy the error
// response just written (the 413 for an oversized manifest, a 431) before the
// client reads it; the client then sees "connection reset" instead. So after
// our FIN, read and discard what the client still sends, bounded in bytes and
// time (the watchdog cuts the read at the deadline).
void lingerBeforeClose(tcp::socket& socket, ConnectionState& state) {
    state.deadline = steadyMs() + 2000;
    std::vector<char> sink(64 * 1024);
    uint64_t discarded = 0;
    beast::error_code ec;
    while (discarded < (uint64_t(64) << 20)) {
        discarded += socket.read_some(asio::buffer(sink), ec);
        if (ec)
            break;
    }
}

} // namespace

// One client connection. Waiting for a request head happens on the I/O
// thread without holding a worker; handling the request and writing the
// response happen on a worker, with blocking calls.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(Server::Impl& server, tcp::socket socket, std::shared_ptr<ConnectionState> state)
        : m_server(server)
        , m_socket(std::move(socket))
        , m_state(std::move(state)) {}

    // I/O thread.
    void start() {
        // The context current now; a later reload (SIGHUP) leaves this
        // connection on the certificate it started with.
        m_context = m_server.currentTls();
        if (!m_context) {
            readHead();
            return;
        }
        m_tls.emplace(m_socket, *m_context);
        m_tls->async_handshake(asio::ssl::stream_base::server, [self = shared_from_this()](
                                                                   beast::error_code ec) {
            if (ec) {
                log::debug("TLS handshake with ", self->m_state->peer, " failed: ", ec.message());
                self->m_tls.reset(); // nothing to shut down
                self->closeOnWorker();
                return;
            }
            self->readHead();
        });
    }

private:
    template <class F> auto withStream(F&& f) {
        if (m_tls)
            return f(*m_tls);
        return f(m_socket);
    }

    void newParser() {
        m_parser.emplace();
        m_parser->header_limit(std::uint32_t(m_server.options.headerLimit));
        // Blobs are unbounded; Boost 1.74 mis-compares an empty limit
        // (len > none is true), so give the largest value instead.
        m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
    }

    // I/O thread: wait for the next request head without holding a thread.
    void readHead() {
        // Mark idle before looking at `stopping`; stop() sets `stopping` before
        // looking at `idle`, so one of the two always sees the other.
        m_state->idle = true;
        if (m_server.stopping) {
            closeOnWorker();
            return;
        }
        m_state->touch();
        newParser();
        withStream([this](auto& stream) {
            bhttp::async_read_header(stream, m_buffer, *m_parser,
                                     [self = shared_from_this()](beast::error_code ec, size_t) {
                                         self->m_server.workers->post(
                                             [self, ec] { self->serve(ec); });
                                     });
        });
    }

    void closeOnWorker() {
        m_server.workers->post([self = shared_from_this()] { self->close(); });
    }

    // Worker: serve the request whose head arrived, and any that follow at once.
    void serve(beast::error_code ec) {
        m_state->idle = false;
        const bool keepOpen =
            withStream([this, ec](auto& stream) { return serveRequests(stream, ec); });
        if (keepOpen)
            asio::post(m_server.io, [self = shared_from_this()] { self->readHead(); });
        else
            close();
    }

    template <class Stream> bool serveRequests(Stream& stream, beast::error_code ec) {
        for (;;) {
            if (ec) {
                refuseBadHead(stream, ec);
                return false;
            }
            if (!handleRequest(stream))
                return false;
            m_state->idle = true;
            if (m_server.stopping)
                return false;
            if (!nextRequestArriving())
                return true;
            m_state->idle = false;
            m_state->touch();
            newParser();
            bhttp::read_header(stream, m_buffer, *m_parser, ec);
        }
    }

    bool nextRequestArriving() {
        if (m_buffer.size() > 0 || (m_tls && SSL_pending(m_tls->native_handle()) > 0))
            return true;
        return platform::waitReadable(m_socket.native_handle(), kNextRequestWaitMs);
    }

    template <class Stream> void refuseBadHead(Stream& stream, beast::error_code ec) {
        if (ec.category() != beast::http::make_error_code(bhttp::error::bad_method).category() ||
            ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message)
            return; // the client went away or timed out
        const bool tooLarge =
            ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow;
        Response response = plainError(tooLarge ? 431 : 400, tooLarge ? "request header too large"
                                                                      : "malformed HTTP request");
        uint64_t sent = 0;
        writeResponse(stream, m_socket.native_handle(), response, false, false, *m_state, &sent);
        m_state->unreadInput = true;
        log::debug("closing connection from ", m_state->peer, ": ", ec.message());
    }

    // Handles one request; true when the connection may carry another.
    template <class Stream> bool handleRequest(Stream& stream) {
        RequestParser& parser = *m_parser;
        BeastExchange<Stream> exchange(stream, m_buffer, parser, *m_state, m_state->peer,
                                       m_tls.has_value());
        Response response;
        try {
            response = m_server.handler(exchange);
        } catch (const std::exception& error) {
            log::error("request ", exchange.target(), " failed: ", error.what());
            response = Response();
            response.status = 500;
            response.header("Content-Type", "application/json");
            response.body = R"({"errors":[{"code":"UNKNOWN","message":"internal error"}]})";
            response.close = true;
        }
        bool keepAlive = parser.get().keep_alive() && !response.close && !m_server.stopping;
        if (!exchange.bodyComplete()) {
            // An unread body must be consumed before the next request can be
            // parsed; drain a little, otherwise close the connection.
            if (exchange.continuePending()) {
                keepAlive = false;
            } else {
                char sink[16 * 1024];
                uint64_t drained = 0;
                while (!exchange.bodyComplete() && drained < (1u << 20)) {
                    const BodyRead read = exchange.readBody(sink, sizeof sink);
                    if (read.status != BodyReadStatus::Data)
                        break;
                    drained += read.size;
                }
                keepAlive = keepAlive && exchange.bodyComplete();
            }
            m_state->unreadInput = !exchange.bodyComplete();
        }
        const bool headRequest = parser.get().method() == bhttp::verb::head;
        uint64_t sent = 0;
        const bool written = writeResponse(stream, m_socket.native_handle(), response, headRequest,
                                           keepAlive, *m_state, &sent);
        metrics::global().addBytes(exchange.bytesReceived(), sent);
        return written && keepAlive;
    }

    // Worker: end the connection.
    void close() {
        beast::error_code ec;
        if (m_tls) {
            m_state->touch();
            m_tls->shutdown(ec);
        } else {
            m_socket.shutdown(tcp::socket::shutdown_send, ec);
            if (m_state->unreadInput)
                lingerBeforeClose(m_socket, *m_state);
        }
        // Forget the fd before closing it so the watchdog can never shut
        // down a reused descriptor.
        m_server.forget(m_state);
        m_socket.close(ec);
    }

    Server::Impl& m_server;
    tcp::socket m_socket;
    std::shared_ptr<asio::ssl::context> m_context; // outlives m_tls
    std::optional<asio::ssl::stream<tcp::socket&>> m_tls;
    beast::flat_buffer m_buffer;
    std::optional<RequestParser> m_parser;
    std::shared_ptr<ConnectionState> m_state;
};

void Server::Impl::watch() {
    std::unique_lock lock(mutex);
    while (!finished) {
        changed.wait_for(lock, std::chrono::milliseconds(250));
        const int64_t now = steadyMs();
        for (const auto& state : connections) {
            // shutdown() wakes a blocked read or write, or a pending async
            // read, on this socket.
            if (state->deadline.load() < now || (stopping && state->idle.load()))
                platform::shutdownBoth(state->fd);
        }
    }
}

void Server::Impl::acceptNext() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
        if (stopping || ec == asio::error::operation_aborted)
            return;
        if (ec) {
            // Out of descriptors or a transient error: back off, keep serving.
            log::warning("accept failed: ", ec.message());
            acceptRetry.expires_after(std::chrono::milliseconds(50));
            acceptRetry.async_wait([this](beast::error_code waited) {
                if (!waited && !stopping)
                    acceptNext();
            });
            return;
        }
        admit(std::move(socket));
        acceptNext();
    });
}

// I/O thread: take a new connection in, or turn it away when the server, or
// this client's share of it, is full.
void Server::Impl::admit(tcp::socket socket) {
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    const auto remote = socket.remote_endpoint(ec);
    std::string peer = ec ? std::string("unknown") : remote.address().to_string();
    auto state = std::make_shared<ConnectionState>(socket.native_handle(), peer,
                                                   options.idleTimeoutSeconds, stopping);
    state->localPeer = !ec && remote.address().is_loopback();
    {
        std::lock_guard lock(mutex);
        size_t& fromPeer = perAddress[peer];
        const bool full = connections.size() >= options.maxConnections;
        if (full || (options.maxConnectionsPerAddress > 0 &&
                     fromPeer >= options.maxConnectionsPerAddress)) {
            if (fromPeer == 0)
                perAddress.erase(peer);
            // A fresh socket's send buffer is empty: this write cannot block.
            static constexpr std::string_view kBusy =
                "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nConnection: "
                "close\r\n"
                "Retry-After: 1\r\nContent-Length: 71\r\n\r\n"
                R"({"errors":[{"code":"TOOMANYREQUESTS","message":"too many connections"}]})";
            asio::write(socket, asio::buffer(kBusy.data(), kBusy.size()), ec);
            log::debug("refused a connection from ", peer,
                       full ? ": server full" : ": too many from this address");
            return;
        }
        ++fromPeer;
        connections.insert(state);
    }
    std::make_shared<Connection>(*this, std::move(socket), std::move(state))->start();
}

void Server::Impl::forget(const std::shared_ptr<ConnectionState>& state) {
    std::lock_guard lock(mutex);
    if (connections.erase(state) > 0) {
        auto it = perAddress.find(state->peer);
        if (it != perAddress.end() && --it->second == 0)
            perAddress.erase(it);
    }
    changed.notify_all();
}

Server::Server(ServerOptions options, Handler handler)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->options = std::move(options);
    m_impl->handler = std::move(handler);
    m_impl->workers = std::make_unique<WorkerPool>(m_impl->options.maxRequestThreads);
}

Server::~Server() {
    stop();
    std::unique_lock lock(m_impl->mutex);
    m_impl->changed.wait_for(lock, std::chrono::seconds(5),
                             [this] { return m_impl->connections.empty(); });
}

// Each connection holds a descriptor: keep the budget under what the
// process may open, once the limit is raised as far as it goes.
static size_t fitConnectionBudget(size_t wanted) {
    const auto limit = platform::raiseDescriptorLimit();
    // Room for blob files, databases and the sync agent's own sockets.
    constexpr uint64_t kReserve = 256;
    if (!limit || *limit > wanted + kReserve)
        return wanted;
    return *limit > 2 * kReserve ? size_t(*limit - kReserve) : size_t(*limit / 2);
}

std::optional<std::string> Server::listen() {
    auto& impl = *m_impl;
    beast::error_code ec;
    std::string host = impl.options.host;
    if (host == "localhost")
        host = "127.0.0.1";
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const auto address = asio::ip::make_address(host, ec);
    if (ec)
        return "invalid listen address '" + impl.options.host + "'";
    if (auto failure = reloadTls())
        return failure;
    impl.options.maxConnections = fitConnectionBudget(impl.options.maxConnections);
    const tcp::endpoint endpoint(address, impl.options.port);
    impl.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        impl.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec)
        impl.acceptor.bind(endpoint, ec);
    if (!ec)
        impl.acceptor.listen(1024, ec);
    if (ec)
        return "cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port) +
               ": " + ec.message();
    return std::nullopt;
}

std::optional<std::string> Server::reloadTls() {
    auto& impl = *m_impl;
    if (impl.options.tlsCertificateFile.empty())
        return std::nullopt;
    beast::error_code ec;
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                         asio::ssl::context::no_tlsv1_1);
    context->use_certificate_chain_file(impl.options.tlsCertificateFile, ec);
    if (ec)
        return "cannot load TLS certificate " + impl.options.tlsCertificateFile + ": " +
               ec.message();
    // OpenSSL refuses a key that does not match the certificate here (a
    // renewal caught half way), so the old pair stays in use.
    context->use_private_key_file(impl.options.tlsKeyFile, asio::ssl::context::pem, ec);
    if (ec)
        return "cannot load TLS key " + impl.options.tlsKeyFile + ": " + ec.message();
    std::lock_guard lock(impl.tlsMutex);
    impl.tls = std::move(context);
    return std::nullopt;
}

std::string Server::localUrl() const {
    beast::error_code ec;
    const auto endpoint = m_impl->acceptor.local_endpoint(ec);
    const std::string address = endpoint.address().is_v6()
                                    ? "[" + endpoint.address().to_string() + "]"
                                    : endpoint.address().to_string();
    return std::string(m_impl->currentTls() ? "https" : "http") + "://" + address + ":" +
           std::to_string(endpoint.port());
}

void Server::run() {
    auto& impl = *m_impl;
    std::thread watchdog([&impl] { impl.watch(); });
    auto busy = asio::make_work_guard(impl.io);
    asio::post(impl.io, [&impl] { impl.acceptNext(); });
    std::thread ioThread([&impl] { impl.io.run(); });
    {
        std::unique_lock lock(impl.mutex);
        impl.changed.wait(lock, [&impl] { return impl.stopping.load(); });
        if (!impl.changed.wait_for(lock, std::chrono::seconds(30),
                                   [&impl] { return impl.connections.empty(); }))
            log::warning("stopping with ", impl.connections.size(), " requests still running");
    }
    busy.reset();
    impl.io.stop();
    ioThread.join();
    impl.finished = true;
    impl.changed.notify_all();
    watchdog.join();
}

void Server::stop() {
    auto& impl = *m_impl;
    if (impl.stopping.exchange(true))
        return;
    asio::post(impl.io, [&impl] {
        beast::error_code ignored;
        impl.acceptor.close(ignored);
        impl.acceptRetry.cancel();
    });
    std::lock_guard lock(impl.mutex);
    for (const auto& state : impl.connections)
        if (state->idle)
            platform::shutdownBoth(state->fd);
    impl.changed.notify_all();
}

} // namespace ferry::http
