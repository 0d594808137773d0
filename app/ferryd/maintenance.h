#pragma once
// ferryd's offline maintenance commands (fsck, rotate-signing-key): each
// works on a data folder and returns the process exit code.

#include "daemon.h"

namespace ferryd {

// `ferryd fsck [--repair]`: prints each finding, then a summary line.
// Exit 0: consistent (stray files allowed); 1: problems found (repaired or
// not); 2: the check itself could not run.
int runFsck(const ferry::DaemonOptions& options, bool repair);

// `ferryd rotate-signing-key`: the current key becomes the previous one.
int runRotateSigningKey(const ferry::DaemonOptions& options);

} // namespace ferryd
