#include "access/authenticator.h"

#include "core/log.h"
#include "crypto/base64url.h"
#include "crypto/passwordhash.h"
#include "crypto/random.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <openssl/evp.h>
#include <thread>

namespace ferry::access {

namespace {

int64_t unixSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string hmacHex(const std::string& key, const std::string& data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                   reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
                   sizeof out, &length))
        return {};
    return std::string(reinterpret_cast<const char*>(out), length);
}

std::optional<std::string> decodeBasic(std::string_view encoded, std::string* user) {
    auto bytes = crypto::base64UnpaddedDecode(encoded.substr(0, encoded.find_last_not_of('=') + 1));
    if (!bytes)
        return std::nullopt;
    const std::string text(bytes->begin(), bytes->end());
    const size_t colon = text.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    *user = text.substr(0, colon);
    return text.substr(colon + 1);
}

QJsonArray scopesToJson(const std::vector<ScopeGrant>& scopes) {
    QJsonArray array;
    for (const ScopeGrant& scope : scopes) {
        QJsonArray actions;
        for (const auto& action : scope.actions)
            actions.append(QString::fromStdString(action));
        array.append(QJsonObject{{QStringLiteral("type"), QString::fromStdString(scope.type)},
                                 {QStringLiteral("name"), QString::fromStdString(scope.name)},
                                 {QStringLiteral("actions"), actions}});
    }
    return array;
}

std::vector<ScopeGrant> scopesFromJson(const QJsonArray& array) {
    std::vector<ScopeGrant> scopes;
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        ScopeGrant scope{object.value(QStringLiteral("type")).toString().toStdString(),
                         object.value(QStringLiteral("name")).toString().toStdString(),
                         {}};
        for (const QJsonValue& action : object.value(QStringLiteral("actions")).toArray())
            scope.actions.push_back(action.toString().toStdString());
        scopes.push_back(std::move(scope));
    }
    return scopes;
}

QString kindName(Identity::Kind kind) {
    switch (kind) {
    case Identity::Kind::Admin:
        return QStringLiteral("admin");
    case Identity::Kind::Anonymous:
        return QStringLiteral("anonymous");
    case Identity::Kind::Token:
        break;
    }
    return QStringLiteral("token");
}

AuthFailure badCredentials() {
    return {AuthFailure::Kind::BadCredentials, "invalid username or password", {}};
}

} // namespace

Authenticator::Authenticator(AccessStore& store, SigningKeys keys)
    : m_store(store)
    , m_keys(std::move(keys)) {
    auto random = crypto::randomBytes(32);
    if (random)
        m_cacheKey.assign(random.value().begin(), random.value().end());
}

void Authenticator::setSigningKeys(SigningKeys keys) {
    std::lock_guard lock(m_keysMutex);
    m_keys = std::move(keys);
}

SigningKeys Authenticator::signingKeys() const {
    std::lock_guard lock(m_keysMutex);
    return m_keys;
}

std::string Authenticator::currentStamp(const AccessState& state, const Identity& identity,
                                        const std::string& slot) {
    if (identity.kind == Identity::Kind::Admin) {
        if (state.admin.passwordHash.isEmpty())
            return {};
        return "admin:" + std::to_string(state.admin.passwordChanged.toMSecsSinceEpoch());
    }
    // Anonymous bearer tokens (issued while anonymous pull is on) stay valid
    // only while it is on; without a stamp they were never usable at all.
    if (identity.kind == Identity::Kind::Anonymous)
        return state.settings.anonymousPull ? std::string("anonymous") : std::string();
    if (identity.kind != Identity::Kind::Token)
        return {};
    const TokenRecord* record = state.token(identity.name);
    if (!record || record->token.status != TokenStatus::Enabled ||
        !state.acceptsToken(record->token.name))
        return {};
    const auto& slotInfo = slot == "password1" ? record->token.credentials.password1
                                               : record->token.credentials.password2;
    const QString& hash = slot == "password1" ? record->hashes.password1 : record->hashes.password2;
    if (!slotInfo || hash.isEmpty() || slotInfo->isExpiredAt(QDateTime::currentDateTimeUtc()))
        return {};
    return slot + ":" + std::to_string(slotInfo->creationTime.toMSecsSinceEpoch());
}

static std::string slotOf(const std::string& stamp) {
    return stamp.substr(0, stamp.find(':'));
}

void Authenticator::recordFailure(const std::string& user, const std::string& address,
                                  const std::string& why) {
    m_throttle.failed(address, user);
    auditRefusal(address, QString::fromStdString(user).left(64), QStringLiteral("auth.failure"),
                 QStringLiteral("registry"), QStringLiteral("UNAUTHORIZED"), why);
}

