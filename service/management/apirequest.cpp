#include "management/apirequest.h"

#include <QJsonDocument>

namespace ferry::management {

namespace {
constexpr size_t kMaxBody = 1 << 20;
}

Result<QJsonObject> ApiRequest::jsonBody() const {
    std::string body;
    char buffer[16 * 1024];
    for (;;) {
        const http::BodyRead read = exchange.readBody(buffer, sizeof buffer);
        if (read.status == http::BodyReadStatus::End)
            break;
        if (read.status != http::BodyReadStatus::Data)
            return makeError(errc::JsonInvalid, QStringLiteral("The request body was incomplete."));
        if (body.size() + read.size > kMaxBody)
            return makeError(QLatin1StringView("BODY_TOO_LARGE"),
                             QStringLiteral("The request body is over 1 MiB."));
        body.append(buffer, read.size);
    }
    if (body.empty())
        return QJsonObject();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(body), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return makeError(errc::JsonInvalid,
                         QStringLiteral("The request body must be a JSON object."));
    return document.object();
}

std::optional<int64_t> ApiRequest::ifMatch() const {
    std::string_view value = exchange.header("If-Match");
    if (value.empty() || value == "*")
        return std::nullopt;
    if (value.starts_with("W/"))
        value.remove_prefix(2);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    bool ok = false;
    const int64_t revision = QByteArray(value.data(), qsizetype(value.size())).toLongLong(&ok);
    return ok ? std::optional<int64_t>(revision) : std::optional<int64_t>(-1);
}

bool ApiRequest::createOnly() const {
    return exchange.header("If-None-Match") == "*";
}

QString ApiRequest::queryValue(const char* name) const {
    return QString::fromStdString(query.value(name));
}

QStringList ApiRequest::queryValues(const char* name) const {
    QStringList out;
    for (const std::string& value : query.values(name))
        out.push_back(QString::fromStdString(value));
    return out;
}

unsigned statusFor(const QString& code) {
    if (code == QLatin1String("NOT_FOUND"))
        return 404;
    if (code == QLatin1String("ALREADY_EXISTS") || code == QLatin1String("IN_USE") ||
        code == QLatin1String("RULE_VIOLATION"))
        return 409;
    if (code == QLatin1String("PRECONDITION_FAILED"))
        return 412;
    if (code == QLatin1String("BODY_TOO_LARGE"))
        return 413;
    if (code == QLatin1String("STORAGE_FULL"))
        return 507;
    if (code == QLatin1String("STORAGE_ERROR"))
        return 500;
    return 400;
}

http::Response jsonResponse(unsigned status, const QJsonObject& body,
                            std::optional<int64_t> etagRevision) {
    http::Response response;
    response.status = status;
    response.header("Content-Type", "application/json");
    response.header("Cache-Control", "no-store");
    if (etagRevision)
        response.header("ETag", "\"" + std::to_string(*etagRevision) + "\"");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
    return response;
}

http::Response errorResponse(const DomainError& error) {
    QJsonObject inner{{QStringLiteral("code"), error.code},
                      {QStringLiteral("message"), error.message}};
    inner.insert(QStringLiteral("field"),
                 error.field.isEmpty() ? QJsonValue() : QJsonValue(error.field));
    return jsonResponse(statusFor(error.code), QJsonObject{{QStringLiteral("error"), inner}});
}

http::Response errorResponse(unsigned status, const char* code, const QString& message) {
    http::Response response = errorResponse(DomainError{QString::fromLatin1(code), message, {}});
    response.status = status;
    return response;
}

http::Response emptyResponse(unsigned status) {
    http::Response response;
    response.status = status;
    response.header("Cache-Control", "no-store");
    return response;
}

Status checkPrecondition(std::optional<int64_t> expected, int64_t current, const QString& what) {
    if (!expected || *expected == current)
        return {};
    return makeError(
        QLatin1StringView("PRECONDITION_FAILED"),
        QStringLiteral("%1 was changed by someone else (it is at revision %2, you sent %3); "
                       "read it again and retry.")
            .arg(what)
            .arg(current)
            .arg(*expected));
}

DomainError notFound(const QString& what) {
    return makeError(QLatin1StringView("NOT_FOUND"),
                     QStringLiteral("%1 does not exist.").arg(what));
}

DomainError alreadyExists(const QString& what) {
    return makeError(QLatin1StringView("ALREADY_EXISTS"),
                     QStringLiteral("%1 already exists.").arg(what));
}

DomainError inUse(const QString& message) {
    return makeError(QLatin1StringView("IN_USE"), message);
}

DomainError ruleViolation(const QString& message) {
    return makeError(errc::RuleViolation, message);
}

access::AuditEvent auditOf(const ApiRequest& request, const QString& action, const QString& target,
                           const QString& detail) {
    access::AuditEvent event;
    event.time = QDateTime::currentDateTimeUtc();
    event.actor = request.caller.name;
    event.address = request.caller.address;
    event.action = action;
    event.target = target;
    event.outcome = QStringLiteral("success");
    event.detail = detail;
    return event;
}

} // namespace ferry::management
