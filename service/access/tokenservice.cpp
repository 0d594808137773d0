#include "access/tokenservice.h"

#include "access/tokenaccess.h"
#include "domain/jsoncodec.h"
#include "registry/ocierror.h"
#include "registry/route.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ferry::access {

namespace {

// Every value of a repeated query/form parameter (scope comes many times).
std::vector<std::string> allValues(std::string_view encoded, std::string_view name) {
    std::vector<std::string> values;
    while (!encoded.empty()) {
        const size_t amp = encoded.find('&');
        const std::string_view item = encoded.substr(0, amp);
        const size_t eq = item.find('=');
        if (oci::percentDecode(item.substr(0, eq)) == name && eq != std::string_view::npos)
            values.push_back(oci::percentDecode(item.substr(eq + 1)));
        if (amp == std::string_view::npos)
            break;
        encoded.remove_prefix(amp + 1);
    }
    return values;
}

std::string firstValue(std::string_view encoded, std::string_view name) {
    auto values = allValues(encoded, name);
    return values.empty() ? std::string() : values.front();
}

http::Response tokenError(unsigned status, const std::string& message) {
    // RFC 6749 shape for OAuth2 clients, plus the OCI shape docker prints.
    http::Response response;
    response.status = status;
    response.header("Content-Type", "application/json");
    response.header("Cache-Control", "no-store");
    response.body =
        R"({"error":")" + std::string(status == 400 ? "invalid_request" : "invalid_grant") +
        R"(","error_description":")" + oci::jsonEscape(message) +
        R"(","errors":[{"code":"UNAUTHORIZED","message":")" + oci::jsonEscape(message) + "\"}]}";
    return response;
}

} // namespace

http::Response TokenService::issue(const http::Exchange& exchange, const Caller& caller,
                                   const std::vector<std::string>& scopes, bool withRefreshToken) {
    const CallerGrant grant(m_store.snapshot(), caller.identity, std::nullopt);
    const std::vector<ScopeGrant> granted = intersect(parseScopes(scopes), grant);
    const std::string service = serviceName(exchange);
    const std::string token = m_authenticator.issueAccessToken(caller, granted, service);
    if (token.empty())
        return tokenError(500, "could not sign the token");
    QJsonObject body{
        {QStringLiteral("token"), QString::fromStdString(token)},
        {QStringLiteral("access_token"), QString::fromStdString(token)},
        {QStringLiteral("expires_in"), qint64(Authenticator::kAccessTokenLifetime.count())},
        {QStringLiteral("issued_at"), formatRfc3339(QDateTime::currentDateTimeUtc())},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")}};
    if (withRefreshToken && caller.identity.kind != Identity::Kind::Anonymous)
        body.insert(QStringLiteral("refresh_token"),
                    QString::fromStdString(m_authenticator.issueRefreshToken(caller, service)));
    http::Response response;
    response.header("Content-Type", "application/json");
    response.header("Cache-Control", "no-store");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
    return response;
}

http::Response TokenService::handle(http::Exchange& exchange) {
    const std::string_view target = exchange.target();
    const size_t question = target.find('?');
    const std::string_view query =
        question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

    if (exchange.method() == http::Verb::get) {
        AuthResult result = m_authenticator.authenticate(exchange);
        if (auto* failure = std::get_if<AuthFailure>(&result)) {
            http::Response refused = unauthorized(exchange, {}, failure);
            return refused;
        }
        const Caller& caller = std::get<Caller>(result);
        if (caller.identity.kind == Identity::Kind::Anonymous &&
            !m_store.snapshot()->settings.anonymousPull)
            return unauthorized(exchange, {}, nullptr);
        if (caller.scopes)
            return tokenError(
                400, "use a password or refresh token to obtain a token, not another token");
        return issue(exchange, caller, allValues(query, "scope"),
                     firstValue(query, "offline_token") == "true");
    }
    if (exchange.method() != http::Verb::post)
        return oci::error(oci::ErrorCode::Unsupported, "the token endpoint takes GET or POST");

    std::string form;
    char buffer[8192];
    for (;;) {
        const http::BodyRead read = exchange.readBody(buffer, sizeof buffer);
        if (read.status == http::BodyReadStatus::End)
            break;
        if (read.status != http::BodyReadStatus::Data || form.size() + read.size > 64 * 1024)
            return tokenError(400, "the form body is incomplete or too large");
        form.append(buffer, read.size);
    }
    const std::string grantType = firstValue(form, "grant_type");
    const std::string address = exchange.peerAddress();
    AuthResult result = AuthFailure{AuthFailure::Kind::Malformed, "unsupported grant_type", {}};
    if (grantType == "password")
        result = m_authenticator.checkPassword(firstValue(form, "username"),
                                               firstValue(form, "password"), address);
    else if (grantType == "refresh_token")
        result = m_authenticator.checkRefreshToken(firstValue(form, "refresh_token"), address);
    if (auto* failure = std::get_if<AuthFailure>(&result)) {
        if (failure->kind == AuthFailure::Kind::Throttled)
            return unauthorized(exchange, {}, failure);
        return tokenError(failure->kind == AuthFailure::Kind::Malformed ? 400 : 401,
                          failure->message);
    }
    // containerd sends one space-separated scope value; others repeat it.
    return issue(exchange, std::get<Caller>(result), allValues(form, "scope"),
                 grantType == "password" && firstValue(form, "access_type") == "offline");
}

} // namespace ferry::access