void Authenticator::auditRefusal(const std::string& address, const QString& actor,
                                 const QString& action, const QString& target,
                                 const QString& outcome, const std::string& why) {
    // Each kind of refusal has its own budget per address, so a flood of
    // one kind does not hide the others.
    const AuditLimiter::Verdict admitted =
        m_auditLimiter.admit(address + '\n' + action.toStdString());
    if (!admitted.record)
        return;
    AuditEvent event;
    event.time = QDateTime::currentDateTimeUtc();
    event.actor = actor.isEmpty() ? QStringLiteral("unknown") : actor;
    event.address = QString::fromStdString(address);
    event.action = action;
    event.target = target;
    event.outcome = outcome;
    event.detail = QString::fromStdString(why);
    if (admitted.suppressedBefore > 0)
        event.detail += QStringLiteral(" (%1 more from this address were not recorded)")
                            .arg(admitted.suppressedBefore);
    try {
        m_store.appendAudit(event);
    } catch (const std::exception& failure) {
        log::warning("cannot record an audit event: ", failure.what());
    }
    log::info(action.toStdString(), " by '", event.actor.toStdString(), "' from ", address, ": ",
              why);
}

std::optional<Caller> Authenticator::cachedCaller(const AccessState& state,
                                                  const std::string& cacheKey,
                                                  const std::string& address) {
    auto it = m_passwordCache.find(cacheKey);
    if (it == m_passwordCache.end() || it->second.until <= std::chrono::steady_clock::now() ||
        currentStamp(state, it->second.identity, slotOf(it->second.stamp)) != it->second.stamp)
        return std::nullopt;
    Caller caller{it->second.identity, it->second.stamp, std::nullopt};
    caller.identity.address = QString::fromStdString(address);
    return caller;
}

AuthResult Authenticator::checkPassword(const std::string& user, const std::string& password,
                                        const std::string& address) {
    const Throttle::Verdict verdict = m_throttle.before(address, user);
    if (verdict.refused)
        return AuthFailure{AuthFailure::Kind::Throttled,
                           "too many failed sign-ins; try again later", verdict.retryAfter};
    if (verdict.delay.count() > 0)
        std::this_thread::sleep_for(verdict.delay);

    const AccessSnapshot state = m_store.snapshot();
    // User names match ignoring case, as token names are unique ignoring case.
    const TokenRecord* record = state->tokenIgnoringCase(QString::fromStdString(user));
    const bool isAdmin = !record && QString::fromStdString(user).compare(QLatin1String("admin"),
                                                                         Qt::CaseInsensitive) == 0;
    const std::string canonical = record    ? record->token.name.toStdString()
                                  : isAdmin ? std::string("admin")
                                            : QString::fromStdString(user).toLower().toStdString();
    const std::string cacheKey = hmacHex(m_cacheKey, canonical + '\0' + password);
    std::shared_ptr<CheckInFlight> ours;
    {
        std::unique_lock lock(m_cacheMutex);
        if (auto caller = cachedCaller(*state, cacheKey, address))
            return *caller;
        if (auto running = m_checksInFlight.find(cacheKey); running != m_checksInFlight.end()) {
            // Wait (boundedly) for the same credentials' check; a success is
            // then in the cache. A failure is not cached, so a wrong password
            // goes on to its own check, throttle and gate as before.
            const std::shared_ptr<CheckInFlight> theirs = running->second;
            theirs->finished.wait_for(lock, std::chrono::seconds(5), [&] { return theirs->done; });
            if (auto caller = cachedCaller(*state, cacheKey, address))
                return *caller;
        } else {
            ours = std::make_shared<CheckInFlight>();
            m_checksInFlight.emplace(cacheKey, ours);
        }
    }
    // Whatever the outcome, those waiting on this check are let go.
    struct ReleaseWaiters {
        Authenticator& self;
        const std::shared_ptr<CheckInFlight>& check;
        const std::string& key;
        ~ReleaseWaiters() {
            if (!check)
                return;
            {
                std::lock_guard lock(self.m_cacheMutex);
                check->done = true;
                self.m_checksInFlight.erase(key);
            }
            check->finished.notify_all();
        }
    } const releaseOnReturn{*this, ours, cacheKey};
    // Everything below hashes: first the per-address spray limit, then the
    // gate that bounds how many hashes (16 MiB each) run at once.
    if (const Throttle::Verdict spray = m_throttle.beforeHashing(address); spray.refused)
        return AuthFailure{AuthFailure::Kind::Throttled,
                           "too many failed sign-ins; try again later", spray.retryAfter};
    const PasswordCheckGate::Pass pass = m_gate.enter(address);
    if (!pass) {
        // Counted as a failed attempt, so a burst cannot get around the
        // per-user limit by being turned away instead of checked.
        m_throttle.failed(address, user);
        return AuthFailure{AuthFailure::Kind::Throttled,
                           "too many sign-ins at once; try again shortly", std::chrono::seconds(1)};
    }

    Identity identity;
    identity.address = QString::fromStdString(address);
    std::string stamp;
    if (isAdmin) {
        identity.kind = Identity::Kind::Admin;
        identity.name = QStringLiteral("admin");
        if (!state->admin.passwordHash.isEmpty() &&
            crypto::verifyPassword(password, state->admin.passwordHash.toStdString()))
            stamp = currentStamp(*state, identity, "admin");
        else if (state->admin.passwordHash.isEmpty())
            crypto::verifyPasswordAgainstDummy(password);
    } else if (record) {
        identity.kind = Identity::Kind::Token;
        identity.name = record->token.name;
        // Check both slots whatever happens, so timing says nothing about which matched.
        const bool first = !record->hashes.password1.isEmpty() &&
                           crypto::verifyPassword(password, record->hashes.password1.toStdString());
        const bool second =
            !first && !record->hashes.password2.isEmpty() &&
            crypto::verifyPassword(password, record->hashes.password2.toStdString());
        if (record->hashes.password1.isEmpty() && record->hashes.password2.isEmpty())
            crypto::verifyPasswordAgainstDummy(password);
        if (first || second)
            stamp = currentStamp(*state, identity, first ? "password1" : "password2");
    } else {
        crypto::verifyPasswordAgainstDummy(password);
    }
    if (stamp.empty()) {
        // Disabled, expired, wrong or unknown: one answer for all of them.
        recordFailure(user, address, "invalid credentials");
        return badCredentials();
    }
    m_throttle.succeeded(address, user);
    std::lock_guard lock(m_cacheMutex);
    if (m_passwordCache.size() > 10000)
        m_passwordCache.clear();
    m_passwordCache[cacheKey] =
        CachedPassword{identity, stamp, std::chrono::steady_clock::now() + std::chrono::minutes(5)};
    return Caller{identity, stamp, std::nullopt};
}

