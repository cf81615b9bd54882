// WorkerPool: the server models with child processes (Perl Cookbook 17.11
// and 17.12).
//
//   fork     one worker per peer: the server accepts, and a worker started
//            for that peer serves it and exits when it is done
//   prefork  N workers started at once, each accepting from the listening
//            sockets they share; one that ends is started again
//
// A worker is this program started again (spawn.h: posix_spawn, an argv,
// never a bare fork() of a threaded process) with a hidden subcommand;
// the socket it serves arrives as an inherited descriptor (3, 4, ...), and
// its events come back over an inherited pipe as JSON Lines in the schema.
// Here they are read back and passed on with `worker` (the worker's pid)
// added and the peer numbers made unique in the run. Every worker is
// followed through its pidfd and reaped: `worker-started` (`pid`) and
// `worker-exited` (`pid`, `status` or `signal` and `signal_name`).
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sockscope {

enum class ServerModel : std::uint8_t { InLoop, Fork, Prefork };
/// "in-loop", "fork", "prefork".
std::string_view serverModelName(ServerModel model);
std::optional<ServerModel> serverModelFromName(std::string_view name);

struct WorkerPoolConfig {
    ServerModel model = ServerModel::Fork;
    int children = 4; ///< prefork's pool size
    /// The worker's command line, before the descriptors' options: the
    /// program (this one) and its hidden subcommand with the behaviour's
    /// options. The pool adds `--fds`, `--events-fd`, `--run-start-ns` and
    /// `--parent` (a worker ends with its server, even one killed).
    std::vector<std::string> command;
    TimePoint runStart{}; ///< the workers' t_ms count from here too
};

class WorkerPool {
public:
    WorkerPool(Reactor &reactor, EventSink &events, WorkerPoolConfig config);
    ~WorkerPool(); ///< stops and reaps what still runs (stop())
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    /// prefork: starts the pool on the listening sockets (ours stay open:
    /// each worker gets copies). False when no worker could start.
    bool startPrefork(std::vector<int> listeners);
    /// fork: a worker for one accepted peer (the socket is the worker's
    /// then: ours is closed). False when it could not start.
    bool servePeer(UniqueFd peer);

    /// Workers running now.
    std::size_t running() const;
    /// Stops reading what workers report (the events' reader is slow:
    /// the workers then wait on their pipes).
    void setReading(bool on);
    /// Sends `signal` to every worker, stops starting new ones, and waits
    /// (blocking, at most `grace`, then SIGKILL) until each has ended and
    /// been reaped, reporting what they said to the end. Workers leave at
    /// once on SIGTERM (stopped) and SIGHUP (restart), so this is short.
    void stop(int signal, Duration grace);
    /// The same without waiting (the window's, whose loop is the GUI's):
    /// each worker is reaped as its pidfd says it ended, SIGKILL goes to
    /// those left after `grace`, and `done` runs on the loop thread once
    /// none is left. `done` may destroy the pool.
    void stopThen(int signal, Duration grace, std::function<void()> done);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sockscope
