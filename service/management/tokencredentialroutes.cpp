// The two password routes of TokenController: generating passwords (shown
// once, stored as scrypt hashes) and emptying a slot. DOMAIN.md "Tokens": two
// slots let a client rotate without downtime.

#include "domain/jsoncodec.h"
#include "management/requesthelpers.h"
#include "management/tokencontroller.h"
#include "management/tokencredentials.h"

namespace ferry::management {

namespace {

struct CredentialRequest {
    QStringList slots;
    QDateTime expiry; // invalid: never expires
};

Result<CredentialRequest> parseCredentialRequest(const QJsonObject& body) {
    if (Status known = onlyKnownKeys(body, {"name", "expiry"}); !known)
        return known.error();
    auto slot = optionalString(body, QStringLiteral("name"));
    if (!slot)
        return slot.error();
    auto expiryText = optionalString(body, QStringLiteral("expiry"));
    if (!expiryText)
        return expiryText.error();

    CredentialRequest parsed;
    if (slot->has_value()) {
        if (!isPasswordSlotName(**slot))
            return makeError(errc::JsonInvalid,
                             QStringLiteral("'name' must be password1 or password2."),
                             QStringLiteral("name"));
        parsed.slots = QStringList{**slot};
    } else {
        parsed.slots = passwordSlotNames(); // no name: both slots
    }
    if (expiryText->has_value()) {
        auto expiry = parseRfc3339(**expiryText);
        if (!expiry)
            return makeError(
                QLatin1StringView("EXPIRY_INVALID"),
                QStringLiteral("'expiry' must be an RFC 3339 time such as 2030-01-31T00:00:00Z."),
                QStringLiteral("expiry"));
        if (*expiry <= QDateTime::currentDateTimeUtc())
            return makeError(
                QLatin1StringView("EXPIRY_INVALID"),
                QStringLiteral("'expiry' is in the past; a password must expire in the future."),
                QStringLiteral("expiry"));
        parsed.expiry = *expiry;
    }
    return parsed;
}

} // namespace

http::Response TokenController::generateCredentials(ApiRequest& request, const QString& name) {
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    auto parsed = parseCredentialRequest(*body);
    if (!parsed)
        return errorResponse(parsed.error());
    {
        // Refuse an unknown token before spending scrypt time on it.
        const access::AccessSnapshot state = m_store.snapshot();
        if (!state->token(tokenKey(*state, name)))
            return errorResponse(notFound(tokenLabel(name)));
    }
    // Outside mutate(): scrypt is slow and the store serialises writers.
    auto generated = generatePasswords(parsed->slots, parsed->expiry);
    if (!generated) {
        http::Response response = errorResponse(generated.error());
        response.status = 500;
        return response;
    }
    const QList<GeneratedPassword>& passwords = generated.value();

    QString key;
    int64_t revision = 0;
    const Status result = m_store.mutate([&](access::Mutation& m) -> Status {
        key = tokenKey(m.state(), name);
        const access::TokenRecord* existing = m.state().token(key);
        if (!existing)
            return notFound(tokenLabel(name)); // deleted while we were hashing
        if (Status precondition = tokenPrecondition(request, existing, key); !precondition)
            return precondition;
        access::TokenRecord record = *existing;
        applyPasswords(record, passwords);
        m.state().tokens.insert(key, record);
        m.touchToken(key);
        QString detail =
            QStringLiteral("generated %1").arg(parsed->slots.join(QLatin1String(" and ")));
        if (parsed->expiry.isValid())
            detail += QStringLiteral(", expiring %1").arg(formatRfc3339(parsed->expiry));
        m.audit(auditOf(request, QStringLiteral("token.credentials.generate"), tokenTarget(key),
                        detail));
        revision = m.state().token(key)->revision;
        return {};
    });
    if (!result)
        return failure(result);
    const QJsonObject out{{QStringLiteral("username"), key},
                          {QStringLiteral("passwords"), passwordsToJson(passwords)},
                          {QStringLiteral("revision"), qint64(revision)}};
    return jsonResponse(200, out, revision);
}

http::Response TokenController::deleteCredential(ApiRequest& request, const QString& name,
                                                 const QString& slot) {
    const Status result = m_store.mutate([&](access::Mutation& m) -> Status {
        const QString key = tokenKey(m.state(), name);
        const access::TokenRecord* existing = m.state().token(key);
        if (!existing)
            return notFound(tokenLabel(name));
        if (Status precondition = tokenPrecondition(request, existing, key); !precondition)
            return precondition;
        access::TokenRecord record = *existing;
        if (!clearPasswordSlot(record, slot))
            return {}; // already empty: the request's goal holds, nothing to record
        m.state().tokens.insert(key, record);
        m.touchToken(key);
        m.audit(auditOf(request, QStringLiteral("token.credentials.delete"), tokenTarget(key),
                        QStringLiteral("deleted %1").arg(slot)));
        return {};
    });
    if (!result)
        return failure(result);
    return emptyResponse(204);
}

} // namespace ferry::management
