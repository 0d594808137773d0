#include "management/scopemapcontroller.h"

#include "domain/actions.h"
#include "domain/jsoncodec.h"
#include "domain/names.h"
#include "domain/validation.h"
#include "management/listpaging.h"
#include "management/requesthelpers.h"

#include <algorithm>

namespace ferry::management {

namespace {

using access::Mutation;
using access::ScopeMapRecord;

// Fields a GET returns that a client may send back in a PUT or PATCH body;
// the server owns them, so they are ignored rather than refused.
constexpr std::initializer_list<const char*> kScopeMapServerFields = {"name", "type",
                                                                      "creationTime", "revision"};

QString targetOf(const QString& key) {
    return QStringLiteral("scope-maps/") + key;
}

QString label(const QString& key) {
    return QStringLiteral("Scope map '%1'").arg(key);
}

DomainError systemMapIsFixed(const QString& key) {
    return ruleViolation(
        QStringLiteral("Scope map '%1' is system-defined; it can't be changed or deleted.")
            .arg(key));
}

// Each entry must be a valid action (the error names its index); the result
// is lower case with duplicates collapsed, and at most 500 long.
Result<QList<ScopeAction>> parseActionList(const QStringList& texts, const QString& field) {
    for (qsizetype i = 0; i < texts.size(); ++i) {
        if (auto parsed = ScopeAction::parse(texts[i]); !parsed) {
            DomainError error = parsed.error();
            error.field = QStringLiteral("%1[%2]").arg(field).arg(i);
            return error;
        }
    }
    auto parsed = parseActions(texts);
    if (!parsed) {
        DomainError error = parsed.error();
        error.field = field;
        return error;
    }
    return parsed;
}

// If-Match against the stored revision; "If-Match: *" (or any If-Match) on a
// map that does not exist fails, as RFC 9110 says it must.
Status matchesPrecondition(const ApiRequest& request, const ScopeMapRecord* existing,
                           const QString& key) {
    const bool conditional = !request.exchange.header("If-Match").empty();
    if (!existing) {
        if (conditional)
            return makeError(
                QLatin1StringView("PRECONDITION_FAILED"),
                QStringLiteral("%1 does not exist, so If-Match can't match it.").arg(label(key)));
        return {};
    }
    return checkPrecondition(request.ifMatch(), existing->revision, label(key));
}

// The user-defined map a PATCH or DELETE may change: it exists, is not
// system-defined, and If-Match (when sent) names its revision.
Result<const ScopeMapRecord*> editableMap(Mutation& m, const ApiRequest& request,
                                          const QString& key) {
    const ScopeMapRecord* existing = m.state().scopeMap(key);
    if (!existing)
        return notFound(label(key));
    if (existing->scopeMap.type == ScopeMapType::SystemDefined)
        return systemMapIsFixed(key);
    if (Status precondition = matchesPrecondition(request, existing, key); !precondition)
        return precondition.error();
    return existing;
}

struct Outcome {
    QJsonObject body;
    int64_t revision = 0;
    bool created = false;

