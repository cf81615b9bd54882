// What main() does before anything else, while the process has one thread.
#pragma once

/// Reopens descriptors 0-2 on /dev/null where they are closed (so that no
/// socket opened later is mistaken for standard output), raises the soft
/// descriptor limit to the hard one, and blocks every signal a signalfd can
/// read (sockscope::blockableSignals()), so every thread started later
/// inherits the mask and a person may choose to watch any signal at any
/// time (DESIGN.md, "Children and signals").
void prepareProcess();
