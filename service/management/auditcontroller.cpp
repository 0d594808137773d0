#include "management/auditcontroller.h"

#include "domain/jsoncodec.h"
#include "management/requesthelpers.h"

namespace ferry::management {

namespace {

// A non-negative integer query parameter, or `fallback` when absent.
Result<int64_t> integerParameter(const ApiRequest& request, const char* name, int64_t fallback) {
    const QString text = request.queryValue(name);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int64_t value = text.toLongLong(&ok);
    if (!ok || value < 0)
        return makeError(
            QLatin1StringView("PARAMETER_INVALID"),
            QStringLiteral("'%1' must be a non-negative integer.").arg(QLatin1String(name)),
            QLatin1String(name));
    return value;
}

QJsonObject toJson(const access::AuditEvent& event) {
    return {{QStringLiteral("id"), qint64(event.id)},
            {QStringLiteral("time"), formatRfc3339(event.time)},
            {QStringLiteral("actor"), event.actor},
            {QStringLiteral("address"), event.address},
            {QStringLiteral("action"), event.action},
            {QStringLiteral("target"), event.target},
            {QStringLiteral("outcome"), event.outcome},
            {QStringLiteral("detail"), event.detail}};
}

QJsonObject settingsJson(const access::AccessState& state) {
    return {{QStringLiteral("anonymousPullEnabled"), state.settings.anonymousPull}};
}

} // namespace

http::Response AuditController::handle(ApiRequest& request) {
    if (request.segments.size() != 1)
        return noSuchRoute();
    if (request.method != http::Verb::get)
        return methodNotAllowed("GET");
    auto after = integerParameter(request, "after", 0);
    if (!after)
        return errorResponse(after.error());
    auto limit = integerParameter(request, "limit", kDefaultLimit);
    if (!limit)
        return errorResponse(limit.error());
    if (*limit < 1 || *limit > kMaxLimit)
        return errorResponse(
            makeError(QLatin1StringView("PARAMETER_INVALID"),
                      QStringLiteral("'limit' must be between 1 and %1.").arg(kMaxLimit),
                      QStringLiteral("limit")));
    // `target` may repeat: a registry's details ask for the registry, its
    // sync token and its sync scope map at once.
    const QStringList targets = request.queryValues("target");
    if (targets.size() > kMaxTargets)
        return errorResponse(
            makeError(QLatin1StringView("PARAMETER_INVALID"),
                      QStringLiteral("At most %1 'target' parameters.").arg(kMaxTargets),
                      QStringLiteral("target")));
    for (const QString& target : targets) {
        if (target.isEmpty())
            return errorResponse(makeError(QLatin1StringView("PARAMETER_INVALID"),
                                           QStringLiteral("'target' must not be empty."),
                                           QStringLiteral("target")));
    }
    QJsonArray items;
    try {
        for (const access::AuditEvent& event :
             m_store.auditEvents(*after, int(*limit), request.queryValue("action"), targets))
            items.append(toJson(event));
    } catch (const std::exception&) {
        // The store reads through SQLite, which reports failures by throwing.
        return errorResponse(500, "STORAGE_ERROR",
                             QStringLiteral("The audit log could not be read."));
    }
    return jsonResponse(200, QJsonObject{{QStringLiteral("items"), items}});
}

http::Response SettingsController::handle(ApiRequest& request) {
    if (request.segments.size() != 1)
        return noSuchRoute();
    if (request.method == http::Verb::patch)
        return patch(request);
    if (request.method != http::Verb::get)
        return methodNotAllowed("GET, PATCH");
    const access::AccessSnapshot state = m_store.snapshot();
    return resourceResponse(200, settingsJson(*state), state->revision);
}

http::Response SettingsController::patch(ApiRequest& request) {
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    if (Status known = onlyKnownKeys(*body, {"anonymousPullEnabled"}, {"revision"}); !known)
        return failure(known);
    auto anonymousPull = optionalBool(*body, QStringLiteral("anonymousPullEnabled"));
    if (!anonymousPull)
        return errorResponse(anonymousPull.error());

    QJsonObject out;
    int64_t revision = 0;
    const Status result = m_store.mutate([&](access::Mutation& m) -> Status {
        access::AccessState& state = m.state();
        if (Status precondition = checkPrecondition(request.ifMatch(), state.revision,
                                                    QStringLiteral("The settings"));
            !precondition)
            return precondition;
        if (anonymousPull->has_value() && **anonymousPull != state.settings.anonymousPull) {
            state.settings.anonymousPull = **anonymousPull;
            m.touchSettings();
            m.audit(auditOf(request, QStringLiteral("settings.update"), QStringLiteral("settings"),
                            QStringLiteral("anonymous pull %1")
                                .arg(state.settings.anonymousPull ? QLatin1String("enabled")
                                                                  : QLatin1String("disabled"))));
        }
        out = settingsJson(state);
        revision = state.revision;
        return {};
    });
    if (!result)
        return failure(result);
    return resourceResponse(200, out, revision);
}

} // namespace ferry::management
