#include "accesskit.h"

#include <QJsonDocument>
#include <QProcess>
#include <QUrlQuery>

namespace accesskit {

QByteArray basic(const QString& user, const QString& password) {
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

QByteArray bearer(const QString& token) {
    return "Bearer " + token.toLatin1();
}

HttpClient::Headers authorization(const QByteArray& value) {
    if (value.isEmpty())
        return {};
    return {{"Authorization", value}};
}

AdminApi::AdminApi(const FerrydProcess& ferryd)
    : m_http(ferryd.baseUrl())
    , m_password(ferryd.adminPassword()) {}

HttpReply AdminApi::call(const QByteArray& method, const QString& path, const QJsonObject& body) {
    HttpClient::Headers headers = authorization(basic(QStringLiteral("admin"), m_password));
    QByteArray bytes;
    if (method != "GET" && method != "DELETE") {
        bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    }
    return m_http.send(method, path, bytes, headers);
}

static QJsonObject bodyOf(const HttpReply& reply) {
    return QJsonDocument::fromJson(reply.body).object();
}

bool AdminApi::putScopeMap(const QString& name, const QStringList& actions) {
    const HttpReply reply =
        call("PUT", QStringLiteral("/api/v1/scope-maps/") + name,
             {{QStringLiteral("actions"), QJsonArray::fromStringList(actions)}});
    if (reply.status != 200 && reply.status != 201)
        qWarning("PUT scope map %s: %d %s", qPrintable(name), reply.status, reply.body.constData());
    return reply.status == 200 || reply.status == 201;
}

static QStringList passwordsOf(const QJsonObject& body) {
    QStringList values;
    for (const QJsonValue& entry : body.value(QStringLiteral("passwords")).toArray())
        values << entry.toObject().value(QStringLiteral("value")).toString();
    return values;
}

std::optional<QStringList> AdminApi::createToken(const QString& name, const QString& scopeMap) {
    const HttpReply reply =
        call("PUT", QStringLiteral("/api/v1/tokens/") + name,
             {{QStringLiteral("scopeMap"), scopeMap}, {QStringLiteral("generatePasswords"), true}});
    const QStringList passwords = passwordsOf(bodyOf(reply));
    if (reply.status != 201 || passwords.size() != 2) {
        qWarning("PUT token %s: status %d", qPrintable(name),
                 reply.status); // the body holds passwords
        return std::nullopt;
    }
    return passwords;
}

QString AdminApi::generatePassword(const QString& token, const QString& slot,
                                   const QDateTime& expiry) {
    QJsonObject body{{QStringLiteral("name"), slot}};
    if (expiry.isValid())
        body.insert(QStringLiteral("expiry"), expiry.toUTC().toString(Qt::ISODate));
    const HttpReply reply =
        call("POST", QStringLiteral("/api/v1/tokens/%1/generate-credentials").arg(token), body);
    const QStringList passwords = passwordsOf(bodyOf(reply));
    if (reply.status != 200 || passwords.size() != 1) {
        qWarning("generate-credentials %s: status %d", qPrintable(token), reply.status);
        return {};
    }
    return passwords.first();
}

bool AdminApi::setTokenStatus(const QString& token, bool enabled) {
    return call("PATCH", QStringLiteral("/api/v1/tokens/") + token,
                {{QStringLiteral("status"),
                  enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")}})
               .status == 200;
}

bool AdminApi::deletePassword(const QString& token, const QString& slot) {
    return call("DELETE", QStringLiteral("/api/v1/tokens/%1/credentials/%2").arg(token, slot))
               .status == 204;
}

bool AdminApi::setAnonymousPull(bool enabled) {
    const HttpReply reply = call("PATCH", QStringLiteral("/api/v1/settings"),
                                 {{QStringLiteral("anonymousPullEnabled"), enabled}});
    return reply.status == 200 &&
           bodyOf(reply).value(QStringLiteral("anonymousPullEnabled")).toBool() == enabled;
}

QJsonArray AdminApi::audit(const QString& actionPrefix) {
    QJsonArray all;
    qint64 after = 0;
    for (;;) {
        QString path = QStringLiteral("/api/v1/audit?limit=1000&after=%1").arg(after);
        if (!actionPrefix.isEmpty())
            path += QStringLiteral("&action=") +
                    QString::fromLatin1(QUrl::toPercentEncoding(actionPrefix));
        const QJsonArray page = bodyOf(call("GET", path)).value(QStringLiteral("items")).toArray();
        for (const QJsonValue& item : page)
            all.append(item);
        if (page.size() < 1000)
            return all;
        after = page.last().toObject().value(QStringLiteral("id")).toInteger();
    }
}

static TokenAnswer answerOf(HttpReply reply) {
    TokenAnswer answer;
    const QJsonObject body = bodyOf(reply);
    answer.token = body.value(QStringLiteral("token")).toString();
    answer.refreshToken = body.value(QStringLiteral("refresh_token")).toString();
    answer.reply = std::move(reply);
    return answer;
}

TokenAnswer fetchToken(HttpClient& http, const QByteArray& authorizationValue,
                       const QStringList& scopes, bool offline) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), http.base().authority());
    for (const QString& scope : scopes)
        query.addQueryItem(QStringLiteral("scope"),
                           QString::fromLatin1(QUrl::toPercentEncoding(scope)));
    if (offline)
        query.addQueryItem(QStringLiteral("offline_token"), QStringLiteral("true"));
    return answerOf(http.get(QStringLiteral("/oauth2/token?") + query.toString(QUrl::FullyEncoded),
                             authorization(authorizationValue)));
}

TokenAnswer postToken(HttpClient& http, const QList<QPair<QString, QString>>& form) {
    QByteArray body;
    for (const auto& [key, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return answerOf(http.post(QStringLiteral("/oauth2/token"), body,
                              {{"Content-Type", "application/x-www-form-urlencoded"}}));
}

QJsonObject jwtPayload(const QString& jwt) {
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(
        parts[1].toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                 QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    return QJsonDocument::fromJson(*decoded).object();
}

QMap<QString, QStringList> accessClaim(const QString& jwt) {
    QMap<QString, QStringList> access;
    for (const QJsonValue& value : jwtPayload(jwt).value(QStringLiteral("access")).toArray()) {
        const QJsonObject scope = value.toObject();
        QStringList actions;
        for (const QJsonValue& action : scope.value(QStringLiteral("actions")).toArray())
            actions << action.toString();
        actions.sort();
        access[scope.value(QStringLiteral("type")).toString() + QLatin1Char(':') +
               scope.value(QStringLiteral("name")).toString()] += actions;
    }
    return access;
}

QString SecretRun::describe(const QString& program, const QStringList& secrets) const {
    QString text = QString::fromUtf8(err.right(3000)) + QString::fromUtf8(out.right(1000));
    for (const QString& secret : secrets)
        if (!secret.isEmpty())
            text.replace(secret, QStringLiteral("<secret>"));
    const QString state = !started   ? QStringLiteral("did not start")
                          : timedOut ? QStringLiteral("timed out")
                                     : QStringLiteral("exited %1").arg(exitCode);
    return program + QLatin1Char(' ') + state + QStringLiteral(":\n") + text;
}

SecretRun runWithInput(const QString& program, const QStringList& args, const QByteArray& input,
                       int timeoutMs, const QProcessEnvironment& env) {
    SecretRun run;
    static_cast<ToolRun&>(run) = runTool(program, args, timeoutMs, env, input);
    run.command = program; // never the arguments: they may hold credentials
    return run;
}

} // namespace accesskit
