#include "access/grants.h"

#include <QString>

namespace ferry::access {

std::vector<ScopeGrant> parseScopes(const std::vector<std::string>& scopeParameters) {
    std::vector<ScopeGrant> grants;
    for (const std::string& parameter : scopeParameters) {
        // A POST sends several scopes in one space-separated value.
        size_t start = 0;
        while (start < parameter.size()) {
            size_t end = parameter.find(' ', start);
            if (end == std::string::npos)
                end = parameter.size();
            const std::string scope = parameter.substr(start, end - start);
            start = end + 1;
            const size_t first = scope.find(':');
            const size_t last = scope.rfind(':');
            if (first == std::string::npos || last == first)
                continue;
            ScopeGrant grant;
            grant.type = scope.substr(0, first);
            grant.name = scope.substr(first + 1, last - first - 1);
            const std::string actions = scope.substr(last + 1);
            size_t a = 0;
            while (a <= actions.size()) {
                size_t comma = actions.find(',', a);
                if (comma == std::string::npos)
                    comma = actions.size();
                if (comma > a)
                    grant.actions.push_back(actions.substr(a, comma - a));
                a = comma + 1;
            }
            if ((grant.type == "repository" || grant.type == "registry") && !grant.name.empty())
                grants.push_back(std::move(grant));
        }
    }
    return grants;
}

std::string_view dockerActionFor(auth::Action action) {
    switch (action) {
    case auth::Action::Pull:
    case auth::Action::MetadataRead:
        return "pull"; // tags and referrers ride with pull
    case auth::Action::Push:
    case auth::Action::MetadataWrite:
        return "push";
    case auth::Action::Delete:
        return "delete";
    }
    return "pull";
}

static RepositoryPermission permissionFor(auth::Action action) {
    switch (action) {
    case auth::Action::Pull:
        return RepositoryPermission::ContentRead;
    case auth::Action::Push:
        return RepositoryPermission::ContentWrite;
    case auth::Action::Delete:
        return RepositoryPermission::ContentDelete;
    case auth::Action::MetadataRead:
        return RepositoryPermission::MetadataRead;
    case auth::Action::MetadataWrite:
        return RepositoryPermission::MetadataWrite;
    }
    return RepositoryPermission::ContentRead;
}

CallerGrant::CallerGrant(AccessSnapshot snapshot, Identity identity,
                         std::optional<std::vector<ScopeGrant>> tokenScopes)
    : m_snapshot(std::move(snapshot))
    , m_identity(std::move(identity))
    , m_tokenScopes(std::move(tokenScopes)) {}

std::string CallerGrant::subject() const {
    return m_identity.kind == Identity::Kind::Anonymous ? std::string("anonymous")
                                                        : m_identity.name.toStdString();
}

bool CallerGrant::scopeMapAllows(std::string_view repository, auth::Action action) const {
    switch (m_identity.kind) {
    case Identity::Kind::Admin:
        return true;
    case Identity::Kind::Anonymous:
        return m_snapshot->settings.anonymousPull &&
               (action == auth::Action::Pull || action == auth::Action::MetadataRead);
    case Identity::Kind::Token: {
        const TokenRecord* token = m_snapshot->token(m_identity.name);
        if (!token || token->token.status != TokenStatus::Enabled)
            return false;
        const ScopeMapRecord* map = m_snapshot->scopeMap(token->token.scopeMap);
        if (!map)
            return false;
        const QString repo = QString::fromUtf8(repository.data(), qsizetype(repository.size()));
        return grantsRepository(map->actions, repo, permissionFor(action));
    }
    }
    return false;
}

bool CallerGrant::allows(std::string_view repository, auth::Action action) const {
    if (!scopeMapAllows(repository, action))
        return false;
    if (!m_tokenScopes)
        return true;
    const std::string_view needed = dockerActionFor(action);
    for (const ScopeGrant& grant : *m_tokenScopes) {
        if (grant.type != "repository" || grant.name != repository)
            continue;
        for (const std::string& granted : grant.actions)
            if (granted == needed || granted == "*")
                return true;
    }
    return false;
}

std::vector<ScopeGrant> intersect(const std::vector<ScopeGrant>& requested,
                                  const CallerGrant& grant) {
    std::vector<ScopeGrant> result;
    for (const ScopeGrant& asked : requested) {
        ScopeGrant granted{asked.type, asked.name, {}};
        if (asked.type == "registry") {
            // The catalog filters per repository itself; any signed-in caller may ask.
            if (asked.name == "catalog" && grant.identity().kind != Identity::Kind::Anonymous)
                granted.actions.push_back("*");
        } else {
            const std::pair<const char*, auth::Action> kinds[] = {{"pull", auth::Action::Pull},
                                                                  {"push", auth::Action::Push},
                                                                  {"delete", auth::Action::Delete}};
            for (const auto& [name, action] : kinds) {
                bool wanted = false;
                for (const std::string& a : asked.actions)
                    wanted = wanted || a == name || a == "*";
                if (wanted && grant.scopeMapAllows(asked.name, action))
                    granted.actions.push_back(name);
            }
        }
        result.push_back(std::move(granted));
    }
    return result;
}

} // namespace ferry::access
