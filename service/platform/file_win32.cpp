// The Win32 file layer: wide-character calls on HANDLEs, with GetLastError()
// mapped onto errno values (file.h). Compiled and run under Wine by
// scripts/check-windows.sh; not yet run on a real Windows machine.
//
// Every file is opened sharing read, write and delete, so that what POSIX
// allows stays allowed: a blob being served can be removed by garbage
// collection and an open upload renamed into the store. Positional reads
// and writes pass the offset in an OVERLAPPED on a synchronous handle; they
// move the handle's file position too, so a File uses either the positional
// calls or the sequential ones, never both (ferryd's callers already do).
#include "platform/file.h"

#include "platform/win32.h"

#include <windows.h>

#include <algorithm>
#include <cerrno>
#include <random>

// winerror.h has it; MinGW-w64's copy does not.
#ifndef ERROR_DISK_QUOTA_EXCEEDED
#define ERROR_DISK_QUOTA_EXCEEDED 1295L
#endif

namespace ferry::platform {

namespace {

// One call moves at most this much: ReadFile and WriteFile take a DWORD.
constexpr size_t kMaxChunk = size_t(1) << 30;

OVERLAPPED overlappedAt(uint64_t offset) {
    OVERLAPPED at{};
    at.Offset = DWORD(offset & 0xffffffffu);
    at.OffsetHigh = DWORD(offset >> 32);
    return at;
}

ErrorNumber report(ErrorNumber* error) {
    const ErrorNumber number = errorFromWin32(::GetLastError());
    if (error)
        *error = number;
    return number;
}

bool creates(File::Mode mode) {
    return mode == File::Mode::ReadWriteCreate || mode == File::Mode::CreateExclusive ||
           mode == File::Mode::WriteCreateTruncate;
}

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

} // namespace

ErrorNumber errorFromWin32(unsigned long code) {
    switch (code) {
    case ERROR_SUCCESS:
        return 0;
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
        return ENOENT;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return EEXIST;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_PRIVILEGE_NOT_HELD:
        return EACCES;
    case ERROR_WRITE_PROTECT:
        return EROFS;
    // A quota is a full disk to the writer: StorageError::diskFull() and the
    // client's answer must not tell them apart (Windows has no EDQUOT).
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
    case ERROR_DISK_QUOTA_EXCEEDED:
        return ENOSPC;
    case ERROR_LOCK_VIOLATION: // LockFileEx with LOCKFILE_FAIL_IMMEDIATELY
        return EWOULDBLOCK;
    case ERROR_TOO_MANY_OPEN_FILES:
        return EMFILE;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return ENOMEM;
    case ERROR_INVALID_HANDLE:
        return EBADF;
    case ERROR_DIRECTORY:
        return ENOTDIR;
    case ERROR_DIR_NOT_EMPTY:
        return ENOTEMPTY;
    case ERROR_BUFFER_OVERFLOW:
    case ERROR_FILENAME_EXCED_RANGE:
        return ENAMETOOLONG;
    case ERROR_INVALID_PARAMETER:
    case ERROR_NEGATIVE_SEEK:
    case ERROR_INVALID_NAME:
        return EINVAL;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    default:
        return EIO;
    }
}

File File::open(const std::filesystem::path& path, Mode mode, ErrorNumber* error,
                Permissions permissions) {
    DWORD access = GENERIC_READ | GENERIC_WRITE;
    DWORD disposition = OPEN_EXISTING;
    switch (mode) {
    case Mode::Read:
        access = GENERIC_READ;
        break;
    case Mode::ReadWrite:
        break;
    case Mode::ReadWriteCreate:
        disposition = OPEN_ALWAYS;
        break;
    case Mode::CreateExclusive:
        disposition = CREATE_NEW;
        break;
    case Mode::WriteCreateTruncate:
        access = GENERIC_WRITE;
        disposition = CREATE_ALWAYS;
        break;
    }
    // Owner-only files get their DACL as they are created, as 0600 does;
    // the rest take the data folder's inherited ACL, as 0644 under a umask.
    std::optional<SecurityDescriptor> security;
    SECURITY_ATTRIBUTES attributes{sizeof(SECURITY_ATTRIBUTES), nullptr, FALSE};
    if (creates(mode) && (permissions & 077) == 0) {
        security.emplace(permissions);
        if (!security->valid()) {
            report(error);
            return File();
        }
        attributes.lpSecurityDescriptor = security->get();
    }
    const HANDLE handle = ::CreateFileW(path.c_str(), access, kShareAll, &attributes, disposition,
                                        FILE_ATTRIBUTE_NORMAL, nullptr);
    if (handle == INVALID_HANDLE_VALUE) {
        report(error);
        return File();
    }
    return File(handle);
}

File File::createTemporary(const std::filesystem::path& directory, const std::string& prefix,
                           std::filesystem::path* created, ErrorNumber* error) {
    // mkostemp's six characters from the same alphabet; CREATE_NEW makes the
    // name ours alone, randomness only keeps collisions (and retries) rare.
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecurityDescriptor security(kOwnerOnly);
    if (!security.valid()) {
        report(error);
        return File();
    }
    SECURITY_ATTRIBUTES attributes{sizeof(SECURITY_ATTRIBUTES), security.get(), FALSE};
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string name = prefix;
        for (int i = 0; i < 6; ++i)
            name += kAlphabet[random() % (sizeof kAlphabet - 1)];
        const std::filesystem::path path = directory / name;
        // WRITE_DAC: setPermissions() may widen it afterwards (a certificate).
        const HANDLE handle =
            ::CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE | WRITE_DAC, kShareAll,
                          &attributes, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
        if (handle != INVALID_HANDLE_VALUE) {
            *created = path;
            return File(handle);
        }
        if (::GetLastError() != ERROR_FILE_EXISTS) {
            report(error);
            return File();
        }
    }
    if (error)
        *error = EEXIST;
    return File();
}

