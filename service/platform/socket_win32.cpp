#include "platform/socket.h"

// winsock2.h before anything that pulls in windows.h, which would bring the
// old winsock.h with it.
#include <winsock2.h>

#include <windows.h> // CancelIoEx

namespace ferry::platform {

// WSAPoll is Winsock's poll(): the same pollfd and POLLIN; a closed or reset
// peer sets POLLHUP or POLLERR, which also counts as readable here, as it
// does for poll() on POSIX.
bool waitReadable(NativeSocket socket, int timeoutMs) {
    WSAPOLLFD ready{};
    ready.fd = SOCKET(socket);
    ready.events = POLLRDNORM;
    return ::WSAPoll(&ready, 1, timeoutMs) > 0;
}

bool waitWritable(NativeSocket socket, int timeoutMs) {
    WSAPOLLFD writable{};
    writable.fd = SOCKET(socket);
    writable.events = POLLWRNORM;
    return ::WSAPoll(&writable, 1, timeoutMs) > 0;
}

// Unlike POSIX, Winsock's shutdown() does not end a receive another thread
// is blocked in (Wine showed it: the driver's blocked read never returned).
// A blocking call on a socket is an overlapped operation Winsock waits on,
// and CancelIoEx ends every operation pending on the handle, whichever
// thread issued it; the blocked call then fails (WSA_OPERATION_ABORTED) and
// later ones see the shutdown.
std::optional<uint64_t> raiseDescriptorLimit() {
    return std::nullopt; // no such limit (socket.h)
}

void shutdownBoth(NativeSocket socket) {
    ::shutdown(SOCKET(socket), SD_BOTH);
    ::CancelIoEx(reinterpret_cast<HANDLE>(socket), nullptr);
}

} // namespace ferry::platform
