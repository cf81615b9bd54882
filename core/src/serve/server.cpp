#include "sockscope/serve/server.h"

#include "sockscope/connect/stream_session.h"
#include "sockscope/events/error.h"
#include "sockscope/procnet/peer_owner_lookup.h"
#include "sockscope/reactor/watched_fd.h"
#include "sockscope/serve/behaviour.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <map>
#include <sys/socket.h>
#include <unistd.h>
#include <unordered_map>

namespace sockscope {
namespace {

using namespace std::chrono_literals;

constexpr int kAcceptsPerWakeUp = 64;   // one busy listener cannot hold the loop
constexpr int kDatagramsPerWakeUp = 256;
constexpr unsigned kDatagramBatch = 16; // one recvmmsg() call
constexpr std::size_t kDatagramBuffer = 65536; // the largest datagram, truncated_bytes beyond
constexpr Duration kAcceptRetry = 100ms; // out of descriptors: try again after this
constexpr Duration kDatagramIdle = 30s;  // a datagram peer without --idle-timeout
constexpr std::size_t kNameCacheSize = 4096; // addresses whose names are kept for the run

// Linux 6.5; Debian 12's headers (6.1) lack it.
#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77
#endif

// A Unix peer's process, beyond SO_PEERCRED's pid (which a new process may
// have taken by the time anyone looks): SO_PEERPIDFD pins the process
// itself, and its name is read while the pidfd still says it lives. A
// kernel without it (Debian 12's 6.1: ENOPROTOOPT) is said, not hidden.
void describeUnixPeerProcess(int fd, int pid, Event &event)
{
    int pidfd = -1;
    socklen_t length = sizeof pidfd;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &pidfd, &length) != 0) {
        event.extra.emplace_back("pidfd_error", lastSystemError());
    } else {
        UniqueFd pinned(pidfd);
        event.extra.emplace_back("pidfd", true);
    }
    std::FILE *comm = std::fopen(("/proc/" + std::to_string(pid) + "/comm").c_str(), "re");
    if (!comm)
        return;
    char name[64] = {};
    if (std::fgets(name, sizeof name, comm)) {
        std::string process(name);
        while (!process.empty() && process.back() == '\n')
            process.pop_back();
        event.extra.emplace_back("process", process);
    }
    std::fclose(comm);
}

// An IPv4 peer of a dual-stack IPv6 socket, as the IPv4 address it is.
SocketAddress unmapped(const SocketAddress &address)
{
    const std::string host = address.host();
    if (address.family() == Family::Inet6 && host.rfind("::ffff:", 0) == 0 && host.find('.') != std::string::npos) {
        if (auto plain = SocketAddress::fromNumeric(host.substr(7), address.port()))
            return *plain;
    }
    return address;
}

std::optional<SocketAddress> addressOf(const sockaddr_storage &storage, socklen_t length)
{
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
}

} // namespace

// Peer numbers are unique in the run (DESIGN.md), across all its servers:
// the window runs several into one log.
namespace {
std::atomic<std::uint64_t> nextPeer{1};
} // namespace

std::uint64_t nextPeerId()
{
    return nextPeer++;
}

void continuePeerIdsFrom(std::uint64_t next)
{
    nextPeer = std::max<std::uint64_t>(nextPeer, next);
}

std::vector<std::string> workerCommand(const ServerConfig &config)
{
    const auto idleMs = std::chrono::duration_cast<std::chrono::milliseconds>(config.idleTimeout).count();
    std::vector<std::string> argv = {config.workerProgram,
                                     "__serve-worker",
                                     config.behaviour,
                                     "--mode",
                                     std::string(serverModelName(config.model)),
                                     "--max-peers",
                                     std::to_string(config.maxPeers),
                                     "--idle-timeout",
                                     std::to_string(idleMs)};
    if (!config.reverseNames)
        argv.emplace_back("--no-names");
    if (config.lookUpOwners)
        argv.emplace_back("--owners");
    if (config.forwardTo)
        argv.insert(argv.end(), {"--to", config.forwardToText});
    return argv;
}

struct Server::Private {
    struct Endpoint {
        ListeningSocket socket; // its descriptor lives in `watch`
        WatchedFd watch;
        bool datagram = false;
        std::vector<unsigned char> buffers; // datagram: kDatagramBatch of kDatagramBuffer, made at the first
    };

    class StreamPeer;
    class DatagramPeer;

    Private(Reactor &reactor, EventSink &events, ServerConfig config)
        : reactor(reactor), events(events), config(std::move(config)), started(reactor.now())
    {
        context.reactor = &reactor;
        context.events = &events;
        context.forwardTo = this->config.forwardTo;
        context.forwardToText = this->config.forwardToText;
        context.stats = [this] { return stats(); };
        context.linger = [this](std::unique_ptr<StreamSession> session, std::unique_ptr<EventSink> sink) {
            linger(std::move(session), std::move(sink));
        };
    }

