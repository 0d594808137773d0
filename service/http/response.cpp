// Response is move-only because it may own an open file (a blob being served).
#include "http/exchange.h"

#include <boost/beast/core/string.hpp>

namespace ferry::http {

Response::Response(Response&& other) noexcept = default;
Response& Response::operator=(Response&& other) noexcept = default;
Response::~Response() = default;

std::string_view Response::headerValue(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (boost::beast::iequals(key, name))
            return value;
    return {};
}

} // namespace ferry::http
