// ferryd: the Ferry registry service. Parses the command line and hands the
// work to ferry::Daemon; SIGTERM and SIGINT (Ctrl+C on Windows) stop it
// gracefully, SIGHUP reloads the TLS certificate and the log level.

#include "configfile.h"
#include "core/log.h"
#include "crypto/selfsignedcert.h"
#include "daemon.h"
#include "maintenance.h"
#include "windowsservice.h"

#include <algorithm>
#include <charconv>
#include <csignal>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#if defined(_WIN32)
#include <windows.h>
#else
#include <pthread.h>
#endif
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr const char* kUsage = R"(Usage: ferryd [serve] [options]
       ferryd gc [--dry-run] [--data DIR] [--grace SECONDS]
       ferryd fsck [--data DIR] [--repair]
       ferryd rotate-signing-key [--data DIR]
       ferryd init-tls [--data DIR] --host NAME... [--ip ADDRESS...] [--days N]

Serves the OCI Distribution API from a local data folder.

Options:
  --config FILE         read settings from FILE (default: FERRY_CONFIG, or for
                        the installed ferryd @SYSCONF@); see docs/configuration.md.
                        Command line beats environment (FERRY_LISTEN, ...) beats file.
  --data DIR            data folder (default: $XDG_DATA_HOME/ferry or ~/.local/share/ferry)
  --listen HOST:PORT    address to listen on (default 127.0.0.1:5000; port 0 picks a free one)
  --tls-cert FILE       serve https with this PEM certificate (chain)
  --tls-key FILE        ... and this PEM private key
  --tls                 serve https with DIR/tls/cert.pem and DIR/tls/key.pem (see init-tls)
  --no-auth             no access control on /v2/: anyone may pull, push and delete
  --login-server H[:P]  the address clients and child registries use to reach this
                        registry, for connection strings (default: the listen address)
  --log-level LEVEL     debug, info, warning or error (default info)
  --idle-timeout SEC    close connections that make no progress for SEC seconds (default 60)
  --max-connections-per-address N
                        open connections one client address may hold (default 256, 0: no cap)
  --metrics-public      serve GET /metrics to anyone (default: the admin only)
  --gc-interval SEC     run garbage collection every SEC seconds (default 3600)
  --gc-grace SEC        keep unreferenced blobs younger than SEC seconds (default 3600)
  --signing-key-rotation DAYS  rotate the token signing key when it is older than DAYS
                        (default 90; 0: never). See rotate-signing-key.
  --scrub-interval SEC  verify every blob and row every SEC seconds, findings in the log
                        (default 0: off; see fsck)

Connected mode (this ferryd is a connected registry that syncs with its parent):
  --connection-string S       the string from 'ferryctl connected-registry get-settings'
                              (or the environment variable FERRY_CONNECTION_STRING)
  --connection-string-file F  read it from a file instead, which keeps it out of ps
  --parent-ca FILE            PEM certificate(s) to trust for an https parent
  --sync-heartbeat SEC        report to the parent every SEC seconds (default 10); a parent
                              marks a child Offline after 3 missed reports plus 5 s
  --sync-parallel N           blob transfers at once (default 4)
  --service             run under the Windows service manager (the MSI's service
                        passes it; systemd and launchd run plain 'ferryd serve')
  --version             print the version and exit

The admin account is created at first start; its password comes from the
environment variable FERRY_ADMIN_PASSWORD, or is generated and written once to
DIR/initial-admin-password (mode 0600).

fsck verifies every blob's digest and size, every row's references and every
tag's target, and exits 1 when the store is inconsistent. --repair moves
corrupt blobs into DIR/quarantine/ and drops the rows that point at missing
or corrupt content. Stray files (no row) are reported; gc removes them.

rotate-signing-key makes a new token signing key; the old one keeps
verifying the tokens it signed until they expire (access tokens: 5 minutes,
refresh tokens: 7 days). A serving ferryd picks the new key up within a minute.

init-tls writes an ECDSA P-256 self-signed certificate for the given host
names and IP addresses to DIR/tls/ and prints its SHA-256 fingerprint.
  --help                print this help and exit
)";

bool parseNumber(std::string_view text, long long* value) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
    return ec == std::errc() && end == text.data() + text.size() && *value >= 0;
}

bool parseListen(std::string_view text, ferry::http::ServerOptions* server) {
    const size_t colon = text.rfind(':');
    long long port = 0;
    if (colon == std::string_view::npos || !parseNumber(text.substr(colon + 1), &port) ||
        port > 65535)
        return false;
    server->host = std::string(text.substr(0, colon));
    server->port = uint16_t(port);
    return !server->host.empty();
}

