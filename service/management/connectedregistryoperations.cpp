// The operations below /api/v1/connected-registries/{name}/: deactivate, resync,
// get-settings (the connection string, optionally with a fresh sync token
// password), permissions and client-tokens.

#include "crypto/passwordhash.h"
#include "crypto/random.h"
#include "domain/jsoncodec.h"
#include "gateway/registrycommands.h"
#include "management/connectedregistrycontroller.h"
#include "management/connectedregistryhierarchy.h"
#include "management/connectedregistryrules.h"
#include "management/connectionstring.h"

#include <QJsonArray>

namespace ferry::management {

namespace {

using L = QLatin1StringView;

DomainError registryNotFound(const QString& name) {
    return notFound(QStringLiteral("Connected registry %1").arg(name));
}

// "generatePassword": 1 or 2 (also "1", "2", "password1", "password2"); 0 when absent.
Result<int> passwordSlot(const QJsonObject& body) {
    const QJsonValue value = body.value(L("generatePassword"));
    if (value.isUndefined() || value.isNull())
        return 0;
    const QString text =
        value.isDouble() ? QString::number(value.toDouble()) : value.toString().toLower();
    if (text == L("1") || text == L("password1"))
        return 1;
    if (text == L("2") || text == L("password2"))
        return 2;
    return makeError(errc::JsonInvalid,
                     QStringLiteral("\"generatePassword\" must be 1 or 2 (the password slot)."),
                     QStringLiteral("generatePassword"));
}

QJsonObject permissionsJson(const access::AccessState& state, const ConnectedRegistry& registry) {
    QStringList repositories;
    QStringList actions;
    if (const access::ScopeMapRecord* map = state.scopeMap(syncScopeMapOf(state, registry))) {
        actions = map->scopeMap.actions;
        for (const ScopeAction& action : map->actions) {
            if (action.kind() == ScopeAction::Kind::Repository &&
                !repositories.contains(action.resource()))
                repositories.push_back(action.resource());
        }
    }
    return {{QStringLiteral("repositories"), QJsonArray::fromStringList(repositories)},
            {QStringLiteral("actions"), QJsonArray::fromStringList(actions)}};
}

Result<QStringList> repositoryList(const QJsonObject& body, L key) {
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return QStringList();
    QStringList out;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString())
            return makeError(
                errc::JsonInvalid,
                QStringLiteral("\"%1\" must be an array of repository names.").arg(key),
                QString(key));
        out.push_back(item.toString());
    }
    if (!value.isArray())
        return makeError(errc::JsonInvalid,
                         QStringLiteral("\"%1\" must be an array of repository names.").arg(key),
                         QString(key));
    return validateRepositories(out, QString(key));
}

} // namespace

http::Response ConnectedRegistryController::deactivate(ApiRequest& request, const QString& name) {
    access::ConnectedRegistryRecord updated;
    const Status status = m_store.mutate([&](access::Mutation& m) -> Status {
        const access::ConnectedRegistryRecord* record = findRegistry(m.state(), name);
        if (!record)
            return registryNotFound(name);
        const QString stored = record->registry.name;
        deactivateRegistry(m, stored);
        updated = *m.state().registry(stored);
        m.audit(auditOf(request, QStringLiteral("connectedRegistry.deactivate"),
                        auditTargetOf(stored)));
        return {};
    });
    if (!status)
        return errorResponse(status.error());
    return jsonResponse(200, registryJson(updated), updated.revision);
}

// "Resync now": the registry reads its parent's change feed again from the
// start and fetches whatever it lacks (after an fsck repair, say). The
// command waits for the registry for its message TTL (registrycommands.h).
http::Response ConnectedRegistryController::resync(ApiRequest& request, const QString& name) {
    access::ConnectedRegistryRecord updated;
    RegistryCommand issued;
    const Status status = m_store.mutate([&](access::Mutation& m) -> Status {
        const access::ConnectedRegistryRecord* record = findRegistry(m.state(), name);
        if (!record)
            return registryNotFound(name);
        const QString stored = record->registry.name;
        ConnectedRegistry& registry = m.state().registries[stored].registry;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        gateway::settleCommands(registry, now);
        auto command =
            gateway::issueCommand(registry, QString::fromLatin1(gateway::kResyncCommand), now);
        if (!command)
            return command.error();
        issued = command.value();
        registry.commands.push_back(issued);
        m.touchRegistry(stored);
        updated = *m.state().registry(stored);
        m.audit(
            auditOf(request, QStringLiteral("connectedRegistry.resync"), auditTargetOf(stored)));
        return {};
    });
    if (!status)
        return errorResponse(status.error());
    return jsonResponse(202, registryJson(updated), updated.revision);
}

