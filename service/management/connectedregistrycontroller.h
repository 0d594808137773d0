#pragma once
// /api/v1/connected-registries: CRUD over connected registries plus their
// operations (deactivate, get-settings, permissions, client-tokens). Every
// change is one AccessStore::mutate(), so the hierarchy rules in
// connectedregistryrules.h hold all or nothing. The wire contract is in
// docs/api.md, "Connected registries".

#include "management/apirequest.h"
#include "management/controllers.h"
#include "management/registryjsoncache.h"

#include <functional>
#include <string>

namespace ferry::management {

class ConnectedRegistryController final : public Controller {
public:
    ConnectedRegistryController(access::AccessStore& store,
                                std::function<std::string()> loginServer);
    QString area() const override { return QStringLiteral("connected-registries"); }
    http::Response handle(ApiRequest& request) override;

private:
    // connectedregistrycontroller.cpp
    http::Response list(ApiRequest& request);
    http::Response get(const QString& name);
    http::Response create(ApiRequest& request, const QString& name);
    http::Response update(ApiRequest& request, const QString& name);
    http::Response remove(ApiRequest& request, const QString& name);
    http::Response deletePreview(ApiRequest& request, const QString& name);
    // connectedregistryoperations.cpp
    http::Response deactivate(ApiRequest& request, const QString& name);
    http::Response resync(ApiRequest& request, const QString& name);
    http::Response getSettings(ApiRequest& request, const QString& name);
    http::Response permissions(const QString& name);
    http::Response updatePermissions(ApiRequest& request, const QString& name);
    http::Response clientTokens(const QString& name);

    access::AccessStore& m_store;
    std::function<std::string()> m_loginServer;
    RegistryJsonCache m_listCache; // list responses are assembled from cached bytes
};

// Registry JSON as the API returns it: the codec's fields plus "revision".
QJsonObject registryJson(const access::ConnectedRegistryRecord& record);

} // namespace ferry::management