    Event event(EventKind kind) const { return makeEvent(kind, reactor.now()); }
    void serverError(const std::string &step, std::error_code error, const SocketAddress *where = nullptr);
    void acceptReady(Endpoint &endpoint);
    void accepted(const SocketAddress &listenAddress, UniqueFd fd, const SocketAddress &from);
    void pauseAccepting(std::error_code error);
    void datagramReady(Endpoint &endpoint);
    void datagramArrived(Endpoint &endpoint, const SocketAddress &from, const unsigned char *data, std::size_t size,
                         std::size_t truncatedBytes);
    DatagramPeer *datagramPeer(Endpoint &endpoint, const SocketAddress &from);
    bool full() const
    {
        const std::size_t forked = config.model == ServerModel::Fork && pool ? pool->running() : 0;
        return streams.size() + datagrams.size() + forked >= config.maxPeers;
    }
    bool listen(std::vector<ListeningSocket> sockets);
    void closePeers(const std::string &reason);
    void refuse(const SocketAddress &from);
    void teardown();
    ServerStats stats() const;
    PeerChannel *channel(std::uint64_t id);
    Behaviour *behaviourOf(std::uint64_t id);
    PeerIdentity *identityOf(std::uint64_t id);
    void lookUpName(PeerIdentity &identity);
    void nameArrived(const std::string &host, const ReverseResult &result);
    void giveName(std::uint64_t id, const ReverseResult &result);
    void closeLater(std::uint64_t id);
    void linger(std::unique_ptr<StreamSession> session, std::unique_ptr<EventSink> sink);
    // What peers are looked up with: names (and the forwarder's targets), owners.
    void startLookups()
    {
        if (config.reverseNames || config.forwardTo) {
            resolver = std::make_unique<Resolver>(reactor);
            context.resolver = resolver.get();
        }
        if (config.lookUpOwners)
            owners = std::make_unique<PeerOwnerLookup>(reactor);
    }
    void lookUpOwner(std::uint64_t id, const SocketAddress &local, const SocketAddress &remote);
    void ownerFound(std::uint64_t id, const PeerOwner &owner);

    Reactor &reactor;
    EventSink &events;
    ServerConfig config;
    std::vector<std::unique_ptr<Endpoint>> endpoints;
    std::map<std::uint64_t, std::unique_ptr<StreamPeer>> streams;
    std::map<std::uint64_t, std::unique_ptr<DatagramPeer>> datagrams;
    std::map<std::string, std::uint64_t> datagramIds; // "endpoint|address" -> peer

    TimePoint started;
    BehaviourContext context;
    std::unique_ptr<Resolver> resolver; // names of peers, the forwarder's lookups
    std::unique_ptr<WorkerPool> pool;   // fork and prefork
    std::unique_ptr<PeerOwnerLookup> owners; // lookUpOwners
    std::map<std::uint64_t, std::uint64_t> ownerInodes; // peer -> its socket's inode, forgotten when it closes
    std::unordered_map<std::string, ReverseResult> names; // by address
    std::unordered_map<std::string, std::vector<std::uint64_t>> naming; // address -> peers waiting for it
    std::uint64_t acceptedCount = 0;
    int restarts = 0;
    bool stopping = false; // workers on their way out (stopThen, restart)
    void restarted();
    void listenersReading(bool on)
    {
        for (auto &endpoint : endpoints)
            endpoint->watch.setInterest(on ? Interest::Read : Interest::None);
    }
    std::vector<std::uint64_t> toClose; // closeLater()
    struct Lingering {
        std::unique_ptr<EventSink> sink; // declared first: destroyed after the session that writes to it
        std::unique_ptr<StreamSession> session;
    };
    std::map<StreamSession *, Lingering> lingering; // linger()
    TimerId closeTimer = 0;
    std::uint64_t closedBytesIn = 0;
    std::uint64_t closedBytesOut = 0;

    bool acceptPaused = false;
    bool readingOff = false; // setReading(false): new peers start paused too
    TimerId acceptTimer = 0;
    bool running = false;
};

class Server::Private::StreamPeer final : public PeerChannel {
public:
    using PeerChannel::send;
    StreamPeer(Private &d, PeerIdentity who) : d(d), id(who.id), behaviour(makeBehaviour(d.config.behaviour, d.context))
    {
        identity_ = std::move(who);
    }
    bool send(const unsigned char *data, std::size_t size) override { return session->send(data, size); }
    void finish() override { session->closeAfterWrite(); }
    void halfClose() override { session->shutdownWrite(); }
    void close() override { d.closeLater(id); }
    PeerIdentity &who() { return identity_; }
    std::size_t queued() const override { return session->queued(); }
    void pauseReading() override { pause(pausedByBehaviour, true); }
    void resumeReading() override { pause(pausedByBehaviour, false); }
    bool datagram() const override { return false; }

    // Two reasons not to read, kept apart: the behaviour's (echo's backlog)
    // and the server's (its events cannot be written fast enough). It
    // reads only while neither holds.
    void pause(bool &reason, bool on)
    {
        reason = on;
        if (pausedByBehaviour || pausedByServer)
            session->pauseReading();
        else
            session->resumeReading();
    }
    bool pausedByBehaviour = false;
    bool pausedByServer = false;

