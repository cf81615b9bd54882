// ChildProcess: a program started from an argv (spawn.h: posix_spawn, no
// shell, an empty signal mask and default dispositions), its standard
// input, output and error on pipes of ours (perlipc's open3), driven by
// the Reactor: output reported as it arrives, input written as the pipe
// takes it, the end learned from its pidfd and reaped with waitid.
//
// Events, built here for the CLI and the window alike (DESIGN.md):
// child-started (`pid`, `argv`), data (`pid`, `stream` "stdout" or
// "stderr", the bytes; "stdin" with `direction` out for what was written
// to it), child-exited (`pid`, `status`, or `signal` and `signal_name`),
// after whatever the child wrote before it ended. A child that cannot be
// started is a child-exited with the error (ENOENT for a program that is
// not there) and no pid. Writing to a child that closed its input is
// EPIPE, reported on the data event's place as an `error`, never SIGPIPE.
//
// Destroy it on the loop thread; a child still running is killed
// (SIGKILL) and reaped off the loop thread (background_reaper.h), so
// nothing outlives its owner unseen and the loop never waits for its end.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/proc/spawn.h"
#include "sockscope/reactor/reactor.h"

#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace sockscope {

struct ChildOptions {
    std::vector<std::string> argv; ///< argv[0] is the program's path (no PATH search)
    std::string directory;         ///< empty: ours
    std::vector<std::pair<std::string, std::string>> environment; ///< added to ours
    bool newProcessGroup = false;
    /// As a daemon (Perl Cookbook 17.15): a session of its own with no
    /// terminal (setsid), working directory /, standard descriptors on
    /// /dev/null, so no output events. It stays our child, followed by its
    /// pidfd like any other: no double fork loses its pid.
    bool daemon = false;
};

class ChildProcess {
public:
    /// The child ended: its exit (already reported as child-exited).
    using ExitCallback = std::function<void(const ChildExit &)>;

    /// Starts it; null, with `error` (and a child-exited event with it),
    /// if it could not be.
    static std::unique_ptr<ChildProcess> start(Reactor &reactor, EventSink &events, ChildOptions options,
                                               ExitCallback onExit, std::error_code &error);
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    /// Queues bytes for its standard input; false once that is closed.
    bool write(const unsigned char *data, std::size_t size);
    /// Closes its standard input once what is queued is written (EOF).
    void closeInput();
    /// Bytes queued for its standard input, and `callback` to run each time
    /// that queue empties (a source of input pauses while it is long). Not
    /// run once its input has failed (EPIPE): nothing more can be written,
    /// so a paused source stays paused rather than read into the void.
    std::size_t queuedInput() const;
    void onInputDrained(std::function<void()> callback);
    /// Stops and resumes reading its output (whoever takes our events
    /// cannot keep up: the child then waits on its full pipe).
    void setReadingOutput(bool on);
    /// Sends it a signal through its pidfd (never to a reused pid).
    std::error_code signal(int signal);

    int pid() const;
    bool running() const;

private:
    ChildProcess() = default;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sockscope
