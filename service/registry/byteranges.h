#pragma once
// The byte-range headers of blob transfers: Range on blob GET (RFC 9110
// section 14.2, one range only) and Content-Range on a chunked upload PATCH
// (the distribution spec's "<start>-<end>", or "bytes a-b/*"). Both take
// bytes straight from the network, so they are fuzzed (tests/fuzz).

#include <cstdint>
#include <optional>
#include <string_view>

namespace ferry::oci {

struct ByteRange {
    uint64_t first = 0;
    uint64_t last = 0;
};

// A single range over a blob of `size` bytes: bytes=a-b, bytes=a-, bytes=-n.
// A multi-range or malformed header yields nullopt with `valid` false;
// unsatisfiable ones too.
std::optional<ByteRange> parseRange(std::string_view header, uint64_t size, bool* valid);

// Content-Range on PATCH; false when malformed or end < start.
bool parseContentRange(std::string_view text, uint64_t* start, uint64_t* end);

} // namespace ferry::oci
