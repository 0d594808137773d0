#include "ossl.h"

#include <openssl/err.h>

namespace ferry::crypto::detail {

Error opensslError(std::string_view what) {
    std::string message(what);
    const unsigned long code = ERR_get_error();
    if (code != 0) {
        char reason[256] = {};
        ERR_error_string_n(code, reason, sizeof reason);
        message += ": ";
        message += reason;
    }
    ERR_clear_error();
    return Error{std::move(message)};
}

void clearOpensslErrors() {
    ERR_clear_error();
}

std::string bioContents(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    if (length <= 0 || data == nullptr)
        return {};
    return std::string(data, static_cast<std::size_t>(length));
}

} // namespace ferry::crypto::detail
