#include "http/server.h"

#include "core/log.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <limits>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace ferry::http {

static int64_t steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// What the watchdog knows of a connection: its socket, when it must have made
// progress by, and whether it is between requests (safe to close on stop).
struct ConnectionState {
    int fd = -1;
    std::atomic<int64_t> deadline{0};
    std::atomic<bool> idle{true};
    // The session ended with request bytes possibly still unread (a refused
    // body, a bad or oversized header): close gracefully, see lingerBeforeClose.
    bool unreadInput = false;
};

struct Server::Impl {
    ServerOptions options;
    Handler handler;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    // Swapped whole by reloadTls(); a connection holds the context it
    // started with, so a reload never disturbs a session in progress.
    std::shared_ptr<asio::ssl::context> tls;
    mutable std::mutex tlsMutex;
    std::shared_ptr<asio::ssl::context> currentTls() const
    {
        std::lock_guard lock(tlsMutex);
        return tls;
    }
    std::atomic<bool> stopping{false};
    std::atomic<bool> finished{false};
    std::mutex mutex;
    std::condition_variable changed;
    std::set<std::shared_ptr<ConnectionState>> connections;

    void accept(tcp::socket socket);
    void serve(tcp::socket& socket, ConnectionState& state);
    template <class Stream>
    void session(Stream& stream, int rawFd, ConnectionState& state, const std::string& peer);
    void watch();
    int64_t nextDeadline() const { return steadyMs() + int64_t(options.idleTimeoutSeconds) * 1000; }
};

