#include "sync/parentclient.h"

#include <QByteArray>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <limits>
#include <optional>
#include <strings.h>

namespace ferry::sync {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string ParentEndpoint::origin() const {
    const bool defaultPort = (tls && port == "443") || (!tls && port == "80");
    return std::string(tls ? "https://" : "http://") + host + (defaultPort ? "" : ":" + port);
}

std::string Reply::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key.size() == name.size() && ::strncasecmp(key.data(), name.data(), name.size()) == 0)
            return value;
    }
    return {};
}

Result<ParentEndpoint> parseParentEndpoint(std::string_view hostAndPort,
                                           std::string_view protocol) {
    ParentEndpoint endpoint;
    if (protocol != "http" && protocol != "https")
        return Error{"the parent protocol must be http or https, not '" + std::string(protocol) +
                     "'"};
    endpoint.tls = protocol == "https";
    std::string_view host = hostAndPort;
    std::string_view port;
    if (host.starts_with('[')) { // [v6]:port
        const size_t close = host.find(']');
        if (close == std::string_view::npos)
            return Error{"'" + std::string(hostAndPort) + "' has an unclosed IPv6 bracket"};
        if (close + 1 < host.size()) {
            if (host[close + 1] != ':')
                return Error{"'" + std::string(hostAndPort) + "' is not host[:port]"};
            port = host.substr(close + 2);
        }
        host = host.substr(1, close - 1);
    } else if (const size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    if (host.empty() || host.find_first_of(" /?#@") != std::string_view::npos)
        return Error{"'" + std::string(hostAndPort) + "' is not a host name or address"};
    if (!port.empty()) {
        if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos ||
            std::stoi(std::string(port)) == 0 || std::stoi(std::string(port)) > 65535)
            return Error{"'" + std::string(port) + "' is not a port number"};
    }
    endpoint.host = std::string(host);
    endpoint.port = port.empty() ? (endpoint.tls ? "443" : "80") : std::string(port);
    return endpoint;
}

struct ParentClient::Impl {
    asio::io_context io;
    std::optional<asio::ssl::context> tlsContext;
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    std::string authorization;
    bool connected = false;

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    // Runs one asynchronous operation to completion on this thread. The
    // tcp_stream's deadline (expires_after) bounds it.
    template <class Start> boost::system::error_code run(Start&& start) {
        boost::system::error_code result = asio::error::would_block;
        start([&result](boost::system::error_code ec, auto&&...) { result = ec; });
        io.restart();
        io.run();
        return result;
    }

    template <class Body>
    boost::system::error_code write(bhttp::request<Body>& request, std::chrono::seconds timeout) {
        lowest().expires_after(timeout);
        if (secure)
            return run([&](auto handler) { bhttp::async_write(*secure, request, handler); });
        return run([&](auto handler) { bhttp::async_write(*plain, request, handler); });
    }

    template <class Parser>
    boost::system::error_code readHeader(Parser& parser, std::chrono::seconds timeout) {
        lowest().expires_after(timeout);
        if (secure)
            return run(
                [&](auto handler) { bhttp::async_read_header(*secure, buffer, parser, handler); });
        return run(
            [&](auto handler) { bhttp::async_read_header(*plain, buffer, parser, handler); });
    }

    template <class Parser>
    boost::system::error_code readWhole(Parser& parser, std::chrono::seconds timeout) {
        lowest().expires_after(timeout);
        if (secure)
            return run([&](auto handler) { bhttp::async_read(*secure, buffer, parser, handler); });
        return run([&](auto handler) { bhttp::async_read(*plain, buffer, parser, handler); });
    }

    template <class Parser>
    boost::system::error_code readSome(Parser& parser, std::chrono::seconds timeout) {
        lowest().expires_after(timeout);
        if (secure)
            return run(
                [&](auto handler) { bhttp::async_read_some(*secure, buffer, parser, handler); });
        return run([&](auto handler) { bhttp::async_read_some(*plain, buffer, parser, handler); });
    }

