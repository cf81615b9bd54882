#include "sockscope/ipc/channel.h"

#include "sockscope/events/error.h"
#include "sockscope/ipc/quiet_write.h"
#include "sockscope/reactor/watched_fd.h"

#include <algorithm>
#include <cerrno>
#include <deque>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace sockscope {
namespace {

constexpr std::size_t kStreamRead = 65536;
constexpr std::size_t kMessageRead = 256 * 1024; // above any socketpair's default SO_SNDBUF
constexpr int kReadsPerWakeUp = 16;              // a busy end cannot hold the loop

// No datagram is larger than its sender's SO_SNDBUF: for a pair of our
// own, the larger of the two ends' is room enough for any message.
std::size_t messageRoom(int fd)
{
    int sendBuffer = 0;
    socklen_t length = sizeof sendBuffer;
    if (::getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sendBuffer, &length) != 0 || sendBuffer < 0)
        return 0;
    return static_cast<std::size_t>(sendBuffer);
}

// A message end is read with MSG_TRUNC: a message larger than the buffer
// (from a peer outside the pair) then says its whole length, so the cut is
// reported rather than silent.
ssize_t readMessageOrBytes(int fd, bool messages, std::vector<unsigned char> &buffer)
{
    if (messages)
        return ::recv(fd, buffer.data(), buffer.size(), MSG_TRUNC);
    return ::read(fd, buffer.data(), buffer.size());
}

} // namespace

struct Channel::Private {
    struct End {
        std::string name;
        WatchedFd fd;
        bool reads = false;
        bool writes = false;
        bool messages = false;
        bool datagrams = false;
        std::deque<std::vector<unsigned char>> queue;
        std::size_t offset = 0; // into queue.front()
        std::size_t queued = 0;
    };

    Private(Reactor &reactor, EventSink &events, int id, std::string kind)
        : reactor(reactor), events(events), id(id), kind(std::move(kind))
    {
    }

    Interest interestOf(const End &end) const
    {
        const bool read = end.reads && reading;
        const bool write = !end.queue.empty();
        return read && write ? Interest::ReadWrite : read ? Interest::Read : write ? Interest::Write : Interest::None;
    }
    void updateInterest(int index) { ends[index].fd.setInterest(interestOf(ends[index])); }
    void ready(int index, Readiness readiness);
    // False once the end has been closed here (EOF or an error).
    bool readFrom(int index);
    void writeTo(int index);
    void fail(int index, const char *operation, std::error_code error);
    void close(int index, const char *reason);

    Reactor &reactor;
    EventSink &events;
    int id;
    std::string kind;
    std::array<End, 2> ends;
    bool reading = true;
    std::shared_ptr<bool> alive = std::make_shared<bool>(true); // a sink may destroy us mid-read
    std::vector<unsigned char> buffer;
    std::size_t messageRead = kMessageRead;
    Channel *self = nullptr;
};

Channel::Channel(std::unique_ptr<Private> p) : d(std::move(p)) {}

Channel::~Channel()
{
    *d->alive = false;
}

std::unique_ptr<Channel> Channel::open(Reactor &reactor, EventSink &events, int id, std::string kind,
                                       std::array<ChannelEnd, 2> ends, std::error_code &error)
{
    std::unique_ptr<Channel> channel(new Channel(std::make_unique<Private>(reactor, events, id, std::move(kind))));
    Private &d = *channel->d;
    d.self = channel.get();
    for (int index = 0; index < 2; ++index) {
        Private::End &end = d.ends[index];
        end.name = std::move(ends[index].name);
        end.reads = ends[index].reads;
        end.writes = ends[index].writes;
        end.messages = ends[index].messages;
        end.datagrams = ends[index].datagrams;
        if (end.messages)
            d.messageRead = std::max(d.messageRead, messageRoom(ends[index].fd.get()));
        Private *p = &d;
        error = WatchedFd::start(reactor, std::move(ends[index].fd), d.interestOf(end),
                                 [p, index](Readiness readiness) { p->ready(index, readiness); }, end.fd);
        if (error)
            return nullptr;
    }
    return channel;
}

void Channel::Private::ready(int index, Readiness readiness)
{
    const std::shared_ptr<bool> guard = alive;
    if (readiness.readable && !readFrom(index))
        return;
    if (*guard && readiness.writable)
        writeTo(index);
}

