#include "configfile.h"

#include "core/log.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>

namespace ferry::config {
namespace {

enum class Kind { Text, Flag, Number, Level, Listen };

// The settings a file or the environment may give: serve's options. The
// subcommands' own options (init-tls --host, gc --dry-run) and --help stay
// command-line only.
struct Setting {
    const char* key; // the option without "--"
    Kind kind;
    long long min = 0;
    long long max = 0;
};

constexpr Setting kSettings[] = {
    {"data", Kind::Text},
    {"listen", Kind::Listen},
    {"tls", Kind::Flag},
    {"tls-cert", Kind::Text},
    {"tls-key", Kind::Text},
    {"no-auth", Kind::Flag},
    {"login-server", Kind::Text},
    {"log-level", Kind::Level},
    {"idle-timeout", Kind::Number, 1, 86400},
    {"gc-interval", Kind::Number, 1, 365LL * 86400},
    {"gc-grace", Kind::Number, 0, 365LL * 86400},
    {"connection-string", Kind::Text},
    {"connection-string-file", Kind::Text},
    {"parent-ca", Kind::Text},
    {"sync-heartbeat", Kind::Number, 1, 3600},
    {"sync-parallel", Kind::Number, 1, 64},
};

const Setting* findSetting(std::string_view key) {
    for (const auto& setting : kSettings)
        if (key == setting.key)
            return &setting;
    return nullptr;
}

std::string environmentName(std::string_view key) {
    std::string name = "FERRY_";
    for (char c : key)
        name += c == '-' ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

std::optional<bool> parseFlag(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (lower == "true" || lower == "yes" || lower == "on" || lower == "1")
        return true;
    if (lower == "false" || lower == "no" || lower == "off" || lower == "0")
        return false;
    return std::nullopt;
}

bool parseInteger(std::string_view text, long long* value) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
    return ec == std::errc() && end == text.data() + text.size();
}

// Why value does not fit setting, or empty when it does. Never repeats a
// connection string: it holds a password.
std::string problemWith(const Setting& setting, std::string_view value) {
    const bool secret = std::string_view(setting.key) == "connection-string";
    const std::string shown = secret ? std::string("(hidden)") : "'" + std::string(value) + "'";
    switch (setting.kind) {
    case Kind::Text:
        return value.empty() ? "wants a value" : "";
    case Kind::Flag:
        return parseFlag(value) ? "" : "wants true or false, got " + shown;
    case Kind::Level: {
        log::Level level;
        return log::parseLevel(value, &level) ? ""
                                              : "wants debug, info, warning or error, got " + shown;
    }
    case Kind::Number: {
        long long number = 0;
        if (parseInteger(value, &number) && number >= setting.min && number <= setting.max)
            return "";
        return "wants a whole number from " + std::to_string(setting.min) + " to " +
               std::to_string(setting.max) + ", got " + shown;
    }
    case Kind::Listen: {
        const size_t colon = value.rfind(':');
        long long port = 0;
        if (colon != std::string_view::npos && colon > 0 &&
            parseInteger(value.substr(colon + 1), &port) && port >= 0 && port <= 65535)
            return "";
        return "wants HOST:PORT, got " + shown;
    }
    }
    return "";
}

// key -> value; later layers assign over earlier ones.
using Settings = std::map<std::string, std::string>;

void assign(Settings* settings, const std::string& key, const std::string& value) {
    // The two ways of giving the connection string are one setting: a layer
    // that gives either replaces what an earlier layer gave by the other.
    if (key == "connection-string")
        settings->erase("connection-string-file");
    if (key == "connection-string-file")
        settings->erase("connection-string");
    (*settings)[key] = value;
}

// Reads `key = value` lines; '#' starts a comment line. The error names the
// file, the line and the key.
std::string readFile(const std::string& path, Settings* settings) {
    std::ifstream in(path);
    if (!in)
        return "cannot read the configuration file " + path;
    std::map<std::string, int> seenOnLine;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string where = path + ":" + std::to_string(number) + ": ";
        const std::string_view text = trim(line);
        if (text.empty() || text.front() == '#')
            continue;
        const size_t equals = text.find('=');
        if (equals == std::string_view::npos)
            return where + "expected 'key = value', got '" + std::string(text.substr(0, 40)) + "'";
        const std::string key(trim(text.substr(0, equals)));
        std::string_view value = trim(text.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        const Setting* setting = findSetting(key);
        if (!setting)
            return where + "unknown key '" + key + "'";
        if (auto seen = seenOnLine.find(key); seen != seenOnLine.end())
            return where + "key '" + key + "' is already set on line " +
                   std::to_string(seen->second);
        if (auto problem = problemWith(*setting, value); !problem.empty())
            return where + "key '" + key + "' " + problem;
        seenOnLine[key] = number;
        assign(settings, key, std::string(value));
    }
    if (in.bad())
        return "cannot read the configuration file " + path;
    return "";
}

std::string readEnvironment(Settings* settings) {
    for (const auto& setting : kSettings) {
        const std::string name = environmentName(setting.key);
        const char* value = std::getenv(name.c_str());
        if (!value || !*value)
            continue;
        if (auto problem = problemWith(setting, value); !problem.empty())
            return "environment variable " + name + " " + problem;
        assign(settings, setting.key, value);
    }
    return "";
}

} // namespace

std::string defaultConfigFile() {
    return std::string(FERRY_SYSCONFDIR) + "/ferry/ferryd.conf";
}

// Linux only (/proc): elsewhere the installed service names its file with
// --config (the MSI's service command line does), so no default is needed.
bool runningInstalled() {
    std::error_code ec;
    const auto self = std::filesystem::canonical("/proc/self/exe", ec);
    if (ec)
        return false;
    const auto installed = std::filesystem::canonical(std::string(FERRY_BINDIR) + "/ferryd", ec);
    return !ec && self == installed;
}

Layered layeredArguments(int argc, char** argv) {
    Layered result;
    result.arguments.emplace_back(argc > 0 ? argv[0] : "ferryd");
    int first = 1;
    if (argc > 1 && argv[1][0] != '-') {
        result.arguments.emplace_back(argv[1]);
        first = 2;
    }
    std::vector<std::string> commandLine;
    std::optional<std::string> named;
    bool informational = false;
    for (int i = first; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--config" && i + 1 < argc) {
            named = argv[++i];
            continue;
        }
        if (arg == "--config") {
            result.error = "--config wants a file name";
            return result;
        }
        informational = informational || arg == "--help" || arg == "-h" || arg == "--version";
        commandLine.emplace_back(arg);
    }