namespace {

// The registry's view of one request on a Beast stream.
template <class Stream> class BeastExchange final : public Exchange {
public:
    BeastExchange(Stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::buffer_body>& parser,
                  ConnectionState& state, Server::Impl& server, std::string peer, bool secure)
        : m_stream(stream)
        , m_buffer(buffer)
        , m_parser(parser)
        , m_state(state)
        , m_server(server)
        , m_peer(std::move(peer))
        , m_secure(secure)
    {
        m_expectsContinue = beast::iequals(header("Expect"), "100-continue");
    }

    Verb method() const override { return m_parser.get().method(); }
    std::string_view target() const override { return m_parser.get().target(); }
    std::string_view header(std::string_view name) const override
    {
        auto it = m_parser.get().find(name);
        return it == m_parser.get().end() ? std::string_view() : it->value();
    }
    std::string headerList(std::string_view name) const override
    {
        std::string joined;
        for (auto [it, end] = m_parser.get().equal_range(name); it != end; ++it) {
            if (!joined.empty())
                joined += ", ";
            joined.append(it->value().data(), it->value().size());
        }
        return joined;
    }
    std::optional<uint64_t> contentLength() const override
    {
        auto length = m_parser.content_length();
        return length ? std::optional<uint64_t>(*length) : std::nullopt;
    }
    bool bodyComplete() const override { return m_parser.is_done(); }
    std::string peerAddress() const override { return m_peer; }
    bool secure() const override { return m_secure; }
    bool continuePending() const { return m_expectsContinue && !m_continueSent; }

    BodyRead readBody(char* data, size_t capacity) override
    {
        if (m_parser.is_done())
            return {BodyReadStatus::End, 0, {}};
        if (continuePending()) {
            // The client waits for this before sending a large body (curl, containerd).
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            beast::error_code ec;
            asio::write(m_stream, asio::buffer(kContinue.data(), kContinue.size()), ec);
            m_continueSent = true;
            if (ec)
                return {BodyReadStatus::Error, 0, ec.message()};
        }
        for (;;) {
            auto& body = m_parser.get().body();
            body.data = data;
            body.size = capacity;
            body.more = true;
            m_state.deadline = m_server.nextDeadline();
            beast::error_code ec;
            bhttp::read(m_stream, m_buffer, m_parser, ec);
            if (ec == bhttp::error::need_buffer)
                ec = {};
            if (ec) {
                if (ec == bhttp::error::partial_message || ec == asio::error::eof)
                    return {BodyReadStatus::Error, 0, "the request body ended early"};
                return {BodyReadStatus::Error, 0, ec.message()};
            }
            const size_t size = capacity - m_parser.get().body().size;
            if (size > 0)
                return {BodyReadStatus::Data, size, {}};
            if (m_parser.is_done())
                return {BodyReadStatus::End, 0, {}};
        }
    }

private:
    Stream& m_stream;
    beast::flat_buffer& m_buffer;
    bhttp::request_parser<bhttp::buffer_body>& m_parser;
    ConnectionState& m_state;
    Server::Impl& m_server;
    std::string m_peer;
    bool m_secure;
    bool m_expectsContinue = false;
    bool m_continueSent = false;
};

bool isBodyless(unsigned status) { return status == 204 || status == 304 || status < 200; }

template <class Stream> class StreamWriter final : public BodyWriter {
public:
    StreamWriter(Stream& stream, ConnectionState& state, Server::Impl& server)
        : m_stream(stream)
        , m_state(state)
        , m_server(server)
    {
    }
    bool write(std::string_view bytes) override
    {
        m_state.deadline = m_server.nextDeadline();
        beast::error_code ec;
        asio::write(m_stream, asio::buffer(bytes.data(), bytes.size()), ec);
        return !ec;
    }
    bool stopping() const override { return m_server.stopping.load(); }

private:
    Stream& m_stream;
    ConnectionState& m_state;
    Server::Impl& m_server;
};

// Writes the head, then the body: a string, or a file region. Plain TCP hands
// the file to the kernel (sendfile), so a download costs no copies in ferryd.
template <class Stream>
bool writeResponse(Stream& stream, int rawFd, bool plain, Response& response, bool headRequest, bool keepAlive,
                   ConnectionState& state, Server::Impl& server)
{
    bhttp::response<bhttp::empty_body> head{bhttp::int_to_status(response.status) == bhttp::status::unknown
                                                ? bhttp::status::internal_server_error
                                                : bhttp::status(response.status),
                                            11};
    head.set(bhttp::field::server, "ferryd");
    head.set("Docker-Distribution-API-Version", "registry/2.0");
    for (const auto& [name, value] : response.headers)
        head.insert(name, value);
    const uint64_t length = response.fileDescriptor >= 0 ? response.fileLength
                            : response.announcedLength   ? *response.announcedLength
                                                         : response.body.size();
    if (response.stream)
        keepAlive = false; // the body ends when the connection does
    else if (!isBodyless(response.status))
        head.content_length(length);
    head.keep_alive(keepAlive);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    beast::error_code ec;
    state.deadline = server.nextDeadline();
    bhttp::write_header(stream, serializer, ec);
    if (ec)
        return false;
    if (headRequest || isBodyless(response.status) || response.announcedLength)
        return true;
    if (response.stream) {
        StreamWriter<Stream> writer(stream, state, server);
        response.stream(writer);
        return false;
    }
    if (!response.body.empty()) {
        asio::write(stream, asio::buffer(response.body), ec);
        return !ec;
    }
    if (response.fileDescriptor < 0)
        return true;
    off_t offset = off_t(response.fileOffset);
    uint64_t remaining = response.fileLength;
    if (plain) {
        while (remaining > 0) {
            state.deadline = server.nextDeadline();
            const ssize_t sent = ::sendfile(rawFd, response.fileDescriptor, &offset, size_t(std::min<uint64_t>(remaining, 1 << 30)));
            if (sent < 0 && errno == EINTR)
                continue;
            if (sent <= 0)
                return false;
            remaining -= uint64_t(sent);
        }
        return true;
    }
    std::vector<char> chunk(256 * 1024);
    while (remaining > 0) {
        const ssize_t got = ::pread(response.fileDescriptor, chunk.data(), std::min<uint64_t>(remaining, chunk.size()), offset);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        state.deadline = server.nextDeadline();
        asio::write(stream, asio::buffer(chunk.data(), size_t(got)), ec);
        if (ec)
            return false;
        offset += got;
        remaining -= uint64_t(got);
    }
    return true;
}

Response plainError(unsigned status, std::string_view message)
{
    Response response;
    response.status = status;
    response.header("Content-Type", "application/json");
    response.body = std::string(R"({"errors":[{"code":"UNSUPPORTED","message":")") + std::string(message) + "\"}]}";
    response.close = true;
    return response;
}

} // namespace

