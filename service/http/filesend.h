#pragma once
// Sending a blob's bytes on a plain TCP connection (filesend.cpp). Apart
// from beastexchange.h so that it needs neither Boost nor OpenSSL:
// scripts/check-windows.sh compiles it with MinGW-w64.

#include "http/connectionstate.h"
#include "platform/file.h"
#include "platform/socket.h"

#include <cstdint>

namespace ferry::http::detail {

using SocketHandle = platform::NativeSocket;

// Sends a file region on a plain, non-blocking socket; false when the client
// went away.
bool sendFileRegion(SocketHandle socket, const platform::File& file, uint64_t offset,
                    uint64_t length, ConnectionState& state);

} // namespace ferry::http::detail
