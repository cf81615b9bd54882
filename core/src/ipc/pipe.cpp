#include "sockscope/ipc/pipe.h"

#include "sockscope/events/error.h"

#include <climits>
#include <fcntl.h>
#include <fstream>
#include <sys/socket.h>
#include <unistd.h>

namespace sockscope {
namespace {

ChannelEnd end(std::string name, int fd, bool reads, bool writes, bool messages, bool datagrams = false)
{
    ChannelEnd out;
    out.name = std::move(name);
    out.fd = UniqueFd(fd);
    out.reads = reads;
    out.writes = writes;
    out.messages = messages;
    out.datagrams = datagrams;
    return out;
}

int nativeType(SocketType type)
{
    switch (type) {
    case SocketType::Datagram: return SOCK_DGRAM;
    case SocketType::SeqPacket: return SOCK_SEQPACKET;
    case SocketType::Stream:
    case SocketType::Raw: break;
    }
    return SOCK_STREAM;
}

} // namespace

long pipeMaxCapacity()
{
    std::ifstream file("/proc/sys/fs/pipe-max-size");
    long value = 0;
    return file >> value ? value : 0;
}

long pipeCapacity(int fd)
{
    return ::fcntl(fd, F_GETPIPE_SZ);
}

std::unique_ptr<Channel> openPipe(Reactor &reactor, EventSink &events, int id, std::optional<long> capacity,
                                  std::error_code &error)
{
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) {
        error = lastSystemError();
        return nullptr;
    }
    UniqueFd read(ends[0]);
    UniqueFd write(ends[1]);
    std::error_code refused;
    if (capacity && ::fcntl(write.get(), F_SETPIPE_SZ, static_cast<int>(*capacity)) < 0)
        refused = lastSystemError();
    const long actual = pipeCapacity(write.get());
    auto channel = Channel::open(reactor, events, id, "pipe",
                                 {end("write", write.release(), false, true, false),
                                  end("read", read.release(), true, false, false)},
                                 error);
    if (!channel)
        return nullptr;
    Event created = channel->event(EventKind::IpcCreated);
    created.extra.emplace_back("kind", std::string("pipe"));
    created.extra.emplace_back("capacity", std::int64_t{actual});
    created.extra.emplace_back("pipe_buf", std::int64_t{PIPE_BUF});
    created.extra.emplace_back("max_capacity", std::int64_t{pipeMaxCapacity()});
    events.onEvent(created);
    if (refused) {
        Event failed = channel->event(EventKind::IpcFailed);
        failed.error = refused;
        failed.extra.emplace_back("operation", std::string("set-capacity"));
        failed.extra.emplace_back("requested", std::int64_t{*capacity});
        events.onEvent(failed);
    }
    return channel;
}

std::unique_ptr<Channel> openSocketPair(Reactor &reactor, EventSink &events, int id, SocketType type,
                                        std::error_code &error)
{
    int ends[2];
    if (::socketpair(AF_UNIX, nativeType(type) | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, ends) != 0) {
        error = lastSystemError();
        return nullptr;
    }
    const bool messages = type != SocketType::Stream;
    const bool datagrams = type == SocketType::Datagram;
    auto channel = Channel::open(reactor, events, id, "socketpair",
                                 {end("a", ends[0], true, true, messages, datagrams),
                                  end("b", ends[1], true, true, messages, datagrams)},
                                 error);
    if (!channel)
        return nullptr;
    Event created = channel->event(EventKind::IpcCreated);
    created.family = Family::Unix;
    created.socktype = type;
    created.extra.emplace_back("kind", std::string("socketpair"));
    events.onEvent(created);
    return channel;
}

} // namespace sockscope
