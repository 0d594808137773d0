#pragma once
// What the Win32 file layer's two files share (file_win32.cpp and
// security_win32.cpp): the error mapping and the DACLs that stand for
// POSIX permission bits. Windows only.

#include "platform/file.h"

#include <windows.h>

namespace ferry::platform {

// GetLastError() as an errno value; EIO for what has no counterpart.
ErrorNumber errorFromWin32(unsigned long code);

// A self-relative security descriptor for Permissions (file.h): a protected
// DACL (nothing inherited from the folder) granting full control to the
// current user, SYSTEM and Administrators, plus read for Everyone when the
// bits let others read. valid() is false when it could not be built; the
// reason is in GetLastError() then.
class SecurityDescriptor {
public:
    explicit SecurityDescriptor(Permissions permissions);
    ~SecurityDescriptor();
    SecurityDescriptor(const SecurityDescriptor&) = delete;
    SecurityDescriptor& operator=(const SecurityDescriptor&) = delete;

    bool valid() const { return m_descriptor != nullptr; }
    PSECURITY_DESCRIPTOR get() const { return m_descriptor; }

private:
    PSECURITY_DESCRIPTOR m_descriptor = nullptr;
};

// Replaces an open file's DACL with the one for `permissions`; the handle
// needs WRITE_DAC.
ErrorNumber applyPermissions(HANDLE file, Permissions permissions);

} // namespace ferry::platform
