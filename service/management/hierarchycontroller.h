#pragma once
// GET /api/v1/hierarchy: the whole connected registry tree in one response,
// for the console's tree and diagram. The parent -> children index is built
// once per call, so the cost is linear in the number of registries.

#include "management/apirequest.h"
#include "management/registryjsoncache.h"

#include <functional>
#include <string>

namespace ferry::management {

class HierarchyController final : public Controller {
public:
    HierarchyController(access::AccessStore& store, std::function<std::string()> loginServer);
    QString area() const override { return QStringLiteral("hierarchy"); }
    http::Response handle(ApiRequest& request) override;

private:
    access::AccessStore& m_store;
    std::function<std::string()> m_loginServer;
    RegistryJsonCache m_cache;
};

// {"name": "root", "loginServer": ..., "children": [registry JSON + "revision" + "children"]}
std::string hierarchyDocument(const access::AccessState& state, const QString& rootLoginServer,
                              RegistryJsonCache& cache);

} // namespace ferry::management
