// What File and FileLock do the same way on every system; the system calls
// are in file_posix.cpp and file_win32.cpp.
#include "platform/file.h"

#include <cstring>
#include <utility>

namespace ferry::platform {

std::string errorText(ErrorNumber error) {
    return std::strerror(error);
}

File::~File() {
    closeQuietly();
}

File::File(File&& other) noexcept
    : m_handle(std::exchange(other.m_handle, kClosed)) {}

File& File::operator=(File&& other) noexcept {
    if (this != &other) {
        closeQuietly();
        m_handle = std::exchange(other.m_handle, kClosed);
    }
    return *this;
}

FileLock::~FileLock() {
    release();
}

FileLock::FileLock(FileLock&& other) noexcept
    : m_file(std::move(other.m_file))
    , m_held(std::exchange(other.m_held, false)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        release();
        m_file = std::move(other.m_file);
        m_held = std::exchange(other.m_held, false);
    }
    return *this;
}

FileLock FileLock::acquire(const std::filesystem::path& lockFile, Kind kind, ErrorNumber* error) {
    return take(lockFile, kind, true, error);
}

FileLock FileLock::tryAcquire(const std::filesystem::path& lockFile, Kind kind,
                              ErrorNumber* error) {
    return take(lockFile, kind, false, error);
}

FileLock FileLock::take(const std::filesystem::path& lockFile, Kind kind, bool wait,
                        ErrorNumber* error) {
    FileLock taken;
    taken.m_file = File::open(lockFile, File::Mode::ReadWriteCreate, error, kOwnerOnly);
    if (!taken.m_file.isOpen())
        return taken;
    if (const ErrorNumber failed = lock(taken.m_file, kind, wait)) {
        if (error)
            *error = failed;
        taken.m_file = File();
        return taken;
    }
    taken.m_held = true;
    return taken;
}

void FileLock::release() {
    if (m_held)
        unlock(m_file);
    m_file = File();
    m_held = false;
}

} // namespace ferry::platform
