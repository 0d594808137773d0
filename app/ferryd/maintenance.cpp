#include "maintenance.h"

#include "access/signingkeys.h"

#include <cstdio>
#include <exception>

namespace ferryd {

int runFsck(const ferry::DaemonOptions& options, bool repair) {
    ferry::Daemon daemon(options);
    ferry::FsckOptions fsck;
    fsck.repair = repair;
    ferry::FsckReport report;
    try {
        report = daemon.checkStore(fsck);
    } catch (const std::exception& failure) {
        std::fprintf(stderr, "ferryd: fsck: %s\n", failure.what());
        return 2;
    }
    for (const auto& finding : report.findings)
        std::printf("%s %s: %s\n", ferry::toString(finding.kind), finding.subject.c_str(),
                    finding.detail.c_str());
    std::printf("%llu blobs (%llu bytes) and %llu rows checked: %zu problems, %zu stray files",
                static_cast<unsigned long long>(report.blobsChecked),
                static_cast<unsigned long long>(report.bytesChecked),
                static_cast<unsigned long long>(report.rowsChecked), report.seriousCount(),
                report.findings.size() - report.seriousCount());
    if (repair)
        std::printf("; %llu files quarantined, %llu rows dropped",
                    static_cast<unsigned long long>(report.quarantined),
                    static_cast<unsigned long long>(report.rowsDropped));
    std::printf("\n");
    return report.clean() ? 0 : 1;
}

int runRotateSigningKey(const ferry::DaemonOptions& options) {
    const ferry::access::SigningKeyFiles files(options.dataDirectory);
    if (auto rotated = files.rotate(); !rotated) {
        std::fprintf(stderr, "ferryd: rotate-signing-key: %s\n", rotated.error().c_str());
        return 2;
    }
    auto keys = files.loadOrCreate();
    if (!keys) {
        std::fprintf(stderr, "ferryd: rotate-signing-key: %s\n", keys.error().c_str());
        return 2;
    }
    std::printf(
        "new token signing key %s in %s; the previous key verifies its tokens until they expire\n",
        keys.value().current->keyId().c_str(), files.currentPath().c_str());
    return 0;
}

} // namespace ferryd
