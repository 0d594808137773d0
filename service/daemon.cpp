#include "daemon.h"

#include "access/authenticator.h"
#include "access/signingkeys.h"
#include "access/tokenaccess.h"
#include "access/tokenservice.h"
#include "auth/accesscontrol.h"
#include "core/log.h"
#include "core/periodictask.h"
#include "crypto/random.h"
#include "crypto/securefile.h"
#include "domain/cron.h"
#include "gateway/gatewayapi.h"
#include "management/admincontroller.h"
#include "management/apirequest.h"
#include "management/controllers.h"
#include "management/eventstream.h"
#include "metrics/metrics.h"
#include "platform/file.h"
#include "registry/registry.h"
#include "storage/scrubber.h"
#include "sync/syncagent.h"

#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <mutex>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ferry {

std::filesystem::path defaultDataDirectory() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "ferry";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "ferry";
    return std::filesystem::current_path() / "ferry-data";
}

struct Daemon::Parts {
    explicit Parts(const std::filesystem::path& data)
        : blobs(data)
        , metadata((data / "ferry.db").string())
        , uploads(blobs, metadata)
        , collector(blobs, metadata, uploads)
        , store((data / "access.db").string()) {}
    http::Response route(http::Exchange& exchange);
    http::Response dispatch(http::Exchange& exchange);
    http::Response manage(http::Exchange& exchange);
    std::optional<http::Response> refuseUnlessAdmin(http::Exchange& exchange,
                                                    const access::Caller** caller,
                                                    access::AuthResult* result);
    http::Response serveMetrics(http::Exchange& exchange);
    bool publicMetrics = false;

    // One ferryd per data folder. First, so that it is released last: a
    // second ferryd cannot start until this one has closed its stores.
    platform::FileLock instanceLock;
    BlobStore blobs;
    MetadataStore metadata;
    UploadManager uploads;
    GarbageCollector collector;
    access::AccessStore store;
    std::unique_ptr<access::Authenticator> authenticator;
    std::unique_ptr<auth::AccessController> access;
    std::unique_ptr<access::TokenService> tokenService;
    std::unique_ptr<management::ServiceContext> context;
    management::ManagementApi management;
    std::unique_ptr<oci::Registry> registry;
    std::unique_ptr<gateway::ChildLiveness> liveness;
    gateway::NotificationRelay notifications;
    std::unique_ptr<gateway::GatewayApi> gateway;
    std::unique_ptr<sync::SyncAgent> agent;
    std::shared_ptr<ScrubStatus> scrubStatus = std::make_shared<ScrubStatus>();
    std::unique_ptr<Scrubber> scrubber;
    std::unique_ptr<access::SigningKeyRotation> keyRotation;
    std::optional<GarbageCollectionSettings>
        connectedGc; // connected mode: from the parent's config
    std::unique_ptr<http::Server> server;
    std::mutex mutex; // guards connectedGc

    // Connected mode: whether the parent's garbage-collection setting is on
    // and its cron schedule matches this minute.
    bool connectedGcDue() {
        std::optional<GarbageCollectionSettings> settings;
        {
            std::lock_guard lock(mutex);
            settings = connectedGc;
        }
        if (!settings || !settings->enabled)
            return false;
        const auto schedule = CronSchedule::parse(settings->schedule);
        return schedule && schedule.value().matches(QDateTime::currentDateTimeUtc());
    }
};

// The top-level routes: /v2/ (the registry), /oauth2/token, /api/v1/.
// With --log-level debug each request is logged: method, path (never the
// query or headers, which may carry credentials), status, time, client.
http::Response Daemon::Parts::route(http::Exchange& exchange) {
    const auto started = std::chrono::steady_clock::now();
    http::Response response = dispatch(exchange);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const std::string_view target = exchange.target();
    metrics::global().recordRequest(metrics::routeClassOf(target), response.status, elapsed);
    if (log::enabled(log::Level::Debug)) {
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
        log::debug(boost::beast::http::to_string(exchange.method()), " ",
                   target.substr(0, target.find('?')), " -> ", response.status, " (",
                   micros / 1000.0, " ms) from ", exchange.peerAddress());
    }
    return response;
}

