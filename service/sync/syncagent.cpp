#include "sync/syncagent.h"

#include "core/log.h"
#include "crypto/securefile.h"
#include "domain/jsoncodec.h"
#include "domain/notification.h"
#include "sync/backoff.h"
#include "sync/contentpusher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <fstream>

namespace ferry::sync {

std::string loadOrCreateInstanceId(const std::filesystem::path& dataDirectory) {
    const auto path = dataDirectory / "instance-id";
    std::ifstream in(path);
    std::string id;
    if (in >> id && id.size() >= 8)
        return id;
    id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    if (auto written = crypto::writeFileAtomically(path, id + "\n", 0600); !written)
        log::warning("cannot save the instance id: ", written.error());
    return id;
}

SyncAgent::SyncAgent(AgentOptions options, access::AccessStore& store, BlobStore& blobs,
                     MetadataStore& metadata, oci::Registry& registry,
                     gateway::NotificationRelay& notifications)
    : m_options(std::move(options))
    , m_store(store)
    , m_blobs(blobs)
    , m_metadata(metadata)
    , m_registry(registry)
    , m_notifications(notifications) {
    auto endpoint = parseParentEndpoint(m_options.connection.parentEndpoint.toStdString(),
                                        m_options.connection.parentProtocol.toStdString());
    if (endpoint)
        m_credentials.endpoint = endpoint.value();
    m_credentials.endpoint.caFile = m_options.parentCaFile;
    m_credentials.user = m_options.connection.syncToken.toStdString();
    m_credentials.password = m_options.connection.password.toStdString();
    m_instance = loadOrCreateInstanceId(m_options.dataDirectory);
}

SyncAgent::~SyncAgent() {
    stop();
}

std::string SyncAgent::gatewayPath(std::string_view operation) const {
    return "/gateway/v1/" + m_options.connection.registry.toStdString() + "/" +
           std::string(operation);
}

Headers SyncAgent::gatewayHeaders() const {
    return {{"Ferry-Instance", m_instance}};
}

std::optional<std::string> SyncAgent::start() {
    auto endpoint = parseParentEndpoint(m_options.connection.parentEndpoint.toStdString(),
                                        m_options.connection.parentProtocol.toStdString());
    if (!endpoint)
        return "ParentGatewayEndpoint: " + endpoint.error();
    // What the last config said, until the parent says otherwise.
    if (const auto self = m_store.snapshot()->self)
        applySettings(*self);
    if (auto refused = activate(true))
        return refused;
    m_threads.emplace_back([this] { configLoop(); });
    m_threads.emplace_back([this] { downLoop(); });
    m_threads.emplace_back([this] { upLoop(); });
    m_threads.emplace_back([this] { reportLoop(); });
    m_threads.emplace_back([this] { windowWatch(); });
    return std::nullopt;
}

void SyncAgent::stop() {
    if (m_stopping.exchange(true))
        return;
    {
        std::lock_guard lock(m_mutex);
        cancelInFlight();
    }
    m_wake.notify_all();
    m_status.setState(ConnectionState::Offline); // wakes the reporter
    for (auto& thread : m_threads)
        thread.join();
}

SyncAgent::InFlight::InFlight(SyncAgent& agent, std::function<void()> cancel)
    : m_agent(agent) {
    std::lock_guard lock(agent.m_mutex);
    m_id = agent.m_nextInFlight++;
    if (agent.m_stopping)
        cancel();
    agent.m_inFlight.emplace(m_id, std::move(cancel));
}

SyncAgent::InFlight::~InFlight() {
    std::lock_guard lock(m_agent.m_mutex);
    m_agent.m_inFlight.erase(m_id);
}

void SyncAgent::cancelInFlight() {
    for (const auto& [id, cancel] : m_inFlight)
        cancel();
}

bool SyncAgent::sleepFor(std::chrono::milliseconds duration) {
    std::unique_lock lock(m_mutex);
    const uint64_t reached = m_reachedAgain;
    m_wake.wait_for(lock, duration, [&] { return m_stopping.load() || m_reachedAgain != reached; });
    return !m_stopping;
}

void SyncAgent::parentReached() {
    if (!m_status.clearDetail(QStringLiteral("PARENT_UNREACHABLE")))
        return;
    {
        std::lock_guard lock(m_mutex);
        ++m_reachedAgain;
    }
    m_wake.notify_all();
}

bool SyncAgent::waitForWindow() {
    for (;;) {
        if (m_stopping)
            return false;
        if (m_deactivated) {
            sleepFor(std::chrono::seconds(3600));
            continue;
        }
        SyncWindow window;
        {
            std::lock_guard lock(m_mutex);
            window = m_window;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (window.openUntil(now) && m_active)
            return true;
        if (!m_active) { // not activated yet (the parent was unreachable at start)
            if (!sleepFor(std::chrono::seconds(1)))
                return false;
            continue;
        }
        const auto opening = window.nextOpening(now);
        const qint64 wait =
            opening ? std::clamp<qint64>(now.msecsTo(*opening), 200, 60'000) : 60'000;
        if (!sleepFor(std::chrono::milliseconds(wait)))
            return false;
    }
}

// First contact, and again after the parent forgot us (a restored parent).
std::optional<std::string> SyncAgent::activate(bool firstContact) {
    ParentClient client(m_credentials.endpoint, m_credentials.user, m_credentials.password);
    const QJsonObject request{
        {QStringLiteral("instance"), QString::fromStdString(m_instance)},
        {QStringLiteral("version"), QStringLiteral(FERRY_VERSION)},
        {QStringLiteral("loginServer"),
         QJsonObject{{QStringLiteral("host"), QString::fromStdString(m_options.loginServer)},
                     {QStringLiteral("tls"),
                      m_options.tls ? QStringLiteral("Enabled") : QStringLiteral("Disabled")}}}};
    auto reply = client.send(Verb::post, gatewayPath("activate"),
                             QJsonDocument(request).toJson(QJsonDocument::Compact).toStdString(),
                             {{"Content-Type", "application/json"}}, std::chrono::seconds(15));
    const std::string name = m_options.connection.registry.toStdString();
    if (!reply) {
        log::warning("parent ", m_credentials.endpoint.origin(), " unreachable (", reply.error(),
                     "); serving local content and retrying");
        m_status.setDetail(QStringLiteral("PARENT_UNREACHABLE"),
                           QString::fromStdString(reply.error()));
        m_status.setState(ConnectionState::Offline);
        if (firstContact) {
            m_threads.emplace_back([this] {
                Backoff backoff;
                while (!m_active && !m_stopping && !m_deactivated) {
                    if (!sleepFor(backoff.next()))
                        return;
                    if (auto refused = activate(false))
                        log::error(*refused);
                }
            });
        }
        return std::nullopt;
    }
    const unsigned status = reply.value().status;
    const QString message = QJsonDocument::fromJson(QByteArray::fromStdString(reply.value().body))
                                .object()
                                .value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
    if (status == 200) {
        m_active = true;
        parentReached();
        m_status.clearDetail(QStringLiteral("SYNC_TOKEN_REJECTED"));
        m_status.setState(ConnectionState::Syncing);
        log::info("activated as connected registry ", name, " with parent ",
                  m_credentials.endpoint.origin());
        m_wake.notify_all();
        return std::nullopt;
    }
    if (status == 401)
        return "the parent " + m_credentials.endpoint.origin() + " refused the sync token '" +
               m_credentials.user +
               "': the password is wrong or was renewed, or the token is disabled";
    if (status == 403 || status == 404 || status == 409)
        return "the parent " + m_credentials.endpoint.origin() + " refused to activate '" + name +
               "': " + message.toStdString();
    return "the parent " + m_credentials.endpoint.origin() + " answered " + std::to_string(status) +
           " to the activation of '" + name + "'";
}

// 401 and 409 mean the parent no longer accepts this instance; anything
// else is worth a retry.
SyncAgent::Outcome SyncAgent::handleRefusal(const Reply& reply, const char* what) {
    if (reply.status == 409) {
        if (!m_deactivated.exchange(true)) {
            log::error(
                "connected registry ", m_options.connection.registry.toStdString(),
                " was deactivated at its parent; sync stopped (local content is still served). "
                "Restart ferryd to activate it again.");
            m_status.setDetail(
                QStringLiteral("DEACTIVATED"),
                QStringLiteral("Deactivated at the parent; restart to activate again."));
        }
        return Outcome::Stop;
    }
    if (reply.status == 401) {
        m_status.setDetail(
            QStringLiteral("SYNC_TOKEN_REJECTED"),
            QStringLiteral("The parent refused the sync token: its password was renewed, or it "
                           "was disabled. Restart with a new connection string."));
        log::warning(what, ": the parent refused the sync token");
        return Outcome::Retry;
    }
    log::warning(what, ": the parent answered ", reply.status);
    return Outcome::Retry;
}

void SyncAgent::downLoop() {
    Backoff backoff;
    int64_t cursor = std::stoll(m_metadata.syncValue("down.cursor").value_or("0"));
    while (waitForWindow()) {
        if (!m_store.snapshot()->self) { // no config yet: nothing is in scope
            sleepFor(std::chrono::milliseconds(200));
            continue;
        }
        ParentClient feed(m_credentials.endpoint, m_credentials.user, m_credentials.password);
        ContentPuller puller(m_credentials, m_blobs, m_metadata, m_status,
                             m_options.parallelTransfers);
        // A verifying pass survives errors and restarts until it reaches the
        // end of the feed.
        puller.setVerify(m_metadata.syncValue("down.verify").value_or("") == "1");
        const InFlight inFlight(*this, [&feed, &puller] {
            feed.cancel();
            puller.cancel();
        });
        // A command from above cuts the feed's long poll short (below).
        const FeedInterrupter interrupter(*this, feed);
        bool more = true;
        bool upToDate = false;
        while (!m_stopping && !m_deactivated) {
            if (m_resetFeed.exchange(false))
                cursor = 0;
            if (m_verifyNext.exchange(false)) {
                m_metadata.setSyncValue("down.verify", "1");
                cursor = 0;
                puller.setVerify(true);
            }
            const std::string target = gatewayPath("changes") + "?since=" + std::to_string(cursor) +
                                       "&wait=" + std::to_string(more ? 0 : kLongPoll.count());
            auto reply = feed.send(Verb::get, target, {}, gatewayHeaders(),
                                   kLongPoll + std::chrono::seconds(20));
            if (!reply && m_feedInterrupted.exchange(false))
                break; // not a failure: a fresh client starts over at once
            if (!reply) {
                m_status.setDetail(QStringLiteral("PARENT_UNREACHABLE"),
                                   QString::fromStdString(reply.error()));
                m_status.setState(ConnectionState::Offline);
                m_status.transferFinished();
                // Wait here, not on the reported state: with this detail set
                // the registry reports Unhealthy, not Offline, and a check of
                // that let a refused connection retry at once, a full core
                // spent while the parent was down.
                sleepFor(backoff.next());
                break;
            }
            parentReached();
            if (reply.value().status != 200) {
                if (handleRefusal(reply.value(), "changes") == Outcome::Stop)
                    break;
                sleepFor(backoff.next());
                break;
            }
            const QJsonObject page =
                QJsonDocument::fromJson(QByteArray::fromStdString(reply.value().body)).object();
            if (page.value(QStringLiteral("reset")).toBool()) {
                log::info("the parent's change feed was reset; listing everything again");
                cursor = 0;
                continue;
            }
            const auto entries = feedEntriesFrom(page.value(QStringLiteral("changes")).toArray());
            more = page.value(QStringLiteral("more")).toBool();
            if (!entries.empty()) {
                upToDate = false;
                m_status.setState(ConnectionState::Syncing);
                if (auto applied = puller.apply(entries); !applied) {
                    log::warning("sync down: ", applied.error());
                    m_status.setDetail(QStringLiteral("SYNC_FAILED"),
                                       QString::fromStdString(applied.error()));
                    m_status.transferFinished();
                    sleepFor(backoff.next());
                    break;
                }
                m_status.clearDetail(QStringLiteral("SYNC_FAILED"));
            }
            backoff.reset();
            cursor = page.value(QStringLiteral("next")).toInteger(cursor);
            m_metadata.setSyncValue("down.cursor", std::to_string(cursor));
            if (!more) {
                if (!upToDate) // once per catch-up, not per long poll
                    log::info("sync down: up to date at change ", cursor);
                upToDate = true;
                if (puller.verifying()) { // a verifying pass ends with the feed
                    puller.setVerify(false);
                    m_metadata.setSyncValue("down.verify", "0");
                    log::info("resync finished");
                }
                m_status.setState(ConnectionState::Online);
                m_status.syncedNow();
            }
        }
    }
}

void SyncAgent::upLoop() {
    Backoff backoff;
    while (waitForWindow()) {
        const auto self = m_store.snapshot()->self;
        if (!self || self->registry.mode != ConnectedRegistryMode::ReadWrite) {
            sleepFor(std::chrono::seconds(self ? 5 : 1));
            continue;
        }
        ContentPusher pusher(m_credentials, m_blobs, m_metadata, m_status);
        const int64_t seen = m_metadata.latestChange();
        Result<int> forwarded = Error{"cancelled"};
        {
            const InFlight inFlight(*this, [&pusher] { pusher.cancel(); });
            forwarded = pusher.forwardPending(
                [this](const std::string& repository) { return inScope(repository); });
        }
        if (!forwarded) {
            log::warning("sync up: ", forwarded.error());
            m_status.setDetail(QStringLiteral("SYNC_UP_FAILED"),
                               QString::fromStdString(forwarded.error()));
            m_status.transferFinished();
            sleepFor(backoff.next());
            continue;
        }
        m_status.clearDetail(QStringLiteral("SYNC_UP_FAILED"));
        if (forwarded.value() > 0) {
            m_status.transferFinished();
            log::debug("forwarded ", forwarded.value(), " local changes to the parent");
        }
        backoff.reset();
        m_metadata.waitForChangeAfter(seen, std::chrono::seconds(5));
    }
}

// Under a cron schedule: when the window closes, cancel what is in flight;
// the loops then wait for the next window and resume there.
void SyncAgent::windowWatch() {
    bool wasOpen = true;
    while (sleepFor(std::chrono::milliseconds(500))) {
        SyncWindow window;
        {
            std::lock_guard lock(m_mutex);
            window = m_window;
        }
        const bool open = window.openUntil(QDateTime::currentDateTimeUtc()).has_value();
        if (wasOpen && !open) {
            log::info("sync window closed; transfers in flight stop and resume in the next window");
            std::lock_guard lock(m_mutex);
            cancelInFlight();
            m_status.setState(ConnectionState::Offline);
        }
        wasOpen = open;
    }
}

} // namespace ferry::sync
