#include "management/connectedregistrycontroller.h"

#include "domain/jsoncodec.h"
#include "management/connectedregistryhierarchy.h"
#include "management/connectedregistryrules.h"
#include "management/connectedregistryupdate.h"
#include "management/listpaging.h"

#include <QJsonArray>
#include <algorithm>

namespace ferry::management {

namespace {

using L = QLatin1StringView;

http::Response methodNotAllowed() {
    return errorResponse(405, "METHOD_NOT_ALLOWED",
                         QStringLiteral("That method is not allowed on this resource."));
}

template <class E>
Result<std::optional<E>> enumFilter(const ApiRequest& request, const char* name) {
    const QString text = request.queryValue(name);
    if (text.isEmpty())
        return std::optional<E>();
    const auto value = enumFromString<E>(text);
    if (!value)
        return makeError(
            L("QUERY_INVALID"),
            QStringLiteral("Query parameter %1 must be one of %2.")
                .arg(QString::fromLatin1(name), enumSpellings<E>().join(QStringLiteral(", "))),
            QString::fromLatin1(name));
    return std::optional<E>(*value);
}

QJsonObject deleteReportJson(const QString& deleted, const DeleteReport& report) {
    const auto array = [](const QStringList& list) { return QJsonArray::fromStringList(list); };
    QJsonArray gateway;
    for (const auto& [scopeMap, action] : report.removedGatewayActions)
        gateway.append(QJsonObject{{QStringLiteral("scopeMap"), scopeMap},
                                   {QStringLiteral("action"), action}});
    return QJsonObject{
        {QStringLiteral("deleted"), deleted},
        {QStringLiteral("removed"),
         QJsonObject{{QStringLiteral("tokens"), array(report.removedTokens)},
                     {QStringLiteral("scopeMaps"), array(report.removedScopeMaps)},
                     {QStringLiteral("gatewayActions"), gateway}}},
        {QStringLiteral("leftBehind"),
         QJsonObject{{QStringLiteral("tokens"), array(report.leftTokens)},
                     {QStringLiteral("scopeMaps"), array(report.leftScopeMaps)},
                     {QStringLiteral("gatewayActions"), array(report.leftGatewayActions)}}}};
}

} // namespace

QJsonObject registryJson(const access::ConnectedRegistryRecord& record) {
    QJsonObject json = toJson(record.registry);
    json.insert(QStringLiteral("revision"), double(record.revision));
    return json;
}

ConnectedRegistryController::ConnectedRegistryController(access::AccessStore& store,
                                                         std::function<std::string()> loginServer)
    : m_store(store)
    , m_loginServer(std::move(loginServer)) {}

http::Response ConnectedRegistryController::handle(ApiRequest& request) {
    const QStringList& s = request.segments;
    const http::Verb method = request.method;
    if (s.size() == 1)
        return method == http::Verb::get ? list(request) : methodNotAllowed();
    const QString name = s[1];
    if (s.size() == 2) {
        switch (method) {
        case http::Verb::get:
            return get(name);
        case http::Verb::put:
            return create(request, name);
        case http::Verb::patch:
            return update(request, name);
        case http::Verb::delete_:
            return remove(request, name);
        default:
            return methodNotAllowed();
        }
    }
    if (s.size() == 3) {
        const QString& operation = s[2];
        if (operation == L("deactivate"))
            return method == http::Verb::post ? deactivate(request, name) : methodNotAllowed();
        if (operation == L("resync"))
            return method == http::Verb::post ? resync(request, name) : methodNotAllowed();
        if (operation == L("get-settings"))
            return method == http::Verb::post ? getSettings(request, name) : methodNotAllowed();
        if (operation == L("permissions")) {
            if (method == http::Verb::get)
                return permissions(name);
            return method == http::Verb::patch ? updatePermissions(request, name)
                                               : methodNotAllowed();
        }
        if (operation == L("delete-preview"))
            return method == http::Verb::get ? deletePreview(request, name) : methodNotAllowed();
        if (operation == L("client-tokens"))
            return method == http::Verb::get ? clientTokens(name) : methodNotAllowed();
    }
    return errorResponse(404, "NOT_FOUND", QStringLiteral("No such API route."));
}

http::Response ConnectedRegistryController::list(ApiRequest& request) {
    const auto page = pageRequest(request);
    if (!page)
        return errorResponse(page.error());
    const access::AccessSnapshot state = m_store.snapshot();
    auto mode = enumFilter<ConnectedRegistryMode>(request, "mode");
    if (!mode)
        return errorResponse(mode.error());
    auto connection = enumFilter<ConnectionState>(request, "connectionState");
    if (!connection)
        return errorResponse(connection.error());
    const QString parent = request.queryValue("parent");
    const bool descendants =
        request.queryValue("descendants").compare(L("true"), Qt::CaseInsensitive) == 0;

    const HierarchyIndex index(*state);
    QList<const access::ConnectedRegistryRecord*> candidates;
    if (!parent.isEmpty() || descendants) {
        QString parentName; // the root
        if (!parent.isEmpty() && parent.compare(kRootRegistryName, Qt::CaseInsensitive) != 0) {
            const access::ConnectedRegistryRecord* record = findRegistry(*state, parent);
            if (!record)
                return errorResponse(notFound(QStringLiteral("Connected registry %1").arg(parent)));
            parentName = record->registry.name;
        }
        candidates = descendants ? index.descendantsOf(parentName) : index.childrenOf(parentName);
    } else {
        for (const access::ConnectedRegistryRecord& record : state->registries)
            candidates.push_back(&record);
        std::sort(candidates.begin(), candidates.end(),
                  [](const auto* a, const auto* b) { return a->registry.name < b->registry.name; });
    }
    // Filters first, then the page, so `n` counts what the caller asked for.
    QList<const access::ConnectedRegistryRecord*> matching;
    matching.reserve(candidates.size());
    for (const access::ConnectedRegistryRecord* record : candidates) {
        if (*mode && record->registry.mode != **mode)
            continue;
        if (*connection && record->registry.connectionState != **connection)
            continue;
        matching.push_back(record);
    }
    const auto nameOf = [](const access::ConnectedRegistryRecord* r) { return r->registry.name; };
    // A subtree comes parents first, not by name: page it by position.
    const auto slice = descendants ? pageOfOrdered(matching, *page, nameOf)
                                   : Result<PageSlice>(pageOfSorted(matching, *page, nameOf));
    if (!slice)
        return errorResponse(slice.error());
    std::string body = "{\"items\":[";
    body.reserve(size_t(slice->end - slice->begin) * 640 + 16);
    bool first = true;
    for (const access::ConnectedRegistryRecord* record :
         matching.mid(slice->begin, slice->end - slice->begin)) {
        if (!first)
            body += ',';
        first = false;
        const QByteArray json = m_listCache.compact(*record);
        body.append(json.constData(), size_t(json.size()));
    }
    body += "]}";
    m_listCache.prune(*state);
    http::Response response = jsonResponse(200, QJsonObject());
    response.body = std::move(body);
    if (slice->end > slice->begin)
        addNextLink(response, request, "connected-registries", *page, *slice,
                    nameOf(matching.at(slice->end - 1)),
                    {"parent", "descendants", "mode", "connectionState"});
    return response;
}

http::Response ConnectedRegistryController::get(const QString& name) {
    const access::AccessSnapshot state = m_store.snapshot();
    const access::ConnectedRegistryRecord* record = findRegistry(*state, name);
    if (!record)
        return errorResponse(notFound(QStringLiteral("Connected registry %1").arg(name)));
    return jsonResponse(200, registryJson(*record), record->revision);
}

http::Response ConnectedRegistryController::create(ApiRequest& request, const QString& name) {
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    QJsonObject json = body.value();
    if (json.contains(L("name")) &&
        json.value(L("name")).toString().compare(name, Qt::CaseInsensitive) != 0)
        return errorResponse(makeError(
            errc::JsonInvalid,
            QStringLiteral("The name in the body (%1) differs from the one in the path (%2).")
                .arg(json.value(L("name")).toString(), name),
            QStringLiteral("name")));
    json.insert(QStringLiteral("name"), name);
    auto decoded = connectedRegistryFromJson(json);
    if (!decoded)
        return errorResponse(decoded.error());

    CreateRegistryRequest create{decoded.value(), std::nullopt};
    const QJsonValue repositories = json.value(L("repositories"));
    if (!repositories.isUndefined() && !repositories.isNull()) {
        if (!repositories.isArray())
            return errorResponse(makeError(errc::JsonInvalid,
                                           QStringLiteral("\"repositories\" must be an array of "
                                                          "repository names or patterns."),
                                           QStringLiteral("repositories")));
        QStringList list;
        for (const QJsonValue& item : repositories.toArray()) {
            if (!item.isString())
                return errorResponse(makeError(
                    errc::JsonInvalid, QStringLiteral("\"repositories\" must hold strings only."),
                    QStringLiteral("repositories")));
            list.push_back(item.toString());
        }
        create.repositories = list;
    }

    ConnectedRegistry created;
    int64_t revision = 0;
    const Status status = m_store.mutate([&](access::Mutation& m) -> Status {
        if (Status made = createConnectedRegistry(m, create, created); !made)
            return made;
        revision = m.state().registry(created.name)->revision;
        m.audit(auditOf(
            request, QStringLiteral("connectedRegistry.create"), auditTargetOf(created.name),
            QStringLiteral("mode %1, parent %2, sync token %3")
                .arg(toString(created.mode),
                     created.parent.isEmpty() ? QString(kRootRegistryName) : created.parent,
                     created.sync.token)));
        return {};
    });
    if (!status)
        return errorResponse(status.error());
    http::Response response = jsonResponse(
        201, registryJson(access::ConnectedRegistryRecord{created, revision}), revision);
    response.header("Location", "/api/v1/connected-registries/" + created.name.toStdString());
    return response;
}

http::Response ConnectedRegistryController::update(ApiRequest& request, const QString& name) {
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    access::ConnectedRegistryRecord updated;
    const Status status = m_store.mutate([&](access::Mutation& m) -> Status {
        const access::ConnectedRegistryRecord* record = findRegistry(m.state(), name);
        if (!record)
            return notFound(QStringLiteral("Connected registry %1").arg(name));
        if (Status fresh = checkPrecondition(
                request.ifMatch(), record->revision,
                QStringLiteral("Connected registry %1").arg(record->registry.name));
            !fresh)
            return fresh;
        ConnectedRegistry registry = record->registry;
        if (Status applied = applyRegistryPatch(m.state(), registry, body.value()); !applied)
            return applied;
        m.state().registries[registry.name].registry = registry;
        m.touchRegistry(registry.name);
        updated = *m.state().registry(registry.name);
        m.audit(auditOf(request, QStringLiteral("connectedRegistry.update"),
                        auditTargetOf(registry.name),
                        QStringList(body->keys()).join(QStringLiteral(", "))));
        return {};
    });
    if (!status)
        return errorResponse(status.error());
    return jsonResponse(200, registryJson(updated), updated.revision);
}

http::Response ConnectedRegistryController::remove(ApiRequest& request, const QString& name) {
    const QString cleanupText = request.queryValue("cleanup");
    if (!cleanupText.isEmpty() && cleanupText != L("true") && cleanupText != L("false"))
        return errorResponse(makeError(L("QUERY_INVALID"),
                                       QStringLiteral("cleanup must be true or false."),
                                       QStringLiteral("cleanup")));
    const bool cleanup = cleanupText == L("true");
    DeleteReport report;
    QString deleted;
    const Status status = m_store.mutate([&](access::Mutation& m) -> Status {
        const access::ConnectedRegistryRecord* record = findRegistry(m.state(), name);
        if (!record)
            return notFound(QStringLiteral("Connected registry %1").arg(name));
        deleted = record->registry.name;
        if (Status fresh = checkPrecondition(request.ifMatch(), record->revision,
                                             QStringLiteral("Connected registry %1").arg(deleted));
            !fresh)
            return fresh;
        auto result = deleteConnectedRegistry(m, deleted, cleanup);
        if (!result)
            return result.error();
        report = result.value();
        m.audit(
            auditOf(request, QStringLiteral("connectedRegistry.delete"), auditTargetOf(deleted),
                    QStringLiteral("cleanup %1; removed tokens [%2] scope maps [%3]")
                        .arg(cleanup ? QStringLiteral("true") : QStringLiteral("false"),
                             report.removedTokens.join(u','), report.removedScopeMaps.join(u','))));
        return {};
    });
    if (!status)
        return errorResponse(status.error());
    return jsonResponse(200, deleteReportJson(deleted, report));
}

// What DELETE with this `cleanup` would remove and leave behind, computed by
// running the same deletion on a private copy of the state that is then
// dropped: the console names exactly that in its confirmation.
http::Response ConnectedRegistryController::deletePreview(ApiRequest& request,
                                                          const QString& name) {
    const QString cleanupText = request.queryValue("cleanup");
    if (!cleanupText.isEmpty() && cleanupText != L("true") && cleanupText != L("false"))
        return errorResponse(makeError(L("QUERY_INVALID"),
                                       QStringLiteral("cleanup must be true or false."),
                                       QStringLiteral("cleanup")));
    const access::AccessSnapshot state = m_store.snapshot();
    const access::ConnectedRegistryRecord* record = findRegistry(*state, name);
    if (!record)
        return errorResponse(notFound(QStringLiteral("Connected registry %1").arg(name)));
    access::Mutation scratch(*state);
    auto report = deleteConnectedRegistry(scratch, record->registry.name, cleanupText == L("true"));
    if (!report)
        return errorResponse(report.error());
    return jsonResponse(200, deleteReportJson(record->registry.name, report.value()),
                        record->revision);
}

} // namespace ferry::management