AuthResult Authenticator::verifyBearer(const std::string& token, const std::string& address,
                                       bool refresh) {
    QString subject;
    AuthResult result = verifyBearerClaims(token, address, refresh, &subject);
    if (const auto* failure = std::get_if<AuthFailure>(&result))
        auditRefusal(address, subject.left(64), QStringLiteral("auth.token.refused"),
                     QStringLiteral("registry"), QStringLiteral("UNAUTHORIZED"), failure->message);
    return result;
}

AuthResult Authenticator::verifyBearerClaims(const std::string& token, const std::string& address,
                                             bool refresh, QString* subject) {
    const AccessSnapshot state = m_store.snapshot();
    const int64_t now = unixSeconds();
    std::optional<CachedBearer> cached;
    {
        std::lock_guard lock(m_cacheMutex);
        auto it = m_bearerCache.find(token);
        if (it != m_bearerCache.end())
            cached = it->second;
    }
    if (!cached) {
        // The kid in the header decides which key can verify; a token from
        // before a rotation is checked against the previous key.
        const SigningKeys keys = signingKeys();
        auto payload = keys.current->verify(token);
        if (!payload && keys.previous)
            payload = keys.previous->verify(token);
        if (!payload)
            return AuthFailure{AuthFailure::Kind::BadCredentials, "invalid access token", {}};
        const QJsonObject claims =
            QJsonDocument::fromJson(QByteArray::fromStdString(payload.value())).object();
        CachedBearer entry;
        entry.expires = claims.value(QStringLiteral("exp")).toInteger();
        entry.refresh = claims.value(QStringLiteral("typ")).toString() == QLatin1String("refresh");
        const QString kind = claims.value(QStringLiteral("kind")).toString();
        entry.caller.identity.kind = kind == QLatin1String("admin") ? Identity::Kind::Admin
                                     : kind == QLatin1String("anonymous")
                                         ? Identity::Kind::Anonymous
                                         : Identity::Kind::Token;
        entry.caller.identity.name = claims.value(QStringLiteral("sub")).toString();
        entry.caller.stamp = claims.value(QStringLiteral("stamp")).toString().toStdString();
        if (!entry.refresh)
            entry.caller.scopes = scopesFromJson(claims.value(QStringLiteral("access")).toArray());
        const bool named = !entry.caller.identity.name.isEmpty() ||
                           entry.caller.identity.kind == Identity::Kind::Anonymous;
        if (!named || entry.caller.stamp.empty() || entry.expires == 0)
            return AuthFailure{AuthFailure::Kind::BadCredentials, "invalid access token", {}};
        std::lock_guard lock(m_cacheMutex);
        if (m_bearerCache.size() > 10000)
            m_bearerCache.clear();
        m_bearerCache[token] = entry;
        cached = entry;
    }
    *subject = cached->caller.identity.name;
    if (cached->refresh != refresh)
        return AuthFailure{AuthFailure::Kind::BadCredentials, "wrong kind of token", {}};
    if (cached->expires <= now)
        return AuthFailure{AuthFailure::Kind::BadCredentials, "the access token has expired", {}};
    // Revocation: the credential that earned this token must still be the current one.
    if (currentStamp(*state, cached->caller.identity, slotOf(cached->caller.stamp)) !=
        cached->caller.stamp)
        return AuthFailure{AuthFailure::Kind::BadCredentials, "the access token was revoked", {}};
    Caller caller = cached->caller;
    caller.identity.address = QString::fromStdString(address);
    return caller;
}

