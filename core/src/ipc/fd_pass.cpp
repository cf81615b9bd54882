#include "sockscope/ipc/fd_pass.h"

#include "sockscope/events/error.h"
#include "sockscope/reactor/watched_fd.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace sockscope {
namespace {

// One recvmmsg reads up to this many messages: one system call for a
// burst, which pays for the fstat each descriptor costs.
constexpr std::size_t kBatch = 16;
// Room for one message's data. A datagram longer than this is cut
// (MSG_TRUNC, said as `data_truncated`); a stream just goes on.
constexpr std::size_t kDataPerMessage = 65536;
constexpr int kBatchesPerWakeUp = 4; // a busy sender cannot hold the loop
const unsigned char kFillerByte = 0; // IO::FDPass sends one byte too

std::size_t controlLength(std::size_t descriptors, bool credentials)
{
    // CMSG_LEN, not CMSG_SPACE, for the descriptors: CMSG_SPACE rounds up
    // and would make room for one more than asked. The kernel puts the
    // credentials first (scm_recv), then as many descriptors as fit.
    return (credentials ? CMSG_SPACE(sizeof(ucred)) : 0) + CMSG_LEN(descriptors * sizeof(int));
}

// Held by whoever runs code that emits events: the FdPass's destructor
// clears the flag they share, so that code stops touching what is gone.
class AliveGuard {
public:
    explicit AliveGuard(const std::shared_ptr<bool> &alive) : alive_(alive) {}
    bool dead() const { return !*alive_; }

private:
    std::shared_ptr<bool> alive_;
};

// A message the socket could not take yet: its descriptors duplicated, so
// the caller's may close meanwhile.
struct Pending {
    std::uint64_t message = 0;
    std::vector<UniqueFd> descriptors;
    std::vector<int> callerNumbers; // as the caller named them, for the events
    std::vector<DescriptorIdentity> identities;
    std::vector<unsigned char> bytes;
    std::size_t offset = 0;
    std::optional<Credentials> credentials;
    bool controlSent = false; // a stream took part of it: the rest is data only
};

ssize_t sendMessage(int socket, std::span<const int> descriptors, const unsigned char *data, std::size_t size,
                    const std::optional<Credentials> &credentials)
{
    alignas(cmsghdr) unsigned char control[CMSG_SPACE(sizeof(ucred)) +
                                           CMSG_SPACE(FdPass::kMaxDescriptorsPerMessage * sizeof(int))];
    iovec vector{const_cast<unsigned char *>(data), size};
    msghdr message{};
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    std::size_t used = 0;
    if (credentials) {
        auto *header = reinterpret_cast<cmsghdr *>(control);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_CREDENTIALS;
        header->cmsg_len = CMSG_LEN(sizeof(ucred));
        const ucred claimed{credentials->pid, static_cast<uid_t>(credentials->uid),
                            static_cast<gid_t>(credentials->gid)};
        std::memcpy(CMSG_DATA(header), &claimed, sizeof claimed);
        used += CMSG_SPACE(sizeof(ucred));
    }
    if (!descriptors.empty()) {
        auto *header = reinterpret_cast<cmsghdr *>(control + used);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(descriptors.size() * sizeof(int));
        std::memcpy(CMSG_DATA(header), descriptors.data(), descriptors.size() * sizeof(int));
        used += CMSG_SPACE(descriptors.size() * sizeof(int));
    }
    if (used > 0) {
        message.msg_control = control;
        message.msg_controllen = used;
    }
    ssize_t wrote;
    do
        wrote = ::sendmsg(socket, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    while (wrote < 0 && errno == EINTR);
    return wrote;
}

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK;
}

} // namespace

Credentials ownCredentials()
{
    return Credentials{static_cast<int>(::getpid()), static_cast<int>(::getuid()), static_cast<int>(::getgid())};
}

