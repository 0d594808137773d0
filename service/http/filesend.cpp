// Sending a blob's bytes on a plain TCP connection (the TLS path copies
// through OpenSSL instead, see writeResponse).
#include "http/filesend.h"

#include <algorithm>
#include <cerrno>
#include <vector>

#if defined(_WIN32)
#include <winsock2.h>
#else
#include <sys/socket.h>
#if defined(__linux__)
#include <sys/sendfile.h>
#endif
#endif

// Linux's flag; elsewhere SIGPIPE is ignored process-wide (ferryd's main).
#if !defined(_WIN32) && !defined(MSG_NOSIGNAL)
#define MSG_NOSIGNAL 0
#endif

namespace ferry::http {

namespace {

// How long one wait for room in the socket lasts before the loop looks
// again; a stalled client is ended by the watchdog's shutdown(), which also
// wakes the wait.
constexpr int kWritableWaitMs = 1000;

// What one send() did: bytes taken, or one of these.
constexpr long kWouldBlock = -1;
constexpr long kFailed = -2;

#if defined(_WIN32)
// Winsock has no SIGPIPE to suppress and no EINTR to retry.
long sendSome(detail::SocketHandle socket, const char* data, size_t size) {
    const int n = ::send(SOCKET(socket), data, int(std::min<size_t>(size, 1 << 30)), 0);
    if (n > 0)
        return n;
    return n < 0 && ::WSAGetLastError() == WSAEWOULDBLOCK ? kWouldBlock : kFailed;
}
#else
long sendSome(detail::SocketHandle socket, const char* data, size_t size) {
    for (;;) {
        const ssize_t n = ::send(socket, data, size, MSG_NOSIGNAL);
        if (n > 0)
            return long(n);
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? kWouldBlock : kFailed;
    }
}
#endif

// To a client on this machine, copying through a buffer beats sendfile: the
// receiving process then copies bytes the kernel just wrote (hot in the
// shared cache) instead of cold page-cache pages. With sendfile, curl spent
// about 40% more CPU receiving the same 256 MiB from ferryd than from
// distribution (which writes from user memory), and on two cores the
// receiver is what limits a local transfer. Over a network, the card reads
// the pages itself, and sendfile's zero copies win.
//
// It is also the path everywhere but Linux. On Windows, TransmitFile would
// be the zero-copy call, but it takes the region from the file pointer
// (shared by every request reading the handle) and is throttled to two
// concurrent transfers on client editions, so the plain copy is used.
bool copyFileRegion(detail::SocketHandle socket, const platform::File& file, uint64_t position,
                    uint64_t remaining, ConnectionState& state) {
    // The chunk must stay well inside a core's L2 cache together with the
    // socket buffers it is copied into, or the bytes are cold again by the
    // time the receiver copies them out. On an AMD EPYC with 512 KiB of L2
    // per core, one 256 MiB download to curl took (median of 21, alternating
    // builds): 16 KiB 0.174 s, 32 KiB 0.124 s, 64 KiB 0.098 s, 128 KiB
    // 0.118 s, 256 KiB 0.209 s; distribution, 0.145 s. See
    // docs/performance.md, "Download chunk size".
    constexpr size_t kCopyChunk = 64 * 1024;
    std::vector<char> buffer(std::min<uint64_t>(remaining, kCopyChunk));
    while (remaining > 0) {
        size_t got = 0;
        if (file.readAt(buffer.data(), std::min<uint64_t>(remaining, buffer.size()), position,
                        &got) != 0 ||
            got == 0)
            return false;
        for (size_t done = 0; done < got;) {
            const long n = sendSome(socket, buffer.data() + done, got - done);
            if (n == kWouldBlock) {
                platform::waitWritable(socket, kWritableWaitMs);
                continue;
            }
            if (n == kFailed)
                return false;
            done += size_t(n);
            state.touch(); // progress: the client is reading
        }
        position += got;
        remaining -= got;
    }
    return true;
}

} // namespace

bool detail::sendFileRegion(SocketHandle socket, const platform::File& file, uint64_t offset,
                            uint64_t length, ConnectionState& state) {
#if !defined(__linux__)
    // Other systems' sendfile differ in shape (macOS, FreeBSD) or are
    // missing (Windows): the copy through a buffer is the portable path.
    return copyFileRegion(socket, file, offset, length, state);
#else
    if (state.localPeer)
        return copyFileRegion(socket, file, offset, length, state);
    off_t position = off_t(offset);
    uint64_t remaining = length;
    while (remaining > 0) {
        const ssize_t sent = ::sendfile(socket, file.native(), &position,
                                        size_t(std::min<uint64_t>(remaining, 1 << 30)));
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            platform::waitWritable(socket, kWritableWaitMs);
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
