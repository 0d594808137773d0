#pragma once
// ferryd's settings in layers (docs/configuration.md): a configuration file,
// then FERRY_* environment variables, then the command line, each overriding
// the one before. The file and the environment are turned into the same
// --option arguments the command line takes, so one parser decides what a
// setting means; this module only checks them first, so that a bad file is
// reported with its file name, line and key instead of as a command line.

#include <string>
#include <vector>

namespace ferry::config {

struct Layered {
    std::vector<std::string> arguments; // argv[0], the subcommand if any, then options
    std::string error;                  // set: nothing else is valid
    std::string configFile;             // the file that was read, empty if none
};

// The file read when the command line names none (--config) and
// FERRY_CONFIG is unset: SYSCONFDIR/ferry/ferryd.conf of the installation.
// Only the installed ferryd (BINDIR/ferryd) reads it, so a ferryd run from a
// build folder never picks up a system service's settings. A missing default
// file is no error; a missing named one is.
std::string defaultConfigFile();
bool runningInstalled();

// The effective arguments of `ferryd [subcommand] [options]`: settings from
// the file and the environment come first, the command line's last, so the
// command line wins where the parser keeps the last value given.
Layered layeredArguments(int argc, char** argv);

// The value of the last `--name VALUE` in arguments, or empty.
std::string lastValue(const std::vector<std::string>& arguments, const std::string& name);

} // namespace ferry::config
