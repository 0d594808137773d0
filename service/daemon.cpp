#include "daemon.h"

#include "auth/accesscontrol.h"
#include "core/log.h"
#include "registry/registry.h"

#include <condition_variable>
#include <fcntl.h>
#include <mutex>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace ferry {

std::filesystem::path defaultDataDirectory()
{
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
    {
    }
    BlobStore blobs;
    MetadataStore metadata;
    UploadManager uploads;
    GarbageCollector collector;
    auth::AnonymousAccess access;
    std::unique_ptr<oci::Registry> registry;
    std::unique_ptr<http::Server> server;
    int lockFd = -1;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
};

Daemon::Daemon(DaemonOptions options)
    : m_options(std::move(options))
{
}

Daemon::~Daemon()
{
    if (m_parts && m_parts->lockFd >= 0)
        ::close(m_parts->lockFd);
}

std::optional<std::string> Daemon::start()
{
    std::error_code ec;
    std::filesystem::create_directories(m_options.dataDirectory, ec);
    if (ec)
        return "cannot create data folder " + m_options.dataDirectory.string() + ": " + ec.message();
    m_parts = std::make_unique<Parts>(m_options.dataDirectory);
    auto& parts = *m_parts;
    // One ferryd per data folder: two would race on the same files.
    const auto lockPath = m_options.dataDirectory / "ferryd.lock";
    parts.lockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (parts.lockFd < 0 || ::flock(parts.lockFd, LOCK_EX | LOCK_NB) != 0)
        return "another ferryd is using " + m_options.dataDirectory.string();
    if (auto failure = parts.blobs.open())
        return failure->message;
    try {
        parts.metadata.open();
    } catch (const sql::Error& failure) {
        return std::string("cannot open the metadata database: ") + failure.what();
    }
    parts.registry = std::make_unique<oci::Registry>(parts.blobs, parts.metadata, parts.uploads, parts.access);
    parts.server = std::make_unique<http::Server>(
        m_options.server, [registry = parts.registry.get()](http::Exchange& exchange) { return registry->handle(exchange); });
    if (auto failure = parts.server->listen())
        return failure;
    return std::nullopt;
}

int Daemon::run()
{
    auto& parts = *m_parts;
    log::info("ferryd ", FERRY_VERSION, " serving ", m_options.dataDirectory.string());
    // Test harnesses and the console wait for exactly this line.
    log::write(log::Level::Info, "ready: listening on " + parts.server->localUrl());
    std::thread collector([this, &parts] {
        std::unique_lock lock(parts.mutex);
        while (!parts.wake.wait_for(lock, std::chrono::seconds(m_options.gcIntervalSeconds), [&parts] { return parts.stopping; })) {
            lock.unlock();
            try {
                parts.collector.run(m_options.gc);
            } catch (const std::exception& failure) {
                log::error("garbage collection failed: ", failure.what());
            }
            lock.lock();
        }
    });
    parts.server->run();
    {
        std::lock_guard lock(parts.mutex);
        parts.stopping = true;
    }
    parts.wake.notify_all();
    collector.join();
    log::info("ferryd stopped");
    return 0;
}

void Daemon::stop()
{
    if (m_parts && m_parts->server)
        m_parts->server->stop();
}

GcReport Daemon::collectGarbage(const GcPolicy& policy)
{
    if (!m_parts) {
        m_parts = std::make_unique<Parts>(m_options.dataDirectory);
        if (auto failure = m_parts->blobs.open())
            throw std::runtime_error(failure->message);
        m_parts->metadata.open();
    }
    return m_parts->collector.run(policy);
}

} // namespace ferry
