#pragma once
// /api/v1/tokens: list, PUT/GET/PATCH/DELETE of one token, password
// generation (POST .../generate-credentials) and removal
// (DELETE .../credentials/{password1|password2}); DOMAIN.md "Tokens" and
// "Sync tokens". A token's JSON never holds a password or a hash: only each
// slot's creation time and expiry. A sync token can't be deleted while its
// connected registry exists, and disabling one deactivates that registry in
// the same mutation.

#include "management/apirequest.h"

namespace ferry::management {

class TokenController final : public Controller {
public:
    explicit TokenController(access::AccessStore& store)
        : m_store(store) {}
    QString area() const override { return QStringLiteral("tokens"); }
    http::Response handle(ApiRequest& request) override;

private:
    http::Response list(const ApiRequest& request) const;
    http::Response get(const QString& name) const;
    http::Response put(ApiRequest& request, const QString& name);
    http::Response patch(ApiRequest& request, const QString& name);
    http::Response remove(ApiRequest& request, const QString& name);
    // tokencredentialroutes.cpp
    http::Response generateCredentials(ApiRequest& request, const QString& name);
    http::Response deleteCredential(ApiRequest& request, const QString& name, const QString& slot);

    access::AccessStore& m_store;
};

// Shared by the token routes (tokencontroller.cpp, tokencredentialroutes.cpp).

// Token names are unique ignoring case (names.h); the key under which
// `name` is stored, or `name` itself when no token has it.
QString tokenKey(const access::AccessState& state, const QString& name);
QString tokenLabel(const QString& name);  // "Token 'ci-pull'", for messages
QString tokenTarget(const QString& name); // "tokens/ci-pull", for audit records
// The connected registry whose sync token this is, if any.
const access::ConnectedRegistryRecord* registryUsingAsSyncToken(const access::AccessState& state,
                                                                const QString& token);
// If-Match against the token's revision; any If-Match on a missing token fails.
Status tokenPrecondition(const ApiRequest& request, const access::TokenRecord* existing,
                         const QString& name);

} // namespace ferry::management
