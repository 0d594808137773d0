#include "management/hierarchycontroller.h"

#include "management/connectedregistryhierarchy.h"

#include <QSet>

namespace ferry::management {

namespace {

// Depth-first, written straight into `out`: each registry's cached object
// minus its closing brace, then "children". `seen` guards against a cycle
// in a hand-edited database.
void appendChildren(std::string& out, const HierarchyIndex& index, const QString& parent,
                    QSet<QString>& seen, RegistryJsonCache& cache) {
    out += '[';
    bool first = true;
    for (const access::ConnectedRegistryRecord* child : index.childrenOf(parent)) {
        if (seen.contains(child->registry.name))
            continue;
        seen.insert(child->registry.name);
        if (!first)
            out += ',';
        first = false;
        const QByteArray json = cache.compact(*child);
        out.append(json.constData(), size_t(json.size() - 1));
        out += ",\"children\":";
        appendChildren(out, index, child->registry.name, seen, cache);
        out += '}';
    }
    out += ']';
}

} // namespace

std::string hierarchyDocument(const access::AccessState& state, const QString& rootLoginServer,
                              RegistryJsonCache& cache) {
    const HierarchyIndex index(state);
    QSet<QString> seen;
    seen.reserve(state.registries.size());
    std::string out;
    out.reserve(size_t(state.registries.size()) * 640 + 128);
    out += "{\"name\":" + jsonString(QString(kRootRegistryName)).toStdString() +
           ",\"loginServer\":" + jsonString(rootLoginServer).toStdString() + ",\"children\":";
    appendChildren(out, index, QString(), seen, cache);
    out += '}';
    cache.prune(state);
    return out;
}

HierarchyController::HierarchyController(access::AccessStore& store,
                                         std::function<std::string()> loginServer)
    : m_store(store)
    , m_loginServer(std::move(loginServer)) {}

http::Response HierarchyController::handle(ApiRequest& request) {
    if (request.segments.size() != 1)
        return errorResponse(404, "NOT_FOUND", QStringLiteral("No such API route."));
    if (request.method != http::Verb::get)
        return errorResponse(405, "METHOD_NOT_ALLOWED",
                             QStringLiteral("The hierarchy is read-only."));
    const access::AccessSnapshot state = m_store.snapshot();
    http::Response response = jsonResponse(200, QJsonObject(), state->revision);
    response.body = hierarchyDocument(
        *state, QString::fromStdString(m_loginServer ? m_loginServer() : ""), m_cache);
    return response;
}

} // namespace ferry::management
