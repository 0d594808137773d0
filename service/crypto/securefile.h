#pragma once

// Writes key and certificate files so that a crash or power loss leaves either
// the old file or the complete new one, never a truncated key, and so that a
// private key is never readable by others, not even for a moment.

#include "platform/file.h"
#include "result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace ferry::crypto {

// Temp file in the same directory (private, then given `permissions`:
// 0600 or 0644), write, fsync, rename over `path`, then fsync the directory
// so the rename is durable (platform/file.h says what Windows does).
Status writeFileAtomically(const std::filesystem::path& path, std::string_view contents,
                           platform::Permissions permissions);

Result<std::string> readWholeFile(const std::filesystem::path& path, std::size_t maxBytes);

} // namespace ferry::crypto