    Private &d;
    std::uint64_t id;
    std::unique_ptr<Behaviour> behaviour;
    std::unique_ptr<StreamSession> session;
};

class Server::Private::DatagramPeer final : public PeerChannel {
public:
    using PeerChannel::send;
    DatagramPeer(Private &d, std::uint64_t id, Endpoint &endpoint, SocketAddress address, std::string key)
        : d(d), id(id), endpoint(endpoint), replyTo(std::move(address)), address(unmapped(replyTo)), key(std::move(key)),
          behaviour(makeBehaviour(d.config.behaviour, d.context))
    {
        identity_.id = id;
        identity_.address = this->address;
    }
    ~DatagramPeer() override { d.reactor.cancelTimer(idleTimer); }

    // One datagram back to the peer, from the socket it wrote to.
    bool send(const unsigned char *data, std::size_t size) override
    {
        if (address.family() == Family::Unix && address.host().empty())
            return false; // an unbound Unix datagram client has no name to answer to
        const ssize_t sent =
            ::sendto(endpoint.watch.get(), data, size, MSG_DONTWAIT | MSG_NOSIGNAL, replyTo.data(), replyTo.size());
        if (sent < 0) {
            d.serverError("sendto", lastSystemError(), &address);
            return false;
        }
        bytesOut += static_cast<std::uint64_t>(sent);
        d.events.onEvent(dataEvent("out", data, size));
        return true;
    }
    void finish() override {}
    std::size_t queued() const override { return 0; }
    void pauseReading() override {}
    void resumeReading() override {}
    bool datagram() const override { return true; }
    void halfClose() override {}
    void close() override { d.closeLater(id); }
    PeerIdentity &who() { return identity_; }

    Event dataEvent(const std::string &direction, const unsigned char *data, std::size_t size) const
    {
        Event event = d.event(EventKind::Data);
        event.peer = id;
        event.family = address.family();
        if (address.family() == Family::Unix) {
            event.path = host;
        } else {
            event.address = host;
            event.port = address.port();
        }
        event.bytes = size;
        event.payload = std::vector<unsigned char>(data, data + size);
        event.extra.emplace_back("direction", direction);
        return event;
    }

    // A flood touches a peer 100,000 times a second: the time is noted, and
    // the one timer, when it fires, looks whether the peer was idle all along.
    void touch()
    {
        lastActive = d.reactor.now();
        if (!idleTimer)
            armIdleTimer(idle());
    }
    Duration idle() const { return d.config.idleTimeout != Duration::zero() ? d.config.idleTimeout : kDatagramIdle; }
    void armIdleTimer(Duration after)
    {
        idleTimer = d.reactor.startTimer(after, [this] {
            idleTimer = 0;
            const Duration quiet = d.reactor.now() - lastActive;
            if (quiet < idle()) {
                armIdleTimer(idle() - quiet);
                return;
            }
            close("idle-timeout"); // destroys this
        });
    }

    void close(const std::string &reason)
    {
        Event event = d.event(EventKind::PeerClosed);
        event.peer = id;
        event.extra = {{"reason", reason},
                       {"bytes_in", static_cast<std::int64_t>(bytesIn)},
                       {"bytes_out", static_cast<std::int64_t>(bytesOut)}};
        d.events.onEvent(event);
        d.closedBytesIn += bytesIn;
        d.closedBytesOut += bytesOut;
        d.datagramIds.erase(key);
        const std::uint64_t self = id; // not a reference into what erase() destroys
        d.datagrams.erase(self);      // nothing after this
    }

    Private &d;
    std::uint64_t id;
    Endpoint &endpoint;
    SocketAddress replyTo; // as the kernel gave it (IPv4-mapped on a dual-stack socket)
    SocketAddress address; // as events show it
    std::string key;
    std::unique_ptr<Behaviour> behaviour;
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    TimerId idleTimer = 0;
    TimePoint lastActive{};
    std::string host = address.host(); // written once: every datagram's event says it
};

void Server::Private::serverError(const std::string &step, std::error_code error, const SocketAddress *where)
{
    Event event = this->event(EventKind::ServerError);
    if (where)
        putEndpoint(event, *where);
    event.error = error;
    event.extra.emplace_back("step", step);
    events.onEvent(event);
}

void Server::Private::refuse(const SocketAddress &from)
{
    Event event = this->event(EventKind::PeerRefused);
    putEndpoint(event, from);
    event.extra.emplace_back("reason", std::string("max-peers"));
    events.onEvent(event);
}

// Out of descriptors: stop watching the listeners (the pending connection
// stays in the kernel's queue) and look again after a while.
void Server::Private::pauseAccepting(std::error_code error)
{
    for (auto &endpoint : endpoints) {
        if (!endpoint->datagram)
            endpoint->watch.setInterest(Interest::None);
    }
    if (!acceptPaused) {
        acceptPaused = true;
        Event event = this->event(EventKind::AcceptPaused);
        event.error = error;
        events.onEvent(event);
    }
    reactor.cancelTimer(acceptTimer);
    acceptTimer = reactor.startTimer(kAcceptRetry, [this] {
        acceptTimer = 0;
        for (auto &endpoint : endpoints) {
            if (!endpoint->datagram && !readingOff)
                endpoint->watch.setInterest(Interest::Read);
        }
    });
}

