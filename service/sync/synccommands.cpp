// Commands from above (gateway/registrycommands.h): carried out once each,
// reported done, and able to cut the down loop's long poll short.
#include "sync/syncagent.h"

#include "core/log.h"
#include "gateway/registrycommands.h"

namespace ferry::sync {

void SyncAgent::carryOutCommands(const ConnectedRegistry& self) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Ids carried out, remembered across restarts so that a command is never
    // done twice while its acknowledgement is on its way up.
    const QStringList done =
        QString::fromStdString(m_metadata.syncValue("commands.done").value_or(""))
            .split(u',', Qt::SkipEmptyParts);
    QStringList acknowledged;
    for (const RegistryCommand& command : self.commands) {
        if (done.contains(command.id)) {
            acknowledged.push_back(command.id);
            continue;
        }
        if (command.expires.isValid() && command.expires <= now)
            continue; // its message TTL passed before it arrived
        if (command.type == QLatin1String(gateway::kResyncCommand)) {
            log::info(
                "resync requested from above: reading the parent's changes again from the start");
            m_verifyNext = true;
            interruptFeed();
        } else {
            log::warning("ignoring an unknown command from above: ", command.type.toStdString());
        }
        acknowledged.push_back(command.id);
    }
    // Only pending ids are kept: the list stays as short as the queue above.
    m_metadata.setSyncValue("commands.done", acknowledged.join(u',').toStdString());
    m_status.setAcknowledgedCommands(acknowledged);
}

SyncAgent::FeedInterrupter::FeedInterrupter(SyncAgent& agent, ParentClient& feed)
    : m_agent(agent) {
    std::lock_guard lock(agent.m_mutex);
    agent.m_feed = &feed;
    agent.m_feedInterrupted = false; // a fresh client has nothing to cut short
}

SyncAgent::FeedInterrupter::~FeedInterrupter() {
    std::lock_guard lock(m_agent.m_mutex);
    m_agent.m_feed = nullptr;
}

void SyncAgent::interruptFeed() {
    std::lock_guard lock(m_mutex);
    m_feedInterrupted = true;
    if (m_feed)
        m_feed->cancel();
    m_wake.notify_all();
}

} // namespace ferry::sync
