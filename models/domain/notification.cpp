#include "domain/notification.h"
#include "text.h" // relative: lupdate resolves it without include paths

#include "domain/names.h"

#include <QList>

namespace ferry {
namespace {

DomainError patternError(QStringView text, const QString& why) {
    return makeError(errc::NotificationInvalid,
                     QCoreApplication::translate("domain", "Notification '%1' is invalid: %2")
                         .arg(text.toString(), why));
}

// Glob match where '*' is any run of characters; iterative with one
// backtrack point, so no pattern can make it exponential.
bool globMatches(QStringView pattern, QStringView text) {
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starP = -1;
    qsizetype starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            starP = p++;
            starT = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

bool onlyCharacters(QStringView text, bool (*allowed)(QChar)) {
    for (QChar c : text) {
        if (c != u'*' && !allowed(c))
            return false;
    }
    return true;
}

bool repositoryChar(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_' ||
           c == u'-' || c == u'/';
}
bool tagChar(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'.' || c == u'_' || c == u'-';
}
bool digestChar(QChar c) {
    return tagChar(c) || c == u':' || c == u'+' || c == u'=';
}

Status checkComponent(QStringView text, QStringView value, const QString& what,
                      Status (*validate)(QStringView), bool (*allowed)(QChar)) {
    if (value.isEmpty())
        return patternError(text,
                            QCoreApplication::translate("domain", "the %1 is empty.").arg(what));
    if (value.contains(u'*')) {
        if (!onlyCharacters(value, allowed))
            return patternError(
                text, QCoreApplication::translate("domain",
                                                  "the %1 '%2' has a character its grammar doesn't "
                                                  "allow.")
                          .arg(what, value.toString()));
        return {};
    }
    auto status = validate(value);
    if (!status)
        return patternError(text, status.error().message);
    return {};
}

} // namespace

QString toString(NotificationAction action) {
    return action == NotificationAction::Push ? QStringLiteral("push") : QStringLiteral("delete");
}

std::optional<NotificationAction> notificationActionFromString(QStringView text) {
    if (text.compare(u"push", Qt::CaseInsensitive) == 0)
        return NotificationAction::Push;
    if (text.compare(u"delete", Qt::CaseInsensitive) == 0)
        return NotificationAction::Delete;
    return std::nullopt;
}

Result<NotificationPattern> NotificationPattern::parse(QStringView input) {
    const QStringView text = input.trimmed();
    // The digest itself holds a ':' (sha256:...), so the action is whatever
    // follows the last ':' and the digest whatever follows the '@'.
    const auto lastColon = text.lastIndexOf(u':');
    if (lastColon < 0) {
        return patternError(text, QCoreApplication::translate(
                                      "domain", "expected 'artifact:action' with the action push, "
                                                "delete or '*'."));
    }
    NotificationPattern pattern;
    const QStringView actionText = text.mid(lastColon + 1);
    if (actionText != u"*") {
        pattern.m_action = notificationActionFromString(actionText);
        if (!pattern.m_action) {
            return patternError(text, QCoreApplication::translate(
                                          "domain", "the action '%1' must be push, delete or '*'.")
                                          .arg(actionText.toString()));
        }
    }

    QStringView artifact = text.left(lastColon);
    if (const auto at = artifact.indexOf(u'@'); at >= 0) {
        const QStringView digest = artifact.mid(at + 1);
        auto status = checkComponent(text, digest, QStringLiteral("digest"), &names::validateDigest,
                                     &digestChar);
        if (!status)
            return status.error();
        pattern.m_digest = digest.toString();
        artifact = artifact.left(at);
    }
    if (const auto colon = artifact.indexOf(u':'); colon >= 0) {
        const QStringView tag = artifact.mid(colon + 1);
        auto status =
            checkComponent(text, tag, QStringLiteral("tag"), &names::validateTag, &tagChar);
        if (!status)
            return status.error();
        pattern.m_tag = tag.toString();
        artifact = artifact.left(colon);
    }
    auto status = checkComponent(text, artifact, QStringLiteral("repository"),
                                 &names::validateRepositoryName, &repositoryChar);
    if (!status)
        return status.error();
    pattern.m_repository = artifact.toString();
    return pattern;
}

QString NotificationPattern::toString() const {
    QString out = m_repository;
    if (m_tag)
        out += u':' + *m_tag;
    if (m_digest)
        out += u'@' + *m_digest;
    out += u':';
    out += m_action ? ferry::toString(*m_action) : QStringLiteral("*");
    return out;
}

bool NotificationPattern::matches(QStringView repository, QStringView tag, QStringView digest,
                                  NotificationAction action) const {
    if (m_action && *m_action != action)
        return false;
    if (!globMatches(m_repository, repository))
        return false;
    if (m_tag && !globMatches(*m_tag, tag))
        return false;
    if (m_digest && !globMatches(*m_digest, digest))
        return false;
    return true;
}

bool anyNotificationMatches(const QList<NotificationPattern>& patterns, QStringView repository,
                            QStringView tag, QStringView digest, NotificationAction action) {
    for (const NotificationPattern& p : patterns) {
        if (p.matches(repository, tag, digest, action))
            return true;
    }
    return false;
}

} // namespace ferry
