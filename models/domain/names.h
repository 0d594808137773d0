#pragma once
// Validators for every name the domain accepts (DOMAIN.md: connected registry,
// token and scope map properties; OCI distribution spec for repositories, tags
// and digests). Each returns NAME_INVALID-style errors that name the rule.

#include "domain/result.h"

#include <QString>
#include <QStringView>

namespace ferry::names {

inline constexpr int kConnectedRegistryNameMin = 5;
inline constexpr int kConnectedRegistryNameMax = 40;
inline constexpr int kTokenNameMin = 5;
inline constexpr int kTokenNameMax = 50;
inline constexpr int kScopeMapNameMin = 5;
inline constexpr int kScopeMapNameMax = 50;
inline constexpr int kScopeMapDescriptionMax = 256;
inline constexpr int kRepositoryNameMax = 255;
inline constexpr int kTagMax = 128;

// 5-40 characters, letters and digits, starting with a letter.
Status validateConnectedRegistryName(QStringView name);
// 5-50 characters from [A-Za-z0-9-].
Status validateTokenName(QStringView name);
// 5-50 characters from [A-Za-z0-9-_]. Accepts the system-defined names too.
Status validateScopeMapName(QStringView name);
// As validateScopeMapName, and additionally rejects the reserved system-defined
// names (RULE_VIOLATION): users create maps, the service owns the system ones.
Status validateUserScopeMapName(QStringView name);
// At most 256 characters; empty is allowed.
Status validateScopeMapDescription(QStringView description);

// OCI: [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*,
// at most 255 characters. Code REPOSITORY_INVALID.
Status validateRepositoryName(QStringView name);
// OCI: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}. Code TAG_INVALID.
Status validateTag(QStringView tag);
// OCI: algorithm ":" encoded, algorithm [a-z0-9]+([+._-][a-z0-9]+)*, encoded
// [a-zA-Z0-9=_-]+; sha256 needs 64 and sha512 128 lower-case hex digits.
// Code DIGEST_INVALID.
Status validateDigest(QStringView digest);

// DOMAIN.md: names are stored in lower case, and uniqueness ignores case.
QString canonicalName(QStringView name);

} // namespace ferry::names