AuthResult Authenticator::checkRefreshToken(const std::string& token, const std::string& address) {
    if (token.size() > crypto::kMaxJwtBytes)
        return AuthFailure{AuthFailure::Kind::Malformed, "refresh token too large", {}};
    return verifyBearer(token, address, true);
}

AuthResult Authenticator::authenticate(const http::Exchange& exchange) {
    const std::string address = exchange.peerAddress();
    const std::string_view header = exchange.header("Authorization");
    if (header.empty()) {
        Caller anonymous;
        anonymous.identity.address = QString::fromStdString(address);
        return anonymous;
    }
    auto startsWith = [&](std::string_view scheme) {
        return header.size() > scheme.size() &&
               strncasecmp(header.data(), scheme.data(), scheme.size()) == 0;
    };
    if (startsWith("Basic ")) {
        std::string user;
        const auto password = decodeBasic(header.substr(6), &user);
        if (!password || user.empty() || user.size() > 256 || password->size() > 1024)
            return AuthFailure{AuthFailure::Kind::Malformed, "malformed Basic credentials", {}};
        return checkPassword(user, *password, address);
    }
    if (startsWith("Bearer ")) {
        std::string_view token = header.substr(7);
        if (token.empty() || token.size() > crypto::kMaxJwtBytes)
            return AuthFailure{AuthFailure::Kind::Malformed, "malformed bearer token", {}};
        return verifyBearer(std::string(token), address, false);
    }
    return AuthFailure{AuthFailure::Kind::Malformed, "unsupported authorization scheme", {}};
}

std::string Authenticator::issueAccessToken(const Caller& caller,
                                            const std::vector<ScopeGrant>& scopes,
                                            const std::string& service) {
    const int64_t now = unixSeconds();
    const bool anonymous = caller.identity.kind == Identity::Kind::Anonymous;
    QJsonObject claims{
        {QStringLiteral("iss"), QStringLiteral("ferryd")},
        {QStringLiteral("sub"), caller.identity.name},
        {QStringLiteral("aud"), QString::fromStdString(service)},
        {QStringLiteral("kind"), kindName(caller.identity.kind)},
        {QStringLiteral("typ"), QStringLiteral("access")},
        {QStringLiteral("stamp"),
         QString::fromStdString(anonymous ? std::string("anonymous") : caller.stamp)},
        {QStringLiteral("iat"), qint64(now)},
        {QStringLiteral("nbf"), qint64(now - 5)},
        {QStringLiteral("exp"), qint64(now + kAccessTokenLifetime.count())},
        {QStringLiteral("jti"), QString::fromStdString(crypto::randomId().value())},
        {QStringLiteral("access"), scopesToJson(scopes)},
    };
    auto token = signingKeys().current->sign(
        QJsonDocument(claims).toJson(QJsonDocument::Compact).toStdString());
    return token ? token.value() : std::string();
}

std::string Authenticator::issueRefreshToken(const Caller& caller, const std::string& service) {
    const int64_t now = unixSeconds();
    QJsonObject claims{
        {QStringLiteral("iss"), QStringLiteral("ferryd")},
        {QStringLiteral("sub"), caller.identity.name},
        {QStringLiteral("aud"), QString::fromStdString(service)},
        {QStringLiteral("kind"), caller.identity.kind == Identity::Kind::Admin
                                     ? QStringLiteral("admin")
                                     : QStringLiteral("token")},
        {QStringLiteral("typ"), QStringLiteral("refresh")},
        {QStringLiteral("stamp"), QString::fromStdString(caller.stamp)},
        {QStringLiteral("iat"), qint64(now)},
        {QStringLiteral("exp"),
         qint64(now +
                std::chrono::duration_cast<std::chrono::seconds>(kRefreshTokenLifetime).count())},
        {QStringLiteral("jti"), QString::fromStdString(crypto::randomId().value())},
    };
    auto token = signingKeys().current->sign(
        QJsonDocument(claims).toJson(QJsonDocument::Compact).toStdString());
    return token ? token.value() : std::string();
}

} // namespace ferry::access
