#include "sockscope/serve/worker_pool.h"

#include "sockscope/events/error.h"
#include "sockscope/events/json_lines.h"
#include "sockscope/proc/spawn.h"
#include "sockscope/reactor/watched_fd.h"
#include "sockscope/serve/server.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <deque>
#include <map>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sockscope {
namespace {

using namespace std::chrono_literals;

constexpr int kFirstInherited = 3;     // the worker's sockets: 3, 4, ...
constexpr std::size_t kMaxLine = 1 << 20; // a data event of 64 KiB is about 130 KiB of JSON
constexpr Duration kRespawnDelay = 200ms; // a prefork worker that keeps dying does not spin
constexpr std::size_t kClosedPeersKept = 256;

} // namespace

std::string_view serverModelName(ServerModel model)
{
    switch (model) {
    case ServerModel::InLoop: return "in-loop";
    case ServerModel::Fork: return "fork";
    case ServerModel::Prefork: return "prefork";
    }
    return "in-loop";
}

std::optional<ServerModel> serverModelFromName(std::string_view name)
{
    for (ServerModel model : {ServerModel::InLoop, ServerModel::Fork, ServerModel::Prefork}) {
        if (serverModelName(model) == name)
            return model;
    }
    return std::nullopt;
}

struct WorkerPool::Private {
    struct Worker {
        pid_t pid = -1;
        WatchedFd exitWatch; // its pidfd
        WatchedFd events; // the read end of its pipe
        std::string partial;
        std::map<std::uint64_t, std::uint64_t> peers; // its peer numbers -> ours
        std::deque<std::uint64_t> closedPeers;         // the newest closed: their late events still map
    };

    Private(Reactor &reactor, EventSink &events, WorkerPoolConfig config)
        : reactor(reactor), sink(events), config(std::move(config))
    {
    }

    bool spawn(const std::vector<int> &sockets);
    bool readEvents(Worker &worker);
    void relay(Worker &worker, std::string_view line);
    void exited(pid_t pid);
    void finish(Worker &worker, const ChildExit &how);
    void respawnLater();
    std::optional<ChildExit> waitReading(Worker &worker, TimePoint deadline);

    Reactor &reactor;
    EventSink &sink;
    WorkerPoolConfig config;
    std::vector<int> listeners; // prefork: what every worker gets
    std::map<pid_t, std::unique_ptr<Worker>> workers;
    bool stopping = false;
    std::function<void()> whenStopped; // stopThen()'s
    TimerId killTimer = 0;
    TimerId doneTimer = 0;
    void stopped();
    bool reading = true;
    TimerId respawnTimer = 0;
};

bool WorkerPool::Private::spawn(const std::vector<int> &sockets)
{
    int pipeEnds[2];
    if (::pipe2(pipeEnds, O_CLOEXEC) != 0) {
        Event event = makeEvent(EventKind::ServerError, reactor.now());
        event.error = lastSystemError();
        event.extra.emplace_back("step", std::string("pipe"));
        sink.onEvent(event);
        return false;
    }
    UniqueFd readEnd(pipeEnds[0]);
    UniqueFd writeEnd(pipeEnds[1]);
    SpawnRequest request;
    request.argv = config.command;
    std::string fds;
    int number = kFirstInherited;
    for (int socket : sockets) {
        request.descriptors.emplace_back(number, socket);
        fds += (fds.empty() ? "" : ",") + std::to_string(number++);
    }
    request.descriptors.emplace_back(number, writeEnd.get());
    request.argv.insert(request.argv.end(), {"--fds", fds, "--events-fd", std::to_string(number), "--run-start-ns",
                                             std::to_string(config.runStart.time_since_epoch().count()), "--parent",
                                             std::to_string(::getpid())});
    auto spawned = spawnProcess(request);
    if (auto *error = std::get_if<std::error_code>(&spawned)) {
        Event event = makeEvent(EventKind::ServerError, reactor.now());
        event.error = *error;
        event.extra.emplace_back("step", std::string("spawn"));
        sink.onEvent(event);
        return false;
    }
    auto worker = std::make_unique<Worker>();
    SpawnedProcess &process = std::get<SpawnedProcess>(spawned);
    worker->pid = process.pid;
    Worker *raw = worker.get();
    const pid_t pid = process.pid;
    ::fcntl(readEnd.get(), F_SETFL, O_NONBLOCK);
    std::error_code error =
        WatchedFd::start(reactor, std::move(readEnd), reading ? Interest::Read : Interest::None,
                         [this, raw](Readiness) { readEvents(*raw); }, worker->events);
    if (!error)
        error = WatchedFd::start(reactor, std::move(process.pidfd), Interest::Read,
                                 [this, pid](Readiness) { exited(pid); }, worker->exitWatch);
    workers.emplace(pid, std::move(worker));
    Event started = makeEvent(EventKind::WorkerStarted, reactor.now());
    started.pid = pid;
    sink.onEvent(started);
    if (error) { // cannot follow it: it must not run unseen
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0); // at once after SIGKILL; its pidfd may not be watched
        finish(*workers.at(pid), ChildExit{std::nullopt, SIGKILL});
        workers.erase(pid);
        return false;
    }
    return true;
}