std::optional<Credentials> peerCredentials(int socket)
{
    ucred peer{};
    socklen_t length = sizeof peer;
    if (::getsockopt(socket, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0)
        return std::nullopt;
    return Credentials{peer.pid, static_cast<int>(peer.uid), static_cast<int>(peer.gid)};
}

struct FdPass::Private {
    Private(Reactor &reactor, EventSink &events, FdPassOptions options)
        : reactor(reactor), events(events), options(std::move(options))
    {
    }

    Event event(EventKind kind, TimePoint time, std::uint64_t message) const
    {
        Event out = makeEvent(kind, time, options.target);
        out.extra.emplace_back("message", static_cast<std::int64_t>(message));
        return out;
    }
    // False when the sink destroyed us while it was told.
    bool emit(const Event &event, const AliveGuard &guard)
    {
        events.onEvent(event);
        return !guard.dead();
    }
    // Without the identity (identifySent off).
    Event anonymousEvent(EventKind kind, TimePoint time, std::uint64_t message, std::size_t index, std::size_t count,
                         int shown, std::size_t bytes) const;
    // `shown` is the number the event names; details are read from `fd`.
    Event descriptorEvent(EventKind kind, TimePoint time, std::uint64_t message, std::size_t index,
                          std::size_t count, int shown, int fd, const DescriptorIdentity &identity,
                          std::size_t bytes) const;

    void setUpReceiving();
    std::error_code send(std::span<const int> descriptors, std::span<const unsigned char> bytes,
                         const std::optional<Credentials> &credentials, const AliveGuard &guard);
    std::error_code queue(std::uint64_t message, std::span<const int> descriptors, std::span<const unsigned char> bytes,
                          const std::optional<Credentials> &credentials);
    bool reportSent(std::uint64_t message, std::span<const int> shown, std::span<const int> sentFrom,
                    std::span<const DescriptorIdentity> sentIdentities, std::size_t bytes,
                    const std::optional<Credentials> &credentials, const AliveGuard &guard);
    bool sendFailed(std::uint64_t message, std::error_code error, const AliveGuard &guard);
    void flush(const AliveGuard &guard);
    void ready(Readiness readiness);
    void receive(const AliveGuard &guard);
    bool receivedMessage(const msghdr &header, std::size_t length, TimePoint now, const AliveGuard &guard);
    bool reportCredentials(const ucred &claimed, std::uint64_t message, TimePoint now, const AliveGuard &guard);
    bool reportDescriptors(std::span<int> descriptors, std::uint64_t message, std::size_t bytes, bool cut,
                           TimePoint now, const AliveGuard &guard);
    void peerClosed(std::error_code error, const AliveGuard &guard);
    void updateInterest();

    Reactor &reactor;
    EventSink &events;
    FdPassOptions options;
    int socketType = SOCK_STREAM;
    std::optional<Credentials> peer; // SO_PEERCRED, read once: it never changes
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
    bool closed = false;
    std::shared_ptr<bool> alive = std::make_shared<bool>(true); // false once the FdPass is destroyed
    std::deque<Pending> pending;
    std::deque<ReceivedDescriptor> held;
    std::vector<DescriptorIdentity> identities; // scratch for send()
    // recvmmsg's headers and buffers, set up once.
    std::array<mmsghdr, kBatch> headers{};
    std::array<iovec, kBatch> vectors{};
    std::unique_ptr<unsigned char[]> data; // untouched until the kernel writes: no cost for room unused
    std::vector<cmsghdr> control;          // cmsghdr elements keep every slot aligned
    std::size_t controlStride = 0;         // bytes, a multiple of sizeof(cmsghdr)
    std::size_t controlBytes = 0;          // msg_controllen: exactly the room asked for
    WatchedFd socket;                      // last: unwatched and closed first (see ~FdPass)
};

void FdPass::Private::setUpReceiving()
{
    controlBytes = controlLength(options.controlSpace, options.passCredentials);
    const std::size_t slots = (controlBytes + sizeof(cmsghdr) - 1) / sizeof(cmsghdr);
    controlStride = slots * sizeof(cmsghdr);
    control.resize(slots * kBatch);
    data.reset(new unsigned char[kBatch * kDataPerMessage]);
    for (std::size_t k = 0; k < kBatch; ++k) {
        vectors[k] = iovec{data.get() + k * kDataPerMessage, kDataPerMessage};
        headers[k].msg_hdr.msg_iov = &vectors[k];
        headers[k].msg_hdr.msg_iovlen = 1;
        headers[k].msg_hdr.msg_control = control.data() + k * slots;
    }
}

Event FdPass::Private::anonymousEvent(EventKind kind, TimePoint time, std::uint64_t message, std::size_t index,
                                      std::size_t count, int shown, std::size_t bytes) const
{
    Event out = makeEvent(kind, time, options.target);
    out.bytes = bytes;
    out.extra.reserve(4);
    out.extra.emplace_back("message", static_cast<std::int64_t>(message));
    out.extra.emplace_back("index", static_cast<std::int64_t>(index));
    out.extra.emplace_back("count", static_cast<std::int64_t>(count));
    out.extra.emplace_back("fd", static_cast<std::int64_t>(shown));
    return out;
}

Event FdPass::Private::descriptorEvent(EventKind kind, TimePoint time, std::uint64_t message, std::size_t index,
                                       std::size_t count, int shown, int fd, const DescriptorIdentity &identity,
                                       std::size_t bytes) const
{
    Event out = makeEvent(kind, time, options.target);
    out.bytes = bytes;
    out.extra.reserve(options.readDetails ? 12 : 8);
    out.extra.emplace_back("message", static_cast<std::int64_t>(message));
    out.extra.emplace_back("index", static_cast<std::int64_t>(index));
    out.extra.emplace_back("count", static_cast<std::int64_t>(count));
    out.extra.emplace_back("fd", static_cast<std::int64_t>(shown));
    putDescriptorIdentity(out, identity);
    if (options.readDetails)
        putDescriptorDetails(out, readDescriptorDetails(fd, identity));
    return out;
}

bool FdPass::Private::reportSent(std::uint64_t message, std::span<const int> shown, std::span<const int> sentFrom,
                                 std::span<const DescriptorIdentity> sentIdentities, std::size_t bytes,
                                 const std::optional<Credentials> &credentials, const AliveGuard &guard)
{
    const TimePoint now = reactor.now();
    for (std::size_t i = 0; i < shown.size(); ++i) {
        // Details are read from what was sent (the caller's or our duplicate: the same open file).
        Event sentEvent = options.identifySent
                              ? descriptorEvent(EventKind::DescriptorSent, now, message, i, shown.size(), shown[i],
                                                sentFrom[i], sentIdentities[i], bytes)
                              : anonymousEvent(EventKind::DescriptorSent, now, message, i, shown.size(), shown[i], bytes);
        if (credentials) {
            sentEvent.pid = credentials->pid;
            sentEvent.uid = credentials->uid;
            sentEvent.gid = credentials->gid;
        }
        if (!emit(sentEvent, guard))
            return false;
    }
    return true;
}

bool FdPass::Private::sendFailed(std::uint64_t message, std::error_code error, const AliveGuard &guard)
{
    Event failed = event(EventKind::IpcFailed, reactor.now(), message);
    failed.error = error;
    failed.extra.emplace_back("op", std::string("send"));
    return emit(failed, guard);
}

std::error_code FdPass::Private::queue(std::uint64_t message, std::span<const int> descriptors,
                                       std::span<const unsigned char> bytes,
                                       const std::optional<Credentials> &credentials)
{
    Pending later;
    later.message = message;
    later.descriptors.reserve(descriptors.size());
    for (const int fd : descriptors) {
        UniqueFd copy(::fcntl(fd, F_DUPFD_CLOEXEC, 0));
        if (!copy)
            return lastSystemError(); // EMFILE: nothing queued, and our copies close
        later.descriptors.push_back(std::move(copy));
    }
    later.callerNumbers.assign(descriptors.begin(), descriptors.end());
    later.identities.assign(identities.begin(), identities.end());
    later.bytes.assign(bytes.begin(), bytes.end());
    later.credentials = credentials;
    pending.push_back(std::move(later));
    updateInterest();
    return {};
}

std::error_code FdPass::Private::send(std::span<const int> descriptors, std::span<const unsigned char> bytes,
                                      const std::optional<Credentials> &credentials, const AliveGuard &guard)
{
    if (descriptors.size() > kMaxDescriptorsPerMessage)
        return std::make_error_code(std::errc::invalid_argument);
    if (closed || !socket.valid())
        return std::make_error_code(std::errc::not_connected);
    identities.resize(descriptors.size());
    for (std::size_t i = 0; i < descriptors.size(); ++i) {
        // Without the identity, the kernel's own EBADF says a descriptor is not open.
        if (options.identifySent) {
            if (std::error_code error = readDescriptorIdentity(descriptors[i], identities[i]))
                return error;
        }
    }
    if (bytes.empty())
        bytes = std::span<const unsigned char>(&kFillerByte, 1);
    // Numbered: a message with something to show (data alone has no event).
    const bool numbered = !descriptors.empty() || credentials;
    const std::uint64_t message = sent;
    const ssize_t wrote = pending.empty() // else behind others: order is kept
                              ? sendMessage(socket.get(), descriptors, bytes.data(), bytes.size(), credentials)
                              : -1;
    if (wrote < 0 && (!pending.empty() || wouldBlock(errno))) {
        std::error_code error = queue(message, descriptors, bytes, credentials);
        if (!error && numbered)
            ++sent;
        return error;
    }
    if (numbered)
        ++sent;
    if (wrote < 0) {
        const std::error_code error = lastSystemError();
        sendFailed(message, error, guard);
        return error;
    }
    if (!reportSent(message, descriptors, descriptors, identities, bytes.size(), credentials, guard))
        return {};
    if (static_cast<std::size_t>(wrote) < bytes.size()) { // a stream took part: the rest follows, data only
        Pending rest;
        rest.message = message;
        rest.bytes.assign(bytes.begin(), bytes.end());
        rest.offset = static_cast<std::size_t>(wrote);
        rest.controlSent = true;
        pending.push_back(std::move(rest));
        updateInterest();
    }
    return {};
}

void FdPass::Private::flush(const AliveGuard &guard)
{
    while (!pending.empty() && socket.valid()) {
        Pending &front = pending.front();
        std::array<int, kMaxDescriptorsPerMessage> numbers{};
        std::span<const int> descriptors;
        if (!front.controlSent) {
            for (std::size_t i = 0; i < front.descriptors.size(); ++i)
                numbers[i] = front.descriptors[i].get();
            descriptors = std::span<const int>(numbers.data(), front.descriptors.size());
        }
        const ssize_t wrote = sendMessage(socket.get(), descriptors, front.bytes.data() + front.offset,
                                          front.bytes.size() - front.offset,
                                          front.controlSent ? std::nullopt : front.credentials);
        if (wrote < 0 && wouldBlock(errno))
            break;
        if (wrote < 0) {
            const std::error_code error = lastSystemError();
            const std::uint64_t message = front.message;
            pending.pop_front();
            if (!sendFailed(message, error, guard))
                return;
            continue;
        }
        front.offset += static_cast<std::size_t>(wrote);
        if (!front.controlSent) {
            front.controlSent = true;
            if (!reportSent(front.message, front.callerNumbers, descriptors, front.identities, front.bytes.size(),
                            front.credentials, guard))
                return;
            front.descriptors.clear(); // in flight now: our copies close
        }
        if (front.offset == front.bytes.size())
            pending.pop_front();
    }
    updateInterest();
}

void FdPass::Private::updateInterest()
{
    if (socket.valid())
        socket.setInterest(pending.empty() ? Interest::Read : Interest::ReadWrite);
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

void FdPass::Private::receive(const AliveGuard &guard)
{
    for (int round = 0; round < kBatchesPerWakeUp; ++round) {
        for (mmsghdr &header : headers) {
            header.msg_hdr.msg_controllen = controlBytes;
            header.msg_hdr.msg_flags = 0;
        }
        const int got = ::recvmmsg(socket.get(), headers.data(), kBatch, MSG_CMSG_CLOEXEC, nullptr);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && wouldBlock(errno))
            return;
        if (got < 0) { // ECONNRESET: the peer went with our data unread
            peerClosed(lastSystemError(), guard);
            return;
        }
        const TimePoint now = reactor.now();
        for (int k = 0; k < got; ++k) {
            if (!receivedMessage(headers[k].msg_hdr, headers[k].msg_len, now, guard))
                return;
        }
        if (static_cast<std::size_t>(got) < kBatch)
            return;
    }
}

// False once we are gone or closed.
bool FdPass::Private::receivedMessage(const msghdr &header, std::size_t length, TimePoint now, const AliveGuard &guard)
{
    // A datagram socket has no end; on the others, nothing at all is it.
    if (length == 0 && header.msg_controllen == 0 && socketType != SOCK_DGRAM) {
        peerClosed({}, guard);
        return false;
    }
    if (header.msg_controllen == 0 && !(header.msg_flags & MSG_CTRUNC))
        return true; // data only: nothing to show (a stream may have glued several such writes)
    const std::uint64_t message = received++;
    std::optional<ucred> claimed;
    std::array<int, kMaxDescriptorsPerMessage> descriptors; // filled from the control data below
    std::size_t count = 0;
    for (cmsghdr *c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(const_cast<msghdr *>(&header), c)) {
        if (c->cmsg_level != SOL_SOCKET)
            continue;
        if (c->cmsg_type == SCM_RIGHTS) {
            const std::size_t more = std::min((c->cmsg_len - CMSG_LEN(0)) / sizeof(int), descriptors.size() - count);
            std::memcpy(descriptors.data() + count, CMSG_DATA(c), more * sizeof(int));
            count += more;
        } else if (c->cmsg_type == SCM_CREDENTIALS && c->cmsg_len >= CMSG_LEN(sizeof(ucred))) {
            ucred value{};
            std::memcpy(&value, CMSG_DATA(c), sizeof value);
            claimed = value;
        }
    }
    const std::span<int> arrived(descriptors.data(), count);
    if (claimed && !reportCredentials(*claimed, message, now, guard)) {
        for (const int fd : arrived)
            ::close(fd);
        return false;
    }
    if (!reportDescriptors(arrived, message, length, (header.msg_flags & MSG_TRUNC) != 0, now, guard))
        return false;
    if (header.msg_flags & MSG_CTRUNC) {
        // The kernel closed what did not fit: only the count is left to say.
        Event truncated = event(EventKind::ControlTruncated, now, message);
        truncated.extra.emplace_back("received", static_cast<std::int64_t>(count));
        truncated.extra.emplace_back("control_space", static_cast<std::int64_t>(options.controlSpace));
        if (!emit(truncated, guard))
            return false;
    }
    return socket.valid();
}

bool FdPass::Private::reportCredentials(const ucred &claimed, std::uint64_t message, TimePoint now,
                                        const AliveGuard &guard)
{
    Event credentials = event(EventKind::CredentialsReceived, now, message);
    credentials.pid = claimed.pid;
    credentials.uid = static_cast<int>(claimed.uid);
    credentials.gid = static_cast<int>(claimed.gid);
    if (peer) {
        credentials.extra.emplace_back("peer_pid", static_cast<std::int64_t>(peer->pid));
        credentials.extra.emplace_back("peer_uid", static_cast<std::int64_t>(peer->uid));
        credentials.extra.emplace_back("peer_gid", static_cast<std::int64_t>(peer->gid));
        const Credentials said{claimed.pid, static_cast<int>(claimed.uid), static_cast<int>(claimed.gid)};
        credentials.extra.emplace_back("agree", said == *peer);
    }
    return emit(credentials, guard);
}

bool FdPass::Private::reportDescriptors(std::span<int> descriptors, std::uint64_t message, std::size_t bytes,
                                        bool cut, TimePoint now, const AliveGuard &guard)
{
    for (std::size_t i = 0; i < descriptors.size(); ++i) {
        UniqueFd fd(descriptors[i]); // ours from here on, whatever happens below
        DescriptorIdentity identity;
        const std::error_code unknown = readDescriptorIdentity(fd.get(), identity);
        Event arrived = descriptorEvent(EventKind::DescriptorReceived, now, message, i, descriptors.size(), fd.get(),
                                        fd.get(), identity, bytes);
        arrived.error = unknown;
        if (cut)
            arrived.extra.emplace_back("data_truncated", true);
        if (options.keepReceived) // held before it is told: the sink may take() it at once
            held.push_back(ReceivedDescriptor{std::move(fd), identity, message, static_cast<int>(i)});
        if (!emit(arrived, guard)) {
            for (std::size_t j = i + 1; j < descriptors.size(); ++j)
                ::close(descriptors[j]);
            return false;
        }
    }
    return true;
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
    error = WatchedFd::start(reactor, std::move(socket), Interest::Read, [p](Readiness r) { p->ready(r); }, d.socket);
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
    AliveGuard guard(d->alive);
    return d->send(descriptors, bytes, credentials, guard);
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
