#include "fd_pass_private.h"

#include "sockscope/events/error.h"

#include <fcntl.h>
#include <string>

// FdPass's life and public calls, its readiness, and the descriptor events
// both directions build. Sending is in fd_pass_send.cpp, receiving in
// fd_pass_receive.cpp, credentials in fd_pass_credentials.cpp.

namespace sockscope {

Event FdPass::Private::event(EventKind kind, TimePoint time, std::uint64_t message) const
{
    Event out = makeEvent(kind, time, options.target);
    out.extra.emplace_back("message", static_cast<std::int64_t>(message));
    return out;
}

void FdPass::Private::describeDescriptor(Event &out, ExtraWriter &fields, EventKind kind, TimePoint time,
                                         const DescriptorReport &report, const DescriptorIdentity *identity) const
{
    // Every field a previous report may have set is set again or cleared.
    out.kind = kind;
    out.time = time;
    out.target = options.target;
    out.bytes = report.bytes;
    out.error = {};
    out.socktype.reset();
    out.pid.reset();
    out.uid.reset();
    out.gid.reset();
    fields.put("message", static_cast<std::int64_t>(report.message));
    fields.put("index", static_cast<std::int64_t>(report.index));
    fields.put("count", static_cast<std::int64_t>(report.count));
    fields.put("fd", static_cast<std::int64_t>(report.shown));
    if (!identity)
        return;
    putDescriptorIdentity(fields, *identity);
    if (options.readDetails) {
        const DescriptorDetails details = readDescriptorDetails(report.fd, *identity);
        putDescriptorDetails(fields, details);
        out.socktype = details.socketType;
    }
}

Interest FdPass::Private::interest() const
{
    if (pending.empty())
        return options.receives ? Interest::Read : Interest::None;
    return options.receives ? Interest::ReadWrite : Interest::Write;
}

void FdPass::Private::updateInterest()
{
    if (socket.valid())
        socket.setInterest(interest());
}

void FdPass::Private::ready(Readiness readiness)
{
    AliveGuard guard(alive);
    if (readiness.writable) {
        flush(guard);
        if (guard.dead())
            return;
    }
    if (readiness.readable && socket.valid())
        receive(guard);
}

void FdPass::Private::peerClosed(std::error_code error, const AliveGuard &guard)
{
    closed = true;
    socket.reset();
    pending.clear(); // nobody will read them: our copies close
    Event ended = makeEvent(EventKind::IpcClosed, reactor.now(), options.target);
    ended.error = error;
    if (!error)
        ended.extra.emplace_back("reason", std::string("peer-closed"));
    emit(ended, guard);
}

std::unique_ptr<FdPass> FdPass::start(Reactor &reactor, EventSink &events, UniqueFd socket, FdPassOptions options,
                                      std::error_code &error)
{
    error.clear();
    if (options.controlSpace < 1 || options.controlSpace > kMaxDescriptorsPerMessage) {
        error = std::make_error_code(std::errc::invalid_argument);
        return nullptr;
    }
    int domain = 0;
    int type = 0;
    socklen_t length = sizeof domain;
    if (::getsockopt(socket.get(), SOL_SOCKET, SO_DOMAIN, &domain, &length) != 0) {
        error = lastSystemError(); // ENOTSOCK, EBADF
        return nullptr;
    }
    length = sizeof type;
    if (domain != AF_UNIX || ::getsockopt(socket.get(), SOL_SOCKET, SO_TYPE, &type, &length) != 0) {
        error = std::make_error_code(std::errc::address_family_not_supported);
        return nullptr;
    }
    const int flags = ::fcntl(socket.get(), F_GETFL);
    if (flags < 0 || ::fcntl(socket.get(), F_SETFL, flags | O_NONBLOCK) != 0) {
        error = lastSystemError();
        return nullptr;
    }
    const int on = 1;
    if (options.passCredentials && ::setsockopt(socket.get(), SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0) {
        error = lastSystemError();
        return nullptr;
    }
    std::unique_ptr<FdPass> pass(new FdPass);
    pass->d = std::make_unique<Private>(reactor, events, std::move(options));
    Private &d = *pass->d;
    d.socketType = type;
    d.peer = peerCredentials(socket.get());
    d.setUpReceiving();
    Private *p = &d;
    error = WatchedFd::start(reactor, std::move(socket), d.interest(), [p](Readiness r) { p->ready(r); }, d.socket);
    if (error)
        return nullptr;
    return pass;
}

FdPass::~FdPass()
{
    if (!d)
        return;
    *d->alive = false;
    d->socket.reset(); // unwatched and closed before anything it could report on goes
}

std::error_code FdPass::send(std::span<const int> descriptors, std::span<const unsigned char> bytes,
                             const std::optional<Credentials> &credentials)
{
    const FdPassMessage message{descriptors, bytes, credentials};
    return sendMessages(std::span<const FdPassMessage>(&message, 1));
}

std::error_code FdPass::sendMessages(std::span<const FdPassMessage> messages)
{
    AliveGuard guard(d->alive);
    return d->sendMessages(messages, guard);
}

std::size_t FdPass::queuedMessages() const
{
    return d->pending.size();
}

std::uint64_t FdPass::messagesSent() const
{
    return d->sent;
}

std::uint64_t FdPass::messagesReceived() const
{
    return d->received;
}

bool FdPass::closed() const
{
    return d->closed;
}

int FdPass::socket() const
{
    return d->socket.get();
}

const std::deque<ReceivedDescriptor> &FdPass::received() const
{
    return d->held;
}

UniqueFd FdPass::take(std::uint64_t message, int index)
{
    for (auto it = d->held.begin(); it != d->held.end(); ++it) {
        if (it->message == message && it->index == index) {
            UniqueFd fd = std::move(it->fd);
            d->held.erase(it);
            return fd;
        }
    }
    return UniqueFd();
}

void FdPass::closeReceived()
{
    d->held.clear();
}

} // namespace sockscope