// False once the pipe has ended.
bool WorkerPool::Private::readEvents(Worker &worker)
{
    char buffer[65536];
    for (int round = 0; round < 16; ++round) {
        const ssize_t got = ::read(worker.events.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return true;
            worker.events.setInterest(Interest::None); // the end: its exit says the rest
            return false;
        }
        worker.partial.append(buffer, static_cast<std::size_t>(got));
        std::size_t start = 0;
        for (std::size_t end; (end = worker.partial.find('\n', start)) != std::string::npos; start = end + 1)
            relay(worker, std::string_view(worker.partial).substr(start, end - start));
        worker.partial.erase(0, start);
        if (worker.partial.size() > kMaxLine)
            worker.partial.clear(); // not one of our lines: dropped, not grown without bound
    }
    return true;
}

// A worker's event, as ours: its peers numbered in our run, its pid said.
void WorkerPool::Private::relay(Worker &worker, std::string_view line)
{
    std::optional<Event> event = parseJsonLine(line, config.runStart);
    if (!event || event->kind == EventKind::RunStart)
        return;
    if (event->peer) {
        auto known = worker.peers.find(*event->peer);
        if (known == worker.peers.end())
            known = worker.peers.emplace(*event->peer, nextPeerId()).first;
        event->peer = known->second;
        // A peer's numbers are kept a while after it closes (a forwarder's
        // connection may end after its peer), then forgotten: a worker
        // serving for days does not keep every peer it ever had.
        if (event->kind == EventKind::PeerClosed) {
            worker.closedPeers.push_back(known->first);
            if (worker.closedPeers.size() > kClosedPeersKept) {
                worker.peers.erase(worker.closedPeers.front());
                worker.closedPeers.pop_front();
            }
        }
    }
    event->extra.emplace_back("worker", std::int64_t{worker.pid});
    sink.onEvent(*event);
}

void WorkerPool::Private::exited(pid_t pid)
{
    auto found = workers.find(pid);
    if (found == workers.end())
        return;
    Worker &worker = *found->second;
    auto how = reapChild(worker.exitWatch.get());
    if (!how)
        return; // not yet (a spurious wake-up)
    finish(worker, *how);
    workers.erase(found);
    if (config.model == ServerModel::Prefork && !stopping)
        respawnLater();
    if (stopping && workers.empty() && whenStopped)
        stopped();
}

// What it wrote before it ended is still in the pipe: read to the end
// first, so its last events come before its exit.
void WorkerPool::Private::finish(Worker &worker, const ChildExit &how)
{
    if (worker.events.get() >= 0)
        readEvents(worker);
    Event event = makeEvent(EventKind::WorkerExited, reactor.now());
    event.pid = worker.pid;
    event.status = how.status;
    event.signal = how.signal;
    sink.onEvent(event);
}