// The connection string: --connection-string, --connection-string-file or
// FERRY_CONNECTION_STRING, in that order. An error names the field that is
// wrong and never repeats the password.
std::optional<std::string> readConnectionString(const std::optional<std::string>& given,
                                                const std::optional<std::string>& file,
                                                ferry::DaemonOptions* options) {
    std::string text;
    if (given) {
        text = *given;
    } else if (file) {
        std::ifstream in(*file);
        if (!in)
            return "cannot read the connection string file " + *file;
        std::getline(in, text);
    } else if (const char* fromEnvironment = std::getenv("FERRY_CONNECTION_STRING");
               fromEnvironment && *fromEnvironment) {
        text = fromEnvironment;
    } else {
        return std::nullopt;
    }
    auto parsed = ferry::management::parseConnectionString(QString::fromStdString(text));
    if (!parsed)
        return "bad connection string: " + parsed.error().message.toStdString();
    options->connection = parsed.value();
    return std::nullopt;
}

// SIGHUP: the log level as the file, environment and command line now say
// (info when none does), and the TLS certificate and key read again from the
// same files. Open connections keep the certificate they started with.
void reload(int argc, char** argv, ferry::Daemon& daemon) {
    const auto layered = ferry::config::layeredArguments(argc, argv);
    if (!layered.error.empty()) {
        ferry::log::error("SIGHUP: not reloading, ", layered.error);
        return;
    }
    ferry::log::Level level = ferry::log::Level::Info;
    const std::string levelName = ferry::config::lastValue(layered.arguments, "--log-level");
    if (!levelName.empty() && !ferry::log::parseLevel(levelName, &level))
        ferry::log::error("SIGHUP: unknown log level '", levelName, "', keeping the current one");
    else
        ferry::log::setLevel(level);
    if (auto failure = daemon.reloadTls()) {
        ferry::log::error("SIGHUP: ", *failure, "; still serving the previous certificate");
        return;
    }
    ferry::log::info("SIGHUP: reloaded", layered.configFile.empty()
                                             ? ""
                                             : " (configuration " + layered.configFile + ")");
}

int fail(const std::string& message) {
    std::fprintf(stderr, "ferryd: %s\n", message.c_str());
    return 2;
}

#if defined(_WIN32)
// The daemon that Ctrl+C stops when ferryd runs in a console window.
ferry::Daemon* g_consoleDaemon = nullptr;

// Ctrl+C, Ctrl+Break and closing the console window arrive on a thread the
// system starts for them: stop gracefully from there, as SIGINT does on
// POSIX. (On a closed window, the system ends the process 5 s later.)
BOOL WINAPI onConsoleControl(DWORD event) {
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT)
        return FALSE;
    ferry::log::info("console closed or interrupted, finishing requests in flight");
    if (g_consoleDaemon)
        g_consoleDaemon->stop();
    return TRUE;
}

// Serves in the foreground until Ctrl+C. (As a Windows service, ferryd runs
// through runWindowsService instead, which also reloads.)
int serveUntilStopped(ferry::Daemon& daemon, int, char**) {
    if (auto failure = daemon.start())
        return fail(*failure);
    g_consoleDaemon = &daemon;
    ::SetConsoleCtrlHandler(onConsoleControl, TRUE);
    return daemon.run();
}
#else
// Serves until SIGTERM or SIGINT; SIGHUP reloads. Signals go to one thread
// that turns them into a graceful stop; every other thread inherits the
// blocked mask. SIGPIPE is ignored: a client that hangs up mid-download is
// an error value, not a crash.
int serveUntilStopped(ferry::Daemon& daemon, int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    if (auto failure = daemon.start())
        return fail(*failure);
    std::thread signalWaiter([&daemon, stopSignals, argc, argv] {
        int received = 0;
        while (sigwait(&stopSignals, &received) == 0 && received == SIGHUP)
            reload(argc, argv, daemon);
        ferry::log::info("received ", received == SIGTERM ? "SIGTERM" : "SIGINT",
                         ", finishing requests in flight");
        daemon.stop();
    });
    signalWaiter.detach();
    return daemon.run();
}
#endif

} // namespace

