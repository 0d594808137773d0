// Sending a blob's bytes on a plain TCP connection (the TLS path copies
// through OpenSSL instead, see writeResponse).
#include "http/beastexchange.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#if defined(__linux__)
#include <sys/sendfile.h>
#endif
#include <unistd.h>
#include <vector>

// Linux's flag; elsewhere SIGPIPE is ignored process-wide (ferryd's main).
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

namespace ferry::http {

// Waits until a non-blocking socket (Asio keeps its sockets non-blocking)
// can take more; the watchdog's shutdown() on a stalled client wakes it.
static void waitWritable(int socketFd) {
    pollfd writable{socketFd, POLLOUT, 0};
    ::poll(&writable, 1, 1000);
}

// To a client on this machine, copying through a buffer beats sendfile: the
// receiving process then copies bytes the kernel just wrote (hot in the
// shared cache) instead of cold page-cache pages. With sendfile, curl spent
// about 40% more CPU receiving the same 256 MiB from ferryd than from
// distribution (which writes from user memory), and on two cores the
// receiver is what limits a local transfer. Over a network, the card reads
// the pages itself, and sendfile's zero copies win.
static bool copyFileRegion(int socketFd, int fileFd, off_t position, uint64_t remaining,
                           ConnectionState& state) {
    constexpr size_t kCopyChunk = 256 * 1024;
    std::vector<char> buffer(std::min<uint64_t>(remaining, kCopyChunk));
    while (remaining > 0) {
        const ssize_t got =
            ::pread(fileFd, buffer.data(), std::min<uint64_t>(remaining, buffer.size()), position);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        for (ssize_t done = 0; done < got;) {
            const ssize_t n =
                ::send(socketFd, buffer.data() + done, size_t(got - done), MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                waitWritable(socketFd);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            done += n;
            state.touch(); // progress: the client is reading
        }
        position += got;
        remaining -= uint64_t(got);
    }
    return true;
}

bool detail::sendFileRegion(int socketFd, int fileFd, uint64_t offset, uint64_t length,
                            ConnectionState& state) {
    off_t position = off_t(offset);
#if !defined(__linux__)
    // Other systems' sendfile differ in shape (macOS, FreeBSD): the copy
    // through a buffer is the portable path.
    return copyFileRegion(socketFd, fileFd, position, length, state);
#else
    if (state.localPeer)
        return copyFileRegion(socketFd, fileFd, position, length, state);
    uint64_t remaining = length;
    while (remaining > 0) {
        const ssize_t sent =
            ::sendfile(socketFd, fileFd, &position, size_t(std::min<uint64_t>(remaining, 1 << 30)));
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            waitWritable(socketFd);
            continue;
        }
        if (sent <= 0)
            return false;
        state.touch(); // progress: the client is reading
        remaining -= uint64_t(sent);
    }
    return true;
#endif
}

} // namespace ferry::http
