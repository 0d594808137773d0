#pragma once
// The OCI Distribution error vocabulary (spec section "Error Codes") and the
// JSON error body every failing /v2/ request answers with.

#include "http/exchange.h"

#include <string>
#include <string_view>

namespace ferry::oci {

enum class ErrorCode {
    BlobUnknown,
    BlobUploadInvalid,
    BlobUploadUnknown,
    DigestInvalid,
    ManifestBlobUnknown,
    ManifestInvalid,
    ManifestUnknown,
    NameInvalid,
    NameUnknown,
    SizeInvalid,
    Unauthorized,
    Denied,
    Unsupported,
    TooManyRequests,
    RangeInvalid, // 416 for an out-of-order chunk; the spec names no code, we reuse
                  // BLOB_UPLOAD_INVALID
    StorageFull,  // 507: the data folder is full; nothing acknowledged is touched
    Unknown,
};

std::string_view codeName(ErrorCode code);
unsigned defaultStatus(ErrorCode code);

http::Response error(ErrorCode code, std::string_view message, unsigned status = 0);

// Escapes text for a JSON string literal.
std::string jsonEscape(std::string_view text);

} // namespace ferry::oci
