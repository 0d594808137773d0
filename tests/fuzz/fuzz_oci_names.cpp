// OCI names, references and digests, and the request target and query string
// parsing every /v2/ request goes through.
#include "core/digest.h"
#include "registry/names.h"
#include "registry/route.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ferry::oci::isValidRepositoryName(text);
    ferry::oci::isValidTag(text);
    if (const auto digest = ferry::Digest::parse(text)) {
        // A parsed digest prints back as exactly what was parsed.
        if (digest->toString() != text)
            std::abort();
    }
    ferry::oci::Route route;
    const ferry::oci::Query query(ferry::oci::parseTarget(text, route));
    query.value("digest");
    query.has("mount");
    ferry::oci::percentDecode(text);
    ferry::oci::percentEncode(text);
    return 0;
}
