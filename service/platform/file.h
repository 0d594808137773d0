#pragma once
// The file-system calls ferryd's storage makes, behind one interface with a
// POSIX implementation (file_posix.cpp) and a Win32 one (file_win32.cpp), so
// the storage, crypto and HTTP code above it has no system calls of its own.
// Standard C++ only: no Qt, so it builds (and its test driver runs) with
// MinGW-w64 on Linux, see scripts/check-windows.sh.
//
// Errors are errno values on every system (0 is success): the Win32 side
// maps GetLastError() onto them, so StorageError::diskFull() and the
// messages operators read stay one vocabulary.
//
// The POSIX side calls the libc functions by name (open, pwrite, fdatasync,
// rename, ftruncate, ...): tests/faultinject intercepts exactly those to make
// a chosen call fail, so no call here may be swapped for another.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ferry::platform {

using ErrorNumber = int;

// strerror, for messages ("fsync staged upload: No space left on device").
std::string errorText(ErrorNumber error);

#if defined(_WIN32)
using NativeHandle = void*; // HANDLE
#else
using NativeHandle = int; // file descriptor
#endif

// POSIX permission bits for a file ferryd creates. Win32 keeps one
// distinction: owner only (no group or other bits, 0600) is a protected DACL
// for the current user, SYSTEM and Administrators; anything wider leaves the
// folder's inherited ACL (setPermissions() adds read for Everyone instead).
using Permissions = unsigned;
inline constexpr Permissions kOwnerOnly = 0600;
inline constexpr Permissions kOthersRead = 0644;

// An open file, closed when destroyed. Not inherited by child processes
// (O_CLOEXEC; Win32 handles are not inheritable unless asked). On Windows
// every file is opened sharing read, write and delete, so that a file being
// served can still be renamed or removed, as POSIX allows.
class File {
public:
    enum class Mode {
        Read,                // an existing file, read only
        ReadWrite,           // an existing file
        ReadWriteCreate,     // created if missing
        CreateExclusive,     // read-write, fails with EEXIST if the name exists
        WriteCreateTruncate, // write only, created or emptied
    };

    File() = default;
    ~File();
    File(File&& other) noexcept;
    File& operator=(File&& other) noexcept;
    File(const File&) = delete;
    File& operator=(const File&) = delete;

    // A closed File on failure, with the reason in *error when given.
    static File open(const std::filesystem::path& path, Mode mode, ErrorNumber* error = nullptr,
                     Permissions permissions = kOthersRead);
    // A new file `prefix` + six random characters in `directory`, private
    // (kOwnerOnly) from its creation on, so a secret never passes through a
    // readable state; its name goes to *created. POSIX: mkostemp.
    static File createTemporary(const std::filesystem::path& directory, const std::string& prefix,
                                std::filesystem::path* created, ErrorNumber* error);
    // A folder, only to make its entries durable with syncEntries().
    static File openDirectory(const std::filesystem::path& path, ErrorNumber* error);

    bool isOpen() const { return m_handle != kClosed; }
    NativeHandle native() const { return m_handle; }

    // Writes all of `size` bytes at `offset`, continuing after a short write
    // (pwrite semantics: the file position is not used).
    ErrorNumber writeAt(const void* data, size_t size, uint64_t offset);
    // Writes all of `size` bytes at the file position.
    ErrorNumber write(const void* data, size_t size);
    // Reads up to `size` bytes at `offset`; *got is 0 at the end of the file.
    ErrorNumber readAt(void* data, size_t size, uint64_t offset, size_t* got) const;
    // Reads up to `size` bytes at the file position; *got is 0 at the end.
    ErrorNumber read(void* data, size_t size, size_t* got);

    ErrorNumber size(uint64_t* bytes) const;
    ErrorNumber truncate(uint64_t size);
    ErrorNumber setPermissions(Permissions permissions);

    // Makes the bytes durable before they are acknowledged. Linux:
    // fdatasync (no metadata flush beyond what reading the data back needs);
    // macOS: F_FULLFSYNC (its fsync stops at the drive's cache); other
    // POSIX: fsync; Win32: FlushFileBuffers.
    ErrorNumber syncData();
    // Data and metadata: fsync; Win32: FlushFileBuffers.
    ErrorNumber syncAll();
    // On a folder from openDirectory(): makes a rename or a new name in it
    // durable (POSIX: fsync of the folder). Win32 has no such call, see
    // file_win32.cpp.
    ErrorNumber syncEntries();
    // Starts writing a range back to disk without waiting, so the final sync
    // has little left to do. Only an optimisation: Linux's sync_file_range,
    // a no-op elsewhere.
    void startWriteback(uint64_t offset, uint64_t length);

    // Closes now and reports a delayed write error, which the destructor
    // cannot; the file is closed either way.
    ErrorNumber close();

private:
    explicit File(NativeHandle handle)
        : m_handle(handle) {}
    void closeQuietly();

#if defined(_WIN32)
    static constexpr NativeHandle kClosed = nullptr; // failures never keep INVALID_HANDLE_VALUE
#else
    static constexpr NativeHandle kClosed = -1;
#endif
    NativeHandle m_handle = kClosed;
};

// An advisory lock on a lock file, held until destroyed (or the process
// ends, whatever way it ends). POSIX: flock, which belongs to one open file
// description, so two holders in one process exclude each other as two
// processes do; Win32: LockFileEx on the file's first byte, which behaves
// the same per handle.
class FileLock {
public:
    enum class Kind { Shared, Exclusive };

    FileLock() = default;
    ~FileLock();
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    // Waits for the lock; creates the file (kOwnerOnly) if missing.
    static FileLock acquire(const std::filesystem::path& lockFile, Kind kind, ErrorNumber* error);
    // Fails at once with EWOULDBLOCK while another holder has it.
    static FileLock tryAcquire(const std::filesystem::path& lockFile, Kind kind,
                               ErrorNumber* error);

    bool held() const { return m_held; }

private:
    static FileLock take(const std::filesystem::path& lockFile, Kind kind, bool wait,
                         ErrorNumber* error);
    // The system's half (file_posix.cpp, file_win32.cpp).
    static ErrorNumber lock(const File& file, Kind kind, bool wait);
    static void unlock(const File& file);
    void release();

    File m_file;
    bool m_held = false;
};

// Renames `from` to `to`, replacing `to` atomically if it exists: a reader
// sees the old file or the new one, never neither. POSIX: rename; Win32:
// MoveFileExW with MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH, which
// fails with EACCES while any handle has `to` open (`from` may be open).
ErrorNumber replaceFile(const std::filesystem::path& from, const std::filesystem::path& to);
ErrorNumber removeFile(const std::filesystem::path& path);
// One folder, 0755 (the parent must exist); EEXIST when it already does.
ErrorNumber makeDirectory(const std::filesystem::path& path);
// 0 when this process may create files in `directory`.
ErrorNumber checkWritable(const std::filesystem::path& directory);

struct FileInfo {
    uint64_t size = 0;
    int64_t modifiedSeconds = 0; // unix time
};
// Nothing when the path does not exist or cannot be read.
std::optional<FileInfo> fileInfo(const std::filesystem::path& path);

// Bytes an unprivileged writer may still use on the file system holding
// `path` (statvfs's f_bavail; Win32 the caller's quota-aware free bytes).
std::optional<uint64_t> availableBytes(const std::filesystem::path& path);

} // namespace ferry::platform
