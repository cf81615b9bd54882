#include "sockscope/proc/child_process.h"

#include "sockscope/events/error.h"
#include "sockscope/ipc/quiet_write.h"
#include "sockscope/proc/background_reaper.h"
#include "sockscope/reactor/watched_fd.h"

#include <cerrno>
#include <csignal>
#include <deque>
#include <fcntl.h>
#include <unistd.h>

namespace sockscope {
namespace {

constexpr std::size_t kReadChunk = 65536;
constexpr int kReadsPerWakeUp = 16; // a chatty child cannot hold the loop

struct PipePair {
    UniqueFd read;
    UniqueFd write;
};

std::error_code makePipe(PipePair &out)
{
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0)
        return lastSystemError();
    out.read = UniqueFd(ends[0]);
    out.write = UniqueFd(ends[1]);
    return {};
}

void setNonblocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

} // namespace

struct ChildProcess::Private {
    Private(Reactor &reactor, EventSink &events, ExitCallback onExit)
        : reactor(reactor), events(events), onExit(std::move(onExit))
    {
    }

    Event event(EventKind kind) const
    {
        Event out = makeEvent(kind, reactor.now());
        out.pid = pid;
        return out;
    }
    Event dataEvent(const char *stream, const char *direction, const unsigned char *bytes, std::size_t size) const
    {
        Event out = event(EventKind::Data);
        out.bytes = size;
        out.payload = std::vector<unsigned char>(bytes, bytes + size);
        out.extra = {{"stream", std::string(stream)}, {"direction", std::string(direction)}};
        return out;
    }
    // Watches our ends of its three pipes. The child's ends close with the
    // PipePairs (ours were copies for it): its output ends when it, and
    // whatever it started, are done with them.
    std::error_code watchStreams(UniqueFd input, UniqueFd output, UniqueFd errors);
    // False once the pipe has ended (and is closed).
    bool readFrom(WatchedFd &pipe, const char *stream);
    void writeInput();
    void inputFailed(std::error_code error);
    void exitReady();

    Reactor &reactor;
    EventSink &events;
    ExitCallback onExit;
    int pid = -1;
    WatchedFd exitWatch; // the pidfd
    WatchedFd input;     // its standard input, our end
    WatchedFd output;
    WatchedFd errors;
    std::deque<std::vector<unsigned char>> queued;
    std::size_t offset = 0; // into queued.front()
    std::size_t queuedBytes = 0;
    std::function<void()> drained;
    bool inputClosing = false;
    bool reaped = false;
};

