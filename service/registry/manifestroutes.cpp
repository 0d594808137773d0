// Manifests (OCI "Pulling manifests", "Pushing manifests", "Deleting").
#include "registry/registry.h"

#include "registry/manifest.h"
#include "registry/names.h"

namespace ferry::oci {

namespace {

// Does the Accept header admit mediaType? No header, or a wildcard, admits all.
bool accepts(std::string_view accept, std::string_view mediaType) {
    if (accept.empty())
        return true;
    while (!accept.empty()) {
        const size_t comma = accept.find(',');
        std::string_view item = accept.substr(0, comma);
        item = item.substr(0, item.find(';'));
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        if (item == mediaType || item == "*/*" || item == "application/*")
            return true;
        if (comma == std::string_view::npos)
            break;
        accept.remove_prefix(comma + 1);
    }
    return false;
}

} // namespace

http::Response Registry::getManifest(http::Exchange& exchange, const Route& route, bool headOnly) {
    // A reference that is neither a tag nor a digest names no manifest:
    // 404 MANIFEST_UNKNOWN, as clients and the conformance suite expect.
    std::optional<ManifestRecord> record;
    if (route.reference.find(':') != std::string::npos) {
        if (Digest::parse(route.reference))
            record = m_metadata.manifestByDigest(route.repository, route.reference);
    } else if (isValidTag(route.reference)) {
        record = m_metadata.manifestByTag(route.repository, route.reference);
    }
    if (!record)
        return error(ErrorCode::ManifestUnknown,
                     "manifest unknown: " + route.repository + ":" + route.reference);
    if (!accepts(exchange.headerList("Accept"), record->mediaType))
        return error(ErrorCode::ManifestUnknown, "the manifest is " + record->mediaType +
                                                     ", which the Accept header does not allow");
    http::Response response;
    response.header("Content-Type", record->mediaType);
    response.header("Docker-Content-Digest", record->digest);
    response.header("ETag", "\"" + record->digest + "\"");
    if (headOnly) {
        response.announcedLength = uint64_t(record->size);
        return response;
    }
    response.file = m_blobs.openForReading(*Digest::parse(record->digest));
    if (!response.file.isOpen())
        return error(ErrorCode::ManifestUnknown, "manifest content is missing");
    response.fileLength = uint64_t(record->size);
    return response;
}

http::Response Registry::putManifest(http::Exchange& exchange, const Route& route) {
    const bool byDigest = route.reference.find(':') != std::string::npos;
    std::optional<Digest> named;
    if (byDigest) {
        named = Digest::parse(route.reference);
        if (!named)
            return error(ErrorCode::DigestInvalid, "invalid digest '" + route.reference + "'");
    } else if (!isValidTag(route.reference)) {
        return error(ErrorCode::ManifestInvalid, "invalid tag '" + route.reference + "'");
    }
    const auto announced = exchange.contentLength();
    if (announced && *announced > m_options.maxManifestBytes)
        return error(ErrorCode::SizeInvalid, "manifests are limited to 4 MiB", 413);
    std::string body;
    char buffer[64 * 1024];
    for (;;) {
        const http::BodyRead read = exchange.readBody(buffer, sizeof buffer);
        if (read.status == http::BodyReadStatus::End)
            break;
        if (read.status != http::BodyReadStatus::Data) {
            http::Response failed =
                error(ErrorCode::ManifestInvalid, "the manifest body was incomplete");
            failed.close = true;
            return failed;
        }
        if (body.size() + read.size > m_options.maxManifestBytes) {
            http::Response failed =
                error(ErrorCode::SizeInvalid, "manifests are limited to 4 MiB", 413);
            failed.close = true;
            return failed;
        }
        body.append(buffer, read.size);
    }
    const ManifestCheck check = parseManifest(body, exchange.header("Content-Type"));
    if (!check.ok)
        return error(ErrorCode::ManifestInvalid, check.error);
    const Digest digest = digestOf(body, named ? named->algorithm : DigestAlgorithm::Sha256);
    if (named && named->hex != digest.hex)
        return error(ErrorCode::DigestInvalid,
                     "the manifest does not match digest " + route.reference);

    // Bytes first (durable), then metadata: a crash in between leaves an
    // unreferenced file for garbage collection, never a manifest without bytes.
    const StoreLock storing = m_blobs.lockForStoring();
    if (auto failure = m_blobs.put(body, digest))
        return storageFailure(*failure);
    ManifestWrite write;
    write.repository = route.repository;
    write.manifest.digest = digest.toString();
    write.manifest.mediaType = check.manifest.mediaType;
    write.manifest.size = int64_t(body.size());
    write.manifest.artifactType = check.manifest.artifactType;
    write.manifest.subject = check.manifest.subject;
    write.manifest.annotations = check.manifest.annotations;
    if (!byDigest) {
        write.tag = route.reference;
        // Conditional tag moves (sync up, docs/sync-protocol.md): If-Match
        // names the digest the tag must point at now, If-None-Match: * says
        // the tag must not exist yet.
        if (const std::string_view match = exchange.header("If-Match"); !match.empty()) {
            std::string expected(match);
            if (expected.size() >= 2 && expected.front() == '"' && expected.back() == '"')
                expected = expected.substr(1, expected.size() - 2);
            write.expectedTagDigest = expected;
        } else if (exchange.header("If-None-Match") == "*") {
            write.expectedTagDigest = std::string();
        }
    }
    write.blobs = check.manifest.blobs;
    write.manifests = check.manifest.manifests;
    const ManifestWriteResult result = m_metadata.putManifest(write);
    if (result.status == ManifestWriteStatus::MissingBlob)
        return error(ErrorCode::ManifestBlobUnknown,
                     "blob " + result.missing + " is not in repository " + route.repository);
    if (result.status == ManifestWriteStatus::MissingManifest)
        return error(ErrorCode::ManifestBlobUnknown,
                     "manifest " + result.missing + " is not in repository " + route.repository);
    if (result.status == ManifestWriteStatus::TagConflict) {
        http::Response conflict =
            error(ErrorCode::Denied,
                  "tag " + route.reference + " has moved to " +
                      (result.missing.empty() ? std::string("nothing") : result.missing),
                  412);
        if (!result.missing.empty())
            conflict.header("ETag", "\"" + result.missing + "\"");
        return conflict;
    }
    http::Response created;
    created.status = 201;
    created.header("Location", "/v2/" + route.repository + "/manifests/" + digest.toString());
    created.header("Docker-Content-Digest", digest.toString());
    if (!check.manifest.subject.empty())
        created.header("OCI-Subject", check.manifest.subject);
    return created;
}

http::Response Registry::deleteManifest(http::Exchange& exchange, const Route& route) {
    const bool byDigest = route.reference.find(':') != std::string::npos;
    if (byDigest) {
        if (!Digest::parse(route.reference) ||
            !m_metadata.deleteManifest(route.repository, route.reference))
            return error(ErrorCode::ManifestUnknown, "manifest unknown: " + route.reference);
    } else {
        // OCI 1.1: DELETE by tag removes the tag, not the manifest.
        if (!isValidTag(route.reference))
            return error(ErrorCode::ManifestUnknown, "tag unknown: " + route.reference);
        // If-Match: delete only the tag as the caller knew it (sync up).
        std::optional<std::string> expected;
        if (const std::string_view match = exchange.header("If-Match"); !match.empty()) {
            std::string text(match);
            std::erase(text, '"');
            expected = text;
        }
        const TagDeletion deleted =
            m_metadata.deleteTagIf(route.repository, route.reference, expected);
        if (deleted == TagDeletion::Missing)
            return error(ErrorCode::ManifestUnknown, "tag unknown: " + route.reference);
        if (deleted == TagDeletion::Conflict)
            return error(ErrorCode::Denied, "tag " + route.reference + " has moved", 412);
    }
    http::Response accepted;
    accepted.status = 202;
    return accepted;
}

} // namespace ferry::oci
