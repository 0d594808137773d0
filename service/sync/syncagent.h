#pragma once
// A connected registry's link to its parent (docs/sync-protocol.md): it
// activates once, then runs four loops, each on its own thread with its own
// connection and its own capped, jittered backoff, so a slow blob never
// delays a config change or a heartbeat:
//   config   long poll on the config's ETag; applies it to the access store
//   down     long poll on the parent's change feed; pulls content
//   up       (ReadWrite) forwards local changes from the outbox
//   report   heartbeat with this registry's state and its subtree's
// Under a cron schedule the loops run only inside sync windows; a transfer
// still going when the window closes is cancelled and resumes (with Range)
// in the next one. When the parent is unreachable the registry keeps serving
// local content and checking clients against the synced verifiers.

#include "access/accessstore.h"
#include "gateway/notificationrelay.h"
#include "management/connectionstring.h"
#include "registry/registry.h"
#include "storage/blobstore.h"
#include "storage/metadatastore.h"
#include "sync/contentpuller.h"
#include "sync/syncstatus.h"
#include "sync/syncwindow.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace ferry::sync {

struct AgentOptions {
    management::ConnectionSettings connection;
    std::string parentCaFile;            // PEM to trust for an https parent
    std::filesystem::path dataDirectory; // instance id, storage figures
    std::string loginServer;             // this registry's own host[:port]
    bool tls = false;                    // whether this registry serves https
    std::chrono::seconds heartbeat{10};
    int parallelTransfers = 4;
};

class SyncAgent {
public:
    SyncAgent(AgentOptions options, access::AccessStore& store, BlobStore& blobs,
              MetadataStore& metadata, oci::Registry& registry,
              gateway::NotificationRelay& notifications);
    ~SyncAgent();

    // First contact: activates with the parent. Returns a sentence for the
    // operator when the parent refuses (wrong credentials, unknown registry,
    // active elsewhere): ferryd then exits. An unreachable parent is not an
    // error: the registry starts offline and keeps trying.
    std::optional<std::string> start();
    void stop();

    // Called after each applied config with this registry's definition
    // (log level, garbage collection and audit follow it).
    void onSettings(std::function<void(const ConnectedRegistry&)> callback) {
        m_onSettings = std::move(callback);
    }

    SyncStatus& status() { return m_status; }

private:
    enum class Outcome { Done, Retry, Stop };
    // How long the parent may hold a config or feed request open.
    static constexpr std::chrono::seconds kLongPoll{25};

    std::optional<std::string> activate(bool firstContact);
    void configLoop();
    void downLoop();
    void upLoop();
    void reportLoop();
    void windowWatch();

    Outcome handleRefusal(const Reply& reply, const char* what);
    bool waitForWindow(); // false once stopping
    // False once stopping. Returns early when the parent became reachable
    // again, so no loop sleeps out a long backoff after a partition heals.
    bool sleepFor(std::chrono::milliseconds);
    void parentReached(); // a call to the parent got an answer
    void applySettings(const access::ConnectedSelf& self);
    // Carries out the commands from above not done yet, once each
    // (gateway/registrycommands.h), and reports them done.
    void carryOutCommands(const ConnectedRegistry& self);
    bool inScope(const std::string& repository) const;
    void dropRepositoriesOutOfScope();
    QJsonObject buildReport();
    // This registry's own notifications since the last acknowledged report:
    // feed entries that match its notification patterns.
    QJsonArray ownNotifications(int64_t* examinedUpTo);
    Headers gatewayHeaders() const;
    std::string gatewayPath(std::string_view operation) const;
    // Cancels a loop's transfers when a window closes or ferryd stops, for
    // as long as the guard lives (the cancelled objects live beside it).
    class InFlight {
    public:
        InFlight(SyncAgent& agent, std::function<void()> cancel);
        ~InFlight();

    private:
        SyncAgent& m_agent;
        int m_id;
    };
    void cancelInFlight(); // with m_mutex held
    // The down loop's feed client, while it exists: a command from above
    // (resync) cancels its long poll so that the loop starts over at once
    // instead of up to a long poll later.
    class FeedInterrupter {
    public:
        FeedInterrupter(SyncAgent& agent, ParentClient& feed);
        ~FeedInterrupter();

    private:
        SyncAgent& m_agent;
    };
    void interruptFeed();

    AgentOptions m_options;
    Credentials m_credentials;
    access::AccessStore& m_store;
    BlobStore& m_blobs;
    MetadataStore& m_metadata;
    oci::Registry& m_registry;
    gateway::NotificationRelay& m_notifications;
    SyncStatus m_status;
    std::string m_instance;
    std::function<void(const ConnectedRegistry&)> m_onSettings;

    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_deactivated{false};
    std::atomic<bool> m_active{false};
    std::atomic<bool> m_resetFeed{false};
    std::atomic<bool> m_verifyNext{false}; // a "resync" command: a verifying pass from the start
    std::atomic<bool> m_feedInterrupted{false};
    ParentClient* m_feed = nullptr; // with m_mutex
    uint64_t m_reachedAgain = 0;    // with m_mutex
    std::mutex m_mutex;
    std::condition_variable m_wake;
    SyncWindow m_window;
    std::map<int, std::function<void()>> m_inFlight;
    int m_nextInFlight = 0;
    std::vector<std::thread> m_threads;
};

// The registry's instance id: made once per data folder, so a restart is the
// same instance and a copy of the string elsewhere is not.
std::string loadOrCreateInstanceId(const std::filesystem::path& dataDirectory);

} // namespace ferry::sync
