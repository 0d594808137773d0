#include "domain/actions.h"
#include "text.h" // relative: lupdate resolves it without include paths

#include "domain/names.h"

#include <QSet>

#include <algorithm>
#include <array>

namespace ferry {
namespace {

constexpr std::array kRepositoryPermissions = {
    RepositoryPermission::ContentRead, RepositoryPermission::ContentWrite,
    RepositoryPermission::ContentDelete, RepositoryPermission::MetadataRead,
    RepositoryPermission::MetadataWrite};
constexpr std::array kGatewayPermissions = {
    GatewayPermission::ConfigRead, GatewayPermission::ConfigWrite, GatewayPermission::MessageRead,
    GatewayPermission::MessageWrite};

const QString kAdmin = QStringLiteral("_repositories_admin");
const QString kPull = QStringLiteral("_repositories_pull");
const QString kPush = QStringLiteral("_repositories_push");

DomainError actionError(QStringView text, const QString& why) {
    return makeError(errc::ActionInvalid,
                     QCoreApplication::translate("domain", "Action '%1' is invalid: %2")
                         .arg(text.toString(), why));
}

// A repository pattern is a concrete name, "*", or "<name>/*".
Status validateRepositoryPattern(QStringView text, QStringView pattern) {
    if (pattern == u"*")
        return {};
    QStringView base = pattern;
    if (pattern.endsWith(u"/*"))
        base = pattern.chopped(2);
    if (base.contains(u'*')) {
        return actionError(text,
                           QCoreApplication::translate(
                               "domain", "a repository wildcard may only be '*' or end in '/*'."));
    }
    auto status = names::validateRepositoryName(base);
    if (!status)
        return actionError(text, status.error().message);
    return {};
}

bool patternMatches(QStringView pattern, QStringView repository) {
    if (pattern == u"*")
        return true;
    if (pattern.endsWith(u"/*")) {
        const QStringView prefix = pattern.chopped(1); // keeps the '/'
        return repository.size() > prefix.size() && repository.startsWith(prefix);
    }
    return pattern == repository;
}

} // namespace

QString toString(RepositoryPermission permission) {
    switch (permission) {
    case RepositoryPermission::ContentRead:
        return QStringLiteral("content/read");
    case RepositoryPermission::ContentWrite:
        return QStringLiteral("content/write");
    case RepositoryPermission::ContentDelete:
        return QStringLiteral("content/delete");
    case RepositoryPermission::MetadataRead:
        return QStringLiteral("metadata/read");
    case RepositoryPermission::MetadataWrite:
        return QStringLiteral("metadata/write");
    }
    return {};
}

QString toString(GatewayPermission permission) {
    switch (permission) {
    case GatewayPermission::ConfigRead:
        return QStringLiteral("config/read");
    case GatewayPermission::ConfigWrite:
        return QStringLiteral("config/write");
    case GatewayPermission::MessageRead:
        return QStringLiteral("message/read");
    case GatewayPermission::MessageWrite:
        return QStringLiteral("message/write");
    }
    return {};
}

bool isReadPermission(RepositoryPermission permission) {
    return permission == RepositoryPermission::ContentRead ||
           permission == RepositoryPermission::MetadataRead;
}

Result<ScopeAction> ScopeAction::parse(QStringView text) {
    const QString lower = text.trimmed().toString().toLower();
    const QStringList parts = lower.split(u'/');
    if (parts.size() < 4) {
        return actionError(text, QCoreApplication::translate(
                                     "domain", "expected 'repositories/<repo>/<content|metadata>/"
                                               "<read|write|delete>' or 'gateway/<registry>/"
                                               "<config|message>/<read|write>'."));
    }
    const QString permission = parts.mid(parts.size() - 2).join(u'/');
    if (parts.front() == u"repositories") {
        for (RepositoryPermission p : kRepositoryPermissions) {
            if (ferry::toString(p) != permission)
                continue;
            const QString repository = parts.mid(1, parts.size() - 3).join(u'/');
            auto status = validateRepositoryPattern(text, repository);
            if (!status)
                return status.error();
            return ScopeAction::repository(repository, p);
        }
        return actionError(text, QCoreApplication::translate(
                                     "domain", "'%1' is not a repository action; use content/read, "
                                               "content/write, content/delete, metadata/read or "
                                               "metadata/write.")
                                     .arg(permission));
    }
    if (parts.front() == u"gateway") {
        if (parts.size() != 4) {
            return actionError(text, QCoreApplication::translate(
                                         "domain",
                                         "a gateway action has the form "
                                         "'gateway/<registry>/<config|message>/<read|write>'."));
        }
        auto status = names::validateConnectedRegistryName(parts[1]);
        if (!status)
            return actionError(text, status.error().message);
        for (GatewayPermission p : kGatewayPermissions) {
            if (ferry::toString(p) == permission)
                return ScopeAction::gateway(parts[1], p);
        }
        return actionError(text, QCoreApplication::translate(
                                     "domain", "'%1' is not a gateway action; use config/read, "
                                               "config/write, message/read or message/write.")
                                     .arg(permission));
    }
    return actionError(text, QCoreApplication::translate(
                                 "domain", "an action starts with 'repositories/' or 'gateway/'."));
}

ScopeAction ScopeAction::repository(const QString& repositoryPattern,
                                    RepositoryPermission permission) {
    ScopeAction a;
    a.m_kind = Kind::Repository;
    a.m_resource = repositoryPattern.toLower();
    a.m_repositoryPermission = permission;
    return a;
}

ScopeAction ScopeAction::gateway(const QString& connectedRegistry, GatewayPermission permission) {
    ScopeAction a;
    a.m_kind = Kind::Gateway;
    a.m_resource = connectedRegistry.toLower();
    a.m_gatewayPermission = permission;
    return a;
}

bool ScopeAction::isWildcard() const {
    return m_kind == Kind::Repository && m_resource.endsWith(u'*');
}

QString ScopeAction::toString() const {
    if (m_kind == Kind::Repository)
        return QStringLiteral("repositories/") + m_resource + u'/' +
               ferry::toString(m_repositoryPermission);
    return QStringLiteral("gateway/") + m_resource + u'/' + ferry::toString(m_gatewayPermission);
}

bool ScopeAction::grants(QStringView repository, RepositoryPermission permission) const {
    return m_kind == Kind::Repository && m_repositoryPermission == permission &&
           patternMatches(m_resource, repository);
}

bool ScopeAction::grants(QStringView connectedRegistry, GatewayPermission permission) const {
    return m_kind == Kind::Gateway && m_gatewayPermission == permission &&
           m_resource.compare(connectedRegistry, Qt::CaseInsensitive) == 0;
}

bool ScopeAction::covers(const ScopeAction& other) const {
    if (m_kind != other.m_kind)
        return false;
    if (m_kind == Kind::Gateway)
        return other.m_gatewayPermission == m_gatewayPermission && other.m_resource == m_resource;
    if (other.m_repositoryPermission != m_repositoryPermission)
        return false;
    if (m_resource == other.m_resource || m_resource == u"*")
        return true;
    // "team/*" covers "team/a" and "team/a/*" alike: strip other's wildcard
    // and ask whether the remaining name lies under our prefix.
    if (!isWildcard() || other.m_resource == u"*")
        return false;
    QStringView otherBase = other.m_resource;
    if (otherBase.endsWith(u"/*"))
        otherBase = otherBase.chopped(2);
    return patternMatches(m_resource, otherBase);
}

Result<QList<ScopeAction>> parseActions(const QStringList& texts) {
    QList<ScopeAction> out;
    QSet<QString> seen;
    for (const QString& text : texts) {
        auto parsed = ScopeAction::parse(text);
        if (!parsed)
            return parsed.error();
        const QString canonical = parsed->toString();
        if (seen.contains(canonical))
            continue;
        seen.insert(canonical);
        out.append(parsed.value());
    }
    if (out.size() > kMaxActionsPerScopeMap) {
        return makeError(errc::ActionLimitExceeded,
                         QCoreApplication::translate(
                             "domain", "A scope map may hold at most %1 actions; this one has %2.")
                             .arg(kMaxActionsPerScopeMap)
                             .arg(out.size()),
                         QStringLiteral("actions"));
    }
    return out;
}

QStringList formatActions(const QList<ScopeAction>& actions) {
    QStringList out;
    out.reserve(actions.size());
    for (const ScopeAction& a : actions)
        out << a.toString();
    return out;
}

bool grantsRepository(const QList<ScopeAction>& actions, QStringView repository,
                      RepositoryPermission permission) {
    for (const ScopeAction& a : actions) {
        if (a.grants(repository, permission))
            return true;
    }
    return false;
}

bool grantsGateway(const QList<ScopeAction>& actions, QStringView connectedRegistry,
                   GatewayPermission permission) {
    for (const ScopeAction& a : actions) {
        if (a.grants(connectedRegistry, permission))
            return true;
    }
    return false;
}

QList<ScopeAction> readActionsOnly(const QList<ScopeAction>& actions) {
    QList<ScopeAction> out;
    for (const ScopeAction& a : actions) {
        if (a.kind() == ScopeAction::Kind::Repository && isReadPermission(a.repositoryPermission()))
            out << a;
    }
    return out;
}

QList<ScopeAction> missingActions(const QList<ScopeAction>& held,
                                  const QList<ScopeAction>& required) {
    QList<ScopeAction> missing;
    for (const ScopeAction& need : required) {
        const bool covered = std::any_of(
            held.begin(), held.end(), [&](const ScopeAction& have) { return have.covers(need); });
        if (!covered)
            missing << need;
    }
    return missing;
}

QStringList systemScopeMapNames() {
    return {kAdmin, kPull, kPush};
}

bool isSystemScopeMapName(QStringView name) {
    const QString lower = name.toString().toLower();
    return lower == kAdmin || lower == kPull || lower == kPush;
}

QList<ScopeAction> systemScopeMapActions(QStringView name) {
    const QString lower = name.toString().toLower();
    const QString all = QStringLiteral("*");
    QList<RepositoryPermission> permissions;
    if (lower == kAdmin) {
        permissions = {kRepositoryPermissions.begin(), kRepositoryPermissions.end()};
    } else if (lower == kPull) {
        permissions = {RepositoryPermission::ContentRead, RepositoryPermission::MetadataRead};
    } else if (lower == kPush) {
        permissions = {RepositoryPermission::ContentRead, RepositoryPermission::MetadataRead,
                       RepositoryPermission::ContentWrite};
    }
    QList<ScopeAction> out;
    for (RepositoryPermission p : permissions)
        out << ScopeAction::repository(all, p);
    return out;
}

QList<RepositoryPermission> repositoryPermissionsFor(ConnectedRegistryMode mode) {
    if (mode == ConnectedRegistryMode::ReadOnly)
        return {RepositoryPermission::ContentRead, RepositoryPermission::MetadataRead};
    return {kRepositoryPermissions.begin(), kRepositoryPermissions.end()};
}

QList<ScopeAction> gatewayActions(const QString& connectedRegistry) {
    QList<ScopeAction> out;
    for (GatewayPermission p : kGatewayPermissions)
        out << ScopeAction::gateway(connectedRegistry, p);
    return out;
}

QList<ScopeAction> syncScopeMapActions(ConnectedRegistryMode mode, const QString& connectedRegistry,
                                       const QStringList& repositories) {
    QList<ScopeAction> out;
    const auto permissions = repositoryPermissionsFor(mode);
    for (const QString& repository : repositories) {
        for (RepositoryPermission p : permissions)
            out << ScopeAction::repository(repository, p);
    }
    out << gatewayActions(connectedRegistry);
    return out;
}

QList<ScopeAction> withoutGatewayActions(const QList<ScopeAction>& actions,
                                         QStringView connectedRegistry) {
    QList<ScopeAction> out;
    for (const ScopeAction& a : actions) {
        const bool isTheirs = a.kind() == ScopeAction::Kind::Gateway &&
                              a.resource().compare(connectedRegistry, Qt::CaseInsensitive) == 0;
        if (!isTheirs)
            out << a;
    }
    return out;
}

} // namespace ferry
