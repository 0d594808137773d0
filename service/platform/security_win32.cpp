// Owner-only files on Windows (the counterpart of 0600): keys, the initial
// admin password, the connection identity, lock files.
//
// The DACL is written in SDDL and converted with
// ConvertStringSecurityDescriptorToSecurityDescriptorW, so the whole policy
// is one readable line: "D:P" (protected: the folder's inheritable ACEs do
// not apply, so a data folder readable by Users does not leak a key),
// then full access (FA) for SYSTEM (SY), Administrators (BA) and the account
// ferryd runs as, by its SID. The explicit SID is used because "CO"
// (creator owner) only works in inheritable ACEs, and the owner of a file an
// elevated administrator creates is the Administrators group, not the user.
// Passing the descriptor to CreateFileW makes the file private from its
// creation on, with no window in which the inherited ACL applies.
#include "platform/win32.h"

#include <aclapi.h>
#include <sddl.h>

#include <string>
#include <vector>

namespace ferry::platform {

namespace {

// The SID of the account this process runs as ("S-1-5-19" for
// LocalService), or empty with GetLastError() set.
std::wstring currentUserSid() {
    HANDLE token = nullptr;
    if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token))
        return {};
    DWORD size = 0;
    ::GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    std::vector<unsigned char> buffer(size);
    std::wstring sid;
    LPWSTR text = nullptr;
    if (size > 0 && ::GetTokenInformation(token, TokenUser, buffer.data(), size, &size) &&
        ::ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid, &text)) {
        sid = text;
        ::LocalFree(text);
    }
    const DWORD failure = ::GetLastError();
    ::CloseHandle(token);
    ::SetLastError(failure);
    return sid;
}

} // namespace

SecurityDescriptor::SecurityDescriptor(Permissions permissions) {
    const std::wstring user = currentUserSid();
    if (user.empty())
        return;
    std::wstring sddl = L"D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;" + user + L")";
    if (permissions & 044)
        sddl += L"(A;;FR;;;WD)"; // others may read: Everyone, read only
    if (!::ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1,
                                                                &m_descriptor, nullptr))
        m_descriptor = nullptr;
}

SecurityDescriptor::~SecurityDescriptor() {
    if (m_descriptor)
        ::LocalFree(m_descriptor);
}

ErrorNumber applyPermissions(HANDLE file, Permissions permissions) {
    SecurityDescriptor security(permissions);
    if (!security.valid())
        return errorFromWin32(::GetLastError());
    BOOL present = FALSE;
    BOOL defaulted = FALSE;
    PACL dacl = nullptr;
    if (!::GetSecurityDescriptorDacl(security.get(), &present, &dacl, &defaulted))
        return errorFromWin32(::GetLastError());
    // SetSecurityInfo returns its error instead of setting GetLastError().
    return errorFromWin32(::SetSecurityInfo(
        file, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
        nullptr, nullptr, dacl, nullptr));
}

} // namespace ferry::platform
