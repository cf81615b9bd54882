// Spawning a program, and learning how it ended, without a SIGCHLD handler.
//
// spawnProcess() starts a program from an argv (never a shell, never a
// bare fork() of a threaded process) the way glibc's posix_spawn does,
// clone(CLONE_VM | CLONE_VFORK) onto a stack of its own, with an empty
// signal mask and every signal at its default action: Sockscope blocks
// signals for its signalfd, and none of that may leak into what it runs.
// It is written here rather than called because glibc 2.36's posix_spawn
// leaves its own two signals (32 and 33) ignored in the child. The child
// gets exactly the descriptors it is handed, at the numbers asked; every
// other descriptor of ours is close-on-exec.
//
// The child is followed through a pidfd (CLONE_PIDFD): it becomes readable
// when the child ends, so the Reactor can watch it, and waitid(P_PIDFD)
// reaps exactly that child. No process-wide SIGCHLD handler: a library in
// the same process that reaps its own children is not disturbed.
#pragma once

#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <system_error>
#include <utility>
#include <variant>
#include <vector>

namespace sockscope {

struct SpawnRequest {
    std::vector<std::string> argv; ///< argv[0] is the program's path
    /// Descriptors the child gets: {number in the child, descriptor of ours}.
    std::vector<std::pair<int, int>> descriptors;
    /// Variables added to (or replacing those in) our environment.
    std::vector<std::pair<std::string, std::string>> environment;
    std::string directory;         ///< its working directory; empty: ours
    bool newProcessGroup = false;  ///< a process group of its own (setpgid(0, 0))
    bool newSession = false;       ///< a session (and process group) of its own, no terminal (setsid())
};

struct SpawnedProcess {
    pid_t pid = -1;
    UniqueFd pidfd; ///< readable once the child has ended
};

std::variant<SpawnedProcess, std::error_code> spawnProcess(const SpawnRequest &request);

/// How a child ended: its exit status, or the signal that ended it.
struct ChildExit {
    std::optional<int> status;
    std::optional<int> signal;
};

/// Reaps the child of `pidfd` if it has ended; nullopt while it runs. A
/// child reaped elsewhere (ECHILD) has ended, with neither field set.
std::optional<ChildExit> reapChild(int pidfd);
/// Waits for the child of `pidfd` to end, at most `timeout`, and reaps it.
std::optional<ChildExit> waitForChild(int pidfd, Duration timeout);
/// Sends `signal` to the child of `pidfd` (pidfd_send_signal: never to a
/// process that reused its pid).
std::error_code signalChild(int pidfd, int signal);

} // namespace sockscope