bool ChildProcess::Private::readFrom(WatchedFd &pipe, const char *stream)
{
    unsigned char buffer[kReadChunk];
    for (int round = 0; round < kReadsPerWakeUp; ++round) {
        const ssize_t got = ::read(pipe.get(), buffer, sizeof buffer);
        if (got > 0) {
            events.onEvent(dataEvent(stream, "in", buffer, static_cast<std::size_t>(got)));
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        pipe.reset(); // the end (or an error a pipe does not have): closed
        return false;
    }
    return true;
}

void ChildProcess::Private::inputFailed(std::error_code error)
{
    Event failed = event(EventKind::Data);
    failed.error = error;
    failed.extra = {{"stream", std::string("stdin")}, {"direction", std::string("out")}};
    events.onEvent(failed);
    queued.clear();
    queuedBytes = 0;
    input.reset();
}

void ChildProcess::Private::writeInput()
{
    while (!queued.empty() && input.valid()) {
        const std::vector<unsigned char> &chunk = queued.front();
        const ssize_t wrote = writeWithoutSigpipe(input.get(), chunk.data() + offset, chunk.size() - offset);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (wrote < 0) { // EPIPE: it closed its input
            inputFailed(lastSystemError());
            return;
        }
        events.onEvent(dataEvent("stdin", "out", chunk.data() + offset, static_cast<std::size_t>(wrote)));
        offset += static_cast<std::size_t>(wrote);
        queuedBytes -= static_cast<std::size_t>(wrote);
        if (offset == chunk.size()) {
            queued.pop_front();
            offset = 0;
        }
    }
    if (!input.valid())
        return;
    if (queued.empty() && inputClosing) {
        input.reset(); // EOF for the child
        return;
    }
    input.setInterest(queued.empty() ? Interest::None : Interest::Write);
    if (queued.empty() && drained)
        drained();
}

// Its pidfd says it ended: what it wrote before is in the pipes, so that
// is read first; then it is reaped and reported.
std::error_code ChildProcess::Private::watchStreams(UniqueFd in, UniqueFd out, UniqueFd err)
{
    for (int fd : {in.get(), out.get(), err.get()})
        setNonblocking(fd);
    Private *p = this;
    std::error_code error = WatchedFd::start(reactor, std::move(out), Interest::Read,
                                             [p](Readiness) { p->readFrom(p->output, "stdout"); }, output);
    if (!error)
        error = WatchedFd::start(reactor, std::move(err), Interest::Read,
                                 [p](Readiness) { p->readFrom(p->errors, "stderr"); }, errors);
    if (!error)
        error = WatchedFd::start(reactor, std::move(in), Interest::None, [p](Readiness) { p->writeInput(); }, input);
    return error;
}

void ChildProcess::Private::exitReady()
{
    const std::optional<ChildExit> how = reapChild(exitWatch.get());
    if (!how)
        return;
    if (output.valid())
        readFrom(output, "stdout");
    if (errors.valid())
        readFrom(errors, "stderr");
    reaped = true;
    exitWatch.reset();
    Event ended = event(EventKind::ChildExited);
    ended.status = how->status;
    ended.signal = how->signal;
    events.onEvent(ended);
    if (onExit)
        onExit(*how); // may destroy us: nothing after this
}

std::unique_ptr<ChildProcess> ChildProcess::start(Reactor &reactor, EventSink &events, ChildOptions options,
                                                  ExitCallback onExit, std::error_code &error)
{
    std::unique_ptr<ChildProcess> child(new ChildProcess);
    child->d = std::make_unique<Private>(reactor, events, std::move(onExit));
    Private &d = *child->d;
    const auto failed = [&](std::error_code why) -> std::unique_ptr<ChildProcess> {
        error = why;
        Event ended = makeEvent(EventKind::ChildExited, reactor.now());
        ended.error = why;
        ended.extra.emplace_back("argv", options.argv);
        events.onEvent(ended);
        return nullptr;
    };
    if (options.argv.empty() || options.argv.front().empty())
        return failed(std::make_error_code(std::errc::invalid_argument));
    PipePair in, out, err;
    UniqueFd devNull;
    SpawnRequest request;
    request.argv = options.argv;
    request.environment = options.environment;
    request.directory = options.daemon ? "/" : options.directory;
    request.newProcessGroup = options.newProcessGroup;
    request.newSession = options.daemon;
    if (options.daemon) {
        devNull = UniqueFd(::open("/dev/null", O_RDWR | O_CLOEXEC));
        if (!devNull)
            return failed(lastSystemError());
        request.descriptors = {{0, devNull.get()}, {1, devNull.get()}, {2, devNull.get()}};
    } else {
        for (PipePair *pipe : {&in, &out, &err}) {
            if (auto why = makePipe(*pipe))
                return failed(why);
        }
        request.descriptors = {{0, in.read.get()}, {1, out.write.get()}, {2, err.write.get()}};
    }
    auto spawned = spawnProcess(request);
    if (auto *why = std::get_if<std::error_code>(&spawned))
        return failed(*why);
    SpawnedProcess &process = std::get<SpawnedProcess>(spawned);
    d.pid = process.pid;
    Event started = d.event(EventKind::ChildStarted);
    started.extra.emplace_back("argv", options.argv);
    if (options.daemon)
        started.extra.emplace_back("daemon", true);
    events.onEvent(started);
    Private *p = &d;
    error = WatchedFd::start(reactor, std::move(process.pidfd), Interest::Read, [p](Readiness) { p->exitReady(); }, d.exitWatch);
    if (!error && !options.daemon)
        error = d.watchStreams(std::move(in.write), std::move(out.read), std::move(err.read));
    if (error) { // it cannot be followed: it must not run unseen (the destructor kills and reaps it)
        Event ended = d.event(EventKind::ChildExited);
        ended.error = error;
        events.onEvent(ended);
        return nullptr;
    }
    return child;
}

ChildProcess::~ChildProcess()
{
    if (!d || d->reaped || d->pid < 0)
        return;
    // It must not run on unseen: killed here, reaped off the loop thread.
    if (d->exitWatch.valid())
        signalChild(d->exitWatch.get(), SIGKILL);
    else
        ::kill(d->pid, SIGKILL); // unreaped, so the pid is still this child's
    d->exitWatch.reset();
    reapInBackground(d->pid);
}

bool ChildProcess::write(const unsigned char *data, std::size_t size)
{
    if (!d->input.valid() || d->inputClosing)
        return false;
    if (size == 0)
        return true;
    d->queued.emplace_back(data, data + size);
    d->queuedBytes += size;
    d->writeInput();
    return true;
}

std::size_t ChildProcess::queuedInput() const
{
    return d->queuedBytes;
}

void ChildProcess::onInputDrained(std::function<void()> callback)
{
    d->drained = std::move(callback);
}

void ChildProcess::setReadingOutput(bool on)
{
    for (WatchedFd *pipe : {&d->output, &d->errors}) {
        if (pipe->valid())
            pipe->setInterest(on ? Interest::Read : Interest::None);
    }
}

void ChildProcess::closeInput()
{
    d->inputClosing = true;
    if (d->input.valid())
        d->writeInput();
}

std::error_code ChildProcess::signal(int signal)
{
    if (!d->exitWatch.valid())
        return std::make_error_code(std::errc::no_such_process);
    return signalChild(d->exitWatch.get(), signal);
}

int ChildProcess::pid() const
{
    return d->pid;
}

bool ChildProcess::running() const
{
    return !d->reaped;
}

} // namespace sockscope
