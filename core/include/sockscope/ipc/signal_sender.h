// Sending a signal: kill(), or sigqueue() when a value goes with it.
//
// The outcome is a `signal-sent` event (the target, the signal, the value;
// `error` ESRCH or EPERM when the kernel refused). Signal 0 sends nothing
// and only asks whether the target exists and may be signalled (kill(2)'s
// liveness check); its event says `check` instead of a signal.
#pragma once

#include "sockscope/events/event.h"

#include <optional>

namespace sockscope {

struct SignalTarget {
    int id = 0;         ///< a pid, or with `group` a process group id
    bool group = false; ///< kill(-id): every process of the group
};

/// Sends `signal` to `target` now; a value needs a single process (sigqueue
/// has no group form): with `group`, `value` is ignored. EINVAL for a pid
/// below 1 or a group below 2, which kill(2) would read as our own group
/// or as every process we may signal.
Event sendSignal(const SignalTarget &target, int signal, std::optional<int> value, TimePoint now);

} // namespace sockscope