http::Response Daemon::Parts::dispatch(http::Exchange& exchange) {
    const std::string_view target = exchange.target();
    if (target.starts_with("/v2/") || target == "/v2" || target.starts_with("/v2?"))
        return registry->handle(exchange);
    if (target.starts_with("/oauth2/token"))
        return tokenService->handle(exchange);
    if (target.starts_with("/gateway/v1/"))
        return gateway->handle(exchange);
    if (target == "/metrics" || target.starts_with("/metrics?"))
        return serveMetrics(exchange);
    if (target.starts_with("/api/v1/")) {
        if (agent) // definitions come from above (issue: no local admin)
            return management::errorResponse(
                403, "READ_ONLY",
                QStringLiteral("This is a connected registry: its tokens, scope maps and settings "
                               "come from its "
                               "parent. Manage it at the root registry."));
        return manage(exchange);
    }
    return oci::error(oci::ErrorCode::NameUnknown, "no such route", 404);
}

// Only the admin reaches the management API, with Basic credentials or a
// bearer token from /oauth2/token.
std::optional<http::Response> Daemon::Parts::refuseUnlessAdmin(http::Exchange& exchange,
                                                               const access::Caller** caller,
                                                               access::AuthResult* result) {
    *result = authenticator->authenticate(exchange);
    if (auto* failure = std::get_if<access::AuthFailure>(result)) {
        http::Response refused = management::errorResponse(
            failure->kind == access::AuthFailure::Kind::Throttled ? 429 : 401,
            failure->kind == access::AuthFailure::Kind::Throttled ? "TOO_MANY_REQUESTS"
                                                                  : "UNAUTHORIZED",
            QString::fromStdString(failure->message));
        if (failure->kind == access::AuthFailure::Kind::Throttled)
            refused.header("Retry-After", std::to_string(failure->retryAfter.count()));
        else
            refused.header("WWW-Authenticate", "Basic realm=\"ferry\"");
        return refused;
    }
    *caller = &std::get<access::Caller>(*result);
    if ((*caller)->identity.kind == access::Identity::Kind::Anonymous) {
        http::Response refused =
            management::errorResponse(401, "UNAUTHORIZED", QStringLiteral("Sign in as the admin."));
        refused.header("WWW-Authenticate", "Basic realm=\"ferry\"");
        return refused;
    }
    if ((*caller)->identity.kind != access::Identity::Kind::Admin) {
        const std::string_view target = exchange.target();
        const std::string_view path = target.substr(0, target.find('?'));
        authenticator->auditRefusal(
            exchange.peerAddress(), (*caller)->identity.name, QStringLiteral("api.denied"),
            QString::fromUtf8(path.data(), qsizetype(path.size())), QStringLiteral("DENIED"),
            "only the admin may use the management API");
        return management::errorResponse(
            403, "DENIED", QStringLiteral("Only the admin may use the management API."));
    }
    return std::nullopt;
}

http::Response Daemon::Parts::manage(http::Exchange& exchange) {
    access::AuthResult result;
    const access::Caller* caller = nullptr;
    if (auto refused = refuseUnlessAdmin(exchange, &caller, &result))
        return std::move(*refused);
    return management.handle(exchange, caller->identity);
}

// GET /metrics (Prometheus text format): the admin's, unless --metrics-public.
http::Response Daemon::Parts::serveMetrics(http::Exchange& exchange) {
    if (exchange.method() != http::Verb::get && exchange.method() != http::Verb::head)
        return management::errorResponse(405, "UNSUPPORTED", QStringLiteral("GET /metrics only."));
    if (!publicMetrics) {
        access::AuthResult result;
        const access::Caller* caller = nullptr;
        if (auto refused = refuseUnlessAdmin(exchange, &caller, &result))
            return std::move(*refused);
    }
    http::Response response;
    response.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    response.body = metrics::global().render();
    return response;
}