    // Reads whatever the socket has, up to `size` bytes, straight into
    // `data`: a body of known length needs no parsing, and Beast's parser
    // would read it in pieces as small as its buffer's spare capacity
    // (512 bytes after a small header), a system call and a copy each.
    std::pair<boost::system::error_code, size_t> readRaw(char* data, size_t size,
                                                         std::chrono::seconds timeout) {
        lowest().expires_after(timeout);
        size_t got = 0;
        boost::system::error_code result = asio::error::would_block;
        auto done = [&](boost::system::error_code ec, size_t n) {
            result = ec;
            got = n;
        };
        if (secure)
            secure->async_read_some(asio::buffer(data, size), done);
        else
            plain->async_read_some(asio::buffer(data, size), done);
        io.restart();
        io.run();
        return {result, got};
    }

    // Fails the operation in flight without destroying the stream under it.
    void abort() {
        boost::system::error_code ignored;
        if (plain || secure)
            lowest().socket().close(ignored);
        connected = false;
    }

    void close() {
        boost::system::error_code ignored;
        if (plain)
            plain->socket().close(ignored);
        if (secure)
            beast::get_lowest_layer(*secure).socket().close(ignored);
        plain.reset();
        secure.reset();
        buffer.clear();
        connected = false;
    }
};

ParentClient::ParentClient(ParentEndpoint endpoint, std::string user, std::string password)
    : m_endpoint(std::move(endpoint))
    , m_impl(std::make_unique<Impl>()) {
    const QByteArray credentials = QByteArray::fromStdString(user + ":" + password).toBase64();
    m_impl->authorization = "Basic " + credentials.toStdString();
    if (m_endpoint.tls) {
        m_impl->tlsContext.emplace(asio::ssl::context::tls_client);
        m_impl->tlsContext->set_options(
            asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
            asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
            asio::ssl::context::no_tlsv1_1);
        m_impl->tlsContext->set_verify_mode(asio::ssl::verify_peer);
        boost::system::error_code ignored;
        if (m_endpoint.caFile.empty())
            m_impl->tlsContext->set_default_verify_paths(ignored);
        else
            m_impl->tlsContext->load_verify_file(m_endpoint.caFile, ignored);
    }
}

ParentClient::~ParentClient() = default;

void ParentClient::cancel() {
    m_cancelled = true;
    // Runs on the client's thread inside its next (or current) run(): closing
    // the socket completes the operation in flight with an error.
    asio::post(m_impl->io, [impl = m_impl.get()] { impl->abort(); });
}

