#include "gateway/gatewayapi.h"

#include "access/grants.h"
#include "core/log.h"
#include "domain/jsoncodec.h"
#include "gateway/gatewayconfig.h"
#include "management/apirequest.h"
#include "metrics/metrics.h"
#include "registry/route.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace ferry::gateway {

namespace {

using http::Verb;
using management::errorResponse;
using management::jsonResponse;

constexpr std::chrono::seconds kMaxWait{60};

std::chrono::milliseconds waitFrom(const oci::Query& query) {
    const std::string text = query.value("wait");
    int seconds = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::chrono::milliseconds(0);
        seconds = std::min(seconds * 10 + (c - '0'), int(kMaxWait.count()));
    }
    return std::chrono::seconds(seconds);
}

int64_t numberFrom(const oci::Query& query, std::string_view name, int64_t fallback) {
    const std::string text = query.value(name);
    if (text.empty() || text.size() > 18 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return fallback;
    return std::stoll(text);
}

http::Response notActive(const QString& child) {
    return errorResponse(
        409, "NOT_ACTIVE",
        QStringLiteral("Connected registry '%1' is not active here: it was deactivated, or another "
                       "instance holds its activation. Restart it to activate it again.")
            .arg(child));
}

} // namespace

std::optional<std::string> readSmallBody(http::Exchange& exchange, size_t limit) {
    std::string body;
    char buffer[16 * 1024];
    for (;;) {
        const http::BodyRead read = exchange.readBody(buffer, sizeof buffer);
        if (read.status == http::BodyReadStatus::End)
            return body;
        if (read.status != http::BodyReadStatus::Data || body.size() + read.size > limit)
            return std::nullopt;
        body.append(buffer, read.size);
    }
}

GatewayApi::GatewayApi(access::AccessStore& store, MetadataStore& metadata,
                       access::Authenticator& authenticator, ChildLiveness& liveness,
                       NotificationRelay& notifications)
    : m_store(store)
    , m_metadata(metadata)
    , m_authenticator(authenticator)
    , m_liveness(liveness)
    , m_notifications(notifications) {}

http::Response GatewayApi::handle(http::Exchange& exchange) {
    // /gateway/v1/<child>/<operation>[?query]
    std::string_view target = exchange.target();
    const size_t queryStart = target.find('?');
    const std::string_view query =
        queryStart == std::string_view::npos ? std::string_view() : target.substr(queryStart + 1);
    std::string_view path =
        target.substr(0, queryStart).substr(std::string_view("/gateway/v1/").size());
    const size_t slash = path.find('/');
    if (slash == std::string_view::npos)
        return errorResponse(404, "NOT_FOUND", QStringLiteral("No such gateway route."));
    const QString child = QString::fromUtf8(path.data(), qsizetype(slash));
    const std::string_view operation = path.substr(slash + 1);

    access::AuthResult result = m_authenticator.authenticate(exchange);
    if (auto* failure = std::get_if<access::AuthFailure>(&result)) {
        const bool throttled = failure->kind == access::AuthFailure::Kind::Throttled;
        http::Response refused =
            errorResponse(throttled ? 429 : 401, throttled ? "TOO_MANY_REQUESTS" : "UNAUTHORIZED",
                          QString::fromStdString(failure->message));
        if (throttled)
            refused.header("Retry-After", std::to_string(failure->retryAfter.count()));
        else
            refused.header("WWW-Authenticate", "Basic realm=\"ferry-gateway\"");
        return refused;
    }
    const access::Caller& caller = std::get<access::Caller>(result);
    if (caller.identity.kind != access::Identity::Kind::Token) {
        http::Response refused =
            errorResponse(401, "UNAUTHORIZED", QStringLiteral("Sign in with the sync token."));
        refused.header("WWW-Authenticate", "Basic realm=\"ferry-gateway\"");
        return refused;
    }

    const access::AccessSnapshot state = m_store.snapshot();
    const access::ConnectedRegistryRecord* record = state->registry(child);
    const QString self = state->self ? state->self->registry.name : QString();
    if (!record || record->registry.parent != self)
        return errorResponse(
            404, "NOT_FOUND",
            QStringLiteral("'%1' is not a connected registry whose parent is this registry.")
                .arg(child));

    GatewayPermission needed = GatewayPermission::ConfigRead;
    if (operation == "activate")
        needed = GatewayPermission::ConfigWrite;
    else if (operation == "changes")
        needed = GatewayPermission::MessageRead;
    else if (operation == "status")
        needed = GatewayPermission::MessageWrite;
    else if (operation != "config")
        return errorResponse(404, "NOT_FOUND", QStringLiteral("No such gateway route."));
    const access::TokenRecord* token = state->token(caller.identity.name);
    const access::ScopeMapRecord* map = token ? state->scopeMap(token->token.scopeMap) : nullptr;
    if (!map || !grantsGateway(map->actions, child, needed))
        return errorResponse(403, "DENIED",
                             QStringLiteral("'%1' lacks gateway/%2/%3.")
                                 .arg(caller.identity.name, child, toString(needed)));

    const Verb verb = exchange.method();
    if (operation == "activate")
        return verb == Verb::post
                   ? activate(exchange, child)
                   : errorResponse(405, "METHOD_NOT_ALLOWED", QStringLiteral("Use POST."));

    const std::string_view instance = exchange.header("Ferry-Instance");
    const access::ActivationLease lease = state->leases.value(child);
    if (record->registry.activation != Activation::Active || instance.empty() ||
        lease.instance != QString::fromUtf8(instance.data(), qsizetype(instance.size())))
        return notActive(child);
    m_liveness.heard(child);

    if (operation == "config" && verb == Verb::get)
        return config(exchange, child, query);
    if (operation == "changes" && verb == Verb::get)
        return changes(state, caller.identity, query);
    if (operation == "status" && verb == Verb::post)
        return status(exchange, child);
    return errorResponse(405, "METHOD_NOT_ALLOWED",
                         QStringLiteral("That method is not allowed on this route."));
}

