#pragma once
// Parses and checks a pushed manifest (OCI image manifest and index, Docker
// schema 2 manifest and manifest list) and lists what it references, so the
// PUT can verify every blob and child manifest exists before accepting it.

#include <string>
#include <string_view>
#include <vector>

namespace ferry::oci {

inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kDockerManifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";

struct ParsedManifest {
    std::string mediaType;
    bool isIndex = false;
    std::vector<std::string> blobs;     // config and layers (foreign layers left out)
    std::vector<std::string> manifests; // children of an index
    std::string subject;
    std::string artifactType;
    std::string annotations; // compact JSON object, empty when none
};

struct ManifestCheck {
    bool ok = false;
    std::string error; // for a person: what is wrong with the manifest
    ParsedManifest manifest;
};

ManifestCheck parseManifest(std::string_view body, std::string_view contentType);

} // namespace ferry::oci
