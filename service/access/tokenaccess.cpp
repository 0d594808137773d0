#include "access/tokenaccess.h"

#include "registry/ocierror.h"

#include <algorithm>

namespace ferry::access {

std::string serviceName(const http::Exchange& exchange) {
    const std::string_view host = exchange.host();
    return host.empty() ? std::string("ferryd") : std::string(host);
}

std::string bearerChallenge(const http::Exchange& exchange,
                            std::span<const auth::Requirement> requirements,
                            std::string_view error) {
    const std::string base =
        std::string(exchange.secure() ? "https://" : "http://") + serviceName(exchange);
    std::string challenge =
        "Bearer realm=\"" + base + "/oauth2/token\",service=\"" + serviceName(exchange) + "\"";
    std::string scope;
    for (const auth::Requirement& need : requirements) {
        if (!scope.empty())
            scope += ' ';
        if (need.repository.empty()) {
            scope += "registry:catalog:*";
        } else {
            // Ask for pull and push together on writes: clients reuse the token for both.
            const std::string_view action = dockerActionFor(need.action);
            scope += "repository:" + need.repository + ":" +
                     (action == "push" ? std::string("pull,push") : std::string(action));
        }
    }
    if (!scope.empty())
        challenge += ",scope=\"" + scope + "\"";
    if (!error.empty())
        challenge += ",error=\"" + std::string(error) + "\"";
    return challenge;
}

http::Response unauthorized(const http::Exchange& exchange,
                            std::span<const auth::Requirement> requirements,
                            const AuthFailure* failure) {
    if (failure && failure->kind == AuthFailure::Kind::Throttled) {
        http::Response refused = oci::error(oci::ErrorCode::TooManyRequests, failure->message);
        refused.header("Retry-After", std::to_string(failure->retryAfter.count()));
        return refused;
    }
    http::Response response =
        oci::error(oci::ErrorCode::Unauthorized,
                   failure ? failure->message : std::string("authentication required"));
    response.header("WWW-Authenticate",
                    bearerChallenge(exchange, requirements, failure ? "invalid_token" : ""));
    return response;
}

auth::Decision TokenAccess::authorize(const http::Exchange& exchange,
                                      std::span<const auth::Requirement> requirements) {
    AuthResult result = m_authenticator.authenticate(exchange);
    if (auto* failure = std::get_if<AuthFailure>(&result))
        return auth::Decision{nullptr, unauthorized(exchange, requirements, failure)};
    Caller& caller = std::get<Caller>(result);
    auto grant = std::make_shared<CallerGrant>(m_store.snapshot(), caller.identity, caller.scopes);
    const bool anonymous = caller.identity.kind == Identity::Kind::Anonymous;
    // /v2/ itself: clients probe it to learn whether and how to authenticate.
    if (requirements.empty() && anonymous && !m_store.snapshot()->settings.anonymousPull)
        return auth::Decision{nullptr, unauthorized(exchange, requirements, nullptr)};
    for (const auth::Requirement& need : requirements) {
        if (need.repository.empty()) {
            // The catalog: it shows only what the caller may read.
            if (anonymous && !m_store.snapshot()->settings.anonymousPull)
                return auth::Decision{nullptr, unauthorized(exchange, requirements, nullptr)};
            // A bearer token lists the catalog through its registry:catalog:*
            // scope; it cannot carry a repository scope for every repository,
            // so narrowing by those would hide everything (even from the
            // admin). With that scope, filter by the scope map alone.
            if (caller.scopes &&
                std::any_of(caller.scopes->begin(), caller.scopes->end(),
                            [](const ScopeGrant& scope) {
                                return scope.type == "registry" && scope.name == "catalog" &&
                                       std::find(scope.actions.begin(), scope.actions.end(), "*") !=
                                           scope.actions.end();
                            }))
                grant = std::make_shared<CallerGrant>(m_store.snapshot(), caller.identity,
                                                      std::nullopt);
            continue;
        }
        if (grant->allows(need.repository, need.action))
            continue;
        // Anonymous callers, and bearer tokens lacking the scope, are asked to
        // (re)authenticate; a known caller whose scope map forbids it is denied.
        if (anonymous || (caller.scopes && grant->scopeMapAllows(need.repository, need.action)))
            return auth::Decision{nullptr, unauthorized(exchange, requirements, nullptr)};
        return auth::Decision{nullptr, oci::error(oci::ErrorCode::Denied,
                                                  "'" + grant->subject() + "' lacks " +
                                                      std::string(auth::actionName(need.action)) +
                                                      " on repository '" + need.repository + "'")};
    }
    return auth::Decision{grant, std::nullopt};
}

} // namespace ferry::access
