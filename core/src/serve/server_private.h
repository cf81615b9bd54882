// Server's insides, shared by its files: server.cpp (listening,
// accepting, the server's life), server_datagrams.cpp (datagram peers),
// server_peers.cpp (who a peer is: names, owners; the figures). Not a
// public header.
#pragma once

#include "sockscope/serve/server.h"

#include "sockscope/connect/stream_session.h"
#include "sockscope/events/error.h"
#include "sockscope/procnet/peer_owner_lookup.h"
#include "sockscope/reactor/watched_fd.h"
#include "sockscope/serve/behaviour.h"

#include <map>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <unordered_map>
#include <vector>

namespace sockscope {

inline constexpr int kAcceptsPerWakeUp = 64;   // one busy listener cannot hold the loop
inline constexpr int kDatagramsPerWakeUp = 256;
inline constexpr unsigned kDatagramBatch = 16; // one recvmmsg() call
inline constexpr std::size_t kDatagramBuffer = 65536; // the largest datagram, truncated_bytes beyond
inline constexpr Duration kAcceptRetry = std::chrono::milliseconds(100); // out of descriptors: try again after this
inline constexpr Duration kDatagramIdle = std::chrono::seconds(30);  // a datagram peer without --idle-timeout
inline constexpr std::size_t kNameCacheSize = 4096; // addresses whose names are kept for the run

// An IPv4 peer of a dual-stack IPv6 socket, as the IPv4 address it is.
inline SocketAddress unmapped(const SocketAddress &address)
{
    const std::string host = address.host();
    if (address.family() == Family::Inet6 && host.rfind("::ffff:", 0) == 0 && host.find('.') != std::string::npos) {
        if (auto plain = SocketAddress::fromNumeric(host.substr(7), address.port()))
            return *plain;
    }
    return address;
}

inline std::optional<SocketAddress> addressOf(const sockaddr_storage &storage, socklen_t length)
{
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
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

} // namespace sockscope