bool Channel::Private::readFrom(int index)
{
    const std::shared_ptr<bool> guard = alive;
    End &end = ends[index];
    buffer.resize(end.messages ? messageRead : kStreamRead);
    // `reading` is checked each time: a sink may ask to stop (backpressure).
    for (int reads = 0; reads < kReadsPerWakeUp && *guard && end.fd.valid() && reading; ++reads) {
        const ssize_t got = readMessageOrBytes(end.fd.get(), end.messages, buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (got < 0) { // said once: the end is read no more, or the error would come back at each wake-up
            end.reads = false;
            fail(index, "read", lastSystemError());
            return *guard && end.fd.valid();
        }
        if (got == 0 && !end.datagrams) {
            close(index, "eof");
            return false;
        }
        const std::size_t kept = std::min(static_cast<std::size_t>(got), buffer.size());
        Event data = self->event(EventKind::Data, index);
        data.bytes = kept;
        data.payload = std::vector<unsigned char>(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(kept));
        data.extra.emplace_back("direction", std::string("in"));
        if (kept < static_cast<std::size_t>(got)) {
            data.extra.emplace_back("data_truncated", true);
            data.extra.emplace_back("message_bytes", static_cast<std::int64_t>(got));
        }
        events.onEvent(data);
    }
    return *guard && end.fd.valid();
}

void Channel::Private::writeTo(int index)
{
    const std::shared_ptr<bool> guard = alive;
    End &end = ends[index];
    while (*guard && end.fd.valid() && !end.queue.empty()) {
        const std::vector<unsigned char> &chunk = end.queue.front();
        const ssize_t wrote = writeWithoutSigpipe(end.fd.get(), chunk.data() + end.offset, chunk.size() - end.offset);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS))
            break;
        if (wrote < 0) {
            const std::error_code error = lastSystemError();
            end.queue.clear();
            end.offset = 0;
            end.queued = 0;
            fail(index, "write", error);
            return;
        }
        Event data = self->event(EventKind::Data, index);
        data.bytes = static_cast<std::uint64_t>(wrote);
        data.payload = std::vector<unsigned char>(chunk.begin() + static_cast<std::ptrdiff_t>(end.offset),
                                                  chunk.begin() + static_cast<std::ptrdiff_t>(end.offset) + wrote);
        data.extra.emplace_back("direction", std::string("out"));
        end.offset += static_cast<std::size_t>(wrote);
        end.queued -= static_cast<std::size_t>(wrote);
        if (end.offset == end.queue.front().size()) {
            end.queue.pop_front();
            end.offset = 0;
        }
        events.onEvent(data);
    }
    if (*guard && end.fd.valid())
        updateInterest(index);
}

void Channel::Private::fail(int index, const char *operation, std::error_code error)
{
    Event failed = self->event(EventKind::IpcFailed, index);
    failed.error = error;
    failed.extra.emplace_back("operation", std::string(operation));
    if (ends[index].fd.valid())
        updateInterest(index);
    events.onEvent(failed);
}

void Channel::Private::close(int index, const char *reason)
{
    End &end = ends[index];
    end.fd.reset();
    end.queue.clear();
    end.offset = 0;
    end.queued = 0;
    Event closed = self->event(EventKind::IpcClosed, index);
    closed.extra.emplace_back("reason", std::string(reason));
    events.onEvent(closed);
}

int Channel::id() const { return d->id; }
const std::string &Channel::kind() const { return d->kind; }
const std::string &Channel::endName(int end) const { return d->ends[end].name; }
int Channel::fd(int end) const { return d->ends[end].fd.get(); }
bool Channel::isOpen(int end) const { return d->ends[end].fd.valid(); }
bool Channel::writes(int end) const { return d->ends[end].writes; }
std::size_t Channel::queued(int end) const { return d->ends[end].queued; }

bool Channel::write(int end, const unsigned char *data, std::size_t size)
{
    Private::End &target = d->ends[end];
    if (!target.writes || !target.fd.valid())
        return false;
    if (size == 0)
        return true;
    target.queue.emplace_back(data, data + size);
    target.queued += size;
    d->writeTo(end); // at once where the kernel takes it, as a person expects
    return true;
}

void Channel::closeEnd(int end)
{
    if (d->ends[end].fd.valid())
        d->close(end, "local");
}

void Channel::setReading(bool reading)
{
    d->reading = reading;
    for (int index = 0; index < 2; ++index) {
        if (d->ends[index].fd.valid())
            d->updateInterest(index);
    }
}

Event Channel::event(EventKind kind, int end) const
{
    Event out = makeEvent(kind, d->reactor.now());
    out.extra.emplace_back("ipc", std::int64_t{d->id});
    if (end >= 0)
        out.extra.emplace_back("end", d->ends[end].name);
    return out;
}

} // namespace sockscope
