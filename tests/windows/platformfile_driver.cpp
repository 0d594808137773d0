// The behaviour of ferryd's file layer (service/platform/file.h), checked the
// same way on each implementation: built natively as the CTest test
// windows/platformfile (file_posix.cpp), and with MinGW-w64 by
// scripts/check-windows.sh, which runs the .exe under Wine (file_win32.cpp).
// Standard C++ and the layer only (drivercheck.h): every failed
// check prints a line, and the exit code is 1 when any failed.
#include "drivercheck.h"
#include "platform/file.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <thread>
#include <vector>

#if defined(_WIN32)
#include <windows.h>

#include <aclapi.h>
#include <sddl.h>

#include "platform/win32.h"
#else
#include <sys/stat.h>
#endif

namespace fs = std::filesystem;
using namespace ferry::platform;

namespace {

int g_skipped = 0;

void checkError(ErrorNumber got, ErrorNumber expected, const std::string& what) {
    check(got == expected, what + " (expected error " + std::to_string(expected) + ", got " +
                               std::to_string(got) + ": " + errorText(got) + ")");
}

std::string readAll(const File& file) {
    std::string contents;
    std::vector<char> buffer(64 * 1024);
    size_t got = 0;
    while (file.readAt(buffer.data(), buffer.size(), contents.size(), &got) == 0 && got > 0)
        contents.append(buffer.data(), got);
    return contents;
}

std::string readPath(const fs::path& path) {
    return readAll(File::open(path, File::Mode::Read));
}

void writePath(const fs::path& path, const std::string& contents) {
    File file = File::open(path, File::Mode::WriteCreateTruncate);
    check(file.isOpen() && file.write(contents.data(), contents.size()) == 0,
          "write " + path.string());
}

// Who the system lets open the file: "owner" (0600, or the protected DACL
// for the user, SYSTEM and Administrators), "owner+read" (0644, or that plus
// read for Everyone), or a description of anything else.
std::string whoMayOpen(const fs::path& path) {
#if defined(_WIN32)
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (::GetNamedSecurityInfoW(path.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr,
                                nullptr, &dacl, nullptr, &descriptor) != ERROR_SUCCESS)
        return "no security information";
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    ::GetSecurityDescriptorControl(descriptor, &control, &revision);
    HANDLE token = nullptr;
    ::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token);
    std::vector<unsigned char> user(256);
    DWORD size = 0;
    ::GetTokenInformation(token, TokenUser, user.data(), DWORD(user.size()), &size);
    ::CloseHandle(token);
    const PSID self = reinterpret_cast<TOKEN_USER*>(user.data())->User.Sid;
    std::string result = (control & SE_DACL_PROTECTED) ? "" : "inherited ";
    int owners = 0;
    bool everyoneReads = false;
    for (DWORD i = 0; dacl && i < dacl->AceCount; ++i) {
        ACCESS_ALLOWED_ACE* ace = nullptr;
        if (!::GetAce(dacl, i, reinterpret_cast<void**>(&ace)) ||
            ace->Header.AceType != ACCESS_ALLOWED_ACE_TYPE) {
            result += "other-ace ";
            continue;
        }
        const PSID sid = &ace->SidStart;
        if (::EqualSid(sid, self) || ::IsWellKnownSid(sid, WinLocalSystemSid) ||
            ::IsWellKnownSid(sid, WinBuiltinAdministratorsSid))
            ++owners;
        else if (::IsWellKnownSid(sid, WinWorldSid) && ace->Mask == FILE_GENERIC_READ)
            everyoneReads = true;
        else
            result += "stranger ";
    }
    ::LocalFree(descriptor);
    if (owners != 3)
        result += std::to_string(owners) + " of user/SYSTEM/Administrators ";
    return result + (everyoneReads ? "owner+read" : "owner");
#else
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return "missing";
    const unsigned mode = info.st_mode & 0777;
    return mode == 0600 ? "owner" : mode == 0644 ? "owner+read" : "mode " + std::to_string(mode);
#endif
}