void Server::Private::acceptReady(Endpoint &endpoint)
{
    for (int round = 0; round < kAcceptsPerWakeUp && running; ++round) {
        sockaddr_storage storage{};
        socklen_t length = sizeof storage;
        UniqueFd fd(::accept4(endpoint.watch.get(), reinterpret_cast<sockaddr *>(&storage), &length,
                              SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!fd) {
            const int error = errno;
            if (error == EAGAIN || error == EWOULDBLOCK)
                return;
            if (error == EINTR || error == ECONNABORTED || error == EPROTO)
                continue; // that peer is gone already: the next may not be
            if (error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM) {
                pauseAccepting({error, std::system_category()});
                return;
            }
            serverError("accept", {error, std::system_category()}, &endpoint.socket.address);
            return;
        }
        if (acceptPaused) {
            acceptPaused = false;
            events.onEvent(event(EventKind::AcceptResumed));
        }
        const SocketAddress from = addressOf(storage, length).value_or(SocketAddress{});
        if (full()) {
            // A Unix peer has no name: the socket it came through says where.
            refuse(from.family() == Family::Unix ? endpoint.socket.address : unmapped(from));
            continue; // fd closes here
        }
        if (pool) {
            pool->servePeer(std::move(fd)); // fork: the worker says the rest
            continue;
        }
        accepted(endpoint.socket.address, std::move(fd), from);
    }
}

void Server::Private::accepted(const SocketAddress &listenAddress, UniqueFd fd, const SocketAddress &from)
{
    PeerIdentity who;
    who.id = nextPeerId();
    ++acceptedCount;
    Event event = this->event(EventKind::PeerAccepted);
    event.peer = who.id;
    event.socktype = socketTypeFromNative(config.listen.options.socktype);
    if (listenAddress.family() == Family::Unix) {
        who.address = listenAddress; // the peer has no name: the socket it came through
        ucred credentials{};
        socklen_t length = sizeof credentials;
        if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0) {
            who.pid = credentials.pid;
            who.uid = static_cast<int>(credentials.uid);
            who.gid = static_cast<int>(credentials.gid);
        }
        event.pid = who.pid;
        event.uid = who.uid;
        event.gid = who.gid;
        if (who.pid)
            describeUnixPeerProcess(fd.get(), *who.pid, event);
    } else {
        who.address = unmapped(from);
        sockaddr_storage local{};
        socklen_t length = sizeof local;
        if (::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&local), &length) == 0) {
            if (auto address = addressOf(local, length)) {
                const SocketAddress plain = unmapped(*address);
                event.extra.emplace_back("local_address", plain.host());
                event.extra.emplace_back("local_port", std::int64_t{plain.port()});
                if (owners && who.address.isLoopback())
                    lookUpOwner(who.id, *address, from);
            }
        }
    }
    putEndpoint(event, who.address);
    events.onEvent(event);

    const std::uint64_t id = who.id;
    auto peer = std::make_unique<StreamPeer>(*this, std::move(who));
    StreamPeer *channel = peer.get();
    StreamSession::Callbacks callbacks;
    callbacks.onData = [channel](const std::vector<unsigned char> &bytes) { channel->behaviour->received(*channel, bytes); };
    callbacks.onDrained = [channel] { channel->behaviour->drained(*channel); };
    callbacks.onEndOfInput = [channel] { return channel->behaviour->inputEnded(*channel); };
    callbacks.onClosed = [this, channel, id](const std::string &) {
        if (auto inode = ownerInodes.find(id); inode != ownerInodes.end()) {
            owners->forget(inode->second);
            ownerInodes.erase(inode);
        }
        closedBytesIn += channel->session->bytesIn();
        closedBytesOut += channel->session->bytesOut();
        streams.erase(id);
    };
    std::error_code error;
    peer->session = StreamSession::start(reactor, events, "", std::move(fd), config.idleTimeout, std::move(callbacks), error);
    if (!peer->session) {
        serverError("watch", error, &listenAddress);
        Event closed = this->event(EventKind::PeerClosed); // every accepted peer ends, even this one
        closed.peer = id;
        closed.error = error;
        closed.extra = {{"reason", std::string("error")}, {"bytes_in", std::int64_t{0}}, {"bytes_out", std::int64_t{0}}};
        events.onEvent(closed);
        return;
    }
    peer->session->identifyAsPeer(id);
    if (readingOff)
        peer->pause(peer->pausedByServer, true);
    streams.emplace(id, std::move(peer));
    lookUpName(channel->who());
    channel->behaviour->opened(*channel);
}

