// Manifest and index JSON (what a PUT /v2/<name>/manifests/<ref> carries) and
// the strict JSON scanner that reads JOSE headers and claims.
#include "crypto/jsonscan.h"
#include "registry/manifest.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    // The first byte picks the Content-Type the body arrives with.
    static constexpr std::string_view kTypes[] = {
        "",
        "application/json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json"};
    const std::string_view type = kTypes[data[0] % (sizeof kTypes / sizeof kTypes[0])];
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    ferry::oci::parseManifest(body, type);
    if (auto members = ferry::crypto::detail::scanTopLevelObject(body))
        ferry::crypto::detail::findMember(members.value(), "alg");
    return 0;
}
