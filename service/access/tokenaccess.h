#pragma once
// The registry's access controller with access control on: authenticates
// the caller (Basic or bearer), then checks every requirement of the route
// against the caller's grant. Failures follow the Docker token flow: 401
// with a Bearer challenge naming the realm, service and scope, or 403
// DENIED naming the missing action.

#include "access/authenticator.h"
#include "auth/accesscontrol.h"

namespace ferry::access {

class TokenAccess final : public auth::AccessController {
public:
    TokenAccess(AccessStore& store, Authenticator& authenticator)
        : m_store(store)
        , m_authenticator(authenticator) {}
    auth::Decision authorize(const http::Exchange& exchange,
                             std::span<const auth::Requirement> requirements) override;

private:
    AccessStore& m_store;
    Authenticator& m_authenticator;
};

// "Bearer realm=...,service=...[,scope=...]" for this request's host.
std::string bearerChallenge(const http::Exchange& exchange,
                            std::span<const auth::Requirement> requirements,
                            std::string_view error = {});
// The service name clients put in token requests: the Host they addressed.
std::string serviceName(const http::Exchange& exchange);
// 401/429 as the OCI error body, with the challenge.
http::Response unauthorized(const http::Exchange& exchange,
                            std::span<const auth::Requirement> requirements,
                            const AuthFailure* failure);

} // namespace ferry::access
