// Response is move-only because it may own an open file (a blob being served).
#include "http/exchange.h"

#include <boost/beast/core/string.hpp>
#include <unistd.h>

namespace ferry::http {

Response::Response(Response&& other) noexcept
    : status(other.status)
    , headers(std::move(other.headers))
    , body(std::move(other.body))
    , fileDescriptor(std::exchange(other.fileDescriptor, -1))
    , fileOffset(other.fileOffset)
    , fileLength(other.fileLength)
    , announcedLength(other.announcedLength)
    , close(other.close)
    , stream(std::move(other.stream)) {}

Response& Response::operator=(Response&& other) noexcept {
    if (this != &other) {
        if (fileDescriptor >= 0)
            ::close(fileDescriptor);
        status = other.status;
        headers = std::move(other.headers);
        body = std::move(other.body);
        fileDescriptor = std::exchange(other.fileDescriptor, -1);
        fileOffset = other.fileOffset;
        fileLength = other.fileLength;
        announcedLength = other.announcedLength;
        close = other.close;
        stream = std::move(other.stream);
    }
    return *this;
}

Response::~Response() {
    if (fileDescriptor >= 0)
        ::close(fileDescriptor);
}

std::string_view Response::headerValue(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (boost::beast::iequals(key, name))
            return value;
    return {};
}

} // namespace ferry::http
