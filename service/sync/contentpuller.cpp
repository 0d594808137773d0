#include "sync/contentpuller.h"

#include "core/digest.h"
#include "core/log.h"
#include "registry/manifest.h"
#include "registry/route.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <thread>

namespace ferry::sync {

namespace {

constexpr int kMaxIndexDepth = 8;
constexpr std::string_view kManifestAccept =
    "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, */*";

// The declared size of every blob a manifest references (config, layers).
std::map<std::string, int64_t> declaredSizes(const std::string& body) {
    std::map<std::string, int64_t> sizes;
    const QJsonObject manifest = QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
    auto note = [&sizes](const QJsonObject& descriptor) {
        const QString digest = descriptor.value(QStringLiteral("digest")).toString();
        if (!digest.isEmpty())
            sizes[digest.toStdString()] = descriptor.value(QStringLiteral("size")).toInteger();
    };
    note(manifest.value(QStringLiteral("config")).toObject());
    for (const QJsonValue& layer : manifest.value(QStringLiteral("layers")).toArray())
        note(layer.toObject());
    return sizes;
}

std::string key(const std::string& repository, const std::string& digest) {
    return repository + "@" + digest;
}

} // namespace

std::string registryPath(const std::string& repository, std::string_view rest) {
    return "/v2/" + repository + "/" + std::string(rest);
}

std::vector<FeedEntry> feedEntriesFrom(const QJsonArray& changes) {
    std::vector<FeedEntry> entries;
    for (const QJsonValue& value : changes) {
        const QJsonObject object = value.toObject();
        FeedEntry entry;
        entry.seq = object.value(QStringLiteral("seq")).toInteger();
        entry.repository = object.value(QStringLiteral("repository")).toString().toStdString();
        entry.tag = object.value(QStringLiteral("tag")).toString().toStdString();
        entry.digest = object.value(QStringLiteral("digest")).toString().toStdString();
        entry.deleted = object.value(QStringLiteral("deleted")).toBool();
        entries.push_back(std::move(entry));
    }
    return entries;
}

ContentPuller::ContentPuller(const Credentials& credentials, BlobStore& blobs,
                             MetadataStore& metadata, SyncStatus& status, int parallelTransfers)
    : m_credentials(credentials)
    , m_blobs(blobs)
    , m_metadata(metadata)
    , m_status(status)
    , m_parallel(std::max(1, parallelTransfers))
    , m_client(credentials.endpoint, credentials.user, credentials.password) {}

void ContentPuller::cancel() {
    m_cancelled = true;
    m_client.cancel();
    std::lock_guard lock(m_workersMutex);
    for (ParentClient* worker : m_workers)
        worker->cancel();
}

void ContentPuller::resetCancel() {
    m_cancelled = false;
}

bool ContentPuller::haveManifest(const std::string& repository, const std::string& digest) {
    return m_metadata.manifestByDigest(repository, digest).has_value() ||
           m_manifests.count(key(repository, digest)) > 0;
}

// Normally a manifest recorded here is complete (it was stored only after its
// blobs); a verifying pass checks again, fetching it anew once per pass.
bool ContentPuller::needsCollecting(const std::string& repository, const std::string& digest) {
    if (m_verify)
        return m_manifests.count(key(repository, digest)) == 0;
    return !haveManifest(repository, digest);
}

bool ContentPuller::haveBlob(const std::string& repository, const std::string& digest) {
    if (!m_metadata.linkedBlobSize(repository, digest))
        return false;
    if (!m_verify)
        return true;
    const auto parsed = Digest::parse(digest);
    return parsed && m_blobs.exists(*parsed);
}

Result<void> ContentPuller::apply(const std::vector<FeedEntry>& entries) {
    if (m_cancelled || m_client.cancelled())
        return Error{"cancelled"};
    m_manifests.clear();
    m_manifestOrder.clear();
    m_missingBlobs.clear();

    // 1. Every manifest this page needs, and the blobs they are missing.
    for (const FeedEntry& entry : entries) {
        if (entry.deleted)
            continue;
        if (!m_verify && !entry.tag.empty() &&
            m_metadata.parentTag(entry.repository, entry.tag) == entry.digest)
            continue; // nothing new about this tag from the parent
        if (needsCollecting(entry.repository, entry.digest)) {
            if (auto collected = collect(entry.repository, entry.digest, 0); !collected)
                return collected;
        }
    }
    // 2. The blobs, in parallel.
    if (auto fetched = fetchBlobs(); !fetched)
        return fetched;
    // 3. Manifests (children first), then the page's tags and deletions in order.
    for (const std::string& manifestKey : m_manifestOrder) {
        if (auto stored = storeManifest(m_manifests.at(manifestKey), std::nullopt); !stored)
            return stored;
    }
    for (const FeedEntry& entry : entries) {
        if (entry.deleted) {
            if (entry.tag.empty()) {
                m_metadata.deleteManifest(entry.repository, entry.digest, "parent");
            } else {
                // The parent wins: its deletion removes the local tag too,
                // unless the tag was already moved locally after it.
                if (!m_metadata.deleteTag(entry.repository, entry.tag, "parent"))
                    m_metadata.setParentTag(entry.repository, entry.tag, "");
            }
            continue;
        }
        if (entry.tag.empty())
            continue;
        // Nothing new from the parent; a verifying pass still restores a
        // tag that is gone here (but never undoes a local move).
        if (m_metadata.parentTag(entry.repository, entry.tag) == entry.digest &&
            (!m_verify || m_metadata.manifestByTag(entry.repository, entry.tag)))
            continue;
        const auto record = m_metadata.manifestByDigest(entry.repository, entry.digest);
        if (!record)
            return Error{"manifest " + entry.digest + " did not arrive"};
        PendingManifest tagged;
        tagged.repository = entry.repository;
        tagged.digest = entry.digest;
        if (auto stored = storeManifest(tagged, entry.tag); !stored)
            return stored;
    }
    m_status.transferFinished();
    return {};
}

// Fetches a manifest and, for an index, its children; notes missing blobs.
Result<void> ContentPuller::collect(const std::string& repository, const std::string& digest,
                                    int depth) {
    if (depth > kMaxIndexDepth)
        return Error{"index nesting deeper than " + std::to_string(kMaxIndexDepth) + " at " +
                     digest};
    auto reply = m_client.send(Verb::get, registryPath(repository, "manifests/" + digest), {},
                               {{"Accept", std::string(kManifestAccept)}});
    if (!reply)
        return Error{reply.error()};
    if (reply.value().status == 404)
        return {}; // deleted at the parent since; its tombstone follows in the feed
    if (reply.value().status != 200)
        return Error{"GET manifest " + digest + " answered " +
                     std::to_string(reply.value().status)};
    const std::string& body = reply.value().body;
    const auto expected = Digest::parse(digest);
    if (!expected || digestOf(body, expected->algorithm).toString() != digest)
        return Error{"the parent sent a manifest that does not match " + digest};
    const oci::ManifestCheck check = oci::parseManifest(body, reply.value().header("Content-Type"));
    if (!check.ok)
        return Error{"manifest " + digest + " is invalid: " + check.error};
    PendingManifest manifest{repository,
                             digest,
                             check.manifest.mediaType,
                             body,
                             check.manifest.blobs,
                             check.manifest.manifests};
    for (const std::string& child : manifest.children) {
        if (needsCollecting(repository, child)) {
            if (auto collected = collect(repository, child, depth + 1); !collected)
                return collected;
        }
    }
    const auto sizes = declaredSizes(body);
    for (const std::string& blob : manifest.blobs) {
        if (haveBlob(repository, blob))
            continue;
        auto& pending = m_missingBlobs[blob];
        pending.digest = blob;
        auto size = sizes.find(blob);
        pending.size = size == sizes.end() ? 0 : size->second;
        pending.repositories.insert(repository);
    }
    m_manifestOrder.push_back(key(repository, digest));
    m_manifests.emplace(key(repository, digest), std::move(manifest));
    return {};
}

Result<void> ContentPuller::fetchBlobs() {
    // Blobs held for another repository only need a link; the rest move.
    std::vector<const PendingBlob*> queue;
    qint64 bytes = 0;
    for (auto& [digest, blob] : m_missingBlobs) {
        const auto parsed = Digest::parse(digest);
        if (!parsed)
            return Error{"invalid blob digest " + digest};
        if (m_metadata.blobSize(digest) && m_blobs.exists(*parsed)) {
            const StoreLock storing = m_blobs.lockForStoring();
            for (const std::string& repository : blob.repositories)
                m_metadata.linkBlob(repository, digest, *m_metadata.blobSize(digest));
            continue;
        }
        queue.push_back(&blob);
        bytes += blob.size;
    }
    if (queue.empty())
        return {};
    m_status.addToTransfer(bytes, qint64(queue.size()));
    std::atomic<size_t> next{0};
    std::mutex failureMutex;
    std::optional<std::string> failure;
    auto work = [&] {
        ParentClient client(m_credentials.endpoint, m_credentials.user, m_credentials.password);
        {
            std::lock_guard lock(m_workersMutex);
            m_workers.push_back(&client);
            if (m_cancelled)
                client.cancel();
        }
        for (size_t i = next++; i < queue.size(); i = next++) {
            if (auto fetched = fetchBlob(client, *queue[i]); !fetched) {
                std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = fetched.error();
                break;
            }
        }
        std::lock_guard lock(m_workersMutex);
        std::erase(m_workers, &client);
    };
    std::vector<std::thread> workers;
    const size_t count = std::min<size_t>(size_t(m_parallel), queue.size());
    for (size_t i = 0; i < count; ++i)
        workers.emplace_back(work);
    for (auto& worker : workers)
        worker.join();
    if (failure)
        return Error{*failure};
    // Bytes as they came off the wire (a resumed blob counts only its rest):
    // bench/sync-bench.sh checks them against the unique blobs' sizes.
    log::info("sync down: fetched ", queue.size(), " blobs, ", m_received.exchange(0),
              " bytes from the parent");
    return {};
}

// One blob into the staging folder, then verified into the store. A partial
// staging file from an interrupted run is continued with Range.
Result<void> ContentPuller::fetchBlob(ParentClient& client, const PendingBlob& blob) {
    const Digest digest = *Digest::parse(blob.digest);
    const std::filesystem::path staged = m_blobs.stagingRoot() / ("sync-" + digest.hex);
    platform::ErrorNumber failed = 0;
    platform::File file = platform::File::open(staged, platform::File::Mode::ReadWriteCreate,
                                               &failed, platform::kOwnerOnly);
    if (!file.isOpen())
        return Error{"cannot open " + staged.string() + ": " + platform::errorText(failed)};
    uint64_t have = 0;
    file.size(&have);
    Hasher hasher(digest.algorithm);
    if (have > 0) { // hash what an earlier run left, to continue from there
        std::vector<char> buffer(1 << 20);
        uint64_t done = 0;
        while (done < have) {
            size_t got = 0;
            if (file.readAt(buffer.data(), std::min<uint64_t>(buffer.size(), have - done), done,
                            &got) != 0 ||
                got == 0)
                break;
            hasher.update(buffer.data(), got);
            done += got;
        }
        have = done;
    }
    Headers headers;
    if (have > 0)
        headers.emplace_back("Range", "bytes=" + std::to_string(have) + "-");
    uint64_t offset = have;
    std::optional<std::string> writeError;
    auto reply = client.download(registryPath(*blob.repositories.begin(), "blobs/" + blob.digest),
                                 headers, [&](const char* data, size_t size) {
                                     if (const auto error = file.writeAt(data, size, offset)) {
                                         writeError = platform::errorText(error);
                                         return false;
                                     }
                                     offset += size;
                                     hasher.update(data, size);
                                     m_received += size;
                                     m_status.transferred(qint64(size), 0);
                                     return true;
                                 });
    if (!reply) {
        if (writeError)
            return Error{"cannot write " + staged.string() + ": " + *writeError};
        return Error{reply.error()};
    }
    const unsigned status = reply.value().status;
    if (status == 200 && have > 0) {
        // The parent ignored the Range: the body started from 0 at `have`.
        // Start over cleanly on the next attempt.
        file.truncate(0);
        return Error{"the parent did not resume " + blob.digest + "; starting it over"};
    }
    if (status == 416) { // what we hold is already everything, or garbage
        file.truncate(0);
        return Error{"the parent refused to resume " + blob.digest};
    }
    if (status != 200 && status != 206)
        return Error{"GET blob " + blob.digest + " answered " + std::to_string(status)};
    if (hasher.finish().hex != digest.hex) {
        file.truncate(0);
        return Error{"blob " + blob.digest + " arrived corrupt; it will be fetched again"};
    }
    const StoreLock storing = m_blobs.lockForStoring();
    if (auto failure = m_blobs.commit(staged, digest))
        return Error{failure->message};
    for (const std::string& repository : blob.repositories)
        m_metadata.linkBlob(repository, blob.digest, int64_t(offset));
    m_status.transferred(0, 1);
    return {};
}

Result<void> ContentPuller::storeManifest(const PendingManifest& manifest,
                                          const std::optional<std::string>& tag) {
    ManifestWrite write;
    write.repository = manifest.repository;
    write.origin = "parent";
    write.tag = tag;
    const StoreLock storing = m_blobs.lockForStoring();
    if (!tag) {
        if (auto failure = m_blobs.put(manifest.body, *Digest::parse(manifest.digest)))
            return Error{failure->message};
        const oci::ManifestCheck check = oci::parseManifest(manifest.body, manifest.mediaType);
        write.manifest.digest = manifest.digest;
        write.manifest.mediaType = check.manifest.mediaType;
        write.manifest.size = int64_t(manifest.body.size());
        write.manifest.artifactType = check.manifest.artifactType;
        write.manifest.subject = check.manifest.subject;
        write.manifest.annotations = check.manifest.annotations;
        write.blobs = check.manifest.blobs;
        write.manifests = check.manifest.manifests;
    } else {
        // Tagging a manifest already here: its references are recorded.
        const auto record = m_metadata.manifestByDigest(manifest.repository, manifest.digest);
        write.manifest = *record;
    }
    const ManifestWriteResult result = m_metadata.putManifest(write);
    if (result.status != ManifestWriteStatus::Stored)
        return Error{"cannot record manifest " + manifest.digest + ": " + result.missing +
                     " is missing"};
    return {};
}

} // namespace ferry::sync