// Waits for a worker to end, reading what it writes meanwhile: one that
// has more to say than its pipe holds would otherwise wait on us while we
// wait on it.
std::optional<ChildExit> WorkerPool::Private::waitReading(Worker &worker, TimePoint deadline)
{
    bool pipeOpen = worker.events.get() >= 0;
    for (;;) {
        if (auto how = reapChild(worker.exitWatch.get()))
            return how;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return std::nullopt;
        pollfd watch[2] = {{worker.exitWatch.get(), POLLIN, 0}, {worker.events.get(), POLLIN, 0}};
        ::poll(watch, pipeOpen ? 2 : 1, static_cast<int>(std::min<long long>(left, 1000)) + 1);
        if (pipeOpen && (watch[1].revents & (POLLIN | POLLHUP)))
            pipeOpen = readEvents(worker);
    }
}

void WorkerPool::Private::respawnLater()
{
    if (respawnTimer)
        return;
    respawnTimer = reactor.startTimer(kRespawnDelay, [this] {
        respawnTimer = 0;
        while (!stopping && workers.size() < static_cast<std::size_t>(config.children) && spawn(listeners)) {
        }
    });
}

// The last worker is gone: `whenStopped` runs from a timer of its own,
// never from inside the pidfd's callback, as it may destroy the pool.
void WorkerPool::Private::stopped()
{
    reactor.cancelTimer(std::exchange(killTimer, 0));
    doneTimer = reactor.startTimer(Duration::zero(), [this] {
        doneTimer = 0;
        auto done = std::move(whenStopped);
        done(); // may destroy the pool: nothing after this
    });
}

WorkerPool::WorkerPool(Reactor &reactor, EventSink &events, WorkerPoolConfig config)
    : d(std::make_unique<Private>(reactor, events, std::move(config)))
{
}

WorkerPool::~WorkerPool()
{
    d->reactor.cancelTimer(std::exchange(d->killTimer, 0));
    d->reactor.cancelTimer(std::exchange(d->doneTimer, 0));
    stop(SIGTERM, 2s);
}

void WorkerPool::stopThen(int signal, Duration grace, std::function<void()> done)
{
    setReading(true); // what they say on their way out is read, or they could wait on us
    d->stopping = true;
    d->whenStopped = std::move(done);
    d->reactor.cancelTimer(std::exchange(d->respawnTimer, 0));
    for (auto &[pid, worker] : d->workers)
        signalChild(worker->exitWatch.get(), signal);
    if (d->workers.empty()) {
        d->stopped();
        return;
    }
    Private *p = d.get();
    d->killTimer = d->reactor.startTimer(grace, [p] {
        p->killTimer = 0;
        for (auto &[pid, worker] : p->workers)
            signalChild(worker->exitWatch.get(), SIGKILL); // their pidfds still report, and they are reaped
    });
}

bool WorkerPool::startPrefork(std::vector<int> listeners)
{
    d->listeners = std::move(listeners);
    int started = 0;
    for (int i = 0; i < d->config.children; ++i)
        started += d->spawn(d->listeners) ? 1 : 0;
    return started > 0;
}

bool WorkerPool::servePeer(UniqueFd peer)
{
    if (d->config.model != ServerModel::Fork || d->stopping)
        return false; // a prefork worker takes listening sockets, never a peer
    return d->spawn({peer.get()}); // ours closes here: the worker has its own
}

std::size_t WorkerPool::running() const
{
    return d->workers.size();
}

void WorkerPool::setReading(bool on)
{
    d->reading = on;
    for (auto &[pid, worker] : d->workers) {
        if (worker->events.get() >= 0)
            worker->events.setInterest(on ? Interest::Read : Interest::None);
    }
}

void WorkerPool::stop(int signal, Duration grace)
{
    d->stopping = true;
    d->reactor.cancelTimer(std::exchange(d->respawnTimer, 0));
    for (auto &[pid, worker] : d->workers)
        signalChild(worker->exitWatch.get(), signal);
    const TimePoint deadline = Clock::now() + grace;
    while (!d->workers.empty()) {
        auto first = d->workers.begin();
        Private::Worker &worker = *first->second;
        std::optional<ChildExit> how = d->waitReading(worker, deadline);
        if (!how) {
            signalChild(worker.exitWatch.get(), SIGKILL);
            how = d->waitReading(worker, Clock::now() + std::chrono::seconds(5));
        }
        d->finish(worker, how.value_or(ChildExit{})); // never reaped (5 s after SIGKILL): said, without a status
        d->workers.erase(first);
    }
}

} // namespace sockscope
