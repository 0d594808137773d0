#pragma once
// Notification patterns of a connected registry (DOMAIN.md "notifications"):
// "artifact:action", where the artifact is repo[:tag][@digest] and the action
// push, delete or '*'. '*' is a wildcard anywhere: inside a component it
// matches any run of characters, '/' included ("team/*" matches team/a/b).
// A tag or digest left out of the pattern places no constraint on events.

#include "domain/result.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace ferry {

enum class NotificationAction { Push, Delete };

QString toString(NotificationAction action); // "push" / "delete"
std::optional<NotificationAction> notificationActionFromString(QStringView text);

class NotificationPattern {
public:
    // Error code NOTIFICATION_INVALID. Components without '*' must be a valid
    // repository name, tag and digest; with '*' they may only use the
    // characters those grammars allow.
    static Result<NotificationPattern> parse(QStringView text);

    const QString& repository() const { return m_repository; }
    const std::optional<QString>& tag() const { return m_tag; }
    const std::optional<QString>& digest() const { return m_digest; }
    // nullopt stands for '*', any action.
    std::optional<NotificationAction> action() const { return m_action; }

    // Canonical text, re-parseable to an equal pattern.
    QString toString() const;

    // An empty tag (a push by digest) or digest is matched only by '*' or by
    // a pattern that leaves that component out.
    bool matches(QStringView repository, QStringView tag, QStringView digest,
                 NotificationAction action) const;

    friend bool operator==(const NotificationPattern&, const NotificationPattern&) = default;

private:
    QString m_repository;
    std::optional<QString> m_tag;
    std::optional<QString> m_digest;
    std::optional<NotificationAction> m_action;
};

// True when any pattern of the list matches the event.
bool anyNotificationMatches(const QList<NotificationPattern>& patterns, QStringView repository,
                            QStringView tag, QStringView digest, NotificationAction action);

} // namespace ferry