Server::Private::DatagramPeer *Server::Private::datagramPeer(Endpoint &endpoint, const SocketAddress &from)
{
    // The source's bytes as the kernel gave them, beside the socket's
    // identity: no text made for each datagram of a flood.
    const Endpoint *socket = &endpoint;
    std::string key(reinterpret_cast<const char *>(&socket), sizeof socket);
    key.append(reinterpret_cast<const char *>(from.data()), from.size());
    if (auto known = datagramIds.find(key); known != datagramIds.end())
        return datagrams.at(known->second).get();
    if (full()) {
        refuse(from);
        return nullptr;
    }
    const std::uint64_t id = nextPeerId();
    ++acceptedCount;
    Event event = this->event(EventKind::PeerAccepted);
    event.peer = id;
    event.socktype = SocketType::Datagram;
    putEndpoint(event, from.family() == Family::Unix && from.host().empty() ? endpoint.socket.address : unmapped(from));
    events.onEvent(event);
    auto peer = std::make_unique<DatagramPeer>(*this, id, endpoint, from, key);
    DatagramPeer *raw = peer.get();
    datagrams.emplace(id, std::move(peer));
    datagramIds.emplace(key, id);
    lookUpName(raw->who());
    return raw;
}

// In batches (recvmmsg): one system call brings up to kDatagramBatch, so
// a flood is read at the kernel's pace with the loop free between batches.
void Server::Private::datagramReady(Endpoint &endpoint)
{
    if (endpoint.buffers.empty())
        endpoint.buffers.resize(kDatagramBatch * kDatagramBuffer);
    for (int round = 0; round < kDatagramsPerWakeUp / static_cast<int>(kDatagramBatch) && running; ++round) {
        mmsghdr messages[kDatagramBatch]{};
        iovec vectors[kDatagramBatch]{};
        sockaddr_storage sources[kDatagramBatch]{};
        for (unsigned i = 0; i < kDatagramBatch; ++i) {
            vectors[i] = {endpoint.buffers.data() + i * kDatagramBuffer, kDatagramBuffer};
            messages[i].msg_hdr.msg_iov = &vectors[i];
            messages[i].msg_hdr.msg_iovlen = 1;
            messages[i].msg_hdr.msg_name = &sources[i];
            messages[i].msg_hdr.msg_namelen = sizeof sources[i];
        }
        const int got = ::recvmmsg(endpoint.watch.get(), messages, kDatagramBatch, MSG_DONTWAIT | MSG_TRUNC, nullptr);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                serverError("recvmmsg", lastSystemError(), &endpoint.socket.address);
            return;
        }
        for (int i = 0; i < got && running; ++i) {
            const std::size_t whole = messages[i].msg_len; // MSG_TRUNC: the datagram's own length
            const bool truncated = (messages[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
            const unsigned char *data = endpoint.buffers.data() + static_cast<std::size_t>(i) * kDatagramBuffer;
            const SocketAddress from = addressOf(sources[i], messages[i].msg_hdr.msg_namelen).value_or(SocketAddress{});
            datagramArrived(endpoint, from, data, std::min(whole, kDatagramBuffer),
                            truncated ? whole - std::min(whole, kDatagramBuffer) : 0);
        }
        if (got < static_cast<int>(kDatagramBatch))
            return; // the queue is empty
    }
}

// The datagram's bytes are copied once, into its event; the behaviour
// reads them there.
void Server::Private::datagramArrived(Endpoint &endpoint, const SocketAddress &from, const unsigned char *data,
                                      std::size_t size, std::size_t truncatedBytes)
{
    DatagramPeer *peer = datagramPeer(endpoint, from);
    if (!peer)
        return;
    peer->bytesIn += size;
    peer->touch();
    Event in = peer->dataEvent("in", data, size);
    if (truncatedBytes > 0) // the kernel dropped the rest: said, not hidden
        in.extra.emplace_back("truncated_bytes", static_cast<std::int64_t>(truncatedBytes));
    events.onEvent(in);
    peer->behaviour->received(*peer, *in.payload);
}

ServerStats Server::Private::stats() const
{
    ServerStats out;
    out.openPeers = streams.size() + datagrams.size();
    out.acceptedPeers = acceptedCount;
    out.bytesIn = closedBytesIn;
    out.bytesOut = closedBytesOut;
    for (const auto &[id, peer] : streams) {
        out.bytesIn += peer->session->bytesIn();
        out.bytesOut += peer->session->bytesOut();
    }
    for (const auto &[id, peer] : datagrams) {
        out.bytesIn += peer->bytesIn;
        out.bytesOut += peer->bytesOut;
    }
    out.uptime = reactor.now() - started;
    return out;
}

PeerIdentity *Server::Private::identityOf(std::uint64_t id)
{
    if (auto stream = streams.find(id); stream != streams.end())
        return &stream->second->who();
    if (auto datagram = datagrams.find(id); datagram != datagrams.end())
        return &datagram->second->who();
    return nullptr;
}

Behaviour *Server::Private::behaviourOf(std::uint64_t id)
{
    if (auto stream = streams.find(id); stream != streams.end())
        return stream->second->behaviour.get();
    if (auto datagram = datagrams.find(id); datagram != datagrams.end())
        return datagram->second->behaviour.get();
    return nullptr;
}

PeerChannel *Server::Private::channel(std::uint64_t id)
{
    if (auto stream = streams.find(id); stream != streams.end())
        return stream->second.get();
    if (auto datagram = datagrams.find(id); datagram != datagrams.end())
        return datagram->second.get();
    return nullptr;
}

// One lookup per address at a time, its answer kept for the run: a storm
// of peers from 127.0.0.1 costs one getnameinfo, not thousands.
void Server::Private::lookUpName(PeerIdentity &identity)
{
    if (!config.reverseNames || identity.address.family() == Family::Unix || !resolver)
        return;
    const std::string host = identity.address.host();
    if (auto known = names.find(host); known != names.end()) {
        identity.name = known->second;
        Event event = this->event(EventKind::ReverseResolved);
        event.peer = identity.id;
        describeReverse(event, identity.address, known->second);
        events.onEvent(event);
        return;
    }
    identity.namePending = true;
    auto &waiting = naming[host];
    waiting.push_back(identity.id);
    if (waiting.size() > 1)
        return; // asked already
    ReverseOptions options;
    options.flags = NI_NAMEREQD; // no name is an answer of its own, not the address again
    resolver->reverse(identity.address, options, [this, host](const ReverseResult &result) { nameArrived(host, result); });
}

void Server::Private::nameArrived(const std::string &host, const ReverseResult &result)
{
    if (names.size() >= kNameCacheSize)
        names.clear();
    names[host] = result;
    const std::vector<std::uint64_t> waiting = std::move(naming[host]);
    naming.erase(host);
    for (std::uint64_t id : waiting)
        giveName(id, result);
}

void Server::Private::giveName(std::uint64_t id, const ReverseResult &result)
{
    PeerIdentity *identity = identityOf(id);
    if (!identity)
        return; // gone before its name came
    identity->name = result;
    identity->namePending = false;
    Event event = this->event(EventKind::ReverseResolved);
    event.peer = id;
    describeReverse(event, identity->address, result);
    events.onEvent(event);
    if (Behaviour *behaviour = behaviourOf(id))
        behaviour->named(*channel(id));
}

void Server::Private::lookUpOwner(std::uint64_t id, const SocketAddress &local, const SocketAddress &remote)
{
    owners->lookUp(local, remote, [this, id](const PeerOwner &owner) { ownerFound(id, owner); });
}

void Server::Private::ownerFound(std::uint64_t id, const PeerOwner &owner)
{
    if (!streams.count(id)) {
        if (owner.inode)
            owners->forget(*owner.inode); // closed before the answer came
        return;
    }
    Event event = this->event(EventKind::PeerOwner);
    event.peer = id;
    if (owner.inode) {
        ownerInodes[id] = *owner.inode;
        event.extra.emplace_back("inode", static_cast<std::int64_t>(*owner.inode));
    }
    const SocketOwners &found = owner.owners;
    if (found.status == OwnerStatus::Found && !found.owners.empty()) {
        event.pid = found.owners.front().pid;
        event.extra.emplace_back("process", found.owners.front().comm);
        if (found.owners.size() > 1) {
            ExtraObjects all;
            for (const SocketOwner &each : found.owners)
                all.push_back(ExtraObject{{{"pid", std::int64_t{each.pid}}, {"process", each.comm}}});
            event.extra.emplace_back("owners", all);
        }
    } else if (found.status == OwnerStatus::Unknown) {
        event.error = found.error;
        event.extra.emplace_back("reason", std::string("permission-denied"));
    } else {
        event.extra.emplace_back("reason", std::string("not-found"));
    }
    events.onEvent(event);
}

void Server::Private::linger(std::unique_ptr<StreamSession> session, std::unique_ptr<EventSink> sink)
{
    StreamSession *raw = session.get();
    StreamSession::Callbacks callbacks;
    callbacks.onClosed = [this, raw](const std::string &) { lingering.erase(raw); };
    raw->setCallbacks(std::move(callbacks));
    lingering.emplace(raw, Lingering{std::move(sink), std::move(session)});
}

// A behaviour ending its peer from inside the peer's own callbacks: the
// session may not be destroyed under itself, so it ends on the next turn.
void Server::Private::closeLater(std::uint64_t id)
{
    toClose.push_back(id);
    if (closeTimer)
        return;
    closeTimer = reactor.startTimer(Duration::zero(), [this] {
        closeTimer = 0;
        for (std::uint64_t peer : std::exchange(toClose, {})) {
            if (auto stream = streams.find(peer); stream != streams.end())
                stream->second->session->close(); // its onClosed erases it
            else if (auto datagram = datagrams.find(peer); datagram != datagrams.end())
                datagram->second->close("local");
        }
    });
}

// Everything closed and removed, nothing reported: for stop() and the
// destructor alike.
void Server::Private::teardown()
{
    running = false;
    pool.reset(); // stops and reaps the workers
    reactor.cancelTimer(std::exchange(acceptTimer, 0));
    naming.clear();
    reactor.cancelTimer(std::exchange(closeTimer, 0));
    toClose.clear();
    datagramIds.clear();
    datagrams.clear();
    streams.clear();
    lingering.clear(); // after the peers, whose forwarders may leave one here
    for (auto &endpoint : endpoints) {
        endpoint->watch.reset();
        closeListener(endpoint->socket);
    }
    endpoints.clear();
}

Server::Server(Reactor &reactor, EventSink &events, ServerConfig config)
    : d(std::make_unique<Private>(reactor, events, std::move(config)))
{
}

Server::~Server()
{
    d->teardown();
}

bool Server::start()
{
    ListenResult opened = openListeners(d->config.listen);
    if (auto *failure = std::get_if<ListenFailure>(&opened)) {
        d->serverError(failure->step, failure->error, &failure->address);
        return false;
    }
    return start(std::move(std::get<std::vector<ListeningSocket>>(opened)));
}

bool Server::start(std::vector<ListeningSocket> sockets)
{
    const bool datagram = d->config.listen.options.socktype == SOCK_DGRAM;
    if (!knownBehaviour(d->config.behaviour) || (d->config.behaviour == "forward" && !d->config.forwardTo)) {
        d->serverError("behaviour", std::make_error_code(std::errc::invalid_argument));
        return false;
    }
    const bool workers = d->config.model != ServerModel::InLoop;
    if ((datagram && (streamOnlyBehaviour(d->config.behaviour) || workers)) ||
        (workers && d->config.behaviour == "manual")) { // a worker has no person to answer
        d->serverError("behaviour", std::make_error_code(std::errc::protocol_not_supported));
        return false;
    }
    d->startLookups();
    if (!d->listen(std::move(sockets)))
        return false;
    if (d->config.model == ServerModel::InLoop)
        return true;
    d->pool = std::make_unique<WorkerPool>(
        d->reactor, d->events,
        WorkerPoolConfig{d->config.model, d->config.children, workerCommand(d->config), d->config.runStart});
    if (d->config.model == ServerModel::Fork)
        return true;
    std::vector<int> listeners;
    for (auto &endpoint : d->endpoints) {
        endpoint->watch.setInterest(Interest::None); // the workers accept, not we
        listeners.push_back(endpoint->watch.get());
    }
    if (!d->pool->startPrefork(listeners)) {
        d->teardown();
        return false;
    }
    return true;
}

bool Server::Private::listen(std::vector<ListeningSocket> sockets)
{
    running = true;
    const bool datagram = config.listen.options.socktype == SOCK_DGRAM;
    for (ListeningSocket &socket : sockets) {
        auto endpoint = std::make_unique<Endpoint>();
        endpoint->datagram = datagram;
        UniqueFd fd = std::move(socket.fd);
        endpoint->socket = std::move(socket);
        Endpoint *raw = endpoint.get();
        const std::error_code error = WatchedFd::start(
            reactor, std::move(fd), Interest::Read,
            [this, raw](Readiness) { raw->datagram ? datagramReady(*raw) : acceptReady(*raw); }, endpoint->watch);
        endpoints.push_back(std::move(endpoint));
        if (error) {
            serverError("watch", error, &raw->socket.address);
            teardown();
            return false;
        }
        Event event = this->event(EventKind::Listening);
        putEndpoint(event, raw->socket.address);
        event.socktype = socketTypeFromNative(config.listen.options.socktype);
        events.onEvent(event);
    }
    return true;
}

bool Server::serve(UniqueFd peer)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    SocketAddress local;
    if (::getsockname(peer.get(), reinterpret_cast<sockaddr *>(&storage), &length) == 0)
        local = addressOf(storage, length).value_or(SocketAddress{});
    length = sizeof storage;
    SocketAddress remote;
    if (::getpeername(peer.get(), reinterpret_cast<sockaddr *>(&storage), &length) == 0)
        remote = addressOf(storage, length).value_or(SocketAddress{});
    d->startLookups();
    d->running = true;
    d->accepted(local, std::move(peer), remote);
    return true;
}

