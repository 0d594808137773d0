// One client cannot lock the others out (issue 10, "connection exhaustion"):
// 2,000 half-open requests from 127.0.0.2 (a head that never ends) take at
// most their address's share of connections, hold no request threads, and a
// request from 127.0.0.1 is still answered. The extra connections from
// 127.0.0.2 are refused with 429, and once it lets go, it is served again.
// How fast 127.0.0.1 is served meanwhile is measured in
// bench/connection-bench.sh, not here (no timed tests).

#include "ferrydprocess.h"

#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int kHalfOpen = 2000;
constexpr int kPerAddressCap = 256; // ferryd's default --max-connections-per-address

// A TCP connection from `source` to ferryd; -1 on failure.
int connectFrom(const char* source, quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    timeval timeout{20, 0}; // a broken server fails the test instead of hanging it
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool sendAll(int fd, const QByteArray& bytes) {
    return ::send(fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
}

// Everything the server sends until it closes (or the receive timeout).
QByteArray readReply(int fd) {
    QByteArray reply;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return reply;
        reply.append(buffer, int(n));
    }
}

// A whole GET /v2/ from `source`, answered with the connection closed after.
QByteArray requestFrom(const char* source, quint16 port) {
    const int fd = connectFrom(source, port);
    if (fd < 0)
        return {};
    sendAll(fd, "GET /v2/ HTTP/1.1\r\nHost: ferry\r\nConnection: close\r\n\r\n");
    QByteArray reply = readReply(fd);
    ::close(fd);
    return reply;
}

} // namespace

class ConnectionLimitsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // 2,000 sockets need more than Debian's default 1,024 descriptors.
        rlimit limit{};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
        if (limit.rlim_cur < limit.rlim_max) {
            limit.rlim_cur = limit.rlim_max;
            QVERIFY(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
        }
        QVERIFY2(limit.rlim_cur > kHalfOpen + 200,
                 "the hard descriptor limit is too low for this test");
        QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
        m_port = quint16(m_ferryd.baseUrl().port());
    }

    void halfOpenFloodFromOneAddressLeavesOthersServed() {
        std::vector<int> flood;
        for (int i = 0; i < kHalfOpen; ++i) {
            const int fd = connectFrom("127.0.0.2", m_port);
            QVERIFY2(fd >= 0,
                     qPrintable(QStringLiteral("connect %1 from 127.0.0.2: %2").arg(i).arg(errno)));
            flood.push_back(fd);
            // A request head that never ends.
            QVERIFY(sendAll(fd, "GET /v2/ HTTP/1.1\r\nHost: ferry\r\nX-Slow: "));
        }

        const QByteArray reply = requestFrom("127.0.0.1", m_port);
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.left(200).constData());

        // The flood's own connections: beyond its share, refused with 429 and
        // closed; within it, still open and waiting (nothing to read yet).
        int refused = 0;
        int waiting = 0;
        for (int fd : flood) {
            pollfd ready{fd, POLLIN, 0};
            if (::poll(&ready, 1, 0) == 0) {
                ++waiting;
                continue;
            }
            if (readReply(fd).startsWith("HTTP/1.1 429"))
                ++refused;
        }
        QCOMPARE(waiting, kPerAddressCap);
        QCOMPARE(refused, kHalfOpen - kPerAddressCap);

        // A request from the flooding address itself while its share is used
        // up is refused too, not queued forever.
        QVERIFY(requestFrom("127.0.0.2", m_port).startsWith("HTTP/1.1 429"));

        for (int fd : flood)
            ::close(fd);
        // Once it lets go, the address is served again (the count is given
        // back as ferryd notices the closes; allow it a moment).
        QByteArray again;
        for (int attempt = 0; attempt < 50 && !again.startsWith("HTTP/1.1 200"); ++attempt) {
            if (attempt > 0)
                QTest::qWait(100);
            again = requestFrom("127.0.0.2", m_port);
        }
        QVERIFY2(again.startsWith("HTTP/1.1 200"), again.left(200).constData());
        QVERIFY(requestFrom("127.0.0.1", m_port).startsWith("HTTP/1.1 200"));
    }

    void cleanupTestCase() { m_ferryd.stop(); }

private:
    FerrydProcess m_ferryd;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(ConnectionLimitsTest)
#include "tst_connection_limits.moc"
