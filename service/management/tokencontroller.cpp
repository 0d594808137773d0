#include "management/tokencontroller.h"

#include "domain/jsoncodec.h"
#include "domain/names.h"
#include "domain/validation.h"
#include "management/connectedregistryrules.h"
#include "management/listpaging.h"
#include "management/requesthelpers.h"
#include "management/tokencredentials.h"

#include <algorithm>

namespace ferry::management {

namespace {

using access::Mutation;
using access::TokenRecord;

// Fields a GET returns that a client may send back; the server owns them.
constexpr std::initializer_list<const char*> kTokenServerFields = {"name", "credentials",
                                                                   "creationTime", "revision"};

DomainError inField(DomainError error, const QString& field) {
    error.field = field;
    return error;
}

Result<std::optional<TokenStatus>> statusField(const QJsonObject& body) {
    auto text = optionalString(body, QStringLiteral("status"));
    if (!text)
        return text.error();
    if (!text->has_value())
        return std::optional<TokenStatus>();
    const auto status = enumFromString<TokenStatus>(**text);
    if (!status)
        return makeError(errc::JsonInvalid,
                         QStringLiteral("'status' must be one of %1.")
                             .arg(enumSpellings<TokenStatus>().join(QLatin1String(", "))),
                         QStringLiteral("status"));
    return std::optional<TokenStatus>(*status);
}

// The scope map a token names must exist; stored under its lower-case name.
Result<QString> existingScopeMap(const access::AccessState& state, const QString& name) {
    const access::ScopeMapRecord* record = state.scopeMap(name);
    if (!record)
        return inField(notFound(QStringLiteral("Scope map '%1'").arg(name)),
                       QStringLiteral("scopeMap"));
    return record->scopeMap.name;
}

// DOMAIN.md "Sync tokens": setting a sync token's status to disabled
// deactivates its connected registry, in the same mutation as the change.
void deactivateRegistriesOf(Mutation& m, const ApiRequest& request, const QString& token) {
    QStringList deactivated;
    const auto& registries = std::as_const(m.state().registries);
    for (auto it = registries.cbegin(); it != registries.cend(); ++it) {
        if (it->registry.sync.token.compare(token, Qt::CaseInsensitive) != 0 ||
            it->registry.activation != Activation::Active)
            continue;
        deactivated.push_back(it.key());
    }
    for (const QString& name : deactivated) {
        StatusDetail why;
        why.type = QStringLiteral("sync");
        why.code = QStringLiteral("SYNC_TOKEN_DISABLED");
        why.description =
            QStringLiteral("Sync stopped: the sync token %1 was disabled.").arg(token);
        why.timestamp = QDateTime::currentDateTimeUtc();
        deactivateRegistry(m, name, why);
        m.audit(auditOf(request, QStringLiteral("connectedRegistry.deactivate"),
                        QStringLiteral("connected-registries/") + name,
                        QStringLiteral("its sync token %1 was disabled").arg(token)));
    }
}

QString describeChange(const Token& token) {
    return QStringLiteral("scope map %1, %2").arg(token.scopeMap, toString(token.status));
}

} // namespace

QString tokenKey(const access::AccessState& state, const QString& name) {
    // Only the shard of the case-folded name can hold it (shardedhash.h).
    const QString stored = state.tokens.keyIgnoringCase(name);
    return stored.isEmpty() ? name : stored;
}

QString tokenLabel(const QString& name) {
    return QStringLiteral("Token '%1'").arg(name);
}

QString tokenTarget(const QString& name) {
    return QStringLiteral("tokens/") + name;
}

const access::ConnectedRegistryRecord* registryUsingAsSyncToken(const access::AccessState& state,
                                                                const QString& token) {
    for (const access::ConnectedRegistryRecord& record : state.registries) {
        if (record.registry.sync.token.compare(token, Qt::CaseInsensitive) == 0)
            return &record;
    }
    return nullptr;
}

Status tokenPrecondition(const ApiRequest& request, const TokenRecord* existing,
                         const QString& name) {
    if (!existing) {
        if (!request.exchange.header("If-Match").empty())
            return makeError(QLatin1StringView("PRECONDITION_FAILED"),
                             QStringLiteral("%1 does not exist, so If-Match can't match it.")
                                 .arg(tokenLabel(name)));
        return {};
    }
    return checkPrecondition(request.ifMatch(), existing->revision, tokenLabel(name));
}

http::Response TokenController::handle(ApiRequest& request) {
    const QStringList& s = request.segments;
    const http::Verb method = request.method;
    if (s.size() == 1)
        return method == http::Verb::get ? list(request) : methodNotAllowed("GET");
    if (s[1].isEmpty())
        return noSuchRoute();
    if (s.size() == 2) {
        switch (method) {
        case http::Verb::get:
            return get(s[1]);
        case http::Verb::put:
            return put(request, s[1]);
        case http::Verb::patch:
            return patch(request, s[1]);
        case http::Verb::delete_:
            return remove(request, s[1]);
        default:
            return methodNotAllowed("GET, PUT, PATCH, DELETE");
        }
    }
    if (s.size() == 3 && s[2] == QLatin1String("generate-credentials"))
        return method == http::Verb::post ? generateCredentials(request, s[1])
                                          : methodNotAllowed("POST");
    if (s.size() == 4 && s[2] == QLatin1String("credentials") && isPasswordSlotName(s[3]))
        return method == http::Verb::delete_ ? deleteCredential(request, s[1], s[3])
                                             : methodNotAllowed("DELETE");
    return noSuchRoute();
}

http::Response TokenController::list(const ApiRequest& request) const {
    const auto page = pageRequest(request);
    if (!page)
        return errorResponse(page.error());
    const access::AccessSnapshot state = m_store.snapshot();
    QList<const TokenRecord*> records;
    for (const TokenRecord& record : state->tokens)
        records.push_back(&record);
    const auto nameOf = [](const TokenRecord* r) -> const QString& { return r->token.name; };
    const PageSlice slice = pageOfUnsorted(records, *page, nameOf);
    QJsonArray items;
    for (const TokenRecord* record : records.mid(slice.begin, slice.end - slice.begin)) {
        QJsonObject item = toJson(record->token);
        item.insert(QStringLiteral("revision"), qint64(record->revision));
        items.append(item);
    }
    http::Response response = jsonResponse(200, QJsonObject{{QStringLiteral("items"), items}});
    if (slice.end > slice.begin)
        addNextLink(response, request, "tokens", *page, slice, nameOf(records.at(slice.end - 1)));
    return response;
}

http::Response TokenController::get(const QString& name) const {
    const access::AccessSnapshot state = m_store.snapshot();
    const TokenRecord* record = state->token(tokenKey(*state, name));
    if (!record)
        return errorResponse(notFound(tokenLabel(name)));
    return resourceResponse(200, toJson(record->token), record->revision);
}

http::Response TokenController::put(ApiRequest& request, const QString& name) {
    if (Status valid = names::validateTokenName(name); !valid)
        return errorResponse(inField(valid.error(), QStringLiteral("name")));
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    if (Status known =
            onlyKnownKeys(*body, {"scopeMap", "status", "generatePasswords"}, kTokenServerFields);
        !known)
        return failure(known);
    auto scopeMap = optionalString(*body, QStringLiteral("scopeMap"));
    if (!scopeMap)
        return errorResponse(scopeMap.error());
    if (!scopeMap->has_value())
        return errorResponse(makeError(errc::JsonInvalid, QStringLiteral("'scopeMap' is required."),
                                       QStringLiteral("scopeMap")));
    if (Status valid = names::validateScopeMapName(**scopeMap); !valid)
        return errorResponse(inField(valid.error(), QStringLiteral("scopeMap")));
    auto status = statusField(*body);
    if (!status)
        return errorResponse(status.error());
    auto wantPasswords = optionalBool(*body, QStringLiteral("generatePasswords"));
    if (!wantPasswords)
        return errorResponse(wantPasswords.error());

    // Hashing is slow, so it happens before the store's writer lock is taken.
    QList<GeneratedPassword> passwords;
    if (wantPasswords->value_or(false)) {
        auto generated = generatePasswords(passwordSlotNames(), QDateTime());
        if (!generated) {
            http::Response response = errorResponse(generated.error());
            response.status = 500;
            return response;
        }
        passwords = std::move(generated).value();
    }

    QJsonObject out;
    int64_t revision = 0;
    bool created = false;
    const Status result = m_store.mutate([&](Mutation& m) -> Status {
        const QString key = tokenKey(m.state(), name);
        const TokenRecord* existing = m.state().token(key);
        if (existing && request.createOnly())
            return alreadyExists(tokenLabel(key));
        if (Status precondition = tokenPrecondition(request, existing, key); !precondition)
            return precondition;
        auto mapName = existingScopeMap(m.state(), **scopeMap);
        if (!mapName)
            return mapName.error();
        created = !existing;
        TokenRecord record = existing ? *existing : TokenRecord{};
        record.token.name = key;
        record.token.scopeMap = *mapName;
        // An omitted status keeps the current one: a PUT that only moves a
        // token to another scope map must not quietly re-enable it.
        record.token.status =
            status->value_or(existing ? existing->token.status : TokenStatus::Enabled);
        if (created)
            record.token.creationTime = QDateTime::currentDateTimeUtc();
        applyPasswords(record, passwords);
        if (Status valid = validateToken(record.token); !valid)
            return valid;
        m.state().tokens.insert(key, record);
        m.touchToken(key);
        if (record.token.status == TokenStatus::Disabled)
            deactivateRegistriesOf(m, request, key);
        QString detail = describeChange(record.token);
        if (!passwords.isEmpty())
            detail += QStringLiteral(", passwords generated for password1 and password2");
        m.audit(auditOf(request,
                        created ? QStringLiteral("token.create") : QStringLiteral("token.update"),
                        tokenTarget(key), detail));
        const TokenRecord* stored = m.state().token(key);
        out = toJson(stored->token);
        revision = stored->revision;
        return {};
    });
    if (!result)
        return failure(result);
    if (!passwords.isEmpty()) {
        out.insert(QStringLiteral("username"), out.value(QStringLiteral("name")));
        out.insert(QStringLiteral("passwords"), passwordsToJson(passwords));
    }
    http::Response response = resourceResponse(created ? 201 : 200, out, revision);
    if (created)
        response.header("Location", "/api/v1/tokens/" +
                                        out.value(QStringLiteral("name")).toString().toStdString());
    return response;
}

http::Response TokenController::patch(ApiRequest& request, const QString& name) {
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    if (Status known = onlyKnownKeys(*body, {"scopeMap", "status"}, kTokenServerFields); !known)
        return failure(known);
    auto scopeMap = optionalString(*body, QStringLiteral("scopeMap"));
    if (!scopeMap)
        return errorResponse(scopeMap.error());
    auto status = statusField(*body);
    if (!status)
        return errorResponse(status.error());

    QJsonObject out;
    int64_t revision = 0;
    const Status result = m_store.mutate([&](Mutation& m) -> Status {
        const QString key = tokenKey(m.state(), name);
        const TokenRecord* existing = m.state().token(key);
        if (!existing)
            return notFound(tokenLabel(name));
        if (Status precondition = tokenPrecondition(request, existing, key); !precondition)
            return precondition;
        TokenRecord record = *existing;
        if (*scopeMap) {
            auto mapName = existingScopeMap(m.state(), **scopeMap);
            if (!mapName)
                return mapName.error();
            record.token.scopeMap = *mapName;
        }
        if (*status)
            record.token.status = **status;
        if (record.token == existing->token) {
            out = toJson(existing->token); // nothing changes: no new revision, no audit record
            revision = existing->revision;
            return {};
        }
        m.state().tokens.insert(key, record);
        m.touchToken(key);
        if (record.token.status == TokenStatus::Disabled &&
            existing->token.status != TokenStatus::Disabled)
            deactivateRegistriesOf(m, request, key);
        m.audit(auditOf(request, QStringLiteral("token.update"), tokenTarget(key),
                        describeChange(record.token)));
        const TokenRecord* stored = m.state().token(key);
        out = toJson(stored->token);
        revision = stored->revision;
        return {};
    });
    if (!result)
        return failure(result);
    return resourceResponse(200, out, revision);
}

http::Response TokenController::remove(ApiRequest& request, const QString& name) {
    const Status result = m_store.mutate([&](Mutation& m) -> Status {
        const QString key = tokenKey(m.state(), name);
        const TokenRecord* existing = m.state().token(key);
        if (!existing)
            return notFound(tokenLabel(name));
        if (Status precondition = tokenPrecondition(request, existing, key); !precondition)
            return precondition;
        // DOMAIN.md "Sync tokens": not while its connected registry exists.
        if (const access::ConnectedRegistryRecord* registry =
                registryUsingAsSyncToken(m.state(), key))
            return inUse(
                QStringLiteral(
                    "%1 is the sync token of connected registry '%2'; delete the registry first.")
                    .arg(tokenLabel(key), registry->registry.name));
        m.state().tokens.remove(key);
        m.touchToken(key);
        m.audit(auditOf(request, QStringLiteral("token.delete"), tokenTarget(key)));
        return {};
    });
    if (!result)
        return failure(result);
    return emptyResponse(204);
}

} // namespace ferry::management