namespace {

std::string describe(const boost::system::error_code& ec, std::string_view step) {
    if (ec == beast::error::timeout)
        return std::string(step) + ": the parent did not answer in time";
    return std::string(step) + ": " + ec.message();
}

// Connects (and handshakes) unless a kept-alive connection is open.
std::optional<std::string> ensureConnected(ParentClient::Impl& impl,
                                           const ParentEndpoint& endpoint) {
    if (impl.connected)
        return std::nullopt;
    impl.close();
    boost::system::error_code ec;
    tcp::resolver resolver(impl.io);
    const auto addresses = resolver.resolve(endpoint.host, endpoint.port, ec);
    if (ec)
        return "cannot resolve " + endpoint.host + ": " + ec.message();
    if (impl.tlsContext)
        impl.secure.emplace(impl.io, *impl.tlsContext);
    else
        impl.plain.emplace(impl.io);
    impl.lowest().expires_after(std::chrono::seconds(15));
    ec = impl.run([&](auto handler) { impl.lowest().async_connect(addresses, handler); });
    if (ec) {
        impl.close();
        return describe(ec, "cannot connect to " + endpoint.origin());
    }
    impl.lowest().socket().set_option(tcp::no_delay(true), ec);
    if (impl.secure) {
        SSL* ssl = impl.secure->native_handle();
        SSL_set_tlsext_host_name(ssl, endpoint.host.c_str());
        // The certificate must name the host we dialled (a name or an address).
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
        if (X509_VERIFY_PARAM_set1_ip_asc(param, endpoint.host.c_str()) != 1)
            SSL_set1_host(ssl, endpoint.host.c_str());
        impl.lowest().expires_after(std::chrono::seconds(15));
        ec = impl.run([&](auto handler) {
            impl.secure->async_handshake(asio::ssl::stream_base::client, handler);
        });
        if (ec) {
            impl.close();
            return describe(ec, "TLS handshake with " + endpoint.origin() + " failed");
        }
    }
    impl.connected = true;
    return std::nullopt;
}

template <class Body>
void prepare(bhttp::request<Body>& request, const ParentEndpoint& endpoint,
             const ParentClient::Impl& impl, const Headers& headers) {
    const bool defaultPort =
        (endpoint.tls && endpoint.port == "443") || (!endpoint.tls && endpoint.port == "80");
    request.set(bhttp::field::host, endpoint.host + (defaultPort ? "" : ":" + endpoint.port));
    request.set(bhttp::field::user_agent, "ferryd/" FERRY_VERSION " (connected registry)");
    request.set(bhttp::field::authorization, impl.authorization);
    for (const auto& [name, value] : headers)
        request.set(name, value);
}

template <class Fields> void copyHeaders(const Fields& fields, Reply& reply) {
    for (const auto& field : fields)
        reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
}

// The reply of a parser that read a whole response; closes a connection the
// parent will not keep.
Reply finish(ParentClient::Impl& impl, bhttp::response_parser<bhttp::string_body>& parser) {
    auto response = parser.release();
    Reply reply;
    reply.status = response.result_int();
    copyHeaders(response, reply);
    reply.body = std::move(response.body());
    if (!response.keep_alive())
        impl.close();
    return reply;
}

// A request whose failure on a reused keep-alive connection (the parent closed
// it while idle) is worth one retry on a fresh connection.
bool isStaleConnection(const boost::system::error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
}

} // namespace

Result<Reply> ParentClient::send(Verb verb, std::string_view target, std::string_view body,
                                 const Headers& headers, std::chrono::seconds timeout) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_cancelled)
            return Error{"cancelled"};
        const bool reused = m_impl->connected;
        if (auto failure = ensureConnected(*m_impl, m_endpoint))
            return Error{*failure};
        bhttp::request<bhttp::string_body> request{verb, target, 11};
        prepare(request, m_endpoint, *m_impl, headers);
        if (!body.empty() || verb == Verb::post || verb == Verb::put) {
            request.body() = std::string(body);
            request.prepare_payload();
        }
        auto ec = m_impl->write(request, timeout);
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(64u << 20);
        parser.skip(verb == Verb::head); // a HEAD answer announces a length but carries no body
        if (!ec)
            ec = m_impl->readWhole(parser, timeout);
        if (ec) {
            m_impl->close();
            if (m_cancelled)
                return Error{"cancelled"};
            if (reused && isStaleConnection(ec))
                continue;
            return Error{describe(ec, std::string(target))};
        }
        return finish(*m_impl, parser);
    }
    return Error{"the parent closed the connection"};
}

