#include "securefile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace ferry::crypto {
namespace {

Error systemError(std::string_view what, const std::filesystem::path& path, int error) {
    return Error{std::string(what) + " " + path.string() + ": " + std::strerror(error)};
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const { return m_fd; }
    // close() can report a delayed write error, so the success path checks it.
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

} // namespace

Status writeFileAtomically(const std::filesystem::path& path, std::string_view contents,
                           mode_t mode) {
    const std::filesystem::path directory =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string tempName = (directory / ("." + path.filename().string() + ".tmp-XXXXXX")).string();

    // mkstemp creates the file 0600, so a key is private from its first byte.
    FileDescriptor file(::mkostemp(tempName.data(), O_CLOEXEC));
    if (file.get() < 0)
        return systemError("cannot create a temporary file for", path, errno);
    auto fail = [&](std::string_view what) {
        const int error = errno;
        ::unlink(tempName.c_str());
        return systemError(what, path, error);
    };

    if (::fchmod(file.get(), mode) != 0)
        return fail("cannot set permissions on");
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(file.get(), contents.data() + written, contents.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail("cannot write");
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(file.get()) != 0)
        return fail("cannot flush");
    if (::close(file.release()) != 0)
        return fail("cannot close");
    if (::rename(tempName.c_str(), path.c_str()) != 0)
        return fail("cannot replace");

    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0 || ::fsync(dir.get()) != 0)
        return systemError("cannot flush the directory of", path, errno);
    return {};
}

Result<std::string> readWholeFile(const std::filesystem::path& path, std::size_t maxBytes) {
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0)
        return systemError("cannot open", path, errno);
    std::string contents;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(file.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return systemError("cannot read", path, errno);
        if (n == 0)
            return contents;
        if (contents.size() + static_cast<std::size_t>(n) > maxBytes)
            return Error{"file is unexpectedly large: " + path.string()};
        contents.append(buffer, static_cast<std::size_t>(n));
    }
}

} // namespace ferry::crypto
