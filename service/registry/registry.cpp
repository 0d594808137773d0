#include "registry/registry.h"

#include "core/log.h"
#include "registry/names.h"

#include <vector>

namespace ferry::oci {

using http::Verb;

Registry::Registry(BlobStore& blobs, MetadataStore& metadata, UploadManager& uploads,
                   auth::AccessController& access, RegistryOptions options)
    : m_blobs(blobs)
    , m_metadata(metadata)
    , m_uploads(uploads)
    , m_access(access)
    , m_options(options) {}

http::Response storageFailure(const StorageError& failure) {
    log::error("storage: ", failure.message);
    if (failure.diskFull())
        return error(ErrorCode::StorageFull, "the registry's disk is full; nothing was stored");
    return error(ErrorCode::Unknown, "storage error");
}

// What each route needs from the caller (OCI routes to scope actions).
static std::vector<auth::Requirement> requirementsFor(const Route& route, Verb verb) {
    using auth::Action;
    const std::string& repo = route.repository;
    switch (route.kind) {
    case RouteKind::Base:
        return {};
    case RouteKind::Catalog:
        return {{std::string(), Action::MetadataRead}};
    case RouteKind::Tags:
    case RouteKind::Referrers:
        return {{repo, Action::MetadataRead}};
    case RouteKind::Manifest:
    case RouteKind::Blob:
        if (verb == Verb::delete_)
            return {{repo, Action::Delete}};
        if (verb == Verb::put)
            return {{repo, Action::Push}};
        return {{repo, Action::Pull}};
    case RouteKind::UploadStart:
    case RouteKind::Upload:
        return {{repo, Action::Push}};
    case RouteKind::NotFound:
        return {};
    }
    return {};
}

http::Response Registry::handle(http::Exchange& exchange) {
    Route route;
    const Query query(parseTarget(exchange.target(), route));
    if (route.kind == RouteKind::NotFound)
        return error(ErrorCode::NameUnknown, "no such route", 404);
    if (!route.repository.empty() ||
        (route.kind != RouteKind::Base && route.kind != RouteKind::Catalog)) {
        if (!isValidRepositoryName(route.repository)) {
            // Reading or deleting by a name that cannot exist finds nothing
            // (404); only a write that would create it is a bad request.
            const Verb verb = exchange.method();
            if (verb == Verb::get || verb == Verb::head || verb == Verb::delete_)
                return error(ErrorCode::NameUnknown, "repository name not known to registry", 404);
            return error(ErrorCode::NameInvalid,
                         "invalid repository name '" + route.repository + "'");
        }
    }
    try {
        return dispatch(exchange, route, query);
    } catch (const sql::Error& failure) {
        log::error("metadata: ", failure.what());
        if (failure.diskFull())
            return error(ErrorCode::StorageFull, "the registry's disk is full; nothing was stored");
        return error(ErrorCode::Unknown, "metadata store error");
    }
}

http::Response Registry::dispatch(http::Exchange& exchange, const Route& route,
                                  const Query& query) {
    const Verb verb = exchange.method();
    const auto needs = requirementsFor(route, verb);
    const bool write = verb != Verb::get && verb != Verb::head;
    if (write && m_readOnly && route.kind != RouteKind::Base && route.kind != RouteKind::NotFound)
        return error(ErrorCode::Denied, "This operation is not allowed on this registry.", 403);
    auth::Decision decision = m_access.authorize(exchange, needs);
    if (!decision.allowed())
        return std::move(*decision.denial);
    const auth::Grant& grant = *decision.grant;
    const bool read = verb == Verb::get || verb == Verb::head;

    switch (route.kind) {
    case RouteKind::Base:
        if (read) {
            http::Response ok;
            ok.header("Content-Type", "application/json");
            ok.body = "{}";
            return ok;
        }
        break;
    case RouteKind::Catalog:
        if (verb == Verb::get)
            return catalog(query, grant);
        break;
    case RouteKind::Tags:
        if (verb == Verb::get)
            return listTags(route, query);
        break;
    case RouteKind::Referrers:
        if (verb == Verb::get)
            return referrers(route, query);
        break;
    case RouteKind::Manifest:
        if (read)
            return getManifest(exchange, route, verb == Verb::head);
        if (verb == Verb::put)
            return noted(exchange, grant, "registry.push", route, putManifest(exchange, route));
        if (verb == Verb::delete_)
            return noted(exchange, grant, "registry.delete", route,
                         deleteManifest(exchange, route));
        break;
    case RouteKind::Blob:
        if (read)
            return getBlob(exchange, route, verb == Verb::head);
        if (verb == Verb::delete_)
            return noted(exchange, grant, "registry.delete", route, deleteBlob(route));
        break;
    case RouteKind::UploadStart:
        if (verb == Verb::post)
            return startUpload(exchange, route, query, grant);
        break;
    case RouteKind::Upload:
        if (verb == Verb::patch)
            return patchUpload(exchange, route);
        if (verb == Verb::put)
            return finishUpload(exchange, route, query);
        if (read)
            return uploadStatus(route);
        if (verb == Verb::delete_)
            return cancelUpload(route);
        break;
    case RouteKind::NotFound:
        break;
    }
    return error(ErrorCode::Unsupported, "method not allowed on this route");
}

http::Response Registry::noted(const http::Exchange& exchange, const auth::Grant& grant,
                               const char* action, const Route& route, http::Response response) {
    if (m_onWrite && response.status >= 200 && response.status < 300)
        m_onWrite(Write{grant.subject(), exchange.peerAddress(), action,
                        route.repository + ":" + route.reference});
    return response;
}

} // namespace ferry::oci
