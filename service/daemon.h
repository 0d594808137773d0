#pragma once
// ferryd as a whole: opens the data folder (blob store, metadata), wires the
// registry behind the access controller into the HTTP server, and runs
// periodic garbage collection until stopped.

#include "http/server.h"
#include "management/connectionstring.h"
#include "storage/garbagecollector.h"

#include <filesystem>
#include <memory>

namespace ferry {

struct DaemonOptions {
    std::filesystem::path dataDirectory;
    http::ServerOptions server;
    // Off: anyone may pull and push and no token is checked (isolated labs,
    // benchmarks). The management API still requires the admin.
    bool accessControl = true;
    // host[:port] clients and child registries use to reach this one (it
    // goes into connection strings). Empty: the address ferryd listens on,
    // which is only right when that address is reachable as it is.
    std::string loginServer;
    // GET /metrics without credentials (a scraper on a trusted network);
    // otherwise only the admin may read it.
    bool publicMetrics = false;
    int gcIntervalSeconds = 3600;
    GcPolicy gc;
    // Connected mode (docs/sync-protocol.md): set from the connection
    // string, this ferryd is that connected registry and syncs with its parent.
    std::optional<management::ConnectionSettings> connection;
    std::string parentCaFile; // PEM to trust for an https parent
    // How often a child reports to its parent; a parent marks a child
    // Offline after 3 missed reports plus 5 s.
    int syncHeartbeatSeconds = 10;
    int syncParallelTransfers = 4;
};

// The per-user default data folder: $XDG_DATA_HOME/ferry or ~/.local/share/ferry.
std::filesystem::path defaultDataDirectory();

class Daemon {
public:
    explicit Daemon(DaemonOptions options);
    ~Daemon();

    // Opens storage and binds; returns a message for the operator on failure.
    std::optional<std::string> start();
    // Serves until stop(); returns the process exit code.
    int run();
    void stop();
    // SIGHUP: the server reads its TLS certificate and key again.
    std::optional<std::string> reloadTls();
    // Runs one collection now (also used by `ferryd gc`).
    GcReport collectGarbage(const GcPolicy& policy);

    struct Parts;

private:
    DaemonOptions m_options;
    std::unique_ptr<Parts> m_parts;
};

} // namespace ferry
