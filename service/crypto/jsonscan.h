#pragma once

// Internal to service/crypto: a strict RFC 8259 reader just deep enough for
// JOSE headers and claim sets (a flat object of members). The crypto layer
// stays free of Qt; a full JSON library would be overkill for reading "alg",
// "kid", "exp" and "nbf".

#include "result.h"

#include <string>
#include <string_view>
#include <vector>

namespace ferry::crypto::detail {

enum class JsonKind { String, Number, Object, Array, True, False, Null };

struct JsonMember {
    std::string name; // unescaped
    JsonKind kind;
    std::string_view raw;    // the value's exact text in the input
    std::string stringValue; // unescaped, for kind == String
};

// The input must be one JSON object (surrounding whitespace allowed). Fails on
// invalid JSON, duplicate member names (RFC 7515 §4 requires rejecting them
// in a JOSE header) and nesting deeper than 64 levels.
Result<std::vector<JsonMember>> scanTopLevelObject(std::string_view json);

const JsonMember* findMember(const std::vector<JsonMember>& members, std::string_view name);

} // namespace ferry::crypto::detail
