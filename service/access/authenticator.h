#pragma once
// Establishes who is calling. Passwords (HTTP Basic, the token endpoint) are
// checked against scrypt hashes, throttled per address and user, and cached
// only as a keyed hash of the credentials together with the credential's
// current "stamp". Bearer access tokens are ES256 JWTs this service signed;
// each carries the stamp of the password that earned it, so regenerating or
// deleting that password, disabling the token or an expiry passing voids
// every access token issued before, on the very next request.

#include "access/accessstore.h"
#include "access/auditlimiter.h"
#include "access/grants.h"
#include "access/passwordgate.h"
#include "access/signingkeys.h"
#include "access/throttle.h"
#include "crypto/jwt.h"
#include "http/exchange.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

namespace ferry::access {

struct AuthFailure {
    enum class Kind { BadCredentials, Malformed, Throttled, Unavailable };
    Kind kind = Kind::BadCredentials;
    std::string message; // for the client; never says whether a user exists
    std::chrono::seconds retryAfter{0};
};

// A verified caller: who, which credential (stamp), and for bearer tokens the
// scopes the token carries.
struct Caller {
    Identity identity;
    std::string stamp;
    std::optional<std::vector<ScopeGrant>> scopes;
};

using AuthResult = std::variant<Caller, AuthFailure>;

class Authenticator {
public:
    static constexpr std::chrono::seconds kAccessTokenLifetime{300};
    static constexpr std::chrono::hours kRefreshTokenLifetime{24 * 7};

    Authenticator(AccessStore& store, SigningKeys keys);

    // After a rotation: new tokens are signed with keys.current, tokens
    // signed by keys.previous are still accepted until they expire.
    void setSigningKeys(SigningKeys keys);

    // From the Authorization header: Basic or Bearer. No header: an anonymous caller.
    AuthResult authenticate(const http::Exchange& exchange);
    // user + password, as Basic and the OAuth2 password grant carry them.
    AuthResult checkPassword(const std::string& user, const std::string& password,
                             const std::string& address);
    // A refresh token from the OAuth2 refresh_token grant.
    AuthResult checkRefreshToken(const std::string& token, const std::string& address);

    std::string issueAccessToken(const Caller& caller, const std::vector<ScopeGrant>& scopes,
                                 const std::string& service);
    std::string issueRefreshToken(const Caller& caller, const std::string& service);

    // The stamp a credential has now; empty when it is no longer valid.
    static std::string currentStamp(const AccessState& state, const Identity& identity,
                                    const std::string& slot);

    // Records a refused request in the audit log, rate limited per address
    // (a flood must not fill the disk). Never give it a secret.
    void auditRefusal(const std::string& address, const QString& actor, const QString& action,
                      const QString& target, const QString& outcome, const std::string& why);

private:
    AuthResult verifyBearer(const std::string& token, const std::string& address, bool refresh);
    AuthResult verifyBearerClaims(const std::string& token, const std::string& address,
                                  bool refresh, QString* subject);
    void recordFailure(const std::string& user, const std::string& address, const std::string& why);

    AccessStore& m_store;
    SigningKeys signingKeys() const;
    mutable std::mutex m_keysMutex;
    SigningKeys m_keys;
    Throttle m_throttle;
    PasswordCheckGate m_gate;
    AuditLimiter m_auditLimiter;
    std::string m_cacheKey; // random per process: keys the credential cache

    struct CachedPassword {
        Identity identity;
        std::string stamp;
        std::chrono::steady_clock::time_point until;
    };
    struct CachedBearer {
        Caller caller;
        int64_t expires = 0; // unix seconds
        bool refresh = false;
    };
    // A check of these credentials that is running now. Requests with the
    // same credentials wait for it instead of hashing too: a client that
    // opens several connections at once (docker, the console, a script's
    // first burst) costs one scrypt, and is not turned away by the gate.
    struct CheckInFlight {
        bool done = false;
        std::condition_variable finished;
    };
    std::optional<Caller> cachedCaller(const AccessState& state, const std::string& cacheKey,
                                       const std::string& address);

    std::mutex m_cacheMutex;
    std::unordered_map<std::string, CachedPassword> m_passwordCache; // HMAC(user:password) -> who
    std::unordered_map<std::string, std::shared_ptr<CheckInFlight>> m_checksInFlight; // same keys
    std::unordered_map<std::string, CachedBearer> m_bearerCache; // token -> verified claims
};

} // namespace ferry::access
