// The POSIX file layer: Linux, macOS and the BSDs. Each operation is the
// libc call it always was, by name, so tests/faultinject still finds it.
#include "platform/file.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <unistd.h>

namespace ferry::platform {

namespace {

int flagsFor(File::Mode mode) {
    switch (mode) {
    case File::Mode::Read:
        return O_RDONLY;
    case File::Mode::ReadWrite:
        return O_RDWR;
    case File::Mode::ReadWriteCreate:
        return O_RDWR | O_CREAT;
    case File::Mode::CreateExclusive:
        return O_RDWR | O_CREAT | O_EXCL;
    case File::Mode::WriteCreateTruncate:
        return O_WRONLY | O_CREAT | O_TRUNC;
    }
    return O_RDONLY;
}

ErrorNumber report(ErrorNumber* error) {
    const int number = errno;
    if (error)
        *error = number;
    return number;
}

} // namespace

File File::open(const std::filesystem::path& path, Mode mode, ErrorNumber* error,
                Permissions permissions) {
    const int fd = ::open(path.c_str(), flagsFor(mode) | O_CLOEXEC, mode_t(permissions));
    if (fd < 0)
        report(error);
    return File(fd);
}

File File::createTemporary(const std::filesystem::path& directory, const std::string& prefix,
                           std::filesystem::path* created, ErrorNumber* error) {
    std::string name = (directory / (prefix + "XXXXXX")).string();
    // mkstemp creates the file 0600, so it is private from its first byte.
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
        report(error);
        return File();
    }
    *created = name;
    return File(fd);
}

File File::openDirectory(const std::filesystem::path& path, ErrorNumber* error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        report(error);
    return File(fd);
}

void File::closeQuietly() {
    if (m_handle >= 0)
        ::close(m_handle);
    m_handle = kClosed;
}

ErrorNumber File::close() {
    const int rc = ::close(m_handle);
    m_handle = kClosed;
    return rc == 0 ? 0 : errno;
}

namespace {

// Calls write(bytes, count, done) until all of `size` is written: a short
// write (a signal, a full pipe, the fault shim's SHORT) continues.
template <class Write> ErrorNumber writeFully(const void* data, size_t size, Write write) {
    const char* bytes = static_cast<const char*>(data);
    size_t written = 0;
    while (written < size) {
        const ssize_t n = write(bytes + written, size - written, written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        written += size_t(n);
    }
    return 0;
}

} // namespace

ErrorNumber File::writeAt(const void* data, size_t size, uint64_t offset) {
    return writeFully(data, size, [&](const char* bytes, size_t count, size_t done) {
        return ::pwrite(m_handle, bytes, count, off_t(offset + done));
    });
}

ErrorNumber File::write(const void* data, size_t size) {
    return writeFully(data, size, [&](const char* bytes, size_t count, size_t) {
        return ::write(m_handle, bytes, count);
    });
}

ErrorNumber File::readAt(void* data, size_t size, uint64_t offset, size_t* got) const {
    for (;;) {
        const ssize_t n = ::pread(m_handle, data, size, off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        *got = n < 0 ? 0 : size_t(n);
        return n < 0 ? errno : 0;
    }
}

ErrorNumber File::read(void* data, size_t size, size_t* got) {
    for (;;) {
        const ssize_t n = ::read(m_handle, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        *got = n < 0 ? 0 : size_t(n);
        return n < 0 ? errno : 0;
    }
}

ErrorNumber File::size(uint64_t* bytes) const {
    struct stat info {};
    if (::fstat(m_handle, &info) != 0)
        return errno;
    *bytes = uint64_t(info.st_size);
    return 0;
}

ErrorNumber File::truncate(uint64_t size) {
    return ::ftruncate(m_handle, off_t(size)) == 0 ? 0 : errno;
}

ErrorNumber File::setPermissions(Permissions permissions) {
    return ::fchmod(m_handle, mode_t(permissions)) == 0 ? 0 : errno;
}

ErrorNumber File::syncData() {
#if defined(__linux__)
    const int rc = ::fdatasync(m_handle);
#elif defined(__APPLE__)
    const int rc = ::fcntl(m_handle, F_FULLFSYNC) == 0 ? 0 : ::fsync(m_handle);
#else
    const int rc = ::fsync(m_handle);
#endif
    return rc == 0 ? 0 : errno;
}

ErrorNumber File::syncAll() {
    return ::fsync(m_handle) == 0 ? 0 : errno;
}

ErrorNumber File::syncEntries() {
    return ::fsync(m_handle) == 0 ? 0 : errno;
}

void File::startWriteback(uint64_t offset, uint64_t length) {
#if defined(__linux__)
    ::sync_file_range(m_handle, off_t(offset), off_t(length), SYNC_FILE_RANGE_WRITE);
#else
    (void)offset;
    (void)length;
#endif
}

ErrorNumber FileLock::lock(const File& file, Kind kind, bool wait) {
    const int operation = (kind == Kind::Shared ? LOCK_SH : LOCK_EX) | (wait ? 0 : LOCK_NB);
    int rc;
    while ((rc = ::flock(file.native(), operation)) != 0 && errno == EINTR) {
    }
    return rc == 0 ? 0 : errno;
}

void FileLock::unlock(const File& file) {
    (void)file; // closing the file, which follows, ends flock's lock
}

ErrorNumber replaceFile(const std::filesystem::path& from, const std::filesystem::path& to) {
    return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

ErrorNumber removeFile(const std::filesystem::path& path) {
    return ::unlink(path.c_str()) == 0 ? 0 : errno;
}

ErrorNumber makeDirectory(const std::filesystem::path& path) {
    return ::mkdir(path.c_str(), 0755) == 0 ? 0 : errno;
}

ErrorNumber checkWritable(const std::filesystem::path& directory) {
    return ::access(directory.c_str(), W_OK) == 0 ? 0 : errno;
}

std::optional<FileInfo> fileInfo(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return std::nullopt;
    return FileInfo{uint64_t(info.st_size), int64_t(info.st_mtime)};
}

std::optional<uint64_t> availableBytes(const std::filesystem::path& path) {
    struct statvfs fs {};
    if (::statvfs(path.c_str(), &fs) != 0)
        return std::nullopt;
    return uint64_t(fs.f_bavail) * uint64_t(fs.f_frsize);
}

} // namespace ferry::platform