// The admin account exists from the first start: its password comes from
// FERRY_ADMIN_PASSWORD, or is generated and written once, readable only by
// the owner, to DIR/initial-admin-password.
static std::optional<std::string> bootstrapAdmin(access::AccessStore& store,
                                                 const std::filesystem::path& data) {
    if (!store.snapshot()->admin.passwordHash.isEmpty())
        return std::nullopt;
    std::string password;
    bool generated = false;
    if (const char* fromEnvironment = std::getenv("FERRY_ADMIN_PASSWORD");
        fromEnvironment && *fromEnvironment) {
        password = fromEnvironment;
    } else {
        auto fresh = crypto::generatePassword();
        if (!fresh)
            return fresh.error();
        password = fresh.value();
        generated = true;
    }
    access::AuditEvent audit;
    audit.time = QDateTime::currentDateTimeUtc();
    audit.actor = QStringLiteral("ferryd");
    audit.action = QStringLiteral("admin.create");
    audit.target = QStringLiteral("admin");
    audit.outcome = QStringLiteral("success");
    audit.detail = generated ? QStringLiteral("generated password")
                             : QStringLiteral("password from FERRY_ADMIN_PASSWORD");
    if (generated) {
        const auto path = data / "initial-admin-password";
        if (auto written = crypto::writeFileAtomically(path, password + "\n", 0600); !written)
            return "cannot write " + path.string() + ": " + written.error();
        log::info("created user 'admin'; its initial password is in ", path.string());
    } else {
        log::info("created user 'admin' with the password from FERRY_ADMIN_PASSWORD");
    }
    if (Status status = management::setAdminPassword(store, password, audit); !status)
        return status.error().message.toStdString();
    return std::nullopt;
}

Daemon::Daemon(DaemonOptions options)
    : m_options(std::move(options)) {}

Daemon::~Daemon() {
    metrics::global().setStorageSource(nullptr); // it reads this daemon's store
}

