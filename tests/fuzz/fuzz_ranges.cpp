// The Range header of blob GETs and the Content-Range header of chunked
// upload PATCHes, with the invariants the handlers rely on.
#include "registry/byteranges.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 8)
        return 0;
    uint64_t blobSize = 0;
    std::memcpy(&blobSize, data, 8);
    blobSize %= (uint64_t(1) << 48); // a plausible blob size, including 0
    const std::string_view header(reinterpret_cast<const char*>(data + 8), size - 8);
    bool valid = false;
    if (const auto range = ferry::oci::parseRange(header, blobSize, &valid)) {
        if (!valid || range->first > range->last || range->last >= blobSize)
            std::abort();
    }
    uint64_t start = 0;
    uint64_t end = 0;
    if (ferry::oci::parseContentRange(header, &start, &end) && end < start)
        std::abort();
    return 0;
}
