#include "platform/socket.h"

#include <poll.h>
#include <sys/resource.h>
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

std::optional<uint64_t> raiseDescriptorLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return std::nullopt;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur == RLIM_INFINITY)
        return std::nullopt;
    return uint64_t(limit.rlim_cur);
}

void shutdownBoth(NativeSocket socket) {
    ::shutdown(socket, SHUT_RDWR);
}

} // namespace ferry::platform
