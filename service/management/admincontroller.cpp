#include "management/admincontroller.h"

#include "crypto/passwordhash.h"
#include "crypto/random.h"

namespace ferry::management {

Status setAdminPassword(access::AccessStore& store, const std::string& password,
                        const access::AuditEvent& audit) {
    // Hash outside the store's writer lock: scrypt takes a while.
    auto hash = crypto::hashPassword(password);
    if (!hash)
        return makeError(QLatin1StringView("STORAGE_ERROR"), QString::fromStdString(hash.error()));
    const QString encoded = QString::fromStdString(hash.value());
    return store.mutate([&](access::Mutation& m) -> Status {
        m.state().admin.passwordHash = encoded;
        // Strictly later than before, so stamps always change.
        QDateTime now = QDateTime::currentDateTimeUtc();
        if (m.state().admin.passwordChanged.isValid() && now <= m.state().admin.passwordChanged)
            now = m.state().admin.passwordChanged.addMSecs(1);
        m.state().admin.passwordChanged = now;
        m.touchAdmin();
        m.audit(audit);
        return {};
    });
}

http::Response AdminController::handle(ApiRequest& request) {
    if (request.segments.size() != 2 || request.segments[1] != QLatin1String("password"))
        return errorResponse(404, "NOT_FOUND", QStringLiteral("No such API route."));
    if (request.method != http::Verb::post)
        return errorResponse(405, "METHOD_NOT_ALLOWED",
                             QStringLiteral("Use POST to change the admin password."));
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    std::string password = body.value().value(QStringLiteral("password")).toString().toStdString();
    const bool generated = password.empty();
    if (generated) {
        auto fresh = crypto::generatePassword();
        if (!fresh)
            return errorResponse(500, "STORAGE_ERROR", QString::fromStdString(fresh.error()));
        password = fresh.value();
    } else if (password.size() < 12) {
        return errorResponse(400, "PASSWORD_TOO_SHORT",
                             QStringLiteral("The admin password needs at least 12 characters."));
    }
    Status status = setAdminPassword(
        m_store, password,
        auditOf(request, QStringLiteral("admin.password"), QStringLiteral("admin")));
    if (!status)
        return errorResponse(status.error());
    QJsonObject answer{{QStringLiteral("username"), QStringLiteral("admin")}};
    if (generated)
        answer.insert(QStringLiteral("password"), QString::fromStdString(password)); // shown once
    return jsonResponse(200, answer);
}

} // namespace ferry::management