File File::openDirectory(const std::filesystem::path& path, ErrorNumber* error) {
    // FILE_FLAG_BACKUP_SEMANTICS is what lets CreateFileW open a folder; no
    // access right is asked for, so only the folder's existence is checked.
    const HANDLE handle = ::CreateFileW(path.c_str(), 0, kShareAll, nullptr, OPEN_EXISTING,
                                        FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (handle == INVALID_HANDLE_VALUE) {
        report(error);
        return File();
    }
    File folder(handle);
    BY_HANDLE_FILE_INFORMATION info{};
    if (!::GetFileInformationByHandle(handle, &info)) {
        report(error);
        return File();
    }
    if (!(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) { // as O_DIRECTORY refuses
        if (error)
            *error = ENOTDIR;
        return File();
    }
    return folder;
}

void File::closeQuietly() {
    if (m_handle != kClosed)
        ::CloseHandle(m_handle);
    m_handle = kClosed;
}

ErrorNumber File::close() {
    const BOOL closed = m_handle != kClosed && ::CloseHandle(m_handle);
    m_handle = kClosed;
    return closed ? 0 : errorFromWin32(::GetLastError());
}

namespace {

// WriteFile in DWORD-sized steps until all of `size` is written; `at`
// gives each step's OVERLAPPED (its offset), or null for the file position.
template <class At> ErrorNumber writeFully(HANDLE handle, const void* data, size_t size, At at) {
    const char* bytes = static_cast<const char*>(data);
    size_t written = 0;
    while (written < size) {
        OVERLAPPED position{};
        DWORD n = 0;
        if (!::WriteFile(handle, bytes + written, DWORD(std::min(size - written, kMaxChunk)), &n,
                         at(written, &position)))
            return errorFromWin32(::GetLastError());
        if (n == 0)
            return EIO; // a synchronous write never returns short without an error
        written += n;
    }
    return 0;
}

} // namespace

ErrorNumber File::writeAt(const void* data, size_t size, uint64_t offset) {
    return writeFully(m_handle, data, size, [offset](size_t done, OVERLAPPED* position) {
        *position = overlappedAt(offset + done);
        return position;
    });
}

ErrorNumber File::write(const void* data, size_t size) {
    return writeFully(m_handle, data, size,
                      [](size_t, OVERLAPPED*) -> OVERLAPPED* { return nullptr; });
}

ErrorNumber File::readAt(void* data, size_t size, uint64_t offset, size_t* got) const {
    OVERLAPPED at = overlappedAt(offset);
    DWORD n = 0;
    *got = 0;
    if (!::ReadFile(m_handle, data, DWORD(std::min(size, kMaxChunk)), &n, &at)) {
        const DWORD code = ::GetLastError();
        return code == ERROR_HANDLE_EOF ? 0 : errorFromWin32(code); // past the end: 0 bytes
    }
    *got = n;
    return 0;
}

ErrorNumber File::read(void* data, size_t size, size_t* got) {
    DWORD n = 0;
    *got = 0;
    if (!::ReadFile(m_handle, data, DWORD(std::min(size, kMaxChunk)), &n, nullptr))
        return errorFromWin32(::GetLastError());
    *got = n;
    return 0;
}

ErrorNumber File::size(uint64_t* bytes) const {
    LARGE_INTEGER size{};
    if (!::GetFileSizeEx(m_handle, &size))
        return errorFromWin32(::GetLastError());
    *bytes = uint64_t(size.QuadPart);
    return 0;
}

ErrorNumber File::truncate(uint64_t size) {
    // Sets the end of file without moving the file position (unlike
    // SetFilePointerEx + SetEndOfFile), as ftruncate does.
    FILE_END_OF_FILE_INFO end{};
    end.EndOfFile.QuadPart = LONGLONG(size);
    if (!::SetFileInformationByHandle(m_handle, FileEndOfFileInfo, &end, sizeof end))
        return errorFromWin32(::GetLastError());
    return 0;
}

ErrorNumber File::setPermissions(Permissions permissions) {
    return applyPermissions(m_handle, permissions);
}

ErrorNumber File::syncData() {
    // FlushFileBuffers writes the data and the metadata and asks the drive
    // to flush its cache: Windows has no lighter fdatasync.
    if (::FlushFileBuffers(m_handle))
        return 0;
    if (::GetLastError() != ERROR_ACCESS_DENIED)
        return errorFromWin32(::GetLastError());
    // It needs write access, which fdatasync does not (BlobStore::commit
    // syncs a staged file it opened read only). The cache belongs to the
    // file, not the handle, so a second handle with write access flushes
    // the same bytes.
    const HANDLE writable = ::ReOpenFile(m_handle, GENERIC_WRITE, kShareAll, 0);
    if (writable == INVALID_HANDLE_VALUE)
        return errorFromWin32(::GetLastError());
    const BOOL flushed = ::FlushFileBuffers(writable);
    const DWORD failure = ::GetLastError();
    ::CloseHandle(writable);
    return flushed ? 0 : errorFromWin32(failure);
}

ErrorNumber File::syncAll() {
    return syncData();
}

// Windows documents no call that makes a folder's entries durable:
// FlushFileBuffers takes file and volume handles, needs write access, and
// on a folder handle is refused or undefined depending on the file system
// (flushing the volume needs administrator rights). What Windows offers is
// on the rename itself: replaceFile() passes MOVEFILE_WRITE_THROUGH, and
// NTFS journals its metadata, so a power cut leaves the old name or the new
// one, never a torn folder. A rename acknowledged just before a power cut
// may still be lost; `ferryd fsck` then reports the blob as missing.
ErrorNumber File::syncEntries() {
    return 0;
}

void File::startWriteback(uint64_t offset, uint64_t length) {
    // No Win32 equivalent of sync_file_range: the final FlushFileBuffers
    // does all the work.
    (void)offset;
    (void)length;
}

ErrorNumber FileLock::lock(const File& file, Kind kind, bool wait) {
    // One byte at offset 0 stands for the whole file: Windows locks byte
    // ranges (mandatory, but nothing reads a lock file).
    const DWORD flags = (kind == Kind::Exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0) |
                        (wait ? 0 : LOCKFILE_FAIL_IMMEDIATELY);
    OVERLAPPED at = overlappedAt(0);
    return ::LockFileEx(file.native(), flags, 0, 1, 0, &at) ? 0 : errorFromWin32(::GetLastError());
}

void FileLock::unlock(const File& file) {
    // Closing the handle would release it too, but only "when the system
    // has the resources", so a waiting holder could wait on: unlock first.
    OVERLAPPED at = overlappedAt(0);
    ::UnlockFileEx(file.native(), 0, 1, 0, &at);
}

ErrorNumber replaceFile(const std::filesystem::path& from, const std::filesystem::path& to) {
    // Fails with EACCES if `to` is open without FILE_SHARE_DELETE, which no
    // File does.
    if (!::MoveFileExW(from.c_str(), to.c_str(),
                       MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        return errorFromWin32(::GetLastError());
    return 0;
}

ErrorNumber removeFile(const std::filesystem::path& path) {
    // A file still open elsewhere loses its name at once on NTFS from
    // Windows 10 1809 on (POSIX delete semantics); before that the name
    // stays, unusable, until the last handle closes.
    return ::DeleteFileW(path.c_str()) ? 0 : errorFromWin32(::GetLastError());
}

ErrorNumber makeDirectory(const std::filesystem::path& path) {
    // Inherits the parent's ACL, which is what 0755 under a umask means here.
    return ::CreateDirectoryW(path.c_str(), nullptr) ? 0 : errorFromWin32(::GetLastError());
}

ErrorNumber checkWritable(const std::filesystem::path& directory) {
    // _waccess only looks at the read-only attribute, which Windows ignores
    // on folders: creating a file is the one test that consults the ACL.
    const std::filesystem::path probe =
        directory / (".write-probe-" + std::to_string(::GetCurrentProcessId()));
    const HANDLE handle =
        ::CreateFileW(probe.c_str(), GENERIC_WRITE, kShareAll, nullptr, CREATE_ALWAYS,
                      FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, nullptr);
    if (handle == INVALID_HANDLE_VALUE)
        return errorFromWin32(::GetLastError());
    ::CloseHandle(handle);
    return 0;
}

std::optional<FileInfo> fileInfo(const std::filesystem::path& path) {
    WIN32_FILE_ATTRIBUTE_DATA data{};
    if (!::GetFileAttributesExW(path.c_str(), GetFileExInfoStandard, &data))
        return std::nullopt;
    // FILETIME counts 100 ns steps from 1601-01-01; unix time starts 1970.
    constexpr int64_t kUnixEpochTicks = 116444736000000000;
    const int64_t ticks = int64_t((uint64_t(data.ftLastWriteTime.dwHighDateTime) << 32) |
                                  data.ftLastWriteTime.dwLowDateTime);
    return FileInfo{(uint64_t(data.nFileSizeHigh) << 32) | data.nFileSizeLow,
                    (ticks - kUnixEpochTicks) / 10000000};
}

std::optional<uint64_t> availableBytes(const std::filesystem::path& path) {
    ULARGE_INTEGER available{};
    if (!::GetDiskFreeSpaceExW(path.c_str(), &available, nullptr, nullptr))
        return std::nullopt;
    return uint64_t(available.QuadPart);
}

} // namespace ferry::platform
