#include "domain/validation.h"
#include "text.h" // relative: lupdate resolves it without include paths

#include "domain/actions.h"
#include "domain/cron.h"
#include "domain/duration.h"
#include "domain/names.h"
#include "domain/notification.h"

namespace ferry {
namespace {

DomainError inField(DomainError e, const QString& field) {
    e.field = field;
    return e;
}

#define FERRY_CHECK(expr, field)                                                                   \
    do {                                                                                           \
        if (auto ferryCheck_ = (expr); !ferryCheck_)                                               \
            return inField(ferryCheck_.error(), field);                                            \
    } while (false)

Status validatePasswordSlot(const std::optional<PasswordSlot>& slot, const QString& field) {
    if (slot && slot->expiry.isValid() && slot->creationTime.isValid() &&
        slot->expiry < slot->creationTime) {
        return makeError(
            errc::RuleViolation,
            QCoreApplication::translate("domain", "A password can't expire before it was created."),
            field);
    }
    return {};
}

} // namespace

Status validateConnectedRegistry(const ConnectedRegistry& r) {
    FERRY_CHECK(names::validateConnectedRegistryName(r.name), QStringLiteral("name"));
    if (!r.parent.isEmpty())
        FERRY_CHECK(names::validateConnectedRegistryName(r.parent), QStringLiteral("parent"));
    if (r.parent.compare(r.name, Qt::CaseInsensitive) == 0) {
        return makeError(
            errc::RuleViolation,
            QCoreApplication::translate("domain", "A connected registry can't be its own parent."),
            QStringLiteral("parent"));
    }
    for (qsizetype i = 0; i < r.clientTokens.size(); ++i)
        FERRY_CHECK(names::validateTokenName(r.clientTokens[i]),
                    QStringLiteral("clientTokens[%1]").arg(i));
    if (!r.sync.token.isEmpty())
        FERRY_CHECK(names::validateTokenName(r.sync.token), QStringLiteral("sync.token"));

    const auto schedule = CronSchedule::parse(r.sync.schedule);
    FERRY_CHECK(schedule, QStringLiteral("sync.schedule"));
    if (!schedule->isContinuous()) {
        if (r.sync.window.trimmed().isEmpty()) {
            return makeError(errc::RuleViolation,
                             QCoreApplication::translate(
                                 "domain",
                                 "A sync window is required when the sync schedule is not "
                                 "continuous ('* * * * *')."),
                             QStringLiteral("sync.window"));
        }
        FERRY_CHECK(parseSyncWindow(r.sync.window), QStringLiteral("sync.window"));
    }
    FERRY_CHECK(parseMessageTtl(r.sync.messageTtl), QStringLiteral("sync.messageTtl"));

    for (qsizetype i = 0; i < r.notifications.size(); ++i) {
        FERRY_CHECK(NotificationPattern::parse(r.notifications[i]),
                    QStringLiteral("notifications[%1]").arg(i));
    }
    FERRY_CHECK(CronSchedule::parse(r.garbageCollection.schedule),
                QStringLiteral("garbageCollection.schedule"));
    return {};
}

Status validateChildMode(ConnectedRegistryMode parentMode, ConnectedRegistryMode childMode) {
    if (parentMode == ConnectedRegistryMode::ReadOnly &&
        childMode != ConnectedRegistryMode::ReadOnly) {
        return makeError(
            errc::RuleViolation,
            QCoreApplication::translate(
                "domain", "A ReadOnly connected registry may only have ReadOnly children."),
            QStringLiteral("mode"));
    }
    return {};
}

Status validateToken(const Token& t) {
    FERRY_CHECK(names::validateTokenName(t.name), QStringLiteral("name"));
    FERRY_CHECK(names::validateScopeMapName(t.scopeMap), QStringLiteral("scopeMap"));
    FERRY_CHECK(
        validatePasswordSlot(t.credentials.password1, QStringLiteral("credentials.password1")),
        QStringLiteral("credentials.password1"));
    FERRY_CHECK(
        validatePasswordSlot(t.credentials.password2, QStringLiteral("credentials.password2")),
        QStringLiteral("credentials.password2"));
    return {};
}

Status validateScopeMap(const ScopeMap& m) {
    if (m.type == ScopeMapType::UserDefined)
        FERRY_CHECK(names::validateUserScopeMapName(m.name), QStringLiteral("name"));
    else
        FERRY_CHECK(names::validateScopeMapName(m.name), QStringLiteral("name"));
    FERRY_CHECK(names::validateScopeMapDescription(m.description), QStringLiteral("description"));
    FERRY_CHECK(parseActions(m.actions), QStringLiteral("actions"));
    return {};
}

} // namespace ferry
