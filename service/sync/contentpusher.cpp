#include "sync/contentpusher.h"

#include "core/log.h"
#include "registry/manifest.h"

#include <QString>

#include <fstream>
#include <sstream>

namespace ferry::sync {

namespace {

constexpr std::string_view kCursor = "up.cursor";

bool acknowledged(unsigned status) {
    return status >= 200 && status < 300;
}

std::string pathOnly(const std::string& location) {
    // Location may be absolute (scheme://host/path) or a path.
    const size_t scheme = location.find("://");
    if (scheme == std::string::npos)
        return location;
    const size_t path = location.find('/', scheme + 3);
    return path == std::string::npos ? "/" : location.substr(path);
}

} // namespace

ContentPusher::ContentPusher(const Credentials& credentials, BlobStore& blobs,
                             MetadataStore& metadata, SyncStatus& status)
    : m_blobs(blobs)
    , m_metadata(metadata)
    , m_status(status)
    , m_client(credentials.endpoint, credentials.user, credentials.password) {}

Result<int> ContentPusher::forwardPending(const std::function<bool(const std::string&)>& inScope) {
    int64_t cursor = std::stoll(m_metadata.syncValue(kCursor).value_or("0"));
    int forwarded = 0;
    for (;;) {
        const std::vector<Change> page = m_metadata.changesAfter(cursor, 200);
        if (page.empty())
            return forwarded;
        for (const Change& change : page) {
            if (change.origin != "parent" && inScope(change.repository)) {
                if (auto done = forward(change); !done)
                    return Error{done.error()};
                ++forwarded;
            }
            cursor = change.seq;
            m_metadata.setSyncValue(kCursor, std::to_string(cursor));
        }
    }
}

Result<void> ContentPusher::forward(const Change& change) {
    if (change.deleted) {
        const std::string reference = change.tag.empty() ? change.digest : change.tag;
        auto reply =
            m_client.send(Verb::delete_, registryPath(change.repository, "manifests/" + reference));
        if (!reply)
            return Error{reply.error()};
        // 404: already gone there; 412: the parent moved it since, and wins.
        if (!acknowledged(reply.value().status) && reply.value().status != 404 &&
            reply.value().status != 412)
            return Error{"DELETE " + reference + " at the parent answered " +
                         std::to_string(reply.value().status)};
        if (!change.tag.empty())
            m_metadata.setParentTag(change.repository, change.tag, "");
        return {};
    }
    if (auto ensured = ensureManifest(change.repository, change.digest, 0); !ensured)
        return ensured;
    if (change.tag.empty())
        return {};
    // The tag itself: only if the parent's tag is still where it was when
    // the tag was moved here (the change's base), so a later move at the
    // parent wins.
    if (m_metadata.parentTag(change.repository, change.tag) == change.digest)
        return {};
    std::string mediaType;
    auto body = readManifest(change.repository, change.digest, &mediaType);
    if (!body)
        return Error{body.error()};
    Headers headers{{"Content-Type", mediaType}};
    if (!change.base.empty())
        headers.emplace_back("If-Match", "\"" + change.base + "\"");
    else
        headers.emplace_back("If-None-Match", "*");
    auto reply =
        m_client.send(Verb::put, registryPath(change.repository, "manifests/" + change.tag),
                      body.value(), headers);
    if (!reply)
        return Error{reply.error()};
    if (reply.value().status == 412) {
        // Both sides moved the tag: the parent wins (docs/sync-protocol.md
        // "Conflicts"); its value reaches us through the feed.
        log::warning("tag ", change.repository, ":", change.tag,
                     " moved at the parent too; the parent's value wins");
        m_status.setDetail(
            QStringLiteral("TAG_CONFLICT"),
            QStringLiteral("%1:%2 was changed here and at the parent; the parent's value was kept.")
                .arg(QString::fromStdString(change.repository), QString::fromStdString(change.tag)),
            QStringLiteral("info"));
        return {};
    }
    if (!acknowledged(reply.value().status))
        return Error{"PUT " + change.repository + ":" + change.tag + " at the parent answered " +
                     std::to_string(reply.value().status) + ": " +
                     reply.value().body.substr(0, 300)};
    m_metadata.setParentTag(change.repository, change.tag, change.digest);
    return {};
}

Result<std::string> ContentPusher::readManifest(const std::string& repository,
                                                const std::string& digest, std::string* mediaType) {
    const auto record = m_metadata.manifestByDigest(repository, digest);
    const auto parsed = Digest::parse(digest);
    if (!record || !parsed)
        return Error{"manifest " + digest + " is no longer here"};
    std::ifstream file(m_blobs.pathFor(*parsed), std::ios::binary);
    std::stringstream content;
    content << file.rdbuf();
    if (!file)
        return Error{"cannot read manifest " + digest};
    *mediaType = record->mediaType;
    return content.str();
}

// The manifest by digest at the parent, with everything it references.
Result<void> ContentPusher::ensureManifest(const std::string& repository, const std::string& digest,
                                           int depth) {
    if (depth > 8)
        return Error{"index nesting too deep at " + digest};
    auto head = m_client.send(Verb::head, registryPath(repository, "manifests/" + digest), {},
                              {{"Accept", "*/*"}});
    if (!head)
        return Error{head.error()};
    if (head.value().status == 200)
        return {};
    std::string mediaType;
    auto body = readManifest(repository, digest, &mediaType);
    if (!body)
        return {}; // deleted here since; its deletion is a later change
    const oci::ManifestCheck check = oci::parseManifest(body.value(), mediaType);
    for (const std::string& child : check.manifest.manifests) {
        if (auto ensured = ensureManifest(repository, child, depth + 1); !ensured)
            return ensured;
    }
    for (const std::string& blob : check.manifest.blobs) {
        if (auto ensured = ensureBlob(repository, blob); !ensured)
            return ensured;
    }
    auto reply = m_client.send(Verb::put, registryPath(repository, "manifests/" + digest),
                               body.value(), {{"Content-Type", mediaType}});
    if (!reply)
        return Error{reply.error()};
    if (!acknowledged(reply.value().status))
        return Error{"PUT manifest " + digest + " at the parent answered " +
                     std::to_string(reply.value().status) + ": " +
                     reply.value().body.substr(0, 300)};
    return {};
}

Result<void> ContentPusher::ensureBlob(const std::string& repository, const std::string& digest) {
    auto head = m_client.send(Verb::head, registryPath(repository, "blobs/" + digest));
    if (!head)
        return Error{head.error()};
    if (head.value().status == 200)
        return {};
    const auto parsed = Digest::parse(digest);
    if (!parsed || !m_blobs.exists(*parsed))
        return Error{"blob " + digest + " is missing here"};
    auto start = m_client.send(Verb::post, registryPath(repository, "blobs/uploads/"));
    if (!start)
        return Error{start.error()};
    if (start.value().status != 202)
        return Error{"starting an upload at the parent answered " +
                     std::to_string(start.value().status)};
    std::string target = pathOnly(start.value().header("Location"));
    target += (target.find('?') == std::string::npos ? "?digest=" : "&digest=") + digest;
    const std::filesystem::path path = m_blobs.pathFor(*parsed);
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    m_status.addToTransfer(qint64(size), 1);
    auto reply =
        m_client.upload(Verb::put, target, path, {{"Content-Type", "application/octet-stream"}});
    if (!reply)
        return Error{reply.error()};
    if (reply.value().status != 201)
        return Error{"uploading " + digest + " to the parent answered " +
                     std::to_string(reply.value().status)};
    m_status.transferred(qint64(size), 1);
    return {};
}

} // namespace ferry::sync
