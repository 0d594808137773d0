#include "platform/socket.h"

#include <poll.h>
#include <sys/socket.h>

namespace ferry::platform {

bool waitReadable(NativeSocket socket, int timeoutMs) {
    pollfd ready{socket, POLLIN, 0};
    return ::poll(&ready, 1, timeoutMs) > 0;
}

bool waitWritable(NativeSocket socket, int timeoutMs) {
    pollfd writable{socket, POLLOUT, 0};
    return ::poll(&writable, 1, timeoutMs) > 0;
}

void shutdownBoth(NativeSocket socket) {
    ::shutdown(socket, SHUT_RDWR);
}

} // namespace ferry::platform