void Server::restart()
{
    if (!d->running || d->stopping)
        return;
    d->closePeers("restart");
    if (!d->pool) {
        d->restarted();
        return;
    }
    d->stopping = true; // until the old workers are gone
    if (d->config.model == ServerModel::Fork)
        d->listenersReading(false); // who connects meanwhile waits in the kernel's queue
    Private *p = d.get();
    d->pool->stopThen(SIGHUP, std::chrono::seconds(2), [p] {
        p->stopping = false;
        if (p->config.model == ServerModel::Fork)
            p->listenersReading(!p->readingOff);
        p->pool = std::make_unique<WorkerPool>(
            p->reactor, p->events,
            WorkerPoolConfig{p->config.model, p->config.children, workerCommand(p->config), p->config.runStart});
        if (p->config.model == ServerModel::Prefork) {
            std::vector<int> listeners;
            for (auto &endpoint : p->endpoints)
                listeners.push_back(endpoint->watch.get());
            p->pool->startPrefork(listeners);
        }
        p->restarted();
    });
}

void Server::Private::restarted()
{
    Event event = this->event(EventKind::Restarted);
    event.pid = static_cast<int>(::getpid());
    event.extra.emplace_back("restarts", static_cast<std::int64_t>(++restarts));
    events.onEvent(event);
}