std::optional<std::string> Daemon::start() {
    std::error_code ec;
    std::filesystem::create_directories(m_options.dataDirectory, ec);
    if (ec)
        return "cannot create data folder " + m_options.dataDirectory.string() + ": " +
               ec.message();
    m_parts = std::make_unique<Parts>(m_options.dataDirectory);
    auto& parts = *m_parts;
    // One ferryd per data folder: two would race on the same files.
    const auto lockPath = m_options.dataDirectory / "ferryd.lock";
    parts.instanceLock =
        platform::FileLock::tryAcquire(lockPath, platform::FileLock::Kind::Exclusive, nullptr);
    if (!parts.instanceLock.held())
        return "another ferryd is using " + m_options.dataDirectory.string();
    if (auto failure = parts.blobs.open())
        return failure->message;
    try {
        parts.metadata.open();
    } catch (const sql::Error& failure) {
        return std::string("cannot open the metadata database: ") + failure.what();
    }
    if (Status opened = parts.store.open(); !opened)
        return "cannot open the access database: " + opened.error().message.toStdString();
    // A connected registry has no admin of its own: its definitions come from above.
    if (!m_options.connection) {
        if (auto failure = bootstrapAdmin(parts.store, m_options.dataDirectory))
            return failure;
    }
    access::SigningKeyFiles keyFiles(m_options.dataDirectory);
    auto keys = keyFiles.loadOrCreate();
    if (!keys)
        return "token signing key: " + keys.error();
    parts.authenticator =
        std::make_unique<access::Authenticator>(parts.store, std::move(keys).value());
    parts.keyRotation = std::make_unique<access::SigningKeyRotation>(
        keyFiles, std::chrono::seconds(int64_t(m_options.signingKeyRotationDays) * 86400),
        [authenticator = parts.authenticator.get()](access::SigningKeys fresh) {
            authenticator->setSigningKeys(std::move(fresh));
        });
    if (m_options.accessControl) {
        parts.access = std::make_unique<access::TokenAccess>(parts.store, *parts.authenticator);
    } else {
        log::warning(
            "access control is OFF: anyone who can reach this port may pull, push and delete");
        parts.access = std::make_unique<auth::AnonymousAccess>();
    }
    parts.tokenService = std::make_unique<access::TokenService>(parts.store, *parts.authenticator);
    parts.registry =
        std::make_unique<oci::Registry>(parts.blobs, parts.metadata, parts.uploads, *parts.access);
    parts.liveness = std::make_unique<gateway::ChildLiveness>(
        parts.store, std::chrono::seconds(3 * m_options.syncHeartbeatSeconds + 5));
    parts.gateway = std::make_unique<gateway::GatewayApi>(
        parts.store, parts.metadata, *parts.authenticator, *parts.liveness, parts.notifications);
    parts.publicMetrics = m_options.publicMetrics;
    metrics::global().setStorageSource([&parts] {
        metrics::StorageFigures figures;
        figures.storedBytes = parts.metadata.storedBytes();
        const MetadataStore::BlobStates states = parts.metadata.blobStates();
        figures.blobsByState = {{"referenced", states.referenced},
                                {"unreferenced", states.unreferenced},
                                {"uploading", states.uploading}};
        if (const auto scrub = parts.scrubStatus->last())
            figures.scrub = metrics::StorageFigures::Scrub{parts.scrubStatus->runs(),
                                                           scrub->finishedAt, scrub->blobsChecked,
                                                           scrub->serious, scrub->strayFiles};
        return figures;
    });
    parts.server = std::make_unique<http::Server>(
        m_options.server, [&parts](http::Exchange& exchange) { return parts.route(exchange); });
    if (auto failure = parts.server->listen())
        return failure;
    const std::string url = parts.server->localUrl();
    const std::string loginServer =
        m_options.loginServer.empty() ? url.substr(url.find("://") + 3) : m_options.loginServer;
    if (m_options.loginServer.empty() &&
        (m_options.server.host == "0.0.0.0" || m_options.server.host == "::"))
        log::warning("listening on every address: give --login-server so connection strings name a "
                     "reachable host");
    parts.context = std::make_unique<management::ServiceContext>(management::ServiceContext{
        parts.store, [loginServer] { return loginServer; },
        !m_options.server.tlsCertificateFile.empty(), nullptr, parts.scrubStatus});
    management::addControllers(parts.management, *parts.context);
    if (!m_options.connection) // the root: notifications from below end on its event stream
        parts.notifications.setPublisher(
            [events = parts.context->events](const QJsonObject& event) {
                events->publishNotification(event);
            });
    if (m_options.connection) {
        sync::AgentOptions agent;
        agent.connection = *m_options.connection;
        agent.parentCaFile = m_options.parentCaFile;
        agent.dataDirectory = m_options.dataDirectory;
        agent.loginServer = loginServer;
        agent.tls = !m_options.server.tlsCertificateFile.empty();
        agent.heartbeat = std::chrono::seconds(m_options.syncHeartbeatSeconds);
        agent.parallelTransfers = m_options.syncParallelTransfers;
        parts.agent = std::make_unique<sync::SyncAgent>(
            agent, parts.store, parts.blobs, parts.metadata, *parts.registry, parts.notifications);
        // What the online scrub finds goes up the tree in the status
        // details (the registry then reports Unhealthy), and clears itself
        // with the first clean scrub. The scrubber stops before the agent.
        parts.scrubStatus->onPublished(
            [agent = parts.agent.get()](const ScrubStatus::Summary& scrub) {
                if (scrub.serious == 0) {
                    agent->status().clearDetail(QStringLiteral("STORE_INCONSISTENT"));
                    return;
                }
                QString description =
                    QStringLiteral("The online scrub found %1 problem(s) in the local store")
                        .arg(qulonglong(scrub.serious));
                if (!scrub.findings.empty()) {
                    const FsckFinding& first = scrub.findings.front();
                    description += QStringLiteral(", first: %1 %2")
                                       .arg(QString::fromLatin1(toString(first.kind)),
                                            QString::fromStdString(first.subject));
                }
                description += QStringLiteral(". Run ferryd fsck --repair, then a resync.");
                agent->status().setDetail(QStringLiteral("STORE_INCONSISTENT"), description,
                                          QStringLiteral("storage"));
            });
        parts.agent->onSettings([&parts](const ConnectedRegistry& self) {
            std::lock_guard lock(parts.mutex);
            parts.connectedGc = self.garbageCollection;
        });
        // The audit log follows the registry's setting (the agent applies it
        // with every config); until the first config, the last one known.
        const auto known = parts.store.snapshot()->self;
        parts.store.setAuditEnabled(known && known->registry.logging.auditLog == AuditLog::Enabled);
        parts.registry->observeWrites([&store = parts.store](const oci::Registry::Write& write) {
            if (!store.auditEnabled())
                return;
            access::AuditEvent event;
            event.time = QDateTime::currentDateTimeUtc();
            event.actor = QString::fromStdString(write.subject);
            event.address = QString::fromStdString(write.address);
            event.action = QString::fromStdString(write.action);
            event.target = QString::fromStdString(write.target);
            event.outcome = QStringLiteral("success");
            store.appendAudit(event);
            // Also in the log: a connected registry has no management API to read its audit table.
            log::info("audit: ", write.action, " ", write.target, " by ", write.subject, " from ",
                      write.address);
        });
        if (auto refused = parts.agent->start())
            return *refused;
    }
    return std::nullopt;
}

