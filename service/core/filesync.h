#pragma once
// The few file-system calls whose best form is Linux's own, with the POSIX
// form elsewhere (macOS, the BSDs), so ferryd's storage builds and stays
// durable on every POSIX system. Linux keeps calling the libc functions by
// name, which is also what the fault-injection shim (tests/faultinject)
// intercepts.

#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

namespace ferry::core {

// Makes a file's bytes durable before it is acknowledged. Linux: fdatasync
// (no metadata flush beyond what reading the data back needs). macOS: fsync
// only reaches the drive's cache, F_FULLFSYNC reaches the medium.
inline int syncFileData(int fd) {
#if defined(__linux__)
    return ::fdatasync(fd);
#elif defined(__APPLE__)
    return ::fcntl(fd, F_FULLFSYNC) == 0 ? 0 : ::fsync(fd);
#else
    return ::fsync(fd);
#endif
}

// Starts writing a received range back to disk without waiting for it, so
// the final sync has little left to do. Only an optimisation: a no-op where
// the system has no such call.
inline void startWriteback(int fd, off_t offset, off_t length) {
#if defined(__linux__)
    ::sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    (void)offset;
    (void)length;
#endif
}

} // namespace ferry::core
