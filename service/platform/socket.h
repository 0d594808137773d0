#pragma once
// The socket calls ferryd's HTTP server makes outside Boost.Asio (on a raw
// descriptor, and the process's limit on descriptors), with a POSIX implementation
// (socket_posix.cpp) and a Winsock one (socket_win32.cpp). Standard C++ only, like file.h, so
// scripts/check-windows.sh builds it with MinGW-w64 and runs its driver
// (tests/windows/platformsocket_driver.cpp) under Wine.
//
// Why raw: ferryd sends blob bytes on the descriptor itself (filesend.cpp),
// and the server's watchdog thread wakes a connection that another
// thread is blocked reading or writing. An asio socket object may not be
// used from two threads at once, but the kernel's shutdown() on the same
// descriptor may, and it leaves the descriptor open for its owner to close.

#include <cstdint>
#include <optional>

namespace ferry::platform {

#if defined(_WIN32)
using NativeSocket = std::uintptr_t; // SOCKET
#else
using NativeSocket = int; // file descriptor
#endif

// Waits up to timeoutMs for the socket to become readable: bytes arrived, or
// the peer closed or reset it, so that a read would not block. False on
// timeout and on error.
bool waitReadable(NativeSocket socket, int timeoutMs);

// Waits up to timeoutMs until a non-blocking socket can take more bytes.
// False on timeout and on error.
bool waitWritable(NativeSocket socket, int timeoutMs);

// Raises the process's limit on open descriptors (files and sockets) as far
// as the system lets it and returns it; none when there is no such limit.
// (Debian's default soft limit of 1,024 is below ferryd's connection
// budget; the hard limit is far above. Windows has no such limit: sockets
// and files are kernel handles bounded only by memory, and the CRT's
// _setmaxstdio applies to FILE* streams, which ferryd does not use.)
std::optional<uint64_t> raiseDescriptorLimit();

// Shuts down both directions: a blocked or later read returns end of
// stream, a write fails, and the peer sees the connection end. The
// descriptor stays open.
void shutdownBoth(NativeSocket socket);

} // namespace ferry::platform
