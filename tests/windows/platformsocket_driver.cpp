// The behaviour of ferryd's socket calls (service/platform/socket.h), checked
// the same way on each implementation: built natively as the CTest test
// windows/platformsocket (socket_posix.cpp), and with MinGW-w64 by
// scripts/check-windows.sh, which runs the .exe under Wine (socket_win32.cpp).
// A real loopback TCP connection; standard C++ only (drivercheck.h): every failed
// check prints a line, and the exit code is non-zero when one failed.
#include "drivercheck.h"
#include "platform/socket.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#if defined(_WIN32)
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace ferry::platform;

namespace {

#if defined(_WIN32)
constexpr NativeSocket kNoSocket = NativeSocket(INVALID_SOCKET);
void closeSocket(NativeSocket s) {
    ::closesocket(SOCKET(s));
}
void makeNonBlocking(NativeSocket s) {
    u_long on = 1;
    ::ioctlsocket(SOCKET(s), FIONBIO, &on);
}
#else
constexpr NativeSocket kNoSocket = -1;
void closeSocket(NativeSocket s) {
    ::close(s);
}
void makeNonBlocking(NativeSocket s) {
    ::fcntl(s, F_SETFL, ::fcntl(s, F_GETFL) | O_NONBLOCK);
}
#endif

// A send on a shut-down socket must fail, not raise SIGPIPE (Linux).
#if defined(MSG_NOSIGNAL)
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0;
#endif

long sendText(NativeSocket s, const char* text) {
    return long(::send(s, text, int(std::strlen(text)), kSendFlags));
}

long receive(NativeSocket s, char* buffer, size_t size) {
    return long(::recv(s, buffer, int(size), 0));
}

// A connected pair on 127.0.0.1: what the client writes, the server reads.
struct Connection {
    NativeSocket client = kNoSocket;
    NativeSocket server = kNoSocket;
    ~Connection() {
        if (client != kNoSocket)
            closeSocket(client);
        if (server != kNoSocket)
            closeSocket(server);
    }
};

bool connectPair(Connection* pair) {
    const NativeSocket listener = NativeSocket(::socket(AF_INET, SOCK_STREAM, 0));
    if (listener == kNoSocket)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    bool ok = ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
              ::listen(listener, 1) == 0 &&
              ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    if (ok) {
        pair->client = NativeSocket(::socket(AF_INET, SOCK_STREAM, 0));
        ok = pair->client != kNoSocket &&
             ::connect(pair->client, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    if (ok) {
        pair->server = NativeSocket(::accept(listener, nullptr, nullptr));
        ok = pair->server != kNoSocket;
    }
    closeSocket(listener);
    return ok;
}

long elapsedMs(std::chrono::steady_clock::time_point since) {
    return long(std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - since)
                    .count());
}

// waitReadable: false while nothing has arrived (after the timeout, not
// before), true once bytes wait, and true when the peer has closed.
void readiness() {
    Connection pair;
    if (!connectPair(&pair)) {
        check(false, "a loopback connection");
        return;
    }
    auto started = std::chrono::steady_clock::now();
    check(!waitReadable(pair.server, 200), "nothing sent: not readable");
    check(elapsedMs(started) >= 150,
          "the wait lasted its timeout (" + std::to_string(elapsedMs(started)) + " ms)");

    check(sendText(pair.client, "GET") == 3, "send 3 bytes");
    check(waitReadable(pair.server, 2000), "bytes sent: readable");
    char buffer[16];
    check(receive(pair.server, buffer, sizeof buffer) == 3, "read the 3 bytes");
    check(!waitReadable(pair.server, 50), "all read: not readable again");

    check(waitWritable(pair.server, 1000), "an empty send buffer: writable");

    closeSocket(pair.client);
    pair.client = kNoSocket;
    check(waitReadable(pair.server, 2000), "peer closed: readable");
    check(receive(pair.server, buffer, sizeof buffer) == 0, "peer closed: end of stream");
}

// waitWritable: false once the peer stops reading and the buffers fill.
void backPressure() {
    Connection pair;
    if (!connectPair(&pair)) {
        check(false, "a loopback connection");
        return;
    }
    makeNonBlocking(pair.server);
    std::string chunk(64 * 1024, 'x');
    long total = 0;
    for (int i = 0; i < 4096; ++i) { // at most 256 MiB; loopback buffers are a few MiB
        const long n = long(::send(pair.server, chunk.data(), int(chunk.size()), kSendFlags));
        if (n <= 0)
            break;
        total += n;
    }
    check(total > 0, "sent until the buffers were full");
    check(!waitWritable(pair.server, 200), "the peer reads nothing: not writable");
}

// shutdownBoth from another thread wakes a thread blocked reading the same
// socket (the server's watchdog ending a stalled connection), and the peer
// sees end of stream. The descriptor stays open until its owner closes it.
void shutdownWakesReader() {
    Connection pair;
    if (!connectPair(&pair)) {
        check(false, "a loopback connection");
        return;
    }
    long got = -99;
    const auto started = std::chrono::steady_clock::now();
    std::thread reader([&] {
        char buffer[16];
        got = receive(pair.server, buffer, sizeof buffer);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    shutdownBoth(pair.server);
    reader.join();
    // POSIX reports end of stream; Windows fails the cancelled receive.
    check(got <= 0, "shut down: the blocked read returned (got " + std::to_string(got) + ")");
    check(elapsedMs(started) < 5000, "shut down: the blocked read woke at once");
    char buffer[16];
    check(receive(pair.client, buffer, sizeof buffer) == 0, "shut down: the peer sees the end");
    check(long(::send(pair.server, "x", 1, kSendFlags)) < 0, "shut down: a later send fails");
}

// raiseDescriptorLimit: POSIX raises the soft limit to the hard one and
// says so; Windows has no limit to report.
void descriptorLimit() {
    const auto limit = raiseDescriptorLimit();
#if defined(_WIN32)
    check(!limit, "Windows: no descriptor limit");
#else
    rlimit now{};
    check(::getrlimit(RLIMIT_NOFILE, &now) == 0, "getrlimit");
    check(now.rlim_cur == now.rlim_max, "the soft limit is raised to the hard one");
    check(now.rlim_cur == RLIM_INFINITY ? !limit : limit && *limit == uint64_t(now.rlim_cur),
          "the limit reported is the one in force");
#endif
    check(raiseDescriptorLimit() == limit, "raising again changes nothing");
}

} // namespace

int main() {
    std::setvbuf(stdout, nullptr, _IONBF, 0); // each line as it happens, if a check hangs
#if defined(_WIN32)
    WSADATA data;
    if (::WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        std::printf("FAILED: WSAStartup\n");
        return 1;
    }
#endif
    std::printf("readiness\n");
    readiness();
    std::printf("back pressure\n");
    backPressure();
    std::printf("shutdown wakes a reader\n");
    shutdownWakesReader();
    std::printf("descriptor limit\n");
    descriptorLimit();
#if defined(_WIN32)
    ::WSACleanup();
#endif
    std::printf("platform socket checks: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