http::Response ConnectedRegistryController::getSettings(ApiRequest& request, const QString& name) {
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    const QString protocol = body->value(L("parentProtocol")).toString().toLower();
    if (protocol != L("http") && protocol != L("https"))
        return errorResponse(makeError(errc::JsonInvalid,
                                       QStringLiteral("\"parentProtocol\" must be http or https."),
                                       QStringLiteral("parentProtocol")));
    auto slot = passwordSlot(body.value());
    if (!slot)
        return errorResponse(slot.error());

    const access::AccessSnapshot state = m_store.snapshot();
    const access::ConnectedRegistryRecord* record = findRegistry(*state, name);
    if (!record)
        return errorResponse(registryNotFound(name));
    const access::TokenRecord* token = findToken(*state, record->registry.sync.token);
    if (!token)
        return errorResponse(ruleViolation(
            QStringLiteral("The sync token %1 of connected registry %2 no longer exists.")
                .arg(record->registry.sync.token, record->registry.name)));
    ConnectionSettings settings{
        record->registry.name,
        token->token.name,
        {},
        parentGatewayEndpoint(
            *state, record->registry,
            QString::fromStdString(m_loginServer ? m_loginServer() : std::string())),
        protocol};

    if (slot.value() != 0) {
        // Hash before taking the writer lock: scrypt costs tens of milliseconds.
        auto password = crypto::generatePassword();
        if (!password)
            return errorResponse(500, "INTERNAL_ERROR",
                                 QStringLiteral("No password could be generated."));
        auto hash = crypto::hashPassword(password.value());
        if (!hash)
            return errorResponse(500, "INTERNAL_ERROR",
                                 QStringLiteral("The password could not be hashed."));
        const QString tokenName = token->token.name;
        const Status stored = m_store.mutate([&](access::Mutation& m) -> Status {
            auto it = m.state().tokens.find(tokenName);
            if (it == m.state().tokens.end())
                return ruleViolation(
                    QStringLiteral("The sync token %1 no longer exists.").arg(tokenName));
            const PasswordSlot metadata{QDateTime::currentDateTimeUtc(), {}};
            if (slot.value() == 1) {
                it->hashes.password1 = QString::fromStdString(hash.value());
                it->token.credentials.password1 = metadata;
            } else {
                it->hashes.password2 = QString::fromStdString(hash.value());
                it->token.credentials.password2 = metadata;
            }
            m.touchToken(tokenName);
            m.audit(auditOf(request, QStringLiteral("connectedRegistry.generatePassword"),
                            QStringLiteral("tokens/") + tokenName,
                            QStringLiteral("password%1 of the sync token of %2 regenerated")
                                .arg(slot.value())
                                .arg(settings.registry)));
            return {};
        });
        if (!stored)
            return errorResponse(stored.error());
        settings.password = QString::fromStdString(password.value());
    }
    return jsonResponse(
        200, QJsonObject{{QStringLiteral("connectionString"), formatConnectionString(settings)},
                         {QStringLiteral("loginServer"), settings.parentEndpoint},
                         {QStringLiteral("passwordGenerated"), slot.value() != 0}});
}

http::Response ConnectedRegistryController::permissions(const QString& name) {
    const access::AccessSnapshot state = m_store.snapshot();
    const access::ConnectedRegistryRecord* record = findRegistry(*state, name);
    if (!record)
        return errorResponse(registryNotFound(name));
    return jsonResponse(200, permissionsJson(*state, record->registry));
}

http::Response ConnectedRegistryController::updatePermissions(ApiRequest& request,
                                                              const QString& name) {
    auto body = request.jsonBody();
    if (!body)
        return errorResponse(body.error());
    auto add = repositoryList(body.value(), L("add"));
    if (!add)
        return errorResponse(add.error());
    auto remove = repositoryList(body.value(), L("remove"));
    if (!remove)
        return errorResponse(remove.error());
    QJsonObject result;
    const Status status = m_store.mutate([&](access::Mutation& m) -> Status {
        if (Status updated = updateRepositories(m, name, add.value(), remove.value()); !updated)
            return updated;
        const access::ConnectedRegistryRecord* record = findRegistry(m.state(), name);
        result = permissionsJson(m.state(), record->registry);
        m.audit(auditOf(
            request, QStringLiteral("connectedRegistry.permissions"),
            auditTargetOf(record->registry.name),
            QStringLiteral("add [%1] remove [%2]").arg(add->join(u','), remove->join(u','))));
        return {};
    });
    if (!status)
        return errorResponse(status.error());
    return jsonResponse(200, result);
}

http::Response ConnectedRegistryController::clientTokens(const QString& name) {
    const access::AccessSnapshot state = m_store.snapshot();
    const access::ConnectedRegistryRecord* record = findRegistry(*state, name);
    if (!record)
        return errorResponse(registryNotFound(name));
    QJsonArray items;
    for (const QString& tokenName : record->registry.clientTokens) {
        if (const access::TokenRecord* token = findToken(*state, tokenName)) {
            QJsonObject json = toJson(token->token);
            json.insert(QStringLiteral("revision"), double(token->revision));
            items.append(json);
        }
    }
    return jsonResponse(200, QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace ferry::management
