// Blob reads and deletes (OCI "Pulling blobs", "Deleting blobs").
#include "registry/registry.h"

#include "registry/byteranges.h"

namespace ferry::oci {

http::Response Registry::getBlob(http::Exchange& exchange, const Route& route, bool headOnly) {
    // A malformed digest names no blob: 404, like any other unknown blob.
    const auto digest = Digest::parse(route.reference);
    if (!digest)
        return error(ErrorCode::BlobUnknown,
                     "blob unknown to repository '" + route.repository + "'");
    const auto size = m_metadata.linkedBlobSize(route.repository, route.reference);
    if (!size)
        return error(ErrorCode::BlobUnknown,
                     "blob unknown to repository '" + route.repository + "'");
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
            http::Response refused =
                error(ErrorCode::BlobUnknown, "requested range not satisfiable", 416);
            refused.header("Content-Range", "bytes */" + std::to_string(total));
            return refused;
        }
        first = range->first;
        length = range->last - range->first + 1;
        response.status = 206;
        response.header("Content-Range", "bytes " + std::to_string(range->first) + "-" +
                                             std::to_string(range->last) + "/" +
                                             std::to_string(total));
    }
    if (headOnly) {
        response.announcedLength = length;
        return response;
    }
    response.file = m_blobs.openForReading(*digest);
    if (!response.file.isOpen())
        return error(ErrorCode::BlobUnknown, "blob content is missing");
    response.fileOffset = first;
    response.fileLength = length;
    return response;
}

http::Response Registry::deleteBlob(const Route& route) {
    if (!Digest::parse(route.reference) ||
        !m_metadata.unlinkBlob(route.repository, route.reference))
        return error(ErrorCode::BlobUnknown,
                     "blob unknown to repository '" + route.repository + "'");
    // The bytes stay until garbage collection finds no manifest using them.
    http::Response accepted;
    accepted.status = 202;
    return accepted;
}

} // namespace ferry::oci