    void take(const ScopeMapRecord& record) {
        body = toJson(record.scopeMap);
        revision = record.revision;
    }
};

} // namespace

http::Response ScopeMapController::handle(ApiRequest& request) {
    const QStringList& segments = request.segments;
    if (segments.size() == 1) {
        if (request.method != http::Verb::get)
            return methodNotAllowed("GET");
        return list(request);
    }
    if (segments.size() != 2 || segments[1].isEmpty())
        return noSuchRoute();
    const QString key = names::canonicalName(segments[1]);
    switch (request.method) {
    case http::Verb::get:
        return get(key);
    case http::Verb::put:
        return put(request, key);
    case http::Verb::patch:
        return patch(request, key);
    case http::Verb::delete_:
        return remove(request, key);
    default:
        return methodNotAllowed("GET, PUT, PATCH, DELETE");
    }
}

http::Response ScopeMapController::list(const ApiRequest& request) const {
    const auto page = pageRequest(request);
    if (!page)
        return errorResponse(page.error());
    const access::AccessSnapshot state = m_store.snapshot();
    QList<const ScopeMapRecord*> records;
    for (const ScopeMapRecord& record : state->scopeMaps)
        records.push_back(&record);
    const auto nameOf = [](const ScopeMapRecord* r) -> const QString& { return r->scopeMap.name; };
    const PageSlice slice = pageOfUnsorted(records, *page, nameOf);
    QJsonArray items;
    for (const ScopeMapRecord* record : records.mid(slice.begin, slice.end - slice.begin)) {
        QJsonObject item = toJson(record->scopeMap);
        item.insert(QStringLiteral("revision"), qint64(record->revision));
        items.append(item);
    }
    http::Response response = jsonResponse(200, QJsonObject{{QStringLiteral("items"), items}});
    if (slice.end > slice.begin)
        addNextLink(response, request, "scope-maps", *page, slice,
                    nameOf(records.at(slice.end - 1)));
    return response;
}

http::Response ScopeMapController::get(const QString& key) const {
    const access::AccessSnapshot state = m_store.snapshot();
    const ScopeMapRecord* record = state->scopeMap(key);
    if (!record)
        return errorResponse(notFound(label(key)));
    return resourceResponse(200, toJson(record->scopeMap), record->revision);
}

http::Response ScopeMapController::put(ApiRequest& request, const QString& key) {
    if (isSystemScopeMapName(key))
        return errorResponse(systemMapIsFixed(key));
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    if (Status known = onlyKnownKeys(*body, {"description", "actions"}, kScopeMapServerFields);
        !known)
        return failure(known);
    auto description = optionalString(*body, QStringLiteral("description"));
    if (!description)
        return errorResponse(description.error());
    auto actionTexts = optionalStringList(*body, QStringLiteral("actions"));
    if (!actionTexts)
        return errorResponse(actionTexts.error());
    if (!actionTexts->has_value())
        return errorResponse(
            makeError(errc::JsonInvalid,
                      QStringLiteral("'actions' is required: PUT replaces the whole scope map."),
                      QStringLiteral("actions")));
    auto actions = parseActionList(**actionTexts, QStringLiteral("actions"));
    if (!actions)
        return errorResponse(actions.error());

    ScopeMap candidate;
    candidate.name = key;
    candidate.description = description->value_or(QString());
    candidate.actions = formatActions(*actions);
    if (Status valid = validateScopeMap(candidate); !valid)
        return failure(valid);

    Outcome outcome;
    const Status status = m_store.mutate([&](Mutation& m) -> Status {
        const ScopeMapRecord* existing = m.state().scopeMap(key);
        if (existing && existing->scopeMap.type == ScopeMapType::SystemDefined)
            return systemMapIsFixed(key);
        if (existing && request.createOnly())
            return alreadyExists(label(key));
        if (Status precondition = matchesPrecondition(request, existing, key); !precondition)
            return precondition;
        ScopeMapRecord record = existing ? *existing : ScopeMapRecord{};
        record.scopeMap.name = key;
        record.scopeMap.description = candidate.description;
        record.scopeMap.actions = candidate.actions;
        record.scopeMap.type = ScopeMapType::UserDefined;
        if (!existing)
            record.scopeMap.creationTime = QDateTime::currentDateTimeUtc();
        record.actions = *actions;
        outcome.created = !existing;
        m.state().scopeMaps.insert(key, record);
        m.touchScopeMap(key);
        m.audit(auditOf(request,
                        outcome.created ? QStringLiteral("scopeMap.create")
                                        : QStringLiteral("scopeMap.update"),
                        targetOf(key), QStringLiteral("%1 actions").arg(candidate.actions.size())));
        outcome.take(*m.state().scopeMap(key));
        return {};
    });
    if (!status)
        return failure(status);
    http::Response response =
        resourceResponse(outcome.created ? 201 : 200, outcome.body, outcome.revision);
    if (outcome.created)
        response.header("Location", "/api/v1/scope-maps/" + key.toStdString());
    return response;
}

http::Response ScopeMapController::patch(ApiRequest& request, const QString& key) {
    if (isSystemScopeMapName(key))
        return errorResponse(systemMapIsFixed(key));
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    if (Status known =
            onlyKnownKeys(*body, {"description", "addActions", "removeActions", "actions"},
                          kScopeMapServerFields);
        !known)
        return failure(known);
    auto description = optionalString(*body, QStringLiteral("description"));
    if (!description)
        return errorResponse(description.error());
    if (description->has_value()) {
        if (Status valid = names::validateScopeMapDescription(**description); !valid) {
            DomainError error = valid.error();
            error.field = QStringLiteral("description");
            return errorResponse(error);
        }
    }
    // Each list is parsed up front so a malformed entry is refused before
    // anything is looked at, with the field and index that hold it.
    std::optional<QStringList> replace, add, drop;
    const std::pair<const char*, std::optional<QStringList>*> lists[] = {
        {"actions", &replace}, {"addActions", &add}, {"removeActions", &drop}};
    for (const auto& [field, target] : lists) {
        auto texts = optionalStringList(*body, QLatin1String(field));
        if (!texts)
            return errorResponse(texts.error());
        if (!texts->has_value())
            continue;
        auto parsed = parseActionList(**texts, QLatin1String(field));
        if (!parsed)
            return errorResponse(parsed.error());
        *target = formatActions(*parsed);
    }
    if (replace && (add || drop))
        return errorResponse(makeError(errc::JsonInvalid,
                                       QStringLiteral("Send either 'actions' (the whole list) or "
                                                      "'addActions'/'removeActions', not both."),
                                       QStringLiteral("actions")));

    Outcome outcome;
    const Status status = m_store.mutate([&](Mutation& m) -> Status {
        const auto editable = editableMap(m, request, key);
        if (!editable)
            return editable.error();
        const ScopeMapRecord* existing = editable.value();
        ScopeMapRecord record = *existing;
        if (*description)
            record.scopeMap.description = **description;
        if (replace)
            record.scopeMap.actions = *replace;
        for (const QString& action : add.value_or(QStringList())) {
            if (!record.scopeMap.actions.contains(action))
                record.scopeMap.actions.push_back(action);
        }
        for (const QString& action : drop.value_or(QStringList()))
            record.scopeMap.actions.removeAll(action);
        auto parsed = parseActionList(record.scopeMap.actions, QStringLiteral("actions"));
        if (!parsed)
            return parsed.error(); // ACTION_LIMIT_EXCEEDED once the additions are counted
        if (record.scopeMap == existing->scopeMap) {
            outcome.take(*existing); // nothing to change: no new revision, no audit record
            return {};
        }
        record.actions = *parsed;
        m.state().scopeMaps.insert(key, record);
        m.touchScopeMap(key);
        m.audit(auditOf(request, QStringLiteral("scopeMap.update"), targetOf(key),
                        QStringLiteral("%1 actions").arg(record.scopeMap.actions.size())));
        outcome.take(*m.state().scopeMap(key));
        return {};
    });
    if (!status)
        return failure(status);
    return resourceResponse(200, outcome.body, outcome.revision);
}

http::Response ScopeMapController::remove(ApiRequest& request, const QString& key) {
    if (isSystemScopeMapName(key))
        return errorResponse(systemMapIsFixed(key));
    const Status status = m_store.mutate([&](Mutation& m) -> Status {
        const auto editable = editableMap(m, request, key);
        if (!editable)
            return editable.error();
        QStringList users;
        for (const access::TokenRecord& token : std::as_const(m.state().tokens)) {
            if (token.token.scopeMap.compare(key, Qt::CaseInsensitive) == 0)
                users.push_back(token.token.name);
        }
        if (!users.isEmpty()) {
            users.sort();
            return inUse(
                QStringLiteral(
                    "%1 is used by token(s) %2; give them another scope map or delete them first.")
                    .arg(label(key), users.join(QLatin1String(", "))));
        }
        m.state().scopeMaps.remove(key);
        m.touchScopeMap(key);
        m.audit(auditOf(request, QStringLiteral("scopeMap.delete"), targetOf(key)));
        return {};
    });
    if (!status)
        return failure(status);
    return emptyResponse(204);
}

} // namespace ferry::management