int main(int argc, char** argv) {
    // A fixed mmap threshold: scrypt's 16 MiB working buffers are then always
    // mapped and unmapped, instead of glibc raising the threshold after the
    // first free and keeping every later one in a thread's heap for good
    // (which left an idle connected registry at 50+ MiB).
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    // Fewer heaps: glibc makes up to eight per core, one per thread that
    // finds the others busy, and each keeps its own free pieces. Two per core
    // still spreads the request threads; with 20,000 tokens and 20,000 scope
    // maps this was the difference between about 50 and 46 MiB at the peak.
    mallopt(M_ARENA_MAX, int(2 * std::max(1u, std::thread::hardware_concurrency())));
#endif
    // The configuration file and FERRY_* variables become options ahead of
    // the command line's; SIGHUP reads them again for the log level.
    const int givenArgc = argc;
    char** const givenArgv = argv;
    auto layered = ferry::config::layeredArguments(argc, argv);
    if (!layered.error.empty())
        return fail(layered.error);
    std::vector<char*> layeredArgv;
    for (auto& argument : layered.arguments)
        layeredArgv.push_back(argument.data());
    argc = int(layeredArgv.size());
    argv = layeredArgv.data();
    ferry::DaemonOptions options;
    options.dataDirectory = ferry::defaultDataDirectory();
    bool gcCommand = false;
    bool fsckCommand = false;
    bool rotateCommand = false;
    bool repair = false;
    bool tlsCommand = false;
    bool dryRun = false;
    bool tlsFromData = false;
    bool serviceMode = false;
    ferry::crypto::CertificateRequest certificate;
    std::optional<std::string> connectionString;
    std::optional<std::string> connectionStringFile;
    int first = 1;
    if (argc > 1 && std::string_view(argv[1]) == "gc") {
        gcCommand = true;
        first = 2;
    } else if (argc > 1 && std::string_view(argv[1]) == "rotate-signing-key") {
        rotateCommand = true;
        first = 2;
    } else if (argc > 1 && std::string_view(argv[1]) == "fsck") {
        fsckCommand = true;
        first = 2;
    } else if (argc > 1 && std::string_view(argv[1]) == "init-tls") {
        tlsCommand = true;
        first = 2;
    } else if (argc > 1 && std::string_view(argv[1]) == "serve") {
        first = 2;
    }
    for (int i = first; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&](std::string_view* out) {
            if (i + 1 >= argc)
                return false;
            *out = argv[++i];
            return true;
        };
        std::string_view text;
        long long number = 0;
        if (arg == "--help" || arg == "-h") {
            std::string usage = kUsage;
            usage.replace(usage.find("@SYSCONF@"), 9, ferry::config::defaultConfigFile());
            std::fputs(usage.c_str(), stdout);
            return 0;
        } else if (arg == "--version") {
            std::printf("ferryd %s\n", FERRY_VERSION);
            return 0;
        } else if (arg == "--dry-run" && gcCommand) {
            dryRun = true;
        } else if (arg == "--repair" && fsckCommand) {
            repair = true;
        } else if (arg == "--signing-key-rotation" && value(&text) && parseNumber(text, &number) &&
                   number <= 3650) {
            options.signingKeyRotationDays = int(number);
        } else if (arg == "--scrub-interval" && value(&text) && parseNumber(text, &number)) {
            options.scrubIntervalSeconds = int(std::min<long long>(number, 365LL * 86400));
        } else if (arg == "--host" && tlsCommand && value(&text)) {
            certificate.dnsNames.emplace_back(text);
        } else if (arg == "--ip" && tlsCommand && value(&text)) {
            certificate.ipAddresses.emplace_back(text);
        } else if (arg == "--days" && tlsCommand && value(&text) && parseNumber(text, &number) &&
                   number > 0) {
            certificate.validity = std::chrono::days(number);
        } else if (arg == "--service" && !gcCommand && !fsckCommand && !rotateCommand &&
                   !tlsCommand) {
            serviceMode = true;
        } else if (arg == "--tls") {
            tlsFromData = true;
        } else if (arg == "--login-server" && value(&text)) {
            options.loginServer = std::string(text);
        } else if (arg == "--connection-string" && value(&text)) {
            connectionString = std::string(text);
            connectionStringFile.reset();
        } else if (arg == "--connection-string-file" && value(&text)) {
            connectionStringFile = std::string(text);
            connectionString.reset();
        } else if (arg == "--parent-ca" && value(&text)) {
            options.parentCaFile = std::string(text);
        } else if (arg == "--sync-heartbeat" && value(&text) && parseNumber(text, &number) &&
                   number > 0 && number <= 3600) {
            options.syncHeartbeatSeconds = int(number);
        } else if (arg == "--sync-parallel" && value(&text) && parseNumber(text, &number) &&
                   number > 0 && number <= 64) {
            options.syncParallelTransfers = int(number);
        } else if (arg == "--max-connections-per-address" && value(&text) &&
                   parseNumber(text, &number) && number >= 0) {
            options.server.maxConnectionsPerAddress = size_t(number);
        } else if (arg == "--metrics-public") {
            options.publicMetrics = true;
        } else if (arg == "--no-auth") {
            options.accessControl = false;
        } else if (arg == "--data" && value(&text)) {
            options.dataDirectory = std::string(text);
        } else if (arg == "--listen" && value(&text)) {
            if (!parseListen(text, &options.server))
                return fail("--listen wants HOST:PORT, got '" + std::string(text) + "'");
        } else if (arg == "--tls-cert" && value(&text)) {
            options.server.tlsCertificateFile = std::string(text);
        } else if (arg == "--tls-key" && value(&text)) {
            options.server.tlsKeyFile = std::string(text);
        } else if (arg == "--log-level" && value(&text)) {
            ferry::log::Level level;
            if (!ferry::log::parseLevel(text, &level))
                return fail("unknown log level '" + std::string(text) + "'");
            ferry::log::setLevel(level);
        } else if (arg == "--idle-timeout" && value(&text) && parseNumber(text, &number) &&
                   number > 0) {
            options.server.idleTimeoutSeconds = int(number);
        } else if (arg == "--gc-interval" && value(&text) && parseNumber(text, &number) &&
                   number > 0) {
            options.gcIntervalSeconds = int(number);
        } else if ((arg == "--gc-grace" || arg == "--grace") && value(&text) &&
                   parseNumber(text, &number)) {
            options.gc.blobGraceSeconds = number;
        } else {
            return fail("unknown or incomplete option '" + std::string(arg) + "' (see --help)");
        }
    }
    if (options.server.tlsCertificateFile.empty() != options.server.tlsKeyFile.empty())
        return fail("--tls-cert and --tls-key go together");
