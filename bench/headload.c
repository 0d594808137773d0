/* headload: a tiny keep-alive HTTP/1.1 HEAD load generator for bench/.
 *
 * usage: headload PORT PATH CONNS TOTAL TIMEOUT_S [ACCEPT]
 * Opens CONNS keep-alive connections to 127.0.0.1:PORT and sends exactly TOTAL
 * HEAD requests for PATH between them (one in flight per connection, no
 * pipelining), stopping early after TIMEOUT_S seconds. Prints
 * "ok=N bad=M seconds=S rps=R" where rps counts only 200 answers.
 * (wrk cannot do this: it waits for a body after a HEAD answer with a
 * non-zero Content-Length.)
 * When the environment variable HEADLOAD_AUTH is set and not empty, every
 * request also carries "Authorization: <its value>" (e.g. "Bearer eyJ..."):
 * taken from the environment, not argv, so credentials do not show in ps.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXC 64

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr*)&a, sizeof a) < 0) {
        perror("connect");
        exit(2);
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

int main(int argc, char** argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: headload PORT PATH CONNS TOTAL TIMEOUT_S [ACCEPT]\n");
        return 2;
    }
    int port = atoi(argv[1]), conns = atoi(argv[3]);
    long total = atol(argv[4]);
    double timeout = atof(argv[5]);
    const char* accept = argc > 6 ? argv[6] : "*/*";
    if (conns < 1 || conns > MAXC)
        conns = MAXC;

    const char* auth = getenv("HEADLOAD_AUTH");
    char authline[4096] = "";
    if (auth && *auth) {
        if (strpbrk(auth, "\r\n") || snprintf(authline, sizeof authline, "Authorization: %s\r\n",
                                              auth) >= (int)sizeof authline) {
            fprintf(stderr, "headload: HEADLOAD_AUTH too long or holds a line break\n");
            return 2;
        }
    }
    char req[8192];
    int reqlen =
        snprintf(req, sizeof req, "HEAD %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: %s\r\n%s\r\n",
                 argv[2], port, accept, authline);
    if (reqlen >= (int)sizeof req) {
        fprintf(stderr, "headload: request too long\n");
        return 2;
    }

    struct pollfd pfd[MAXC];
    char buf[MAXC][8192];
    size_t have[MAXC];
    long sent = 0, ok = 0, bad = 0;
    int active = 0;
    double t0 = now(), deadline = t0 + timeout;

    for (int i = 0; i < conns && sent < total; i++, sent++, active++) {
        pfd[i].fd = connect_to(port);
        pfd[i].events = POLLIN;
        have[i] = 0;
        if (write(pfd[i].fd, req, reqlen) != reqlen) {
            perror("write");
            return 2;
        }
    }
    for (int i = active; i < conns; i++)
        pfd[i].fd = -1;

    while (active > 0 && now() < deadline) {
        int n = poll(pfd, conns, 1000);
        if (n < 0 && errno != EINTR) {
            perror("poll");
            return 2;
        }
        for (int i = 0; i < conns && n > 0; i++) {
            if (pfd[i].fd < 0 || !pfd[i].revents)
                continue;
            ssize_t r = read(pfd[i].fd, buf[i] + have[i], sizeof buf[i] - 1 - have[i]);
            if (r <= 0) {
                fprintf(stderr, "headload: connection %d closed by server\n", i);
                return 1;
            }
            have[i] += r;
            buf[i][have[i]] = 0;
            if (!strstr(buf[i], "\r\n\r\n"))
                continue; /* answer incomplete */
            if (strncmp(buf[i], "HTTP/1.1 200", 12) == 0)
                ok++;
            else
                bad++;
            have[i] = 0;
            if (sent < total) {
                sent++;
                if (write(pfd[i].fd, req, reqlen) != reqlen) {
                    perror("write");
                    return 2;
                }
            } else {
                close(pfd[i].fd);
                pfd[i].fd = -1;
                active--;
            }
        }
    }
    double secs = now() - t0;
    printf("ok=%ld bad=%ld seconds=%.3f rps=%.0f\n", ok, bad, secs, ok / secs);
    return (bad || ok + bad < total) ? 1 : 0;
}
