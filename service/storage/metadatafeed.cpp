// The read side of the change feed and a connected registry's sync
// bookkeeping (docs/sync-protocol.md). The write side is in
// metadatastore.cpp, inside the transactions that change tags and manifests.
#include "storage/metadatastore.h"

namespace ferry {

// The feed keeps one entry per (repository, tag) and per (repository,
// manifest): a newer change replaces the older one under a new sequence
// number. Sequence numbers are handed out inside the writer's IMMEDIATE
// transaction, so they are unique and grow in commit order.
void MetadataStore::recordChange(sql::Connection& db, std::string_view repository,
                                 std::string_view tag, std::string_view digest, bool deleted,
                                 std::string_view origin) {
    auto next = db.prepare("SELECT coalesce(max(seq), 0) + 1 FROM changes");
    next.step();
    const int64_t seq = next.integer(0);
    next.reset();
    const std::string key = tag.empty() ? "m:" + std::string(digest) : "t:" + std::string(tag);
    std::string base;
    if (!tag.empty() && origin != "parent") {
        auto parent =
            db.prepare("SELECT digest FROM parent_tags WHERE repository = ?1 AND tag = ?2");
        parent.bind(1, repository).bind(2, tag);
        if (parent.step())
            base = parent.text(0);
    }
    db.prepare("INSERT OR REPLACE INTO changes(repository, key, tag, digest, seq, deleted, origin, "
               "base) "
               "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, repository)
        .bind(2, key)
        .bind(3, tag)
        .bind(4, digest)
        .bind(5, seq)
        .bind(6, int64_t(deleted ? 1 : 0))
        .bind(7, origin)
        .bind(8, base)
        .run();
}

void MetadataStore::announceChanges() {
    {
        std::lock_guard lock(m_feedMutex);
        ++m_feedGeneration;
    }
    m_feedChanged.notify_all();
}

std::vector<Change> MetadataStore::changesAfter(int64_t seq, int64_t limit) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT seq, repository, tag, digest, deleted, origin, base FROM changes "
                          "WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    st.bind(1, seq).bind(2, limit);
    std::vector<Change> changes;
    while (st.step()) {
        Change change;
        change.seq = st.integer(0);
        change.repository = st.text(1);
        change.tag = st.text(2);
        change.digest = st.text(3);
        change.deleted = st.integer(4) != 0;
        change.origin = st.text(5);
        change.base = st.text(6);
        changes.push_back(std::move(change));
    }
    return changes;
}

int64_t MetadataStore::latestChange() {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT coalesce(max(seq), 0) FROM changes");
    return st.step() ? st.integer(0) : 0;
}

void MetadataStore::waitForChangeAfter(int64_t seq, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_feedMutex);
    for (;;) {
        const int64_t generation = m_feedGeneration;
        lock.unlock();
        if (latestChange() > seq)
            return;
        lock.lock();
        // A commit between the query and here bumped the generation: look again.
        if (m_feedGeneration != generation)
            continue;
        if (m_feedChanged.wait_until(lock, deadline) == std::cv_status::timeout)
            return;
    }
}

std::optional<std::string> MetadataStore::syncValue(std::string_view key) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT value FROM sync_state WHERE key = ?1");
    st.bind(1, key);
    if (st.step())
        return st.text(0);
    return std::nullopt;
}

void MetadataStore::setSyncValue(std::string_view key, std::string_view value) {
    auto db = m_pool.acquire();
    db->prepare("INSERT OR REPLACE INTO sync_state(key, value) VALUES(?1, ?2)")
        .bind(1, key)
        .bind(2, value)
        .run();
}

std::optional<std::string> MetadataStore::parentTag(std::string_view repository,
                                                    std::string_view tag) {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT digest FROM parent_tags WHERE repository = ?1 AND tag = ?2");
    st.bind(1, repository).bind(2, tag);
    if (st.step())
        return st.text(0);
    return std::nullopt;
}

void MetadataStore::setParentTag(std::string_view repository, std::string_view tag,
                                 std::string_view digest) {
    auto db = m_pool.acquire();
    if (digest.empty())
        db->prepare("DELETE FROM parent_tags WHERE repository = ?1 AND tag = ?2")
            .bind(1, repository)
            .bind(2, tag)
            .run();
    else
        db->prepare(
              "INSERT OR REPLACE INTO parent_tags(repository, tag, digest) VALUES(?1, ?2, ?3)")
            .bind(1, repository)
            .bind(2, tag)
            .bind(3, digest)
            .run();
}

std::vector<std::string> MetadataStore::repositoriesWithContent() {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT DISTINCT repository FROM manifests ORDER BY repository");
    std::vector<std::string> names;
    while (st.step())
        names.push_back(st.text(0));
    return names;
}

int64_t MetadataStore::storedBytes() {
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT coalesce(sum(size), 0) FROM blobs");
    return st.step() ? st.integer(0) : 0;
}

MetadataStore::BlobStates MetadataStore::blobStates() {
    auto db = m_pool.acquire();
    BlobStates states;
    auto blobs = db->prepare("SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM manifests m "
                             "WHERE m.digest = b.digest) "
                             "OR EXISTS (SELECT 1 FROM manifest_references r WHERE r.child = "
                             "b.digest)), 0) FROM blobs b");
    if (blobs.step()) {
        states.referenced = blobs.integer(1);
        states.unreferenced = blobs.integer(0) - states.referenced;
    }
    auto uploads = db->prepare("SELECT count(*) FROM uploads");
    if (uploads.step())
        states.uploading = uploads.integer(0);
    return states;
}

} // namespace ferry