    Settings settings;
    if (!informational) {
        if (!named)
            if (const char* fromEnvironment = std::getenv("FERRY_CONFIG");
                fromEnvironment && *fromEnvironment)
                named = fromEnvironment;
        std::error_code ec;
        const std::string file = named ? *named : defaultConfigFile();
        // The default file is the system service's (root:ferry 0640): a user
        // who cannot read it, such as the console's per-user ferryd, runs
        // without it rather than failing.
        const bool useDefault = !named && runningInstalled() && std::filesystem::exists(file, ec) &&
                                std::ifstream(file).is_open();
        if (named || useDefault) {
            result.configFile = file;
            if (auto failure = readFile(file, &settings); !failure.empty()) {
                result.error = failure;
                return result;
            }
        }
        if (auto failure = readEnvironment(&settings); !failure.empty()) {
            result.error = failure;
            return result;
        }
    }
    for (const auto& setting : kSettings) {
        const auto found = settings.find(setting.key);
        if (found == settings.end())
            continue;
        const std::string option = std::string("--") + setting.key;
        if (setting.kind == Kind::Flag) {
            if (*parseFlag(found->second))
                result.arguments.push_back(option);
        } else {
            result.arguments.push_back(option);
            result.arguments.push_back(found->second);
        }
    }
    result.arguments.insert(result.arguments.end(), commandLine.begin(), commandLine.end());
    return result;
}

std::string lastValue(const std::vector<std::string>& arguments, const std::string& name) {
    std::string value;
    for (size_t i = 0; i + 1 < arguments.size(); ++i)
        if (arguments[i] == name)
            value = arguments[i + 1];
    return value;
}

} // namespace ferry::config
