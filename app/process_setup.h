// What main() does before anything else, while the process has one thread.
#pragma once

#include <vector>

/// The signals Sockscope watches through signalfd rather than handlers.
std::vector<int> watchedSignals();

/// Reopens descriptors 0-2 on /dev/null where they are closed (so that no
/// socket opened later is mistaken for standard output), ignores SIGPIPE (a
/// closed peer is an EPIPE to report, not a death), raises the soft
/// descriptor limit to the hard one, and blocks
/// watchedSignals(), so every thread started later inherits the mask
/// (DESIGN.md, "Children and signals").
void prepareProcess();
