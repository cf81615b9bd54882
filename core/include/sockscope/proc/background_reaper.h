// Reaping a child whose owner has gone. A ChildProcess destroyed while its
// child runs kills the child, but the loop thread must not wait for the
// end: tearing down a large address space, or an uninterruptible sleep,
// can take long. The wait is handed to a short-lived thread of its own.
#pragma once

#include <sys/types.h>

namespace sockscope {

/// Reaps child `pid` (ours, not yet reaped, already told to end) on a
/// detached thread that ends with it; waits here only when no thread can be
/// started, rather than leave a zombie. Only this pid is waited for: a
/// library reaping children of its own is not disturbed.
void reapInBackground(pid_t pid);

} // namespace sockscope