void Server::stopThen(const std::string &reason, std::function<void()> stopped)
{
    if (!d->running || !d->pool || d->pool->running() == 0) {
        stop(reason);
        stopped();
        return;
    }
    d->closePeers("stopped");
    d->listenersReading(false); // nobody new while the workers leave
    d->stopping = true;
    Private *p = d.get();
    Server *self = this;
    d->pool->stopThen(SIGTERM, std::chrono::seconds(2), [p, self, reason, stopped] {
        p->stopping = false;
        p->pool.reset(); // its workers are reaped: nothing to wait for
        self->stop(reason);
        stopped();
    });
}

void Server::Private::closePeers(const std::string &reason)
{
    std::vector<std::uint64_t> ids;
    for (const auto &[id, peer] : streams)
        ids.push_back(id);
    for (std::uint64_t id : ids) {
        if (auto peer = streams.find(id); peer != streams.end())
            peer->second->session->close(reason); // reports, and its onClosed erases it
    }
    ids.clear();
    for (const auto &[id, peer] : datagrams)
        ids.push_back(id);
    for (std::uint64_t id : ids) {
        if (auto peer = datagrams.find(id); peer != datagrams.end())
            peer->second->close(reason);
    }
}

std::vector<ListeningSocket> Server::releaseForRestart()
{
    d->closePeers("restart");
    if (d->pool)
        d->pool->stop(SIGHUP, std::chrono::seconds(2));
    d->pool.reset();
    std::vector<ListeningSocket> sockets;
    for (auto &endpoint : d->endpoints) {
        ListeningSocket socket = std::move(endpoint->socket);
        socket.fd = endpoint->watch.release();
        sockets.push_back(std::move(socket));
    }
    d->endpoints.clear();
    d->teardown();
    return sockets;
}

