#include "securefile.h"

#include "platform/file.h"

namespace ferry::crypto {
namespace {

Error systemError(std::string_view what, const std::filesystem::path& path,
                  platform::ErrorNumber error) {
    return Error{std::string(what) + " " + path.string() + ": " + platform::errorText(error)};
}

} // namespace

Status writeFileAtomically(const std::filesystem::path& path, std::string_view contents,
                           platform::Permissions permissions) {
    const std::filesystem::path directory =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");

    // The temporary file is private from its first byte (0600, or a private
    // DACL on Windows), so a key is never readable by others.
    std::filesystem::path tempName;
    platform::ErrorNumber error = 0;
    platform::File file = platform::File::createTemporary(
        directory, "." + path.filename().string() + ".tmp-", &tempName, &error);
    if (!file.isOpen())
        return systemError("cannot create a temporary file for", path, error);
    auto fail = [&](std::string_view what, platform::ErrorNumber failed) {
        file = platform::File();
        platform::removeFile(tempName);
        return systemError(what, path, failed);
    };

    if ((error = file.setPermissions(permissions)))
        return fail("cannot set permissions on", error);
    if ((error = file.write(contents.data(), contents.size())))
        return fail("cannot write", error);
    if ((error = file.syncAll()))
        return fail("cannot flush", error);
    // close() can report a delayed write error, so the success path checks it.
    if ((error = file.close()))
        return fail("cannot close", error);
    if ((error = platform::replaceFile(tempName, path)))
        return fail("cannot replace", error);

    platform::File folder = platform::File::openDirectory(directory, &error);
    if (!folder.isOpen() || (error = folder.syncEntries()))
        return systemError("cannot flush the directory of", path, error);
    return {};
}

Result<std::string> readWholeFile(const std::filesystem::path& path, std::size_t maxBytes) {
    platform::ErrorNumber error = 0;
    platform::File file = platform::File::open(path, platform::File::Mode::Read, &error);
    if (!file.isOpen())
        return systemError("cannot open", path, error);
    std::string contents;
    char buffer[4096];
    for (;;) {
        std::size_t got = 0;
        if ((error = file.read(buffer, sizeof buffer, &got)))
            return systemError("cannot read", path, error);
        if (got == 0)
            return contents;
        if (contents.size() + got > maxBytes)
            return Error{"file is unexpectedly large: " + path.string()};
        contents.append(buffer, got);
    }
}

} // namespace ferry::crypto
