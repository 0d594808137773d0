#pragma once
// ferryd's OCI Distribution v1.1 API (/v2/): routes each request to its
// handler after the one authorization point. Handlers are split by area:
// blobs, uploads, manifests, discovery (tags, catalog, referrers).

#include "auth/accesscontrol.h"
#include "http/exchange.h"
#include "registry/ocierror.h"
#include "registry/route.h"
#include "storage/blobstore.h"
#include "storage/metadatastore.h"
#include "storage/uploads.h"

#include <atomic>
#include <functional>

namespace ferry::oci {

struct RegistryOptions {
    uint64_t maxManifestBytes = 4 * 1024 * 1024;
};

class Registry {
public:
    Registry(BlobStore& blobs, MetadataStore& metadata, UploadManager& uploads,
             auth::AccessController& access, RegistryOptions options = {});

    http::Response handle(http::Exchange& exchange);

    // A ReadOnly connected registry (a mirror) refuses every write from its
    // clients; its content arrives only through sync (DOMAIN.md "Modes").
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

    // Told of every content write a client made (a manifest pushed, a
    // manifest, tag or blob deleted) once it succeeded: a connected
    // registry audits them when its audit log is enabled. Set before serving.
    struct Write {
        std::string subject; // who, as the grant names it
        std::string address; // the client's address
        std::string action;  // "registry.push", "registry.delete"
        std::string target;  // "repository:reference"
    };
    void observeWrites(std::function<void(const Write&)> observer) {
        m_onWrite = std::move(observer);
    }

private:
    http::Response dispatch(http::Exchange& exchange, const Route& route, const Query& query);
    http::Response noted(const http::Exchange& exchange, const auth::Grant& grant,
                         const char* action, const Route& route, http::Response response);

    // blobroutes.cpp
    http::Response getBlob(http::Exchange& exchange, const Route& route, bool headOnly);
    http::Response deleteBlob(const Route& route);
    // uploadroutes.cpp
    http::Response startUpload(http::Exchange& exchange, const Route& route, const Query& query,
                               const auth::Grant& grant);
    http::Response patchUpload(http::Exchange& exchange, const Route& route);
    http::Response finishUpload(http::Exchange& exchange, const Route& route, const Query& query);
    http::Response uploadStatus(const Route& route);
    http::Response cancelUpload(const Route& route);
    std::optional<http::Response> receiveBody(http::Exchange& exchange, UploadSession& session);
    http::Response uploadAccepted(const UploadSession& session, unsigned status);
    http::Response blobCreated(const std::string& repository, const std::string& digest);
    http::Response completeUpload(UploadSession& session, const Digest& digest,
                                  uint64_t sizeBefore);
    std::shared_ptr<UploadSession> sessionFor(const Route& route);
    // manifestroutes.cpp
    http::Response getManifest(http::Exchange& exchange, const Route& route, bool headOnly);
    http::Response putManifest(http::Exchange& exchange, const Route& route);
    http::Response deleteManifest(http::Exchange& exchange, const Route& route);
    // discoveryroutes.cpp
    http::Response listTags(const Route& route, const Query& query);
    http::Response catalog(const Query& query, const auth::Grant& grant);
    http::Response referrers(const Route& route, const Query& query);

    BlobStore& m_blobs;
    MetadataStore& m_metadata;
    UploadManager& m_uploads;
    auth::AccessController& m_access;
    RegistryOptions m_options;
    std::atomic<bool> m_readOnly{false};
    std::function<void(const Write&)> m_onWrite;
};

// The error a storage failure turns into: 507 for a full disk, 500 otherwise.
http::Response storageFailure(const StorageError& error);

} // namespace ferry::oci
