#include "storage/metadatastore.h"

#include <chrono>

namespace ferry {

int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Version 1 of the schema. Repository names are stored as text in every table:
// they are short, and the hot paths (manifest HEAD, blob GET) then need one
// indexed lookup and no join.
static constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS repositories(
    name TEXT PRIMARY KEY, created INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blobs(
    digest TEXT PRIMARY KEY, size INTEGER NOT NULL, touched INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS repository_blobs(
    repository TEXT NOT NULL, digest TEXT NOT NULL, linked INTEGER NOT NULL,
    PRIMARY KEY(repository, digest)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS repository_blobs_digest ON repository_blobs(digest);
CREATE TABLE IF NOT EXISTS manifests(
    repository TEXT NOT NULL, digest TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL,
    artifact_type TEXT, subject TEXT, annotations TEXT, created INTEGER NOT NULL,
    PRIMARY KEY(repository, digest)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS manifests_subject ON manifests(repository, subject) WHERE subject IS NOT NULL;
CREATE INDEX IF NOT EXISTS manifests_digest ON manifests(digest);
CREATE TABLE IF NOT EXISTS manifest_references(
    repository TEXT NOT NULL, manifest TEXT NOT NULL, child TEXT NOT NULL,
    PRIMARY KEY(repository, manifest, child)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS manifest_references_child ON manifest_references(child);
CREATE TABLE IF NOT EXISTS tags(
    repository TEXT NOT NULL, name TEXT NOT NULL, digest TEXT NOT NULL, updated INTEGER NOT NULL,
    PRIMARY KEY(repository, name)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_digest ON tags(repository, digest);
CREATE TABLE IF NOT EXISTS uploads(
    id TEXT PRIMARY KEY, repository TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes(
    repository TEXT NOT NULL, key TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL, seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL, origin TEXT NOT NULL, base TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(repository, key)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS changes_seq ON changes(seq);
CREATE TABLE IF NOT EXISTS sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS parent_tags(
    repository TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY(repository, tag)) WITHOUT ROWID;
)sql";

// Version 2 adds the change feed. A store from version 1 gets one entry per
// existing tag and manifest, so children of an upgraded registry see it all.
static constexpr std::string_view kFeedBackfill = R"sql(
INSERT OR IGNORE INTO changes(repository, key, tag, digest, seq, deleted, origin)
    SELECT repository, 'm:' || digest, '', digest, row_number() OVER (ORDER BY created, repository, digest), 0, 'local'
    FROM manifests;
INSERT OR IGNORE INTO changes(repository, key, tag, digest, seq, deleted, origin)
    SELECT repository, 't:' || name, name, digest,
           (SELECT count(*) FROM manifests) + row_number() OVER (ORDER BY updated, repository, name), 0, 'local'
    FROM tags;
)sql";

MetadataStore::MetadataStore(const std::string& databasePath)
    : m_pool(databasePath) {}

void MetadataStore::open() {
    auto db = m_pool.acquire();
    sql::Transaction tx(*db);
    auto version = db->prepare("PRAGMA user_version");
    const int64_t from = version.step() ? version.integer(0) : 0;
    version.reset();
    db->exec(kSchema);
    if (from < 2) {
        db->exec(kFeedBackfill);
        db->exec("PRAGMA user_version = 2");
    }
    tx.commit();
}

void MetadataStore::ensureRepository(sql::Connection& db, std::string_view repository) {
    db.prepare("INSERT OR IGNORE INTO repositories(name, created) VALUES(?1, ?2)")
        .bind(1, repository)
        .bind(2, unixNow())
        .run();
}

std::optional<int64_t> MetadataStore::linkedBlobSize(std::string_view repository,
                                                     std::string_view digest) {
    auto db = m_pool.acquire();
    auto st =
        db->prepare("SELECT b.size FROM repository_blobs r JOIN blobs b ON b.digest = r.digest "
                    "WHERE r.repository = ?1 AND r.digest = ?2");
    st.bind(1, repository).bind(2, digest);
    if (st.step())
        return st.integer(0);
    // Manifests are blobs too: GET /v2/<name>/blobs/<manifest digest> serves them.
    auto manifest = db->prepare("SELECT size FROM manifests WHERE repository = ?1 AND digest = ?2");
    manifest.bind(1, repository).bind(2, digest);
    if (manifest.step())
        return manifest.integer(0);
    return std::nullopt;
}

std::optional<int64_t> MetadataStore::blobSize(std::string_view digest) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT size FROM blobs WHERE digest = ?1");
    st.bind(1, digest);
    if (st.step())
        return st.integer(0);
    return std::nullopt;
}

void MetadataStore::linkBlob(std::string_view repository, std::string_view digest, int64_t size) {
    auto db = m_pool.acquire();
    sql::Transaction tx(*db);
    const int64_t now = unixNow();
    ensureRepository(*db, repository);
    db->prepare("INSERT INTO blobs(digest, size, touched) VALUES(?1, ?2, ?3) "
                "ON CONFLICT(digest) DO UPDATE SET touched = excluded.touched")
        .bind(1, digest)
        .bind(2, size)
        .bind(3, now)
        .run();
    db->prepare(
          "INSERT OR REPLACE INTO repository_blobs(repository, digest, linked) VALUES(?1, ?2, ?3)")
        .bind(1, repository)
        .bind(2, digest)
        .bind(3, now)
        .run();
    tx.commit();
}

bool MetadataStore::unlinkBlob(std::string_view repository, std::string_view digest) {
    auto db = m_pool.acquire();
    db->prepare("DELETE FROM repository_blobs WHERE repository = ?1 AND digest = ?2")
        .bind(1, repository)
        .bind(2, digest)
        .run();
    return db->changes() > 0;
}

static ManifestRecord readManifest(sql::Statement& st) {
    ManifestRecord record;
    record.digest = st.text(0);
    record.mediaType = st.text(1);
    record.size = st.integer(2);
    record.artifactType = st.optionalText(3).value_or(std::string());
    record.subject = st.optionalText(4).value_or(std::string());
    record.annotations = st.optionalText(5).value_or(std::string());
    return record;
}

std::optional<ManifestRecord> MetadataStore::manifestByDigest(std::string_view repository,
                                                              std::string_view digest) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT digest, media_type, size, artifact_type, subject, annotations "
                          "FROM manifests WHERE repository = ?1 AND digest = ?2");
    st.bind(1, repository).bind(2, digest);
    if (st.step())
        return readManifest(st);
    return std::nullopt;
}

std::optional<ManifestRecord> MetadataStore::manifestByTag(std::string_view repository,
                                                           std::string_view tag) {
    auto db = m_pool.acquire();
    auto st = db->prepare(
        "SELECT m.digest, m.media_type, m.size, m.artifact_type, m.subject, m.annotations "
        "FROM tags t JOIN manifests m ON m.repository = t.repository AND m.digest = t.digest "
        "WHERE t.repository = ?1 AND t.name = ?2");
    st.bind(1, repository).bind(2, tag);
    if (st.step())
        return readManifest(st);
    return std::nullopt;
}

static void setParentTagIn(sql::Connection& db, std::string_view repository, std::string_view tag,
                           std::string_view digest) {
    db.prepare("INSERT OR REPLACE INTO parent_tags(repository, tag, digest) VALUES(?1, ?2, ?3)")
        .bind(1, repository)
        .bind(2, tag)
        .bind(3, digest)
        .run();
}

ManifestWriteResult MetadataStore::putManifest(const ManifestWrite& write) {
    auto db = m_pool.acquire();
    // IMMEDIATE: the existence checks below and the insert are one atomic
    // step, so garbage collection cannot remove a blob in between.
    sql::Transaction tx(*db);
    for (const auto& blob : write.blobs) {
        auto st =
            db->prepare("SELECT 1 FROM repository_blobs WHERE repository = ?1 AND digest = ?2");
        st.bind(1, write.repository).bind(2, blob);
        if (!st.step())
            return {ManifestWriteStatus::MissingBlob, blob};
    }
    for (const auto& child : write.manifests) {
        auto st = db->prepare("SELECT 1 FROM manifests WHERE repository = ?1 AND digest = ?2");
        st.bind(1, write.repository).bind(2, child);
        if (!st.step())
            return {ManifestWriteStatus::MissingManifest, child};
    }
    if (write.tag && write.expectedTagDigest) {
        auto current = db->prepare("SELECT digest FROM tags WHERE repository = ?1 AND name = ?2");
        current.bind(1, write.repository).bind(2, *write.tag);
        const std::string now = current.step() ? current.text(0) : std::string();
        if (now != *write.expectedTagDigest && now != write.manifest.digest)
            return {ManifestWriteStatus::TagConflict, now};
    }
    const int64_t now = unixNow();
    const ManifestRecord& m = write.manifest;
    ensureRepository(*db, write.repository);
    auto insert = db->prepare(
        "INSERT INTO manifests(repository, digest, media_type, size, artifact_type, subject, "
        "annotations, created) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(repository, digest) DO UPDATE SET "
        "media_type = excluded.media_type");
    insert.bind(1, write.repository).bind(2, m.digest).bind(3, m.mediaType).bind(4, m.size);
    m.artifactType.empty() ? insert.bindNull(5) : insert.bind(5, m.artifactType);
    m.subject.empty() ? insert.bindNull(6) : insert.bind(6, m.subject);
    m.annotations.empty() ? insert.bindNull(7) : insert.bind(7, m.annotations);
    insert.bind(8, now).run();
    db->prepare("INSERT INTO blobs(digest, size, touched) VALUES(?1, ?2, ?3) "
                "ON CONFLICT(digest) DO UPDATE SET touched = excluded.touched")
        .bind(1, m.digest)
        .bind(2, m.size)
        .bind(3, now)
        .run();
    auto reference = db->prepare("INSERT OR IGNORE INTO manifest_references(repository, manifest, "
                                 "child) VALUES(?1, ?2, ?3)");
    for (const auto* list : {&write.blobs, &write.manifests}) {
        for (const auto& child : *list) {
            reference.bind(1, write.repository).bind(2, m.digest).bind(3, child).run();
            reference.reset();
        }
    }
    if (write.tag) {
        db->prepare("INSERT OR REPLACE INTO tags(repository, name, digest, updated) VALUES(?1, ?2, "
                    "?3, ?4)")
            .bind(1, write.repository)
            .bind(2, *write.tag)
            .bind(3, m.digest)
            .bind(4, now)
            .run();
    }
    recordChange(*db, write.repository, {}, m.digest, false, write.origin);
    if (write.tag) {
        recordChange(*db, write.repository, *write.tag, m.digest, false, write.origin);
        if (write.origin == "parent")
            setParentTagIn(*db, write.repository, *write.tag, m.digest);
    }
    tx.commit();
    announceChanges();
    return {};
}

bool MetadataStore::deleteManifest(std::string_view repository, std::string_view digest,
                                   std::string_view origin) {
    auto db = m_pool.acquire();
    sql::Transaction tx(*db);
    db->prepare("DELETE FROM manifests WHERE repository = ?1 AND digest = ?2")
        .bind(1, repository)
        .bind(2, digest)
        .run();
    if (db->changes() == 0)
        return false;
    std::vector<std::string> tagNames;
    {
        auto st = db->prepare("SELECT name FROM tags WHERE repository = ?1 AND digest = ?2");
        st.bind(1, repository).bind(2, digest);
        while (st.step())
            tagNames.push_back(st.text(0));
    }
    for (const auto& tag : tagNames) {
        recordChange(*db, repository, tag, digest, true, origin);
        if (origin == "parent")
            db->prepare("DELETE FROM parent_tags WHERE repository = ?1 AND tag = ?2")
                .bind(1, repository)
                .bind(2, tag)
                .run();
    }
    recordChange(*db, repository, {}, digest, true, origin);
    db->prepare("DELETE FROM tags WHERE repository = ?1 AND digest = ?2")
        .bind(1, repository)
        .bind(2, digest)
        .run();
    db->prepare("DELETE FROM manifest_references WHERE repository = ?1 AND manifest = ?2")
        .bind(1, repository)
        .bind(2, digest)
        .run();
    // Touch it so the grace period protects a re-push of the same manifest.
    db->prepare("UPDATE blobs SET touched = ?2 WHERE digest = ?1")
        .bind(1, digest)
        .bind(2, unixNow())
        .run();
    tx.commit();
    announceChanges();
    return true;
}

bool MetadataStore::deleteTag(std::string_view repository, std::string_view tag,
                              std::string_view origin) {
    return deleteTagIf(repository, tag, std::nullopt, origin) == TagDeletion::Deleted;
}

TagDeletion MetadataStore::deleteTagIf(std::string_view repository, std::string_view tag,
                                       const std::optional<std::string>& expected,
                                       std::string_view origin) {
    auto db = m_pool.acquire();
    sql::Transaction tx(*db);
    auto current = db->prepare("SELECT digest FROM tags WHERE repository = ?1 AND name = ?2");
    current.bind(1, repository).bind(2, tag);
    if (!current.step())
        return TagDeletion::Missing;
    const std::string digest = current.text(0);
    current.reset();
    if (expected && *expected != digest)
        return TagDeletion::Conflict;
    db->prepare("DELETE FROM tags WHERE repository = ?1 AND name = ?2")
        .bind(1, repository)
        .bind(2, tag)
        .run();
    recordChange(*db, repository, tag, digest, true, origin);
    if (origin == "parent")
        db->prepare("DELETE FROM parent_tags WHERE repository = ?1 AND tag = ?2")
            .bind(1, repository)
            .bind(2, tag)
            .run();
    tx.commit();
    announceChanges();
    return TagDeletion::Deleted;
}

void MetadataStore::deleteRepository(std::string_view repository, std::string_view origin) {
    auto db = m_pool.acquire();
    sql::Transaction tx(*db);
    std::vector<std::pair<std::string, std::string>> entries; // (tag, digest)
    {
        auto st = db->prepare("SELECT name, digest FROM tags WHERE repository = ?1");
        st.bind(1, repository);
        while (st.step())
            entries.emplace_back(st.text(0), st.text(1));
        auto manifests = db->prepare("SELECT '', digest FROM manifests WHERE repository = ?1");
        manifests.bind(1, repository);
        while (manifests.step())
            entries.emplace_back(std::string(), manifests.text(1));
    }
    for (const auto& [tag, digest] : entries)
        recordChange(*db, repository, tag, digest, true, origin);
    for (const char* table :
         {"tags", "manifests", "manifest_references", "repository_blobs", "parent_tags"})
        db->prepare(std::string("DELETE FROM ") + table + " WHERE repository = ?1")
            .bind(1, repository)
            .run();
    db->prepare("DELETE FROM repositories WHERE name = ?1").bind(1, repository).run();
    tx.commit();
    announceChanges();
}

bool MetadataStore::repositoryExists(std::string_view repository) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT 1 FROM repositories WHERE name = ?1");
    st.bind(1, repository);
    return st.step();
}

std::vector<std::string> MetadataStore::tags(std::string_view repository, std::string_view last,
                                             int64_t limit) {
    auto db = m_pool.acquire();
    auto st = db->prepare(
        "SELECT name FROM tags WHERE repository = ?1 AND name > ?2 ORDER BY name LIMIT ?3");
    st.bind(1, repository).bind(2, last).bind(3, limit);
    std::vector<std::string> names;
    while (st.step())
        names.push_back(st.text(0));
    return names;
}

std::vector<std::string> MetadataStore::repositories(std::string_view last, int64_t limit) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT name FROM repositories WHERE name > ?1 ORDER BY name LIMIT ?2");
    st.bind(1, last).bind(2, limit);
    std::vector<std::string> names;
    while (st.step())
        names.push_back(st.text(0));
    return names;
}

std::vector<ManifestRecord> MetadataStore::referrers(std::string_view repository,
                                                     std::string_view subject,
                                                     std::string_view artifactType) {
    auto db = m_pool.acquire();
    auto st = db->prepare(
        "SELECT digest, media_type, size, artifact_type, subject, annotations FROM manifests "
        "WHERE repository = ?1 AND subject = ?2 AND (?3 = '' OR artifact_type = ?3) "
        "ORDER BY created, digest");
    st.bind(1, repository).bind(2, subject).bind(3, artifactType);
    std::vector<ManifestRecord> records;
    while (st.step())
        records.push_back(readManifest(st));
    return records;
}

void MetadataStore::createUpload(std::string_view id, std::string_view repository) {
    auto db = m_pool.acquire();
    const int64_t now = unixNow();
    db->prepare("INSERT INTO uploads(id, repository, created, updated) VALUES(?1, ?2, ?3, ?3)")
        .bind(1, id)
        .bind(2, repository)
        .bind(3, now)
        .run();
}

std::optional<UploadRecord> MetadataStore::upload(std::string_view id) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT id, repository, created FROM uploads WHERE id = ?1");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return UploadRecord{st.text(0), st.text(1), st.integer(2)};
}

void MetadataStore::touchUpload(std::string_view id) {
    auto db = m_pool.acquire();
    db->prepare("UPDATE uploads SET updated = ?2 WHERE id = ?1")
        .bind(1, id)
        .bind(2, unixNow())
        .run();
}

void MetadataStore::deleteUpload(std::string_view id) {
    auto db = m_pool.acquire();
    db->prepare("DELETE FROM uploads WHERE id = ?1").bind(1, id).run();
}

std::vector<UploadRecord> MetadataStore::uploadsIdleSince(int64_t before) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT id, repository, created FROM uploads WHERE updated < ?1");
    st.bind(1, before);
    std::vector<UploadRecord> records;
    while (st.step())
        records.push_back(UploadRecord{st.text(0), st.text(1), st.integer(2)});
    return records;
}

int64_t MetadataStore::tagCount() {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT count(*) FROM tags");
    return st.step() ? st.integer(0) : 0;
}

} // namespace ferry
