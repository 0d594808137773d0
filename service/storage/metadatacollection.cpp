// What garbage collection asks of the metadata (storage/garbagecollector.cpp):
// which blobs are garbage, forgetting one only if it still is, and which
// rows a folder of the blob store has, for the sweep for stray files.
#include "storage/metadatastore.h"

namespace ferry {

// A blob is live while any manifest is it or references it. Everything else
// older than the grace period is garbage.
static constexpr std::string_view kCollectable =
    "b.touched < ?1 AND NOT EXISTS (SELECT 1 FROM manifests m WHERE m.digest = b.digest) "
    "AND NOT EXISTS (SELECT 1 FROM manifest_references r WHERE r.child = b.digest)";

std::vector<CollectableBlob> MetadataStore::collectableBlobs(int64_t before) {
    auto db = m_pool.acquire();
    auto st = db->prepare(std::string("SELECT b.digest, b.size FROM blobs b WHERE ") +
                          std::string(kCollectable));
    st.bind(1, before);
    std::vector<CollectableBlob> blobs;
    while (st.step())
        blobs.push_back({st.text(0), st.integer(1)});
    return blobs;
}

bool MetadataStore::forgetBlobIfCollectable(std::string_view digest, int64_t before) {
    auto db = m_pool.acquire();
    sql::Transaction tx(*db);
    auto st = db->prepare(std::string("SELECT 1 FROM blobs b WHERE b.digest = ?2 AND ") +
                          std::string(kCollectable));
    st.bind(1, before).bind(2, digest);
    if (!st.step())
        return false;
    st.reset();
    db->prepare("DELETE FROM repository_blobs WHERE digest = ?1").bind(1, digest).run();
    db->prepare("DELETE FROM blobs WHERE digest = ?1").bind(1, digest).run();
    tx.commit();
    return true;
}

std::unordered_set<std::string> MetadataStore::blobDigestsStartingWith(std::string_view prefix) {
    std::unordered_set<std::string> digests;
    if (prefix.empty())
        return digests;
    // Every string that starts with prefix sorts in [prefix, prefix with its
    // last character raised by one); digests are ASCII, so no carry.
    std::string end(prefix);
    end.back() = char(end.back() + 1);
    auto db = m_pool.acquire();
    auto st = db->prepare("SELECT digest FROM blobs WHERE digest >= ?1 AND digest < ?2");
    st.bind(1, prefix);
    st.bind(2, end);
    while (st.step())
        digests.insert(st.text(0));
    return digests;
}

} // namespace ferry
