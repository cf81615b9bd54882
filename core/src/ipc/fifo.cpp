#include "sockscope/ipc/fifo.h"

#include "sockscope/events/error.h"

#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace sockscope {
namespace {

constexpr mode_t kFifoMode = 0600;

std::string privateDirectory(std::error_code &error)
{
    const char *base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/sockscope-fifo-XXXXXX";
    if (!::mkdtemp(pattern.data())) { // mode 0700
        error = lastSystemError();
        return {};
    }
    return pattern;
}

} // namespace

struct Fifo::Private {
    Private(Reactor &reactor, EventSink &events, int id) : reactor(reactor), events(events), id(id) {}

    Event event(EventKind kind, const char *end = nullptr) const
    {
        Event out = makeEvent(kind, reactor.now());
        out.path = path;
        out.extra.emplace_back("ipc", std::int64_t{id});
        if (end)
            out.extra.emplace_back("end", std::string(end));
        return out;
    }
    void opened(const char *end, UniqueFd fd, std::optional<Duration> waited);
    void failed(const char *end, std::error_code error);
    void joinChannel();

    Reactor &reactor;
    EventSink &events;
    int id;
    std::string path;
    std::string directory; // ours to remove, when we made one
    // The FIFO itself, held by an O_PATH descriptor: every open goes through
    // /proc/self/fd/N, so they all reach this FIFO whatever becomes of its
    // name (removed, replaced), and the destructor can always release a
    // writer waiting in open().
    UniqueFd node;
    std::string nodePath;
    UniqueFd reader;
    UniqueFd writer;
    std::thread waitingWriter;
    std::shared_ptr<UniqueFd> waitedFor; // what waitingWriter opened
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
    std::unique_ptr<Channel> channel;
};

Fifo::Fifo(std::unique_ptr<Private> p) : d(std::move(p)) {}

std::unique_ptr<Fifo> Fifo::create(Reactor &reactor, EventSink &events, int id, const std::string &path,
                                   std::error_code &error)
{
    auto d = std::make_unique<Private>(reactor, events, id);
    if (path.empty()) {
        d->directory = privateDirectory(error);
        if (error)
            return nullptr;
        d->path = d->directory + "/fifo";
    } else {
        d->path = path;
    }
    if (::mkfifo(d->path.c_str(), kFifoMode) != 0) {
        error = lastSystemError();
        if (!d->directory.empty())
            ::rmdir(d->directory.c_str());
        return nullptr;
    }
    d->node = UniqueFd(::open(d->path.c_str(), O_PATH | O_CLOEXEC));
    if (!d->node) {
        error = lastSystemError();
        ::unlink(d->path.c_str());
        if (!d->directory.empty())
            ::rmdir(d->directory.c_str());
        return nullptr;
    }
    d->nodePath = "/proc/self/fd/" + std::to_string(d->node.get());
    Event created = d->event(EventKind::IpcCreated);
    created.extra.emplace_back("kind", std::string("fifo"));
    created.extra.emplace_back("mode", std::int64_t{kFifoMode});
    events.onEvent(created);
    return std::unique_ptr<Fifo>(new Fifo(std::move(d)));
}

Fifo::~Fifo()
{
    *d->alive = false;
    if (d->waitingWriter.joinable()) {
        // Its open() returns once someone reads: be that reader.
        const UniqueFd release(::open(d->nodePath.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
        d->waitingWriter.join();
    }
    if (d->waitedFor)
        d->waitedFor->reset();
    d->channel.reset();
    ::unlink(d->path.c_str());
    if (!d->directory.empty())
        ::rmdir(d->directory.c_str());
    d->events.onEvent(d->event(EventKind::IpcRemoved));
}

const std::string &Fifo::path() const
{
    return d->path;
}

Channel *Fifo::channel()
{
    return d->channel.get();
}

void Fifo::openWriterNow()
{
    UniqueFd fd(::open(d->nodePath.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd) {
        d->failed("write", lastSystemError());
        return;
    }
    d->opened("write", std::move(fd), std::nullopt);
}

void Fifo::openWriterWaiting()
{
    if (d->waitingWriter.joinable() || d->writer)
        return;
    d->events.onEvent(d->event(EventKind::IpcWaiting, "write"));
    Private *p = d.get();
    const TimePoint started = d->reactor.now();
    // The descriptor the worker opens is kept here, not in the posted
    // function: if this Fifo goes first, its destructor closes it after the
    // join, whether or not the loop ever runs the function.
    d->waitedFor = std::make_shared<UniqueFd>();
    d->waitingWriter = std::thread([p, started, alive = d->alive, opened = d->waitedFor, path = d->nodePath] {
        opened->reset(::open(path.c_str(), O_WRONLY | O_CLOEXEC)); // blocks: the rendezvous
        const std::error_code error = *opened ? std::error_code() : lastSystemError();
        p->reactor.post([p, error, started, alive, opened] {
            if (!*alive)
                return;
            p->waitingWriter.join();
            if (error) {
                p->failed("write", error);
                return;
            }
            ::fcntl(opened->get(), F_SETFL, ::fcntl(opened->get(), F_GETFL) | O_NONBLOCK);
            p->opened("write", std::move(*opened), p->reactor.now() - started);
        });
    });
}

void Fifo::openReader()
{
    UniqueFd fd(::open(d->nodePath.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd) {
        d->failed("read", lastSystemError());
        return;
    }
    d->opened("read", std::move(fd), std::nullopt);
}

void Fifo::Private::opened(const char *end, UniqueFd fd, std::optional<Duration> waited)
{
    (std::string(end) == "read" ? reader : writer) = std::move(fd);
    if (reader && writer && !channel)
        joinChannel(); // first, so that whoever hears of the open can use both ends
    Event event = this->event(EventKind::IpcOpened, end);
    if (waited)
        event.elapsed = *waited;
    events.onEvent(event);
}

void Fifo::Private::failed(const char *end, std::error_code error)
{
    Event event = this->event(EventKind::IpcFailed, end);
    event.error = error;
    event.extra.emplace_back("operation", std::string("open"));
    events.onEvent(event);
}

void Fifo::Private::joinChannel()
{
    std::array<ChannelEnd, 2> ends;
    ends[0].name = "write";
    ends[0].fd = std::move(writer);
    ends[0].writes = true;
    ends[1].name = "read";
    ends[1].fd = std::move(reader);
    ends[1].reads = true;
    std::error_code error;
    channel = Channel::open(reactor, events, id, "fifo", std::move(ends), error);
    if (!channel)
        failed("read", error);
}

} // namespace sockscope