int Daemon::run() {
    auto& parts = *m_parts;
    log::info("ferryd ", FERRY_VERSION, " serving ", m_options.dataDirectory.string());
    // Test harnesses and the console wait for exactly this line.
    log::write(log::Level::Info, "ready: listening on " + parts.server->localUrl());
    // A connected registry collects on the schedule its parent set
    // (garbageCollection), checked each minute; the root on its interval.
    PeriodicTask collector;
    collector.start(parts.agent ? std::chrono::seconds(60)
                                : std::chrono::seconds(m_options.gcIntervalSeconds),
                    [this, &parts] {
                        if (parts.agent && !parts.connectedGcDue())
                            return;
                        try {
                            parts.collector.run(m_options.gc);
                        } catch (const std::exception& failure) {
                            log::error("garbage collection failed: ", failure.what());
                        }
                    });
#if defined(__GLIBC__)
    // glibc keeps what a thread frees in that thread's heap, in pieces
    // between live blocks, and returns it to the system only from a heap's
    // top. Under a steady mixed load (bench/soak.py) those pieces kept
    // resident memory creeping up for a quarter of an hour; a trim each
    // minute hands the free pages back (a few milliseconds of work).
    PeriodicTask trimmer;
    trimmer.start(std::chrono::seconds(60), [] { malloc_trim(0); });
#endif
    if (m_options.scrubIntervalSeconds > 0) {
        parts.scrubber = std::make_unique<Scrubber>(
            parts.blobs, (m_options.dataDirectory / "ferry.db").string(), parts.scrubStatus);
        parts.scrubber->start(std::chrono::seconds(m_options.scrubIntervalSeconds));
    }
    parts.keyRotation->checkNow(); // a key past its period rotates at start
    parts.keyRotation->start();
    parts.server->run();
    parts.keyRotation->stop();
    if (parts.scrubber)
        parts.scrubber->stop();
    collector.stop();
    if (parts.agent)
        parts.agent->stop();
    log::info("ferryd stopped");
    return 0;
}

std::optional<std::string> Daemon::reloadTls() {
    if (!m_parts || !m_parts->server)
        return std::nullopt;
    return m_parts->server->reloadTls();
}

void Daemon::stop() {
    if (m_parts && m_parts->gateway)
        m_parts->gateway->stop();
    if (m_parts && m_parts->server)
        m_parts->server->stop();
}

std::string Daemon::localUrl() const {
    return m_parts && m_parts->server ? m_parts->server->localUrl() : std::string();
}

GcReport Daemon::collectGarbage(const GcPolicy& policy) {
    if (!m_parts) {
        m_parts = std::make_unique<Parts>(m_options.dataDirectory);
        if (auto failure = m_parts->blobs.open())
            throw std::runtime_error(failure->message);
        m_parts->metadata.open();
    }
    return m_parts->collector.run(policy);
}

FsckReport Daemon::checkStore(const FsckOptions& options) {
    BlobStore blobs(m_options.dataDirectory);
    if (auto failure = blobs.open())
        throw std::runtime_error(failure->message);
    {
        // Brings the schema up to date, so the check reads the tables it knows.
        MetadataStore metadata((m_options.dataDirectory / "ferry.db").string());
        metadata.open();
    }
    const StoreLock checking = blobs.lockForCollecting();
    return ferry::checkStore(blobs, (m_options.dataDirectory / "ferry.db").string(), options);
}

} // namespace ferry
