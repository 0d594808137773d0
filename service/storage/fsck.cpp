#include "storage/fsck.h"

#include "core/log.h"
#include "storage/sqlite.h"

#include <ctime>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace fs = std::filesystem;

namespace ferry {

const char* toString(FsckFinding::Kind kind) {
    switch (kind) {
    case FsckFinding::Kind::CorruptBlob:
        return "corrupt-blob";
    case FsckFinding::Kind::SizeMismatch:
        return "size-mismatch";
    case FsckFinding::Kind::MissingBlob:
        return "missing-blob";
    case FsckFinding::Kind::MissingManifest:
        return "missing-manifest";
    case FsckFinding::Kind::StrayFile:
        return "stray-file";
    }
    return "unknown";
}

bool FsckReport::clean() const {
    return seriousCount() == 0;
}

size_t FsckReport::seriousCount() const {
    size_t count = 0;
    for (const auto& finding : findings)
        count += finding.serious() ? 1 : 0;
    return count;
}

namespace {

class Checker {
public:
    Checker(const BlobStore& blobs, const std::string& databasePath, const FsckOptions& options)
        : m_blobs(blobs)
        , m_db(databasePath)
        , m_options(options) {}

    FsckReport run() {
        loadRecordedSizes();
        checkFiles();
        checkBlobRows();
        checkManifestRows();
        // Dropping a manifest can leave an index over it dangling in turn;
        // a few rounds settle any real nesting depth.
        for (int round = 0; round < 8 && checkReferences(); ++round) {
        }
        checkTags();
        m_report.finishedAt = int64_t(std::time(nullptr));
        return std::move(m_report);
    }

private:
    void add(FsckFinding::Kind kind, std::string subject, std::string detail) {
        if (++m_perKind[kind] <= m_options.maxFindingsPerKind)
            m_report.findings.push_back({kind, std::move(subject), std::move(detail)});
    }

    // What the rows say each digest's size is (blobs and manifests).
    void loadRecordedSizes() {
        for (auto st = m_db.prepare("SELECT digest, size FROM blobs"); st.step();)
            m_recorded.emplace(st.text(0), st.integer(1));
        for (auto st = m_db.prepare("SELECT DISTINCT digest, size FROM manifests"); st.step();)
            m_recorded.emplace(st.text(0), st.integer(1));
    }

    // Hashes one file; false (with errno-based detail) when it cannot be read.
    bool hashFile(const fs::path& path, DigestAlgorithm algorithm, Digest* digest, uint64_t* size,
                  std::string* error) {
        platform::ErrorNumber failed = 0;
        platform::File file = platform::File::open(path, platform::File::Mode::Read, &failed);
        if (!file.isOpen()) {
            *error = platform::errorText(failed);
            return false;
        }
        Hasher hasher(algorithm);
        std::vector<char> buffer(1 << 20);
        *size = 0;
        for (;;) {
            size_t got = 0;
            if ((failed = file.read(buffer.data(), buffer.size(), &got))) {
                *error = platform::errorText(failed);
                return false;
            }
            if (got == 0)
                break;
            hasher.update(buffer.data(), got);
            *size += got;
        }
        *digest = hasher.finish();
        return true;
    }

    void quarantine(const fs::path& file, const std::string& name) {
        const fs::path folder = m_blobs.blobRoot().parent_path() / "quarantine";
        std::error_code ec;
        fs::create_directories(folder, ec);
        const fs::path target = folder / (name + "." + std::to_string(std::time(nullptr)));
        if (const auto failed = platform::replaceFile(file, target)) {
            log::error("fsck: cannot move ", file.string(),
                       " into quarantine: ", platform::errorText(failed));
            return;
        }
        ++m_report.quarantined;
    }

