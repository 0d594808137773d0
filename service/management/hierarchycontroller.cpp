#include "management/hierarchycontroller.h"

#include "management/connectedregistrycontroller.h"
#include "management/connectedregistryhierarchy.h"

#include <QJsonArray>
#include <QSet>

namespace ferry::management {

namespace {

// Depth-first; `seen` guards against a cycle in a hand-edited database.
QJsonArray childrenJson(const HierarchyIndex& index, const QString& parent, QSet<QString>& seen)
{
    QJsonArray out;
    for (const access::ConnectedRegistryRecord* child : index.childrenOf(parent)) {
        if (seen.contains(child->registry.name))
            continue;
        seen.insert(child->registry.name);
        QJsonObject json = registryJson(*child);
        json.insert(QStringLiteral("children"), childrenJson(index, child->registry.name, seen));
        out.append(json);
    }
    return out;
}

} // namespace

QJsonObject hierarchyJson(const access::AccessState& state, const QString& rootLoginServer)
{
    const HierarchyIndex index(state);
    QSet<QString> seen;
    seen.reserve(state.registries.size());
    return {{QStringLiteral("name"), QString(kRootRegistryName)},
            {QStringLiteral("loginServer"), rootLoginServer},
            {QStringLiteral("children"), childrenJson(index, QString(), seen)}};
}

HierarchyController::HierarchyController(access::AccessStore& store, std::function<std::string()> loginServer)
    : m_store(store)
    , m_loginServer(std::move(loginServer))
{
}

http::Response HierarchyController::handle(ApiRequest& request)
{
    if (request.segments.size() != 1)
        return errorResponse(404, "NOT_FOUND", QStringLiteral("No such API route."));
    if (request.method != http::Verb::get)
        return errorResponse(405, "METHOD_NOT_ALLOWED", QStringLiteral("The hierarchy is read-only."));
    const access::AccessSnapshot state = m_store.snapshot();
    return jsonResponse(200, hierarchyJson(*state, QString::fromStdString(m_loginServer ? m_loginServer() : "")),
                        state->revision);
}

} // namespace ferry::management
