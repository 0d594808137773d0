#pragma once
// The token endpoint of the Docker/OCI token flow, /oauth2/token:
// - GET with optional Basic credentials and scope parameters (docker,
//   skopeo, podman), answering {"token", "access_token", "expires_in", ...};
// - POST with the OAuth2 password and refresh_token grants (containerd,
//   docker with a saved refresh token), form-encoded.
// The access token carries only the granted scopes: what was asked for,
// intersected with what the caller's scope map allows.

#include "access/authenticator.h"

namespace ferry::access {

class TokenService {
public:
    explicit TokenService(AccessStore& store, Authenticator& authenticator)
        : m_store(store)
        , m_authenticator(authenticator) {}
    http::Response handle(http::Exchange& exchange);

private:
    http::Response issue(const http::Exchange& exchange, const Caller& caller,
                         const std::vector<std::string>& scopes, bool withRefreshToken);

    AccessStore& m_store;
    Authenticator& m_authenticator;
};

} // namespace ferry::access