    void checkFiles() {
        for (const char* algorithmName : {"sha256", "sha512"}) {
            const fs::path root = m_blobs.blobRoot() / algorithmName;
            std::error_code ec;
            for (auto it = fs::recursive_directory_iterator(root, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (!it->is_regular_file(ec))
                    continue;
                checkFile(it->path(), algorithmName);
            }
        }
    }

    void checkFile(const fs::path& path, const std::string& algorithmName) {
        const auto digest = Digest::parse(algorithmName + ":" + path.filename().string());
        if (!digest || path.parent_path().filename() != digest->hex.substr(0, 2)) {
            add(FsckFinding::Kind::StrayFile, path.string(), "not named after a digest");
            return;
        }
        const std::string name = digest->toString();
        Digest actual;
        uint64_t size = 0;
        std::string error;
        ++m_report.blobsChecked;
        if (!hashFile(path, digest->algorithm, &actual, &size, &error)) {
            add(FsckFinding::Kind::CorruptBlob, name, "unreadable: " + error);
            m_bad.insert(name);
            return;
        }
        m_report.bytesChecked += size;
        const auto recorded = m_recorded.find(name);
        if (actual.hex != digest->hex) {
            add(FsckFinding::Kind::CorruptBlob, name, "content hashes to " + actual.toString());
        } else if (recorded != m_recorded.end() && uint64_t(recorded->second) != size) {
            add(FsckFinding::Kind::SizeMismatch, name,
                "file has " + std::to_string(size) + " bytes, rows say " +
                    std::to_string(recorded->second));
        } else {
            m_present.insert(name);
            if (recorded == m_recorded.end())
                add(FsckFinding::Kind::StrayFile, name, "no row refers to it");
            return;
        }
        m_bad.insert(name);
        if (m_options.repair)
            quarantine(path, algorithmName + "-" + digest->hex);
    }

    bool usable(const std::string& digest) const { return m_present.count(digest) != 0; }

    void dropRows(std::string_view sql, const std::string& a, const std::string& b = {},
                  const std::string& c = {}) {
        auto st = m_db.prepare(sql);
        st.bind(1, a);
        if (!b.empty())
            st.bind(2, b);
        if (!c.empty())
            st.bind(3, c);
        st.run();
        m_report.rowsDropped += uint64_t(m_db.changes());
    }

    void checkBlobRows() {
        std::vector<std::string> missing;
        for (auto st =
                 m_db.prepare("SELECT digest FROM blobs UNION SELECT digest FROM repository_blobs");
             st.step();) {
            ++m_report.rowsChecked;
            std::string digest = st.text(0);
            if (usable(digest))
                continue;
            if (!m_bad.count(digest) && m_reported.insert(digest).second)
                add(FsckFinding::Kind::MissingBlob, digest,
                    "a blob row names it, but its file is missing");
            missing.push_back(std::move(digest));
        }
        if (!m_options.repair || missing.empty())
            return;
        sql::Transaction transaction(m_db);
        for (const auto& digest : missing) {
            dropRows("DELETE FROM repository_blobs WHERE digest = ?1", digest);
            dropRows("DELETE FROM blobs WHERE digest = ?1", digest);
        }
        transaction.commit();
    }

    void checkManifestRows() {
        std::vector<std::pair<std::string, std::string>> missing;
        for (auto st = m_db.prepare("SELECT repository, digest FROM manifests"); st.step();) {
            ++m_report.rowsChecked;
            std::string digest = st.text(1);
            if (usable(digest))
                continue;
            if (!m_bad.count(digest) && m_reported.insert(digest).second)
                add(FsckFinding::Kind::MissingBlob, st.text(0) + "@" + digest,
                    "a manifest row names it, but its file is missing");
            missing.emplace_back(st.text(0), std::move(digest));
        }
        if (!m_options.repair || missing.empty())
            return;
        sql::Transaction transaction(m_db);
        for (const auto& [repository, digest] : missing) {
            dropRows("DELETE FROM manifest_references WHERE repository = ?1 AND manifest = ?2",
                     repository, digest);
            dropRows("DELETE FROM manifests WHERE repository = ?1 AND digest = ?2", repository,
                     digest);
        }
        transaction.commit();
    }

    void checkTags() {
        std::vector<std::pair<std::string, std::string>> dangling;
        for (auto st = m_db.prepare(
                 "SELECT t.repository, t.name, t.digest FROM tags t LEFT JOIN manifests m "
                 "ON m.repository = t.repository AND m.digest = t.digest WHERE m.digest IS NULL");
             st.step();) {
            add(FsckFinding::Kind::MissingManifest, st.text(0) + ":" + st.text(1),
                "tag points at " + st.text(2));
            dangling.emplace_back(st.text(0), st.text(1));
        }
        for (auto st = m_db.prepare("SELECT count(*) FROM tags"); st.step();)
            m_report.rowsChecked += uint64_t(st.integer(0));
        if (!m_options.repair || dangling.empty())
            return;
        sql::Transaction transaction(m_db);
        for (const auto& [repository, tag] : dangling)
            dropRows("DELETE FROM tags WHERE repository = ?1 AND name = ?2", repository, tag);
        transaction.commit();
    }

    // Every blob and child manifest a manifest names must still be there;
    // with repair, a manifest missing any part is dropped (a pull of it
    // could never complete). Returns whether repair dropped anything.
    bool checkReferences() {
        std::set<std::pair<std::string, std::string>> broken;
        for (auto st = m_db.prepare(
                 "SELECT r.repository, r.manifest, r.child FROM manifest_references r "
                 "WHERE NOT EXISTS (SELECT 1 FROM manifests m WHERE m.repository = r.repository "
                 "AND m.digest = r.child) AND NOT EXISTS (SELECT 1 FROM repository_blobs b "
                 "WHERE b.repository = r.repository AND b.digest = r.child)");
             st.step();) {
            const std::string subject = st.text(0) + "@" + st.text(1);
            if (m_reported.insert(subject + " " + st.text(2)).second)
                add(FsckFinding::Kind::MissingManifest, subject,
                    "it refers to " + st.text(2) + ", which is gone");
            broken.emplace(st.text(0), st.text(1));
        }
        if (!m_options.repair || broken.empty())
            return false;
        sql::Transaction transaction(m_db);
        for (const auto& [repository, manifest] : broken) {
            dropRows("DELETE FROM manifest_references WHERE repository = ?1 AND manifest = ?2",
                     repository, manifest);
            dropRows("DELETE FROM manifests WHERE repository = ?1 AND digest = ?2", repository,
                     manifest);
        }
        transaction.commit();
        return true;
    }

    const BlobStore& m_blobs;
    sql::Connection m_db;
    FsckOptions m_options;
    FsckReport m_report;
    std::unordered_map<std::string, int64_t> m_recorded;
    std::unordered_set<std::string> m_present; // files whose content matches name and rows
    std::unordered_set<std::string> m_bad;     // files found corrupt (already reported)
    std::set<std::string> m_reported;          // what was reported once already
    std::map<FsckFinding::Kind, size_t> m_perKind;
};

} // namespace

FsckReport checkStore(const BlobStore& blobs, const std::string& databasePath,
                      const FsckOptions& options) {
    return Checker(blobs, databasePath, options).run();
}

} // namespace ferry
