#include "registry/ocierror.h"

namespace ferry::oci {

std::string_view codeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::BlobUnknown:
        return "BLOB_UNKNOWN";
    case ErrorCode::BlobUploadInvalid:
        return "BLOB_UPLOAD_INVALID";
    case ErrorCode::BlobUploadUnknown:
        return "BLOB_UPLOAD_UNKNOWN";
    case ErrorCode::DigestInvalid:
        return "DIGEST_INVALID";
    case ErrorCode::ManifestBlobUnknown:
        return "MANIFEST_BLOB_UNKNOWN";
    case ErrorCode::ManifestInvalid:
        return "MANIFEST_INVALID";
    case ErrorCode::ManifestUnknown:
        return "MANIFEST_UNKNOWN";
    case ErrorCode::NameInvalid:
        return "NAME_INVALID";
    case ErrorCode::NameUnknown:
        return "NAME_UNKNOWN";
    case ErrorCode::SizeInvalid:
        return "SIZE_INVALID";
    case ErrorCode::Unauthorized:
        return "UNAUTHORIZED";
    case ErrorCode::Denied:
        return "DENIED";
    case ErrorCode::Unsupported:
        return "UNSUPPORTED";
    case ErrorCode::TooManyRequests:
        return "TOOMANYREQUESTS";
    case ErrorCode::RangeInvalid:
        return "BLOB_UPLOAD_INVALID";
    case ErrorCode::StorageFull:
        return "BLOB_UPLOAD_INVALID";
    case ErrorCode::Unknown:
        return "UNKNOWN";
    }
    return "UNKNOWN";
}

unsigned defaultStatus(ErrorCode code) {
    switch (code) {
    case ErrorCode::BlobUnknown:
    case ErrorCode::BlobUploadUnknown:
    case ErrorCode::ManifestUnknown:
    case ErrorCode::NameUnknown:
        return 404;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::Denied:
        return 403;
    case ErrorCode::Unsupported:
        return 405;
    case ErrorCode::TooManyRequests:
        return 429;
    case ErrorCode::RangeInvalid:
        return 416;
    case ErrorCode::StorageFull:
        return 507;
    case ErrorCode::Unknown:
        return 500;
    default:
        return 400;
    }
}

std::string jsonEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char kHex[] = "0123456789abcdef";
                out += "\\u00";
                out += kHex[(c >> 4) & 15];
                out += kHex[c & 15];
            } else {
                out += c;
            }
        }
    }
    return out;
}

http::Response error(ErrorCode code, std::string_view message, unsigned status) {
    http::Response response;
    response.status = status ? status : defaultStatus(code);
    response.header("Content-Type", "application/json");
    response.body = std::string(R"({"errors":[{"code":")") + std::string(codeName(code)) +
                    R"(","message":")" + jsonEscape(message) + "\",\"detail\":null}]}";
    return response;
}

} // namespace ferry::oci
