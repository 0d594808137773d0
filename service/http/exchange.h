#pragma once
// One HTTP request/response exchange as the registry's handlers see it: the
// request head, a pull-style reader for the (possibly huge, possibly chunked)
// body, and a Response value that the connection writes back. Handlers never
// touch sockets, TLS or the parser, and never hold a whole blob in memory.

#include "platform/file.h"

#include <boost/beast/http/verb.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ferry::http {

using Verb = boost::beast::http::verb;

// Writes a long-lived response body piece by piece (Server-Sent Events).
class BodyWriter {
public:
    virtual ~BodyWriter() = default;
    // False once the client is gone; the stream should end then.
    virtual bool write(std::string_view bytes) = 0;
    // True when the server is shutting down; the stream should end then.
    virtual bool stopping() const = 0;
};

struct Response {
    unsigned status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // A file to stream after the head (blob GET), owned by the response and
    // closed with it.
    platform::File file;
    uint64_t fileOffset = 0;
    uint64_t fileLength = 0;
    // Content-Length to announce without a body (HEAD).
    std::optional<uint64_t> announcedLength;
    // Close the connection after this response (e.g. an unread request body).
    bool close = false;
    // A body produced over time: the head goes out without a length, then
    // this runs until it returns, then the connection closes.
    std::function<void(BodyWriter&)> stream;

    Response() = default;
    Response(Response&& other) noexcept;
    Response& operator=(Response&& other) noexcept;
    Response(const Response&) = delete;
    Response& operator=(const Response&) = delete;
    ~Response();

    Response& header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    std::string_view headerValue(std::string_view name) const;
};

enum class BodyReadStatus { Data, End, Error, TooLarge };

struct BodyRead {
    BodyReadStatus status;
    size_t size = 0;
    std::string error;
};

class Exchange {
public:
    virtual ~Exchange() = default;
    virtual Verb method() const = 0;
    virtual std::string_view target() const = 0;
    // The value of a request header, empty when absent.
    virtual std::string_view header(std::string_view name) const = 0;
    // Every line of a header that may repeat, joined with ", " (RFC 9110
    // 5.3): docker sends one Accept line per media type it takes.
    virtual std::string headerList(std::string_view name) const {
        return std::string(header(name));
    }
    virtual std::optional<uint64_t> contentLength() const = 0;
    // Reads the next piece of the request body into buffer. Streams chunked
    // and Content-Length bodies alike; Error on a truncated body or timeout.
    virtual BodyRead readBody(char* buffer, size_t capacity) = 0;
    virtual bool bodyComplete() const = 0;
    virtual std::string peerAddress() const = 0;
    virtual bool secure() const = 0;
    // host[:port] as the client addressed us, for absolute URLs.
    virtual std::string_view host() const { return header("Host"); }
};

} // namespace ferry::http
