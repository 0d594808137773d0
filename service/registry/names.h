#pragma once
// The OCI Distribution grammar for repository names and references, checked
// by hand on the hot path (no regex): spec section "Pulling manifests".

#include <string_view>

namespace ferry::oci {

// <name>: path components [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)* joined by '/',
// at most 255 characters. This also rules out "..", absolute paths and
// empty components, so a name can never escape the data folder.
bool isValidRepositoryName(std::string_view name);
// <reference> as a tag: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}
bool isValidTag(std::string_view tag);

} // namespace ferry::oci