void Server::stop(const std::string &reason)
{
    if (!d->running)
        return;
    d->closePeers(reason == "restart" ? reason : "stopped");
    if (d->pool)
        d->pool->stop(SIGTERM, std::chrono::seconds(2));
    d->pool.reset();
    d->teardown();
    Event event = d->event(EventKind::ServerStopped);
    event.extra.emplace_back("reason", reason);
    d->events.onEvent(event);
}

bool Server::sendTo(std::uint64_t peer, const std::vector<unsigned char> &bytes)
{
    if (auto stream = d->streams.find(peer); stream != d->streams.end()) {
        stream->second->send(bytes);
        return true;
    }
    if (auto datagram = d->datagrams.find(peer); datagram != d->datagrams.end()) {
        datagram->second->send(bytes);
        return true;
    }
    return false;
}

void Server::sendToAll(const std::vector<unsigned char> &bytes)
{
    for (auto &[id, peer] : d->streams)
        peer->send(bytes);
    for (auto &[id, peer] : d->datagrams)
        peer->send(bytes);
}

bool Server::endPeer(std::uint64_t peer, PeerEnd how)
{
    if (auto stream = d->streams.find(peer); stream != d->streams.end()) {
        StreamSession &session = *stream->second->session;
        switch (how) {
        case PeerEnd::Close: session.close(); break; // reports, and its onClosed erases the peer
        case PeerEnd::Abort: session.abort(); break;
        case PeerEnd::HalfClose: session.shutdownWrite(); break;
        }
        return true;
    }
    if (auto datagram = d->datagrams.find(peer); datagram != d->datagrams.end()) {
        if (how != PeerEnd::HalfClose) // a datagram peer has no stream to half-close
            datagram->second->close("local");
        return true;
    }
    return false;
}

void Server::setReading(bool on)
{
    d->readingOff = !on;
    if (d->pool)
        d->pool->setReading(on);
    for (auto &[id, peer] : d->streams)
        peer->pause(peer->pausedByServer, !on);
    if (d->config.model == ServerModel::Prefork)
        return; // its workers accept, never this process
    for (auto &endpoint : d->endpoints) {
        // A listener waiting out EMFILE is its retry timer's to re-arm.
        if (endpoint->datagram || d->acceptTimer == 0)
            endpoint->watch.setInterest(on ? Interest::Read : Interest::None);
    }
}

std::size_t Server::peerCount() const
{
    return d->streams.size() + d->datagrams.size();
}

std::size_t Server::workerCount() const
{
    return d->pool ? d->pool->running() : 0;
}

std::vector<SocketAddress> Server::addresses() const
{
    std::vector<SocketAddress> addresses;
    for (const auto &endpoint : d->endpoints)
        addresses.push_back(endpoint->socket.address);
    return addresses;
}

} // namespace sockscope