// The lease: one running instance per connected registry (DOMAIN.md
// "activation"). The same instance may activate again (a restart keeps its
// data folder and with it its instance id); another is refused until an
// operator deactivates the registry.
http::Response GatewayApi::activate(http::Exchange& exchange, const QString& child) {
    const auto body = readSmallBody(exchange, 64 * 1024);
    if (!body)
        return errorResponse(400, "JSON_INVALID",
                             QStringLiteral("The request body is missing or too large."));
    const QJsonObject request = QJsonDocument::fromJson(QByteArray::fromStdString(*body)).object();
    const QString instance = request.value(QStringLiteral("instance")).toString();
    if (instance.size() < 8 || instance.size() > 64)
        return errorResponse(400, "JSON_INVALID",
                             QStringLiteral("'instance' must name the running instance."));
    int64_t epoch = 0;
    QString holder;
    const Status status = m_store.mutate([&](access::Mutation& m) -> Status {
        auto it = m.state().registries.find(child);
        if (it == m.state().registries.end())
            return makeError(QLatin1StringView("NOT_FOUND"),
                             QStringLiteral("No such connected registry."));
        access::ActivationLease& lease = m.state().leases[child];
        if (it->registry.activation == Activation::Active && !lease.instance.isEmpty() &&
            lease.instance != instance) {
            holder = lease.instance;
            return makeError(QLatin1StringView("ALREADY_ACTIVE"), QString());
        }
        lease.instance = instance;
        epoch = lease.epoch;
        m.touchLease(child);
        ConnectedRegistry& registry = it->registry;
        registry.activation = Activation::Active;
        registry.connectionState = ConnectionState::Online;
        registry.lastActivityTime = QDateTime::currentDateTimeUtc();
        registry.version = request.value(QStringLiteral("version")).toString().left(64);
        const QJsonObject login = request.value(QStringLiteral("loginServer")).toObject();
        registry.loginServer.host = login.value(QStringLiteral("host")).toString().left(255);
        registry.loginServer.tls =
            login.value(QStringLiteral("tls")).toString() == QLatin1String("Enabled")
                ? TlsStatus::Enabled
                : TlsStatus::Disabled;
        registry.statusDetails.clear();
        m.touchRegistry(child);
        return {};
    });
    if (!status) {
        if (status.error().code == QLatin1String("ALREADY_ACTIVE"))
            return errorResponse(
                409, "ALREADY_ACTIVE",
                QStringLiteral(
                    "Connected registry '%1' is already active in another instance. "
                    "Deactivate it first (ferryctl connected-registry deactivate --name %1).")
                    .arg(child));
        return errorResponse(status.error());
    }
    m_liveness.heard(child);
    log::info("connected registry ", child.toStdString(), " activated");
    return jsonResponse(200, QJsonObject{{QStringLiteral("epoch"), qint64(epoch)}});
}

// Long poll on the config's ETag: answers at once when the child's copy is
// stale, otherwise when it changes or `wait` passes (304).
http::Response GatewayApi::config(http::Exchange& exchange, const QString& child,
                                  std::string_view queryText) {
    const oci::Query query(queryText);
    std::string known(exchange.header("If-None-Match"));
    known.erase(std::remove(known.begin(), known.end(), '"'), known.end());
    const auto deadline = std::chrono::steady_clock::now() + waitFrom(query);
    access::AccessSnapshot state = m_store.snapshot();
    for (;;) {
        ChildConfig current = configFor(*state, child);
        if (current.document.isEmpty())
            return errorResponse(404, "NOT_FOUND",
                                 QStringLiteral("The connected registry was deleted."));
        if (current.etag.toStdString() != known) {
            http::Response ok = jsonResponse(200, current.document);
            ok.header("ETag", "\"" + current.etag.toStdString() + "\"");
            return ok;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline || m_stopping) {
            http::Response unchanged;
            unchanged.status = 304;
            unchanged.header("ETag", "\"" + known + "\"");
            return unchanged;
        }
        // In slices, so a stopping ferryd ends the poll within a second.
        state = m_store.waitForChange(
            state->revision,
            std::min<std::chrono::milliseconds>(
                std::chrono::seconds(1),
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now)));
    }
}

