#pragma once
// Helpers for the access-control integration tests: the admin's side of the
// management API (scope maps, tokens, passwords, settings), the token
// endpoint, a look inside an access token's claims, and a tool runner that
// can feed a password on stdin and never prints the command line (which may
// carry one). Nothing here prints a secret.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "toolrunner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace accesskit {

struct Credentials {
    QString user;
    QString password;
};

// "Basic base64(user:password)" and "Bearer <token>" as Authorization values.
QByteArray basic(const QString& user, const QString& password);
inline QByteArray basic(const Credentials& c) {
    return basic(c.user, c.password);
}
QByteArray bearer(const QString& token);
HttpClient::Headers authorization(const QByteArray& value);

// The management API as the admin (Basic; ferryd caches it after the first check).
class AdminApi {
public:
    explicit AdminApi(const FerrydProcess& ferryd);
    HttpReply call(const QByteArray& method, const QString& path, const QJsonObject& body = {});

    bool putScopeMap(const QString& name, const QStringList& actions);
    // Creates the token with both passwords generated; returns {password1, password2}.
    std::optional<QStringList> createToken(const QString& name, const QString& scopeMap);
    // Regenerates one slot; the new password, or empty on failure.
    QString generatePassword(const QString& token, const QString& slot,
                             const QDateTime& expiry = {});
    bool setTokenStatus(const QString& token, bool enabled);
    bool deletePassword(const QString& token, const QString& slot);
    bool setAnonymousPull(bool enabled);
    QJsonArray audit(const QString& actionPrefix = {});
    void setPassword(const QString& password) { m_password = password; }

private:
    HttpClient m_http;
    QString m_password;
};

struct TokenAnswer {
    HttpReply reply;
    QString token;
    QString refreshToken;
    bool ok() const { return reply.status == 200 && !token.isEmpty(); }
};

// GET /oauth2/token?service=..&scope=.. with the given Authorization (none when empty).
TokenAnswer fetchToken(HttpClient& http, const QByteArray& authorization, const QStringList& scopes,
                       bool offline = false);
// POST /oauth2/token with a form body (fields are percent-encoded here).
TokenAnswer postToken(HttpClient& http, const QList<QPair<QString, QString>>& form);

// The JSON payload of a JWT (its base64url middle segment), or empty.
QJsonObject jwtPayload(const QString& jwt);
// The "access" claim as {"<type>:<name>": sorted actions}.
QMap<QString, QStringList> accessClaim(const QString& jwt);

// Runs a client with a deadline, writing `input` to its stdin. The result's
// command holds only the program name, never the arguments.
struct SecretRun : ToolRun {
    // "<program> exited N: <stderr tail>", with every given secret blanked out.
    QString describe(const QString& program, const QStringList& secrets) const;
};
SecretRun runWithInput(const QString& program, const QStringList& args, const QByteArray& input,
                       int timeoutMs, const QProcessEnvironment& env);

} // namespace accesskit