Result<Reply> ParentClient::download(std::string_view target, const Headers& headers,
                                     const BodySink& sink, std::chrono::seconds idle) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_cancelled)
            return Error{"cancelled"};
        const bool reused = m_impl->connected;
        if (auto failure = ensureConnected(*m_impl, m_endpoint))
            return Error{*failure};
        bhttp::request<bhttp::empty_body> request{Verb::get, target, 11};
        prepare(request, m_endpoint, *m_impl, headers);
        auto ec = m_impl->write(request, idle);
        bhttp::response_parser<bhttp::buffer_body> parser;
        // Not boost::none: Boost 1.74 compares a length against an empty
        // optional as "greater", so "no limit" would refuse every body.
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        if (!ec)
            ec = m_impl->readHeader(parser, idle);
        if (ec) {
            m_impl->close();
            if (m_cancelled)
                return Error{"cancelled"};
            if (reused && isStaleConnection(ec))
                continue;
            return Error{describe(ec, std::string(target))};
        }
        Reply reply;
        reply.status = parser.get().result_int();
        copyHeaders(parser.get(), reply);
        const bool deliver = reply.status == 200 || reply.status == 206;
        std::vector<char> piece(256 * 1024);
        const auto keep = [&](const char* data, size_t size) {
            if (deliver)
                return sink(data, size);
            if (reply.body.size() < 64 * 1024)
                reply.body.append(data, size); // an error body, for the message
            return true;
        };
        const bool chunked = parser.get().chunked();
        if (const auto length = parser.content_length(); length && !chunked) {
            // The usual case: a known length, read without the parser.
            uint64_t remaining = *length;
            auto buffered = m_impl->buffer.data();
            const size_t early = size_t(std::min<uint64_t>(remaining, buffered.size()));
            if (early > 0 && !keep(static_cast<const char*>(buffered.data()), early)) {
                m_impl->close();
                return Error{"the transfer was stopped"};
            }
            m_impl->buffer.consume(early);
            remaining -= early;
            while (remaining > 0) {
                const auto [readError, got] = m_impl->readRaw(
                    piece.data(), size_t(std::min<uint64_t>(piece.size(), remaining)), idle);
                if (readError || got == 0) {
                    m_impl->close();
                    return Error{m_cancelled
                                     ? std::string("cancelled")
                                     : describe(readError
                                                    ? readError
                                                    : boost::system::error_code(asio::error::eof),
                                                std::string(target))};
                }
                remaining -= got;
                if (!keep(piece.data(), got)) {
                    m_impl->close();
                    return Error{"the transfer was stopped"};
                }
            }
            if (!parser.get().keep_alive())
                m_impl->close();
            return reply;
        }
        while (!parser.is_done()) {
            parser.get().body().data = piece.data();
            parser.get().body().size = piece.size();
            ec = m_impl->readSome(parser, idle);
            if (ec == bhttp::error::need_buffer)
                ec = {};
            if (ec) {
                m_impl->close();
                return Error{m_cancelled ? std::string("cancelled")
                                         : describe(ec, std::string(target))};
            }
            const size_t received = piece.size() - parser.get().body().size;
            if (received > 0 && !keep(piece.data(), received)) {
                m_impl->close();
                return Error{"the transfer was stopped"};
            }
        }
        if (!parser.get().keep_alive())
            m_impl->close();
        return reply;
    }
    return Error{"the parent closed the connection"};
}

Result<Reply> ParentClient::upload(Verb verb, std::string_view target,
                                   const std::filesystem::path& path, const Headers& headers,
                                   std::chrono::seconds idle) {
    if (m_cancelled)
        return Error{"cancelled"};
    if (auto failure = ensureConnected(*m_impl, m_endpoint))
        return Error{*failure};
    bhttp::request<bhttp::file_body> request{verb, target, 11};
    boost::system::error_code ec;
    request.body().open(path.c_str(), beast::file_mode::scan, ec);
    if (ec)
        return Error{"cannot open " + path.string() + ": " + ec.message()};
    prepare(request, m_endpoint, *m_impl, headers);
    request.prepare_payload();
    // The serializer writes the file in pieces; each piece gets the idle deadline.
    bhttp::request_serializer<bhttp::file_body> serializer(request);
    while (!serializer.is_done()) {
        m_impl->lowest().expires_after(idle);
        ec = m_impl->secure ? m_impl->run([&](auto h) {
            bhttp::async_write_some(*m_impl->secure, serializer, h);
        })
                            : m_impl->run([&](auto h) {
                                  bhttp::async_write_some(*m_impl->plain, serializer, h);
                              });
        if (ec) {
            m_impl->close();
            return Error{m_cancelled ? std::string("cancelled")
                                     : describe(ec, std::string(target))};
        }
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(1u << 20);
    ec = m_impl->readWhole(parser, idle);
    if (ec) {
        m_impl->close();
        return Error{m_cancelled ? std::string("cancelled") : describe(ec, std::string(target))};
    }
    return finish(*m_impl, parser);
}

} // namespace ferry::sync
