// A whole HTTP request through the real request handling: a real ferryd
// (access control on, a temp data folder) runs in this process, and each
// input is written as raw bytes to a fresh loopback connection, then read
// until the server closes it. Whatever the bytes, ferryd must not crash,
// leak, hang or hit undefined behaviour; the seeds in corpus/http_request
// cover the registry, the token endpoint, the management API and the gateway.
#include "core/log.h"
#include "daemon.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

// libFuzzer checks -timeout with SIGALRM (setitimer), which may land on this
// thread in the middle of a system call: EINTR is not an answer, so retry.
template <class Call> auto retryOnSignal(Call call) {
    for (;;) {
        const auto result = call();
        if (result >= 0 || errno != EINTR)
            return result;
    }
}

// A connect interrupted by a signal goes on in the background (connect(2));
// it has finished when the socket is writable with no pending error.
bool connectFinished(int fd) {
    pollfd writable{fd, POLLOUT, 0};
    if (retryOnSignal([&] { return ::poll(&writable, 1, 20000); }) <= 0)
        return false;
    int error = 0;
    socklen_t length = sizeof error;
    return ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
}

uint16_t startFerryd() {
    char folder[] = "/tmp/ferry-fuzz-http-XXXXXX";
    if (!::mkdtemp(folder))
        std::abort();
    // Known to the seeds (Basic YWRtaW46ZnV6ei1hZG1pbi1wYXNzd29yZA==).
    ::setenv("FERRY_ADMIN_PASSWORD", "fuzz-admin-password", 1);
    ferry::log::setLevel(ferry::log::Level::Error);
    ferry::DaemonOptions options;
    options.dataDirectory = folder;
    options.server.host = "127.0.0.1";
    options.server.port = 0;
    options.server.idleTimeoutSeconds = 2;
    options.gcIntervalSeconds = 86400;
    auto* daemon = new ferry::Daemon(options); // lives as long as the process
    if (auto failure = daemon->start())
        std::abort();
    std::thread([daemon] { daemon->run(); }).detach();
    const std::string url = daemon->localUrl();
    return uint16_t(std::stoi(url.substr(url.rfind(':') + 1)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const uint16_t port = startFerryd();
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        std::abort();
    // Each input comes from its own loopback address (127.0.0.0/8 is all
    // local): the sign-in throttle counts failures per address, and one
    // address would soon wait its full 8 s before every mutated admin
    // password, which libFuzzer's -timeout rightly calls a hang. The
    // throttle itself is tested in tst_auth_abuse.
    static uint32_t nextClient = 0;
    sockaddr_in client{};
    client.sin_family = AF_INET;
    client.sin_addr.s_addr = htonl(0x7F000000u | (1 + nextClient++ % 0xFFFFFEu));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&client), sizeof client) != 0)
        std::abort();
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
        !(errno == EINTR && connectFinished(fd)))
        std::abort(); // ferryd stopped accepting: that is a finding too
    size_t written = 0;
    while (written < size) {
        const ssize_t n =
            retryOnSignal([&] { return ::send(fd, data + written, size - written, MSG_NOSIGNAL); });
        if (n <= 0)
            break; // the server may close early on garbage
        written += size_t(n);
    }
    ::shutdown(fd, SHUT_WR);
    char buffer[16384];
    for (;;) {
        pollfd readable{fd, POLLIN, 0};
        // The server closes after its answer (the peer half-closed) or after
        // the idle timeout; 20 s without either is a hang (libFuzzer's
        // -timeout usually says so first). One scrypt check under ASan on a
        // busy machine can take seconds.
        if (retryOnSignal([&] { return ::poll(&readable, 1, 20000); }) <= 0)
            std::abort();
        if (retryOnSignal([&] { return ::recv(fd, buffer, sizeof buffer, 0); }) <= 0)
            break;
    }
    ::close(fd);
    return 0;
}