template <class Stream>
void Server::Impl::session(Stream& stream, int rawFd, ConnectionState& state, const std::string& peer)
{
    constexpr bool plain = std::is_same_v<Stream, tcp::socket>;
    beast::flat_buffer buffer;
    for (;;) {
        // Mark idle before looking at `stopping`; stop() sets `stopping` before
        // looking at `idle`, so one of the two always sees the other.
        state.idle = true;
        if (stopping)
            return;
        state.deadline = nextDeadline();
        bhttp::request_parser<bhttp::buffer_body> parser;
        parser.header_limit(std::uint32_t(options.headerLimit));
        // Blobs are unbounded; Boost 1.74 mis-compares an empty limit
        // (len > none is true), so give the largest value instead.
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        beast::error_code ec;
        bhttp::read_header(stream, buffer, parser, ec);
        state.idle = false;
        if (ec) {
            if (ec.category() == beast::http::make_error_code(bhttp::error::bad_method).category() &&
                ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
                const bool tooLarge = ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow;
                Response response = plainError(tooLarge ? 431 : 400,
                                               tooLarge ? "request header too large" : "malformed HTTP request");
                writeResponse(stream, rawFd, plain, response, false, false, state, *this);
                state.unreadInput = true;
                log::debug("closing connection from ", peer, ": ", ec.message());
            }
            return;
        }
        BeastExchange<Stream> exchange(stream, buffer, parser, state, *this, peer, !plain);
        Response response;
        try {
            response = handler(exchange);
        } catch (const std::exception& error) {
            log::error("request ", exchange.target(), " failed: ", error.what());
            response = Response();
            response.status = 500;
            response.header("Content-Type", "application/json");
            response.body = R"({"errors":[{"code":"UNKNOWN","message":"internal error"}]})";
            response.close = true;
        }
        bool keepAlive = parser.get().keep_alive() && !response.close && !stopping;
        if (!parser.is_done()) {
            // An unread body must be consumed before the next request can be
            // parsed; drain a little, otherwise close the connection.
            if (exchange.continuePending()) {
                keepAlive = false;
            } else {
                char sink[16 * 1024];
                uint64_t drained = 0;
                while (!parser.is_done() && drained < (1u << 20)) {
                    const BodyRead read = exchange.readBody(sink, sizeof sink);
                    if (read.status != BodyReadStatus::Data)
                        break;
                    drained += read.size;
                }
                keepAlive = keepAlive && parser.is_done();
            }
            state.unreadInput = !parser.is_done();
        }
        const bool headRequest = parser.get().method() == bhttp::verb::head;
        if (!writeResponse(stream, rawFd, plain, response, headRequest, keepAlive, state, *this) || !keepAlive)
            return;
    }
}

// Lingering close (RFC 9112 section 9.6): close() on a socket with unread
// request bytes makes the kernel send RST, and the RST can destroy the error
// response just written (the 413 for an oversized manifest, a 431) before the
// client reads it; the client then sees "connection reset" instead. So after
// our FIN, read and discard what the client still sends, bounded in bytes and
// time (the watchdog cuts the read at the deadline).
static void lingerBeforeClose(tcp::socket& socket, ConnectionState& state)
{
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

void Server::Impl::serve(tcp::socket& socket, ConnectionState& state)
{
    beast::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    const std::string peer = ec ? std::string("unknown") : remote.address().to_string();
    const auto context = currentTls();
    if (!context) {
        session(socket, socket.native_handle(), state, peer);
        socket.shutdown(tcp::socket::shutdown_send, ec);
        if (state.unreadInput)
            lingerBeforeClose(socket, state);
        return;
    }
    asio::ssl::stream<tcp::socket&> stream(socket, *context);
    state.deadline = nextDeadline();
    stream.handshake(asio::ssl::stream_base::server, ec);
    if (ec) {
        log::debug("TLS handshake with ", peer, " failed: ", ec.message());
        return;
    }
    session(stream, socket.native_handle(), state, peer);
    stream.shutdown(ec);
}

void Server::Impl::watch()
{
    std::unique_lock lock(mutex);
    while (!finished) {
        changed.wait_for(lock, std::chrono::milliseconds(250));
        const int64_t now = steadyMs();
        for (const auto& state : connections) {
            // shutdown() wakes a thread blocked in read or write on this socket.
            if (state->deadline.load() < now || (stopping && state->idle.load()))
                ::shutdown(state->fd, SHUT_RDWR);
        }
    }
}

void Server::Impl::accept(tcp::socket socket)
{
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    auto state = std::make_shared<ConnectionState>();
    state->fd = socket.native_handle();
    state->deadline = nextDeadline();
    {
        std::lock_guard lock(mutex);
        if (connections.size() >= options.maxConnections) {
            static constexpr std::string_view kBusy =
                "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nConnection: close\r\n"
                "Retry-After: 1\r\nContent-Length: 71\r\n\r\n"
                R"({"errors":[{"code":"TOOMANYREQUESTS","message":"too many connections"}]})";
            asio::write(socket, asio::buffer(kBusy.data(), kBusy.size()), ec);
            return;
        }
        connections.insert(state);
    }
    std::thread([this, socket = std::move(socket), state]() mutable {
        serve(socket, *state);
        {
            // Forget the fd before closing it so the watchdog can never shut
            // down a reused descriptor.
            std::lock_guard lock(mutex);
            connections.erase(state);
        }
        beast::error_code ignored;
        socket.close(ignored);
        changed.notify_all();
    }).detach();
}

Server::Server(ServerOptions options, Handler handler)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->options = std::move(options);
    m_impl->handler = std::move(handler);
}

