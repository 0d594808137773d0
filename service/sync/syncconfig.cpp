// The config loop: a long poll on the parent's config ETag. Each new config
// is applied to the access store (tokens, scope maps, this registry's own
// definition), then to the running registry: log level, audit, read-only
// mode, the sync window, commands from above and the repository scope.
#include "sync/syncagent.h"

#include "core/log.h"
#include "domain/duration.h"
#include "sync/backoff.h"
#include "sync/configapplier.h"

#include <QJsonDocument>

namespace ferry::sync {

namespace {

log::Level toLogLevel(LogLevel level) {
    switch (level) {
    case LogLevel::Debug:
        return log::Level::Debug;
    case LogLevel::Information:
        return log::Level::Info;
    case LogLevel::Warning:
        return log::Level::Warning;
    case LogLevel::Error:
    case LogLevel::None:
        return log::Level::Error;
    }
    return log::Level::Info;
}

bool matchesPattern(const QString& pattern, const QString& repository) {
    if (pattern.endsWith(u'*'))
        return repository.startsWith(pattern.left(pattern.size() - 1));
    return pattern == repository;
}

} // namespace

void SyncAgent::applySettings(const access::ConnectedSelf& self) {
    const ConnectedRegistry& registry = self.registry;
    log::setLevel(toLogLevel(registry.logging.level));
    m_store.setAuditEnabled(registry.logging.auditLog == AuditLog::Enabled);
    m_registry.setReadOnly(registry.mode == ConnectedRegistryMode::ReadOnly);
    SyncWindow window;
    auto schedule = CronSchedule::parse(registry.sync.schedule);
    auto length = IsoDuration::parse(registry.sync.window);
    if (schedule && !schedule.value().isContinuous())
        window = SyncWindow(schedule.value(), length ? length.value().totalSeconds() : 3600);
    {
        std::lock_guard lock(m_mutex);
        m_window = window;
    }
    m_wake.notify_all();
    if (m_onSettings)
        m_onSettings(registry);
}

bool SyncAgent::inScope(const std::string& repository) const {
    const auto self = m_store.snapshot()->self;
    if (!self)
        return false;
    const QString name = QString::fromStdString(repository);
    for (const QString& pattern : self->repositories) {
        if (matchesPattern(pattern, name))
            return true;
    }
    return false;
}

// DOMAIN.md: a ReadOnly registry deletes local repositories that leave its scope.
void SyncAgent::dropRepositoriesOutOfScope() {
    for (const std::string& repository : m_metadata.repositoriesWithContent()) {
        if (!inScope(repository)) {
            log::info("repository ", repository, " left this registry's scope; removing it");
            m_metadata.deleteRepository(repository, "parent");
        }
    }
}

void SyncAgent::configLoop() {
    Backoff backoff;
    std::string etag = m_metadata.syncValue("config.etag").value_or("");
    while (waitForWindow()) {
        ParentClient client(m_credentials.endpoint, m_credentials.user, m_credentials.password);
        const InFlight inFlight(*this, [&client] { client.cancel(); });
        const std::string target =
            gatewayPath("config") + "?wait=" + std::to_string(kLongPoll.count());
        Headers headers = gatewayHeaders();
        if (!etag.empty())
            headers.emplace_back("If-None-Match", "\"" + etag + "\"");
        auto reply =
            client.send(Verb::get, target, {}, headers, kLongPoll + std::chrono::seconds(20));
        if (!reply) {
            m_status.setDetail(QStringLiteral("PARENT_UNREACHABLE"),
                               QString::fromStdString(reply.error()));
            m_status.setState(ConnectionState::Offline);
            sleepFor(backoff.next());
            continue;
        }
        parentReached();
        if (reply.value().status == 304) {
            backoff.reset();
            continue;
        }
        if (reply.value().status != 200) {
            if (handleRefusal(reply.value(), "config") == Outcome::Retry)
                sleepFor(backoff.next());
            continue;
        }
        m_status.clearDetail(QStringLiteral("SYNC_TOKEN_REJECTED"));
        const QJsonObject config =
            QJsonDocument::fromJson(QByteArray::fromStdString(reply.value().body)).object();
        auto applied = applyConfig(m_store, config);
        if (!applied) {
            m_status.setDetail(QStringLiteral("CONFIG_INVALID"), applied.error().message);
            sleepFor(backoff.next());
            continue;
        }
        m_status.clearDetail(QStringLiteral("CONFIG_INVALID"));
        backoff.reset();
        std::string fresh(reply.value().header("ETag"));
        std::erase(fresh, '"');
        etag = fresh;
        m_metadata.setSyncValue("config.etag", etag);
        const auto self = m_store.snapshot()->self;
        if (self) {
            applySettings(*self);
            carryOutCommands(self->registry);
            if (applied.value().scopeChanged) {
                // New repositories: list the feed from the start (present
                // content is skipped); gone ones leave a mirror.
                m_resetFeed = true;
                if (self->registry.mode == ConnectedRegistryMode::ReadOnly)
                    dropRepositoriesOutOfScope();
                m_wake.notify_all();
            }
        }
        log::debug("applied config ", etag);
    }
}

} // namespace ferry::sync