#if defined(_WIN32)
// Wine builds a file's security descriptor from its Unix mode bits and keeps
// none that a program sets, so a DACL can only be read back on Windows.
bool underWine() {
    return ::GetProcAddress(::GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != nullptr;
}
#endif

void checkWhoMayOpen(const fs::path& path, const std::string& expected, const std::string& what) {
#if defined(_WIN32)
    if (underWine()) {
        ++g_skipped;
        std::printf("SKIPPED under Wine, which keeps no file ACLs: %s\n", what.c_str());
        return;
    }
#endif
    const std::string got = whoMayOpen(path);
    check(got == expected, what + ": " + got);
}

#if defined(_WIN32)
// The descriptors the layer hands to CreateFileW and SetSecurityInfo, read
// back as SDDL: this much is checked under Wine too.
void descriptors() {
    for (const Permissions permissions : {kOwnerOnly, kOthersRead}) {
        const SecurityDescriptor security(permissions);
        LPWSTR text = nullptr;
        check(security.valid() &&
                  ::ConvertSecurityDescriptorToStringSecurityDescriptorW(
                      security.get(), SDDL_REVISION_1, DACL_SECURITY_INFORMATION, &text, nullptr),
              "build the descriptor for " + std::to_string(permissions));
        const std::wstring sddl = text ? text : L"";
        ::LocalFree(text);
        const std::wstring owners = L"D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;S-1-";
        const bool everyone = sddl.find(L";;;WD)") != std::wstring::npos;
        check(sddl.compare(0, owners.size(), owners) == 0 &&
                  everyone == (permissions == kOthersRead),
              "descriptor for " + std::to_string(permissions) + ": " +
                  std::string(sddl.begin(), sddl.end()));
    }
}
#endif

void openModes(const fs::path& dir) {
    ErrorNumber error = 0;
    File missing = File::open(dir / "missing", File::Mode::Read, &error);
    check(!missing.isOpen(), "opening a missing file fails");
    checkError(error, ENOENT, "opening a missing file");

    const fs::path upload = dir / "upload";
    File created = File::open(upload, File::Mode::CreateExclusive, &error);
    check(created.isOpen(), "create exclusive");
    File again = File::open(upload, File::Mode::CreateExclusive, &error);
    check(!again.isOpen(), "create exclusive twice fails");
    checkError(error, EEXIST, "create exclusive twice");

    File made = File::open(dir / "made", File::Mode::ReadWriteCreate, &error, kOwnerOnly);
    check(made.isOpen(), "read-write, created if missing");
    checkWhoMayOpen(dir / "made", "owner", "a file created owner-only is private");

    writePath(dir / "seq", "old contents, longer");
    File truncating = File::open(dir / "seq", File::Mode::WriteCreateTruncate);
    check(truncating.write("abc", 3) == 0 && truncating.write("def", 3) == 0, "write twice");
    truncating = File();
    File sequential = File::open(dir / "seq", File::Mode::Read);
    char buffer[64];
    size_t got = 0;
    check(sequential.read(buffer, sizeof buffer, &got) == 0 && std::string(buffer, got) == "abcdef",
          "create-truncate empties, writes append: " + std::string(buffer, got));
    check(sequential.read(buffer, sizeof buffer, &got) == 0 && got == 0, "read at the end: 0");

    File moved = std::move(sequential);
    check(moved.isOpen() && !sequential.isOpen(), "a moved File owns the handle alone");
    check(moved.close() == 0 && !moved.isOpen(), "close reports success and closes");
}

void positionalIo(const fs::path& dir) {
    File file = File::open(dir / "blob", File::Mode::CreateExclusive);
    check(file.writeAt(" world", 6, 5) == 0 && file.writeAt("hello", 5, 0) == 0,
          "write at offsets, out of order");
    // Large enough to take several chunks of every copy loop above.
    std::string large(3 * 1024 * 1024 + 17, '\0');
    for (size_t i = 0; i < large.size(); ++i)
        large[i] = char('a' + i % 23);
    check(file.writeAt(large.data(), large.size(), 11) == 0, "write 3 MiB at an offset");
    uint64_t size = 0;
    check(file.size(&size) == 0 && size == 11 + large.size(), "size after writes");
    check(readAll(file) == "hello world" + large, "read back what was written");
    char byte = 0;
    size_t got = 1;
    check(file.readAt(&byte, 1, size + 100, &got) == 0 && got == 0, "read past the end: 0 bytes");

    file.startWriteback(0, size);
    check(file.syncData() == 0, "sync data");
    check(file.syncAll() == 0, "sync all");

    check(file.truncate(5) == 0 && file.size(&size) == 0 && size == 5, "truncate shortens");
    check(readAll(file) == "hello", "truncated contents");
    check(file.truncate(8) == 0 && readAll(file) == std::string("hello\0\0\0", 8),
          "truncate lengthens with zeros");

    File reopened = File::open(dir / "blob", File::Mode::ReadWrite);
    check(reopened.isOpen() && readAll(reopened).size() == 8, "reopen read-write");
    // BlobStore::commit syncs a staged file it opened for reading.
    File readOnly = File::open(dir / "blob", File::Mode::Read);
    check(readOnly.syncData() == 0, "sync data through a read-only handle");
}

void namesAndFolders(const fs::path& dir) {
    writePath(dir / "target", "old");
    writePath(dir / "staged", "new");
    // The source still open, as an upload's staging file is when it is
    // committed into the store.
    File staging = File::open(dir / "staged", File::Mode::ReadWrite);
    checkError(replaceFile(dir / "staged", dir / "target"), 0, "replace an existing file");
    check(readPath(dir / "target") == "new", "the new contents under the old name");
    check(!fileInfo(dir / "staged"), "the staged name is gone");
    check(readAll(staging) == "new", "the open source still reads its contents");
    staging = File();
    checkError(replaceFile(dir / "staged", dir / "target"), ENOENT, "rename of a missing file");

    // A reader of the file being replaced (a key being read): POSIX lets the
    // rename through and the reader keeps the old contents; Windows refuses
    // while any handle is open on the target (file.h says so).
    writePath(dir / "staged", "newer");
    File reader = File::open(dir / "target", File::Mode::Read);
#if defined(_WIN32)
    checkError(replaceFile(dir / "staged", dir / "target"), EACCES, "replace an open target");
    reader = File();
    checkError(replaceFile(dir / "staged", dir / "target"), 0, "replace once it is closed");
#else
    checkError(replaceFile(dir / "staged", dir / "target"), 0, "replace an open target");
    check(readAll(reader) == "new", "an open reader keeps the old contents");
#endif
    check(readPath(dir / "target") == "newer", "the replaced contents");
    reader = File();

    File held = File::open(dir / "target", File::Mode::Read);
    checkError(removeFile(dir / "target"), 0, "remove a file that is open");
    held = File();
    check(!fileInfo(dir / "target"), "a removed file is gone");
    checkError(removeFile(dir / "target"), ENOENT, "remove a missing file");

    checkError(makeDirectory(dir / "ab"), 0, "make a folder");
    checkError(makeDirectory(dir / "ab"), EEXIST, "make a folder that exists");
    checkError(makeDirectory(dir / "no" / "parent"), ENOENT, "make a folder without parent");
    checkError(checkWritable(dir / "ab"), 0, "a new folder is writable");
    check(checkWritable(dir / "no") != 0, "a missing folder is not writable");

    ErrorNumber error = 0;
    File folder = File::openDirectory(dir / "ab", &error);
    check(folder.isOpen() && folder.syncEntries() == 0, "open and sync a folder");
    writePath(dir / "plain", "x");
    check(!File::openDirectory(dir / "plain", &error).isOpen(), "a file is not a folder");
    checkError(error, ENOTDIR, "open a file as a folder");
    check(!File::openDirectory(dir / "no", &error).isOpen(), "a missing folder");
    checkError(error, ENOENT, "open a missing folder");

    writePath(dir / "sized", std::string(1234, 'x'));
    const auto info = fileInfo(dir / "sized");
    const int64_t now = int64_t(std::time(nullptr));
    check(info && info->size == 1234, "file size by name");
    check(info && info->modifiedSeconds > now - 300 && info->modifiedSeconds < now + 300,
          "modification time is now, in unix seconds: " +
              std::to_string(info ? info->modifiedSeconds : 0) + " vs " + std::to_string(now));
    const auto available = availableBytes(dir);
    check(available && *available > 0, "free space on the data folder's disk");
    check(!availableBytes(dir / "no"), "no free space for a missing folder");
}

void locks(const fs::path& dir) {
    const fs::path lockFile = dir / "ferryd.lock";
    ErrorNumber error = 0;
    FileLock first = FileLock::tryAcquire(lockFile, FileLock::Kind::Exclusive, &error);
    check(first.held(), "take an exclusive lock");
    checkWhoMayOpen(lockFile, "owner", "the lock file is private");
    FileLock second = FileLock::tryAcquire(lockFile, FileLock::Kind::Exclusive, &error);
    check(!second.held(), "a lock held twice fails");
    checkError(error, EWOULDBLOCK, "the second exclusive lock");
    check(!FileLock::tryAcquire(lockFile, FileLock::Kind::Shared, &error).held(),
          "no shared lock beside an exclusive one");
    first = FileLock();
    check(FileLock::tryAcquire(lockFile, FileLock::Kind::Exclusive, &error).held(),
          "released when destroyed");

    FileLock reading = FileLock::acquire(lockFile, FileLock::Kind::Shared, &error);
    FileLock alsoReading = FileLock::tryAcquire(lockFile, FileLock::Kind::Shared, &error);
    check(reading.held() && alsoReading.held(), "two shared holders at once");
    std::atomic<bool> collected{false};
    std::thread collector([&] {
        FileLock exclusive = FileLock::acquire(lockFile, FileLock::Kind::Exclusive, nullptr);
        collected = exclusive.held();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    check(!collected, "an exclusive lock waits for the shared holders");
    reading = FileLock();
    alsoReading = FileLock();
    collector.join();
    check(collected, "then it is taken");
}

void privateFiles(const fs::path& dir) {
    fs::path created;
    ErrorNumber error = 0;
    const std::string prefix = ".signing.pem.tmp-";
    File secret = File::createTemporary(dir, prefix, &created, &error);
    check(secret.isOpen(), "create a temporary private file: " + errorText(error));
    const std::string name = created.filename().string();
    check(created.parent_path() == dir && name.size() == prefix.size() + 6 &&
              name.compare(0, prefix.size(), prefix) == 0,
          "named prefix + six characters: " + created.string());
    checkWhoMayOpen(created, "owner", "private from creation on");
    check(secret.write("key", 3) == 0 && secret.syncAll() == 0, "write and sync the secret");
    fs::path other;
    File second = File::createTemporary(dir, prefix, &other, &error);
    check(second.isOpen() && other != created, "a second temporary file has its own name");

    check(second.setPermissions(kOthersRead) == 0, "widen to others-read");
    checkWhoMayOpen(other, "owner+read", "others may read");
    check(secret.close() == 0, "close the secret");
    checkError(replaceFile(created, dir / "signing.pem"), 0, "replace into place");
    checkWhoMayOpen(dir / "signing.pem", "owner", "still private after the rename");
    check(readPath(dir / "signing.pem") == "key", "the secret's contents");

    check(!File::createTemporary(dir / "no", prefix, &other, &error).isOpen(),
          "no temporary file in a missing folder");
    checkError(error, ENOENT, "temporary file in a missing folder");
}

} // namespace

int main() {
    const fs::path dir =
        fs::temp_directory_path() / ("ferry-platformfile-" + std::to_string(std::time(nullptr)) +
                                     "-" + std::to_string(std::random_device()() % 100000));
    fs::create_directories(dir);
    openModes(dir);
    positionalIo(dir);
    namesAndFolders(dir);
    locks(dir);
    privateFiles(dir);
#if defined(_WIN32)
    descriptors();
#endif
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    std::printf("platform file checks: %d passed, %d failed, %d skipped\n", g_passed, g_failed,
                g_skipped);
    return g_failed == 0 ? 0 : 1;
}
