// Blob reads and deletes (OCI "Pulling blobs", "Deleting blobs").
#include "registry/registry.h"

#include <charconv>

namespace ferry::oci {

namespace {

struct ByteRange {
    uint64_t first = 0;
    uint64_t last = 0;
};

// RFC 9110 single ranges: bytes=a-b, bytes=a-, bytes=-n. A multi-range or
// malformed header yields nullopt with `valid` false; unsatisfiable ones too.
std::optional<ByteRange> parseRange(std::string_view header, uint64_t size, bool* valid)
{
    *valid = false;
    if (!header.starts_with("bytes="))
        return std::nullopt;
    header.remove_prefix(6);
    if (header.find(',') != std::string_view::npos)
        return std::nullopt;
    const size_t dash = header.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    auto number = [](std::string_view text, uint64_t* out) {
        if (text.empty())
            return false;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
        return ec == std::errc() && end == text.data() + text.size();
    };
    uint64_t first = 0;
    uint64_t last = 0;
    const std::string_view a = header.substr(0, dash);
    const std::string_view b = header.substr(dash + 1);
    if (a.empty()) {
        uint64_t suffix = 0;
        if (!number(b, &suffix) || suffix == 0 || size == 0)
            return std::nullopt;
        first = suffix >= size ? 0 : size - suffix;
        last = size - 1;
    } else {
        if (!number(a, &first) || (!b.empty() && !number(b, &last)))
            return std::nullopt;
        if (b.empty() || last >= size)
            last = size - 1;
        if (first > last || first >= size)
            return std::nullopt;
    }
    *valid = true;
    return ByteRange{first, last};
}

} // namespace

http::Response Registry::getBlob(http::Exchange& exchange, const Route& route, bool headOnly)
{
    const auto digest = Digest::parse(route.reference);
    if (!digest)
        return error(ErrorCode::DigestInvalid, "invalid digest '" + route.reference + "'");
    const auto size = m_metadata.linkedBlobSize(route.repository, route.reference);
    if (!size)
        return error(ErrorCode::BlobUnknown, "blob unknown to repository '" + route.repository + "'");
    http::Response response;
    response.header("Content-Type", "application/octet-stream");
    response.header("Docker-Content-Digest", route.reference);
    response.header("ETag", "\"" + route.reference + "\"");
    response.header("Accept-Ranges", "bytes");
    response.header("Cache-Control", "max-age=31536000");
    const uint64_t total = uint64_t(*size);
    uint64_t first = 0;
    uint64_t length = total;
    const std::string_view rangeHeader = exchange.header("Range");
    // RFC 9110 section 14.2: a Range in a unit we do not know ("items=0-4")
    // MUST be ignored and the whole blob served, not refused with 416.
    if (rangeHeader.starts_with("bytes=")) {
        bool valid = false;
        const auto range = parseRange(rangeHeader, total, &valid);
        if (!range) {
            http::Response refused = error(ErrorCode::BlobUnknown, "requested range not satisfiable", 416);
            refused.header("Content-Range", "bytes */" + std::to_string(total));
            return refused;
        }
        first = range->first;
        length = range->last - range->first + 1;
        response.status = 206;
        response.header("Content-Range", "bytes " + std::to_string(range->first) + "-" + std::to_string(range->last) +
                                             "/" + std::to_string(total));
    }
    if (headOnly) {
        response.announcedLength = length;
        return response;
    }
    response.fileDescriptor = m_blobs.openForReading(*digest);
    if (response.fileDescriptor < 0)
        return error(ErrorCode::BlobUnknown, "blob content is missing");
    response.fileOffset = first;
    response.fileLength = length;
    return response;
}

http::Response Registry::deleteBlob(const Route& route)
{
    if (!Digest::parse(route.reference))
        return error(ErrorCode::DigestInvalid, "invalid digest '" + route.reference + "'");
    if (!m_metadata.unlinkBlob(route.repository, route.reference))
        return error(ErrorCode::BlobUnknown, "blob unknown to repository '" + route.repository + "'");
    // The bytes stay until garbage collection finds no manifest using them.
    http::Response accepted;
    accepted.status = 202;
    return accepted;
}

} // namespace ferry::oci
