#pragma once
// Internal to the HTTP server: the registry's view of one request on a Beast
// stream (plain TCP or TLS), and the writer of a Response back onto it.

#include "http/connectionstate.h"
#include "http/exchange.h"
#include "http/filesend.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cstring>

namespace ferry::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using RequestParser = bhttp::request_parser<bhttp::buffer_body>;

template <class Stream> class BeastExchange final : public Exchange {
public:
    BeastExchange(Stream& stream, beast::flat_buffer& buffer, RequestParser& parser,
                  ConnectionState& state, std::string peer, bool secure)
        : m_stream(stream)
        , m_buffer(buffer)
        , m_parser(parser)
        , m_state(state)
        , m_peer(std::move(peer))
        , m_secure(secure) {
        m_expectsContinue = beast::iequals(header("Expect"), "100-continue");
        // A body with a known length is read straight from the socket into
        // the caller's buffer: through the parser, Beast asks the socket for
        // as little as 512 bytes at a time (it sizes reads by the capacity of
        // the header buffer), which cost one recvfrom per 512 bytes of a blob.
        if (!m_parser.is_done() && !m_parser.chunked() && m_parser.content_length())
            m_directRemaining = *m_parser.content_length();
        else
            m_buffer.reserve(64 * 1024); // chunked: bigger reads through the parser
    }

    Verb method() const override { return m_parser.get().method(); }
    std::string_view target() const override { return m_parser.get().target(); }
    std::string_view header(std::string_view name) const override {
        auto it = m_parser.get().find(name);
        return it == m_parser.get().end() ? std::string_view() : it->value();
    }
    std::string headerList(std::string_view name) const override {
        std::string joined;
        for (auto [it, end] = m_parser.get().equal_range(name); it != end; ++it) {
            if (!joined.empty())
                joined += ", ";
            joined.append(it->value().data(), it->value().size());
        }
        return joined;
    }
    std::optional<uint64_t> contentLength() const override {
        auto length = m_parser.content_length();
        return length ? std::optional<uint64_t>(*length) : std::nullopt;
    }
    bool bodyComplete() const override {
        return m_directRemaining ? *m_directRemaining == 0 : m_parser.is_done();
    }
    std::string peerAddress() const override { return m_peer; }
    bool secure() const override { return m_secure; }
    bool continuePending() const { return m_expectsContinue && !m_continueSent; }
    uint64_t bytesReceived() const { return m_received; }

    BodyRead readBody(char* data, size_t capacity) override {
        if (bodyComplete())
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
        return m_directRemaining ? readDirect(data, capacity) : readParsed(data, capacity);
    }

private:
    BodyRead readDirect(char* data, size_t capacity) {
        uint64_t& remaining = *m_directRemaining;
        const size_t wanted = size_t(std::min<uint64_t>(capacity, remaining));
        m_state.touch();
        size_t size = 0;
        if (m_buffer.size() > 0) { // bytes that arrived with the head
            size = std::min(wanted, m_buffer.size());
            std::memcpy(data, m_buffer.data().data(), size);
            m_buffer.consume(size);
        } else {
            beast::error_code ec;
            size = m_stream.read_some(asio::buffer(data, wanted), ec);
            if (ec) {
                if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated)
                    return {BodyReadStatus::Error, 0, "the request body ended early"};
                return {BodyReadStatus::Error, 0, ec.message()};
            }
        }
        remaining -= size;
        m_received += size;
        return {BodyReadStatus::Data, size, {}};
    }

    BodyRead readParsed(char* data, size_t capacity) {
        for (;;) {
            auto& body = m_parser.get().body();
            body.data = data;
            body.size = capacity;
            body.more = true;
            m_state.touch();
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
            m_received += size;
            if (size > 0)
                return {BodyReadStatus::Data, size, {}};
            if (m_parser.is_done())
                return {BodyReadStatus::End, 0, {}};
        }
    }

    Stream& m_stream;
    beast::flat_buffer& m_buffer;
    RequestParser& m_parser;
    ConnectionState& m_state;
    std::string m_peer;
    bool m_secure;
    bool m_expectsContinue = false;
    bool m_continueSent = false;
    std::optional<uint64_t> m_directRemaining;
    uint64_t m_received = 0;
};

inline bool isBodyless(unsigned status) {
    return status == 204 || status == 304 || status < 200;
}

template <class Stream> class StreamWriter final : public BodyWriter {
public:
    StreamWriter(Stream& stream, ConnectionState& state)
        : m_stream(stream)
        , m_state(state) {}
    bool write(std::string_view bytes) override {
        m_state.touch();
        beast::error_code ec;
        m_written += asio::write(m_stream, asio::buffer(bytes.data(), bytes.size()), ec);
        return !ec;
    }
    bool stopping() const override { return m_state.serverStopping(); }
    uint64_t written() const { return m_written; }

private:
    Stream& m_stream;
    ConnectionState& m_state;
    uint64_t m_written = 0;
};

// Writes the head, then the body: a string, or a file region. Returns the
// body bytes sent through *sent; false when the connection cannot go on.
template <class Stream>
bool writeResponse(Stream& stream, SocketHandle rawSocket, Response& response, bool headRequest,
                   bool keepAlive, ConnectionState& state, uint64_t* sent) {
    constexpr bool plain = std::is_same_v<Stream, asio::ip::tcp::socket>;
    bhttp::response<bhttp::empty_body> head{bhttp::int_to_status(response.status) ==
                                                    bhttp::status::unknown
                                                ? bhttp::status::internal_server_error
                                                : bhttp::status(response.status),
                                            11};
    head.set(bhttp::field::server, "ferryd");
    head.set("Docker-Distribution-API-Version", "registry/2.0");
    for (const auto& [name, value] : response.headers)
        head.insert(name, value);
    const uint64_t length = response.file.isOpen()     ? response.fileLength
                            : response.announcedLength ? *response.announcedLength
                                                       : response.body.size();
    if (response.stream)
        keepAlive = false; // the body ends when the connection does
    else if (!isBodyless(response.status))
        head.content_length(length);
    head.keep_alive(keepAlive);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    beast::error_code ec;
    state.touch();
    bhttp::write_header(stream, serializer, ec);
    if (ec)
        return false;
    if (headRequest || isBodyless(response.status) || response.announcedLength)
        return true;
    if (response.stream) {
        StreamWriter<Stream> writer(stream, state);
        response.stream(writer);
        *sent += writer.written();
        return false;
    }
    if (!response.body.empty()) {
        asio::write(stream, asio::buffer(response.body), ec);
        *sent += response.body.size();
        return !ec;
    }
    if (!response.file.isOpen())
        return true;
    if constexpr (plain) {
        if (!sendFileRegion(rawSocket, response.file, response.fileOffset, response.fileLength,
                            state))
            return false;
        *sent += response.fileLength;
        return true;
    }
    uint64_t offset = response.fileOffset;
    uint64_t remaining = response.fileLength;
    std::vector<char> chunk(256 * 1024);
    while (remaining > 0) {
        size_t got = 0;
        if (response.file.readAt(chunk.data(), std::min<uint64_t>(remaining, chunk.size()), offset,
                                 &got) != 0 ||
            got == 0)
            return false;
        state.touch();
        asio::write(stream, asio::buffer(chunk.data(), got), ec);
        if (ec)
            return false;
        *sent += got;
        offset += got;
        remaining -= got;
    }
    return true;
}

} // namespace ferry::http::detail