// The change feed, filtered to the repositories the caller may pull.
// `since` past the newest entry means the feed was replaced (a restored or
// new parent): the answer says reset and the child lists everything again.
http::Response GatewayApi::changes(const access::AccessSnapshot& state,
                                   const access::Identity& caller, std::string_view queryText) {
    const oci::Query query(queryText);
    int64_t since = numberFrom(query, "since", 0);
    const int64_t limit = std::clamp<int64_t>(numberFrom(query, "limit", 1000), 1, 5000);
    const auto deadline = std::chrono::steady_clock::now() + waitFrom(query);
    const access::CallerGrant grant(state, caller, std::nullopt);
    if (since > m_metadata.latestChange())
        return jsonResponse(200, QJsonObject{{QStringLiteral("reset"), true},
                                             {QStringLiteral("next"), 0},
                                             {QStringLiteral("changes"), QJsonArray()}});
    for (;;) {
        const std::vector<Change> page = m_metadata.changesAfter(since, limit);
        QJsonArray entries;
        for (const Change& change : page) {
            since = change.seq;
            if (!grant.allows(change.repository, auth::Action::Pull))
                continue;
            QJsonObject entry{
                {QStringLiteral("seq"), qint64(change.seq)},
                {QStringLiteral("repository"), QString::fromStdString(change.repository)},
                {QStringLiteral("digest"), QString::fromStdString(change.digest)}};
            if (!change.tag.empty())
                entry.insert(QStringLiteral("tag"), QString::fromStdString(change.tag));
            if (change.deleted)
                entry.insert(QStringLiteral("deleted"), true);
            entries.push_back(entry);
        }
        const bool more = int64_t(page.size()) == limit;
        if (!entries.isEmpty() || more || std::chrono::steady_clock::now() >= deadline ||
            m_stopping)
            return jsonResponse(200, QJsonObject{{QStringLiteral("changes"), entries},
                                                 {QStringLiteral("next"), qint64(since)},
                                                 {QStringLiteral("more"), more}});
        m_metadata.waitForChangeAfter(
            since,
            std::min<std::chrono::milliseconds>(
                std::chrono::seconds(1), std::chrono::duration_cast<std::chrono::milliseconds>(
                                             deadline - std::chrono::steady_clock::now())));
    }
}

// /metrics: when each child last reported, and the age of its last complete
// sync (lastSyncTime) as it and its descendants reported it.
void GatewayApi::recordReportMetrics(const QString& child, const QJsonObject& report) {
    const auto now = std::chrono::system_clock::now();
    metrics::recordChildReport(child.toStdString(), now);
    const QDateTime nowUtc = QDateTime::currentDateTimeUtc();
    const auto recordLag = [&](const QString& name, const QJsonObject& entry) {
        const QDateTime synced = QDateTime::fromString(
            entry.value(QStringLiteral("lastSyncTime")).toString(), Qt::ISODate);
        if (synced.isValid())
            metrics::recordChildSyncLag(name.toStdString(),
                                        std::max<qint64>(0, synced.msecsTo(nowUtc)) / 1000.0);
    };
    recordLag(child, report);
    for (const QJsonValue& value : report.value(QStringLiteral("descendants")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString name = entry.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            recordLag(name, entry);
    }
}

http::Response GatewayApi::status(http::Exchange& exchange, const QString& child) {
    const auto body = readSmallBody(exchange, 4 * 1024 * 1024);
    if (!body)
        return errorResponse(400, "JSON_INVALID",
                             QStringLiteral("The report is missing or larger than 4 MiB."));
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromStdString(*body), &parseError);
    if (!document.isObject())
        return errorResponse(400, "JSON_INVALID",
                             QStringLiteral("The report must be a JSON object."));
    if (const Status applied = applyStatusReport(m_store, child, document.object()); !applied)
        return errorResponse(applied.error());
    recordReportMetrics(child, document.object());
    // Notifications from the child's subtree travel on (to the root's event stream).
    const QJsonArray events = document.object().value(QStringLiteral("events")).toArray();
    for (qsizetype i = 0; i < events.size() && i < 5000; ++i) {
        QJsonObject event = events.at(i).toObject();
        if (event.value(QStringLiteral("registry")).toString().isEmpty())
            continue;
        m_notifications.deliver(event);
    }
    return jsonResponse(200, QJsonObject{});
}

} // namespace ferry::gateway