Server::~Server()
{
    stop();
    std::unique_lock lock(m_impl->mutex);
    m_impl->changed.wait_for(lock, std::chrono::seconds(5), [this] { return m_impl->connections.empty(); });
}

std::optional<std::string> Server::listen()
{
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
    const tcp::endpoint endpoint(address, impl.options.port);
    impl.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        impl.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec)
        impl.acceptor.bind(endpoint, ec);
    if (!ec)
        impl.acceptor.listen(1024, ec);
    if (ec)
        return "cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port) + ": " + ec.message();
    return std::nullopt;
}

std::optional<std::string> Server::reloadTls()
{
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
        return "cannot load TLS certificate " + impl.options.tlsCertificateFile + ": " + ec.message();
    // OpenSSL refuses a key that does not match the certificate here (a
    // renewal caught half way), so the old pair stays in use.
    context->use_private_key_file(impl.options.tlsKeyFile, asio::ssl::context::pem, ec);
    if (ec)
        return "cannot load TLS key " + impl.options.tlsKeyFile + ": " + ec.message();
    std::lock_guard lock(impl.tlsMutex);
    impl.tls = std::move(context);
    return std::nullopt;
}

std::string Server::localUrl() const
{
    beast::error_code ec;
    const auto endpoint = m_impl->acceptor.local_endpoint(ec);
    const std::string address = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                           : endpoint.address().to_string();
    return std::string(m_impl->currentTls() ? "https" : "http") + "://" + address + ":" + std::to_string(endpoint.port());
}

void Server::run()
{
    auto& impl = *m_impl;
    std::thread watchdog([&impl] { impl.watch(); });
    while (!impl.stopping) {
        tcp::socket socket(impl.io);
        beast::error_code ec;
        impl.acceptor.accept(socket, ec);
        if (impl.stopping)
            break;
        if (ec) {
            // Out of descriptors or a transient error: back off, keep serving.
            log::warning("accept failed: ", ec.message());
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        impl.accept(std::move(socket));
    }
    {
        std::unique_lock lock(impl.mutex);
        impl.changed.notify_all();
        if (!impl.changed.wait_for(lock, std::chrono::seconds(30), [&impl] { return impl.connections.empty(); }))
            log::warning("stopping with ", impl.connections.size(), " requests still running");
    }
    impl.finished = true;
    impl.changed.notify_all();
    watchdog.join();
}

void Server::stop()
{
    auto& impl = *m_impl;
    if (impl.stopping.exchange(true))
        return;
    // shutdown() on the listening socket wakes the thread blocked in accept().
    ::shutdown(impl.acceptor.native_handle(), SHUT_RDWR);
    std::lock_guard lock(impl.mutex);
    for (const auto& state : impl.connections)
        if (state->idle)
            ::shutdown(state->fd, SHUT_RDWR);
    impl.changed.notify_all();
}

} // namespace ferry::http
