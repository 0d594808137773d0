// A fault-injection shim for ferryd's storage (LD_PRELOAD). It makes the Nth
// matching write, pwrite, fsync, fdatasync, rename, open or ftruncate fail
// with EIO or ENOSPC, or turns a write into a short write, so tests can check
// what ferryd does when the disk misbehaves at any step of a request.
//
// It is driven by a control file named by FERRY_FAULT_CONTROL. While the file
// is absent nothing is injected and nothing is counted. Its content, one line:
//   ops=write,fsync nth=3 error=EIO path=/data/ [repeat]
//     ops    which calls count (write covers write and pwrite; fsync covers
//            fsync and fdatasync; open covers open, open64 and openat)
//     nth    the 1-based matching call that fails
//     error  EIO, ENOSPC or SHORT (a write that stores half of its bytes)
//     path   only calls on files whose path contains this text count
//     repeat every matching call from the Nth on fails, not only the Nth
// A new rule (the file's modification time or size changed) restarts the
// count. Each injected fault appends "op path" to FERRY_FAULT_CONTROL.fired,
// so a test knows whether its N was reached.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum { OP_WRITE = 1, OP_FSYNC = 2, OP_RENAME = 4, OP_OPEN = 8, OP_FTRUNCATE = 16 };
enum { FAIL_EIO, FAIL_ENOSPC, FAIL_SHORT };