#ifndef _WIN32
    if (serviceMode)
        return fail("--service is for the Windows service manager; systemd and launchd run 'ferryd "
                    "serve' as it is");
#endif
    const auto tlsFolder = options.dataDirectory / "tls";
    if (tlsCommand) {
        if (certificate.dnsNames.empty() && certificate.ipAddresses.empty())
            return fail("init-tls needs at least one --host or --ip");
        std::error_code ec;
        std::filesystem::create_directories(tlsFolder, ec);
        auto fingerprint = ferry::crypto::generateSelfSignedCertificate(
            certificate, tlsFolder / "cert.pem", tlsFolder / "key.pem");
        if (!fingerprint)
            return fail(fingerprint.error());
        std::printf("certificate: %s\nprivate key: %s\nSHA-256 fingerprint: %s\n",
                    (tlsFolder / "cert.pem").c_str(), (tlsFolder / "key.pem").c_str(),
                    fingerprint.value().c_str());
        return 0;
    }
    if (tlsFromData) {
        options.server.tlsCertificateFile = (tlsFolder / "cert.pem").string();
        options.server.tlsKeyFile = (tlsFolder / "key.pem").string();
    }
    if (fsckCommand)
        return ferryd::runFsck(options, repair);
    if (rotateCommand)
        return ferryd::runRotateSigningKey(options);
    if (!gcCommand) {
        if (auto failure = readConnectionString(connectionString, connectionStringFile, &options))
            return fail(*failure);
    }

    ferry::Daemon daemon(options);
    if (gcCommand) {
        ferry::GcPolicy policy = options.gc;
        policy.dryRun = dryRun;
        try {
            const ferry::GcReport report = daemon.collectGarbage(policy);
            std::printf("%s %zu blobs (%llu bytes), %zu abandoned uploads, %zu stray files\n",
                        dryRun ? "would remove" : "removed", report.blobs.size(),
                        static_cast<unsigned long long>(report.bytes), report.uploads,
                        report.strayFiles);
            for (const auto& digest : report.blobs)
                std::printf("  %s\n", digest.c_str());
        } catch (const std::exception& failure) {
            return fail(failure.what());
        }
        return 0;
    }

#ifdef _WIN32
    if (serviceMode) {
        ferryd::ServiceHooks hooks;
        hooks.start = [&] { return daemon.start(); };
        hooks.run = [&] { return daemon.run(); };
        hooks.stop = [&] { daemon.stop(); };
        hooks.reload = [&] { reload(givenArgc, givenArgv, daemon); };
        std::error_code ec;
        std::filesystem::create_directories(options.dataDirectory, ec);
        hooks.logFile = options.dataDirectory / "ferryd.log";
        return ferryd::runWindowsService(std::move(hooks));
    }
#endif
    return serveUntilStopped(daemon, givenArgc, givenArgv);
}
