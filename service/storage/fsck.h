#pragma once
// The store's consistency check (`ferryd fsck`, and the online scrub): every
// blob file's content must hash to its name and have the size its rows
// record; every row that names a blob or a manifest must find its bytes; every
// tag must point at a manifest of its repository; every index entry at a
// manifest. With repair, corrupt blob files move to DATA/quarantine/ and the
// rows that point at missing or corrupt content are dropped, so the registry
// answers "unknown" instead of serving wrong bytes.

#include "storage/blobstore.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ferry {

struct FsckFinding {
    enum class Kind {
        CorruptBlob,     // content does not hash to the file's name
        SizeMismatch,    // the file's size differs from what a row records
        MissingBlob,     // a row names a blob whose file is gone
        MissingManifest, // a tag names a manifest, or a manifest a part, that is not there
        StrayFile,       // a file no row mentions (garbage collection's business)
    };
    Kind kind;
    std::string subject; // digest, or repository:tag
    std::string detail;
    // A stray file is expected after a crash or a refused request; it is
    // reported but does not make the store inconsistent.
    bool serious() const { return kind != Kind::StrayFile; }
};

const char* toString(FsckFinding::Kind kind);

struct FsckReport {
    uint64_t blobsChecked = 0;
    uint64_t bytesChecked = 0;
    uint64_t rowsChecked = 0;
    std::vector<FsckFinding> findings;
    uint64_t quarantined = 0; // files moved aside by repair
    uint64_t rowsDropped = 0; // rows removed by repair
    int64_t finishedAt = 0;   // unix seconds
    bool clean() const;
    size_t seriousCount() const;
};

struct FsckOptions {
    bool repair = false;
    // Reports at most this many findings per kind (a wrecked store could
    // have millions); counting goes on.
    size_t maxFindingsPerKind = 1000;
};

// Runs the check over the data folder's blob store and ferry.db. The caller
// decides the locking: `ferryd fsck` holds the store exclusively, the online
// scrub shares it with pushes (garbage collection then waits).
FsckReport checkStore(const BlobStore& blobs, const std::string& databasePath,
                      const FsckOptions& options);

} // namespace ferry
