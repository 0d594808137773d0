// Blob uploads (OCI "Pushing blobs"): monolithic POST, POST then PUT, chunked
// PATCH with Content-Range, status, cancel, and cross-repository mount.
#include "registry/registry.h"

#include "core/log.h"
#include "metrics/metrics.h"
#include "registry/byteranges.h"
#include "registry/names.h"
#include "storage/uploadpipeline.h"

#include <vector>

namespace ferry::oci {

namespace {

// Bodies up to this size are received and stored on the request's thread.
constexpr uint64_t kPipelineThreshold = 1 << 20;

std::string rangeHeaderFor(uint64_t size) {
    // distribution reports "0-0" for an empty upload; clients expect it.
    return "0-" + std::to_string(size == 0 ? 0 : size - 1);
}

} // namespace

http::Response Registry::uploadAccepted(const UploadSession& session, unsigned status) {
    http::Response response;
    response.status = status;
    response.header("Location", "/v2/" + session.repository() + "/blobs/uploads/" + session.id());
    response.header("Range", rangeHeaderFor(session.size()));
    response.header("Docker-Upload-UUID", session.id());
    return response;
}

http::Response Registry::blobCreated(const std::string& repository, const std::string& digest) {
    http::Response response;
    response.status = 201;
    response.header("Location", "/v2/" + repository + "/blobs/" + digest);
    response.header("Docker-Content-Digest", digest);
    return response;
}

std::shared_ptr<UploadSession> Registry::sessionFor(const Route& route) {
    if (route.reference.empty() || route.reference.size() > 64)
        return nullptr;
    auto session = m_uploads.find(route.reference);
    // An upload id is only valid for the repository it was started in.
    if (session && session->repository() != route.repository)
        return nullptr;
    return session;
}

// Streams the request body onto the session. On any failure the session is
// cut back to where it stood, so a retried chunk starts clean.
std::optional<http::Response> Registry::receiveBody(http::Exchange& exchange,
                                                    UploadSession& session) {
    const metrics::UploadInFlight inFlight;
    const uint64_t start = session.size();
    const auto announced = exchange.contentLength();
    auto incomplete = [&](const std::string& why) {
        log::warning("upload ", session.id(), ": ", why);
        session.rollBackTo(start);
        http::Response failed =
            error(ErrorCode::BlobUploadInvalid, "the upload body was incomplete: " + why);
        failed.close = true;
        return failed;
    };
    auto notStored = [&](const StorageError& failure) {
        session.rollBackTo(start);
        http::Response failed = storageFailure(failure);
        failed.close = true;
        return failed;
    };
    if (announced && *announced <= kPipelineThreshold) {
        // Small bodies (manifests' configs, chunks): no second thread.
        std::vector<char> buffer(std::max<size_t>(size_t(*announced), 1));
        for (;;) {
            const http::BodyRead read = exchange.readBody(buffer.data(), buffer.size());
            if (read.status == http::BodyReadStatus::End)
                break;
            if (read.status != http::BodyReadStatus::Data)
                return incomplete(read.error);
            if (auto failure = session.append(buffer.data(), read.size))
                return notStored(*failure);
        }
    } else {
        UploadPipeline pipeline(session);
        for (;;) {
            char* buffer = pipeline.acquire();
            if (!buffer)
                break; // storing failed: finish() below says why
            const http::BodyRead read = exchange.readBody(buffer, UploadPipeline::kBufferSize);
            if (read.status == http::BodyReadStatus::End)
                break;
            if (read.status != http::BodyReadStatus::Data) {
                pipeline.finish();
                return incomplete(read.error);
            }
            pipeline.submit(buffer, read.size);
        }
        if (auto failure = pipeline.finish())
            return notStored(*failure);
    }
    if (announced && session.size() - start != *announced) {
        session.rollBackTo(start);
        return error(ErrorCode::SizeInvalid, "the body length differs from Content-Length");
    }
    return std::nullopt;
}

http::Response Registry::startUpload(http::Exchange& exchange, const Route& route,
                                     const Query& query, const auth::Grant& grant) {
    const std::string mount = query.value("mount");
    if (!mount.empty()) {
        const std::string from = query.value("from");
        // Mount only what the caller could pull from the source; otherwise
        // fall back to a normal upload, as the spec allows.
        if (Digest::parse(mount) && isValidRepositoryName(from) &&
            grant.allows(from, auth::Action::Pull)) {
            const StoreLock storing = m_blobs.lockForStoring();
            if (const auto size = m_metadata.linkedBlobSize(from, mount)) {
                m_metadata.linkBlob(route.repository, mount, *size);
                return blobCreated(route.repository, mount);
            }
        }
    }
    const bool monolithic = query.has("digest");
    std::optional<Digest> expected;
    if (monolithic) {
        expected = Digest::parse(query.value("digest"));
        if (!expected)
            return error(ErrorCode::DigestInvalid,
                         "invalid digest '" + query.value("digest") + "'");
    }
    std::optional<StorageError> failure;
    auto session = m_uploads.start(route.repository, &failure);
    if (!session)
        return storageFailure(*failure);
    if (!monolithic)
        return uploadAccepted(*session, 202);
    std::lock_guard lock(session->mutex());
    if (auto refused = receiveBody(exchange, *session)) {
        m_uploads.cancel(session->id());
        return std::move(*refused);
    }
    if (session->digest(expected->algorithm).hex != expected->hex) {
        m_uploads.cancel(session->id());
        return error(ErrorCode::DigestInvalid,
                     "the content does not match digest " + expected->toString());
    }
    return completeUpload(*session, *expected, 0);
}

http::Response Registry::patchUpload(http::Exchange& exchange, const Route& route) {
    auto session = sessionFor(route);
    if (!session)
        return error(ErrorCode::BlobUploadUnknown, "upload unknown");
    std::lock_guard lock(session->mutex());
    if (session->ended())
        return error(ErrorCode::BlobUploadUnknown, "upload unknown");
    const std::string_view contentRange = exchange.header("Content-Range");
    if (!contentRange.empty()) {
        uint64_t start = 0;
        uint64_t end = 0;
        if (!parseContentRange(contentRange, &start, &end)) {
            http::Response refused = error(ErrorCode::RangeInvalid, "malformed Content-Range");
            refused.header("Range", rangeHeaderFor(session->size()));
            return refused;
        }
        if (start != session->size()) {
            http::Response refused =
                error(ErrorCode::RangeInvalid, "chunk out of order: the upload has " +
                                                   std::to_string(session->size()) + " bytes");
            refused.header("Location",
                           "/v2/" + session->repository() + "/blobs/uploads/" + session->id());
            refused.header("Range", rangeHeaderFor(session->size()));
            return refused;
        }
        const auto length = exchange.contentLength();
        if (length && *length != end - start + 1)
            return error(ErrorCode::SizeInvalid, "Content-Length does not match Content-Range");
    }
    const uint64_t before = session->size();
    if (auto refused = receiveBody(exchange, *session))
        return std::move(*refused);
    try {
        m_metadata.touchUpload(session->id());
    } catch (const sql::Error&) {
        // The chunk is refused (507 or 500 from handle()), so it must not
        // stay: the session keeps only what was acknowledged.
        session->rollBackTo(before);
        throw;
    }
    return uploadAccepted(*session, 202);
}

http::Response Registry::finishUpload(http::Exchange& exchange, const Route& route,
                                      const Query& query) {
    auto session = sessionFor(route);
    if (!session)
        return error(ErrorCode::BlobUploadUnknown, "upload unknown");
    const auto expected = Digest::parse(query.value("digest"));
    if (!expected)
        return error(ErrorCode::DigestInvalid, "the final PUT needs a valid ?digest=");
    std::lock_guard lock(session->mutex());
    if (session->ended())
        return error(ErrorCode::BlobUploadUnknown, "upload unknown");
    const std::string_view contentRange = exchange.header("Content-Range");
    if (!contentRange.empty()) {
        uint64_t start = 0;
        uint64_t end = 0;
        if (!parseContentRange(contentRange, &start, &end) || start != session->size()) {
            http::Response refused = error(ErrorCode::RangeInvalid, "chunk out of order");
            refused.header("Range", rangeHeaderFor(session->size()));
            return refused;
        }
    }
    const uint64_t before = session->size();
    if (auto refused = receiveBody(exchange, *session))
        return std::move(*refused);
    if (session->digest(expected->algorithm).hex != expected->hex) {
        // The data can never become this blob: drop it (distribution does the same).
        m_uploads.cancel(session->id());
        return error(ErrorCode::DigestInvalid,
                     "the content does not match digest " + expected->toString());
    }
    return completeUpload(*session, *expected, before);
}

// The last step of every upload. A failure leaves the session as it was
// before this request's bytes (or ended, when they already reached the
// store), never holding bytes the client was told were refused.
http::Response Registry::completeUpload(UploadSession& session, const Digest& digest,
                                        uint64_t sizeBefore) {
    std::optional<StorageError> failure;
    try {
        failure = m_uploads.complete(session, digest);
    } catch (const sql::Error&) {
        m_uploads.recoverFailedCompletion(session, sizeBefore);
        throw;
    }
    if (failure) {
        m_uploads.recoverFailedCompletion(session, sizeBefore);
        return storageFailure(*failure);
    }
    return blobCreated(session.repository(), digest.toString());
}

http::Response Registry::uploadStatus(const Route& route) {
    auto session = sessionFor(route);
    if (!session)
        return error(ErrorCode::BlobUploadUnknown, "upload unknown");
    return uploadAccepted(*session, 204);
}

http::Response Registry::cancelUpload(const Route& route) {
    auto session = sessionFor(route);
    if (!session)
        return error(ErrorCode::BlobUploadUnknown, "upload unknown");
    m_uploads.cancel(session->id());
    http::Response done;
    done.status = 204;
    return done;
}

} // namespace ferry::oci