struct rule {
    int ops;
    long nth;
    int failure;
    int repeat;
    char path[512];
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rule g_rule;
static int g_active;
static long g_count;
static struct timespec g_loadedTime;
static off_t g_loadedSize = -1;
static __thread int t_inside; // our own file calls must not count

static void* real(const char* name) {
    return dlsym(RTLD_NEXT, name);
}

static void parseRule(const char* text, struct rule* out) {
    memset(out, 0, sizeof *out);
    out->nth = 1;
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", text);
    char* save = NULL;
    for (char* word = strtok_r(copy, " \t\r\n", &save); word;
         word = strtok_r(NULL, " \t\r\n", &save)) {
        if (strncmp(word, "ops=", 4) == 0) {
            const char* list = word + 4;
            if (strstr(list, "write"))
                out->ops |= OP_WRITE;
            if (strstr(list, "fsync") || strstr(list, "fdatasync"))
                out->ops |= OP_FSYNC;
            if (strstr(list, "rename"))
                out->ops |= OP_RENAME;
            if (strstr(list, "open"))
                out->ops |= OP_OPEN;
            if (strstr(list, "ftruncate"))
                out->ops |= OP_FTRUNCATE;
        } else if (strncmp(word, "nth=", 4) == 0) {
            out->nth = atol(word + 4);
        } else if (strcmp(word, "error=ENOSPC") == 0) {
            out->failure = FAIL_ENOSPC;
        } else if (strcmp(word, "error=SHORT") == 0) {
            out->failure = FAIL_SHORT;
        } else if (strcmp(word, "error=EIO") == 0) {
            out->failure = FAIL_EIO;
        } else if (strncmp(word, "path=", 5) == 0) {
            snprintf(out->path, sizeof out->path, "%s", word + 5);
        } else if (strcmp(word, "repeat") == 0) {
            out->repeat = 1;
        }
    }
}

// Reloads the rule when the control file changed; called with g_lock held.
static void refreshRule(void) {
    const char* control = getenv("FERRY_FAULT_CONTROL");
    struct stat info;
    if (!control || stat(control, &info) != 0) {
        g_active = 0;
        g_loadedSize = -1;
        return;
    }
    if (g_loadedSize == info.st_size && g_loadedTime.tv_sec == info.st_mtim.tv_sec &&
        g_loadedTime.tv_nsec == info.st_mtim.tv_nsec)
        return;
    char text[1024] = {0};
    int (*realOpen)(const char*, int, ...) = real("open");
    ssize_t (*realRead)(int, void*, size_t) = real("read");
    const int fd = realOpen(control, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    const ssize_t n = realRead(fd, text, sizeof text - 1);
    close(fd);
    if (n < 0)
        return;
    parseRule(text, &g_rule);
    g_active = g_rule.ops != 0;
    g_count = 0;
    g_loadedTime = info.st_mtim;
    g_loadedSize = info.st_size;
}

static void recordFired(const char* op, const char* path) {
    const char* control = getenv("FERRY_FAULT_CONTROL");
    char firedPath[1024];
    snprintf(firedPath, sizeof firedPath, "%s.fired", control);
    int (*realOpen)(const char*, int, ...) = real("open");
    ssize_t (*realWrite)(int, const void*, size_t) = real("write");
    const int fd = realOpen(firedPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    char line[1200];
    const int length = snprintf(line, sizeof line, "%s %s\n", op, path);
    if (length > 0)
        realWrite(fd, line, (size_t)length < sizeof line ? (size_t)length : sizeof line - 1);
    close(fd);
}

// Decides whether this call fails; returns the failure kind or -1.
static int shouldFail(int op, const char* opName, const char* path) {
    if (t_inside || !getenv("FERRY_FAULT_CONTROL"))
        return -1;
    t_inside = 1;
    int result = -1;
    pthread_mutex_lock(&g_lock);
    refreshRule();
    if (g_active && (g_rule.ops & op) && path && (!g_rule.path[0] || strstr(path, g_rule.path))) {
        ++g_count;
        if (g_count == g_rule.nth || (g_rule.repeat && g_count > g_rule.nth)) {
            result = g_rule.failure;
            recordFired(opName, path);
        }
    }
    pthread_mutex_unlock(&g_lock);
    t_inside = 0;
    return result;
}

static int fdPath(int fd, char* out, size_t size) {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = readlink(link, out, size - 1);
    if (n < 0)
        return 0;
    out[n] = 0;
    return 1;
}

static int failWith(int failure) {
    errno = failure == FAIL_ENOSPC ? ENOSPC : EIO;
    return -1;
}

// Only regular files count: sockets, pipes and eventfds never match a path
// in the data folder, and checking them would cost a readlink per send.
static int fileFault(int fd, int op, const char* opName) {
    if (t_inside || !getenv("FERRY_FAULT_CONTROL"))
        return -1;
    char path[1024];
    if (!fdPath(fd, path, sizeof path) || path[0] != '/')
        return -1;
    return shouldFail(op, opName, path);
}

ssize_t write(int fd, const void* data, size_t size) {
    static ssize_t (*next)(int, const void*, size_t);
    if (!next)
        next = real("write");
    const int failure = fileFault(fd, OP_WRITE, "write");
    if (failure == FAIL_SHORT && size > 1)
        return next(fd, data, size / 2);
    if (failure >= 0 && failure != FAIL_SHORT)
        return failWith(failure);
    return next(fd, data, size);
}

ssize_t pwrite(int fd, const void* data, size_t size, off_t offset) {
    static ssize_t (*next)(int, const void*, size_t, off_t);
    if (!next)
        next = real("pwrite");
    const int failure = fileFault(fd, OP_WRITE, "pwrite");
    if (failure == FAIL_SHORT && size > 1)
        return next(fd, data, size / 2, offset);
    if (failure >= 0 && failure != FAIL_SHORT)
        return failWith(failure);
    return next(fd, data, size, offset);
}

ssize_t pwrite64(int fd, const void* data, size_t size, off_t offset) {
    return pwrite(fd, data, size, offset);
}

int fsync(int fd) {
    static int (*next)(int);
    if (!next)
        next = real("fsync");
    const int failure = fileFault(fd, OP_FSYNC, "fsync");
    if (failure >= 0)
        return failWith(failure == FAIL_SHORT ? FAIL_EIO : failure);
    return next(fd);
}

int fdatasync(int fd) {
    static int (*next)(int);
    if (!next)
        next = real("fdatasync");
    const int failure = fileFault(fd, OP_FSYNC, "fdatasync");
    if (failure >= 0)
        return failWith(failure == FAIL_SHORT ? FAIL_EIO : failure);
    return next(fd);
}

int ftruncate(int fd, off_t length) {
    static int (*next)(int, off_t);
    if (!next)
        next = real("ftruncate");
    const int failure = fileFault(fd, OP_FTRUNCATE, "ftruncate");
    if (failure >= 0)
        return failWith(failure == FAIL_SHORT ? FAIL_EIO : failure);
    return next(fd, length);
}

int ftruncate64(int fd, off_t length) {
    return ftruncate(fd, length);
}

int rename(const char* from, const char* to) {
    static int (*next)(const char*, const char*);
    if (!next)
        next = real("rename");
    const int failure = shouldFail(OP_RENAME, "rename", to);
    if (failure >= 0)
        return failWith(failure == FAIL_SHORT ? FAIL_EIO : failure);
    return next(from, to);
}

static int openFault(const char* path) {
    const int failure = shouldFail(OP_OPEN, "open", path);
    if (failure >= 0)
        return failWith(failure == FAIL_SHORT ? FAIL_EIO : failure);
    return 0;
}

int open(const char* path, int flags, ...) {
    static int (*next)(const char*, int, ...);
    if (!next)
        next = real("open");
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list args;
        va_start(args, flags);
        mode = va_arg(args, mode_t);
        va_end(args);
    }
    if (openFault(path) < 0)
        return -1;
    return next(path, flags, mode);
}

int open64(const char* path, int flags, ...) {
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list args;
        va_start(args, flags);
        mode = va_arg(args, mode_t);
        va_end(args);
    }
    return open(path, flags, mode);
}

int openat(int dirfd, const char* path, int flags, ...) {
    static int (*next)(int, const char*, int, ...);
    if (!next)
        next = real("openat");
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list args;
        va_start(args, flags);
        mode = va_arg(args, mode_t);
        va_end(args);
    }
    if (openFault(path) < 0)
        return -1;
    return next(dirfd, path, flags, mode);
}
