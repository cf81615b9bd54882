#include "sockscope/serve/server.h"

#include "sockscope/connect/stream_session.h"
#include "sockscope/events/error.h"
#include "sockscope/reactor/watched_fd.h"
#include "sockscope/serve/behaviour.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <map>
#include <sys/socket.h>

namespace sockscope {
namespace {

using namespace std::chrono_literals;

constexpr int kAcceptsPerWakeUp = 64;   // one busy listener cannot hold the loop
constexpr int kDatagramsPerWakeUp = 64;
constexpr Duration kAcceptRetry = 100ms; // out of descriptors: try again after this
constexpr Duration kDatagramIdle = 30s;  // a datagram peer without --idle-timeout

// Peer numbers are unique in the run (DESIGN.md), across all its servers:
// the window runs several into one log.
std::uint64_t nextPeerId()
{
    static std::atomic<std::uint64_t> next{1};
    return next++;
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

// `address` and `port`, or `path`, of `where` on `event`.
void putWhere(Event &event, const SocketAddress &where)
{
    event.family = where.family();
    if (where.family() == Family::Unix) {
        event.path = where.host();
    } else {
        event.address = where.host();
        event.port = where.port();
    }
}

} // namespace

struct Server::Private {
    struct Endpoint {
        ListeningSocket socket; // its descriptor lives in `watch`
        WatchedFd watch;
        bool datagram = false;
    };

    class StreamPeer;
    class DatagramPeer;

    Private(Reactor &reactor, EventSink &events, ServerConfig config)
        : reactor(reactor), events(events), config(std::move(config))
    {
    }

    Event event(EventKind kind) const { return makeEvent(kind, reactor.now()); }
    void serverError(const std::string &step, std::error_code error, const SocketAddress *where = nullptr);
    void acceptReady(Endpoint &endpoint);
    void accepted(Endpoint &endpoint, UniqueFd fd, const SocketAddress &from);
    void pauseAccepting(std::error_code error);
    void datagramReady(Endpoint &endpoint);
    DatagramPeer *datagramPeer(Endpoint &endpoint, const SocketAddress &from);
    bool full() const { return streams.size() + datagrams.size() >= config.maxPeers; }
    void refuse(const SocketAddress &from);
    void teardown();

    Reactor &reactor;
    EventSink &events;
    ServerConfig config;
    std::vector<std::unique_ptr<Endpoint>> endpoints;
    std::map<std::uint64_t, std::unique_ptr<StreamPeer>> streams;
    std::map<std::uint64_t, std::unique_ptr<DatagramPeer>> datagrams;
    std::map<std::string, std::uint64_t> datagramIds; // "endpoint|address" -> peer

    bool acceptPaused = false;
    bool readingOff = false; // setReading(false): new peers start paused too
    TimerId acceptTimer = 0;
    bool running = false;
};

class Server::Private::StreamPeer final : public PeerChannel {
public:
    using PeerChannel::send;
    StreamPeer(std::uint64_t id, std::unique_ptr<Behaviour> behaviour) : id(id), behaviour(std::move(behaviour)) {}
    bool send(const unsigned char *data, std::size_t size) override { return session->send(data, size); }
    void finish() override { session->closeAfterWrite(); }
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

    std::uint64_t id;
    std::unique_ptr<Behaviour> behaviour;
    std::unique_ptr<StreamSession> session;
};

class Server::Private::DatagramPeer final : public PeerChannel {
public:
    using PeerChannel::send;
    DatagramPeer(Private &d, std::uint64_t id, Endpoint &endpoint, SocketAddress address, std::string key)
        : d(d), id(id), endpoint(endpoint), replyTo(std::move(address)), address(unmapped(replyTo)), key(std::move(key)),
          behaviour(makeBehaviour(d.config.behaviour))
    {
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
        d.events.onEvent(dataEvent("out", std::vector<unsigned char>(data, data + size)));
        return true;
    }
    void finish() override {}
    std::size_t queued() const override { return 0; }
    void pauseReading() override {}
    void resumeReading() override {}
    bool datagram() const override { return true; }

    Event dataEvent(const std::string &direction, const std::vector<unsigned char> &bytes) const
    {
        Event event = d.event(EventKind::Data);
        event.peer = id;
        putWhere(event, address);
        event.bytes = bytes.size();
        event.payload = bytes;
        event.extra.emplace_back("direction", direction);
        return event;
    }

    void touch()
    {
        d.reactor.cancelTimer(idleTimer);
        const Duration idle = d.config.idleTimeout != Duration::zero() ? d.config.idleTimeout : kDatagramIdle;
        idleTimer = d.reactor.startTimer(idle, [this] {
            idleTimer = 0;
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
};

void Server::Private::serverError(const std::string &step, std::error_code error, const SocketAddress *where)
{
    Event event = this->event(EventKind::ServerError);
    if (where)
        putWhere(event, *where);
    event.error = error;
    event.extra.emplace_back("step", step);
    events.onEvent(event);
}

void Server::Private::refuse(const SocketAddress &from)
{
    Event event = this->event(EventKind::PeerRefused);
    putWhere(event, from);
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
        accepted(endpoint, std::move(fd), from);
    }
}

void Server::Private::accepted(Endpoint &endpoint, UniqueFd fd, const SocketAddress &from)
{
    const std::uint64_t id = nextPeerId();
    Event event = this->event(EventKind::PeerAccepted);
    event.peer = id;
    event.socktype = socketTypeFromNative(config.listen.options.socktype);
    if (endpoint.socket.address.family() == Family::Unix) {
        putWhere(event, endpoint.socket.address); // the peer has no name: the socket it came through
        ucred credentials{};
        socklen_t length = sizeof credentials;
        if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0) {
            event.pid = credentials.pid;
            event.uid = static_cast<int>(credentials.uid);
            event.gid = static_cast<int>(credentials.gid);
        }
    } else {
        putWhere(event, unmapped(from));
        sockaddr_storage local{};
        socklen_t length = sizeof local;
        if (::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&local), &length) == 0) {
            if (auto address = addressOf(local, length)) {
                const SocketAddress plain = unmapped(*address);
                event.extra.emplace_back("local_address", plain.host());
                event.extra.emplace_back("local_port", std::int64_t{plain.port()});
            }
        }
    }
    events.onEvent(event);

    auto peer = std::make_unique<StreamPeer>(id, makeBehaviour(config.behaviour));
    StreamPeer *channel = peer.get();
    StreamSession::Callbacks callbacks;
    callbacks.onData = [channel](const std::vector<unsigned char> &bytes) { channel->behaviour->received(*channel, bytes); };
    callbacks.onDrained = [channel] { channel->behaviour->drained(*channel); };
    callbacks.onClosed = [this, id](const std::string &) { streams.erase(id); };
    std::error_code error;
    peer->session = StreamSession::start(reactor, events, "", std::move(fd), config.idleTimeout, std::move(callbacks), error);
    if (!peer->session) {
        serverError("watch", error, &endpoint.socket.address);
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
    channel->behaviour->opened(*channel);
}

Server::Private::DatagramPeer *Server::Private::datagramPeer(Endpoint &endpoint, const SocketAddress &from)
{
    const std::string key = endpoint.socket.address.toString() + "|" + from.toString();
    if (auto known = datagramIds.find(key); known != datagramIds.end())
        return datagrams.at(known->second).get();
    if (full()) {
        refuse(from);
        return nullptr;
    }
    const std::uint64_t id = nextPeerId();
    Event event = this->event(EventKind::PeerAccepted);
    event.peer = id;
    event.socktype = SocketType::Datagram;
    putWhere(event, from.family() == Family::Unix && from.host().empty() ? endpoint.socket.address : unmapped(from));
    events.onEvent(event);
    auto peer = std::make_unique<DatagramPeer>(*this, id, endpoint, from, key);
    DatagramPeer *raw = peer.get();
    datagrams.emplace(id, std::move(peer));
    datagramIds.emplace(key, id);
    return raw;
}

void Server::Private::datagramReady(Endpoint &endpoint)
{
    std::vector<unsigned char> buffer(65536);
    for (int round = 0; round < kDatagramsPerWakeUp && running; ++round) {
        sockaddr_storage storage{};
        socklen_t length = sizeof storage;
        ssize_t got = ::recvfrom(endpoint.watch.get(), buffer.data(), buffer.size(), MSG_DONTWAIT | MSG_TRUNC,
                                 reinterpret_cast<sockaddr *>(&storage), &length);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                serverError("recvfrom", lastSystemError(), &endpoint.socket.address);
            return;
        }
        const auto whole = static_cast<std::size_t>(got); // MSG_TRUNC: the datagram's own length
        got = static_cast<ssize_t>(std::min(whole, buffer.size()));
        const SocketAddress from = addressOf(storage, length).value_or(SocketAddress{});
        DatagramPeer *peer = datagramPeer(endpoint, from);
        if (!peer)
            continue;
        const std::vector<unsigned char> datagram(buffer.begin(), buffer.begin() + got);
        peer->bytesIn += datagram.size();
        peer->touch();
        Event in = peer->dataEvent("in", datagram);
        if (whole > datagram.size()) // the kernel dropped the rest: said, not hidden
            in.extra.emplace_back("truncated_bytes", static_cast<std::int64_t>(whole - datagram.size()));
        events.onEvent(in);
        peer->behaviour->received(*peer, datagram);
    }
}

// Everything closed and removed, nothing reported: for stop() and the
// destructor alike.
void Server::Private::teardown()
{
    running = false;
    reactor.cancelTimer(std::exchange(acceptTimer, 0));
    datagramIds.clear();
    datagrams.clear();
    streams.clear();
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
    if (!makeBehaviour(d->config.behaviour)) {
        d->serverError("behaviour", std::make_error_code(std::errc::invalid_argument));
        return false;
    }
    ListenResult opened = openListeners(d->config.listen);
    if (auto *failure = std::get_if<ListenFailure>(&opened)) {
        d->serverError(failure->step, failure->error, &failure->address);
        return false;
    }
    d->running = true;
    const bool datagram = d->config.listen.options.socktype == SOCK_DGRAM;
    for (ListeningSocket &socket : std::get<std::vector<ListeningSocket>>(opened)) {
        auto endpoint = std::make_unique<Private::Endpoint>();
        endpoint->datagram = datagram;
        UniqueFd fd = std::move(socket.fd);
        endpoint->socket = std::move(socket);
        Private::Endpoint *raw = endpoint.get();
        Private *p = d.get();
        const std::error_code error = WatchedFd::start(
            d->reactor, std::move(fd), Interest::Read,
            [p, raw](Readiness) { raw->datagram ? p->datagramReady(*raw) : p->acceptReady(*raw); }, endpoint->watch);
        d->endpoints.push_back(std::move(endpoint));
        if (error) {
            d->serverError("watch", error, &raw->socket.address);
            d->teardown();
            return false;
        }
        Event event = d->event(EventKind::Listening);
        putWhere(event, raw->socket.address);
        event.socktype = socketTypeFromNative(d->config.listen.options.socktype);
        d->events.onEvent(event);
    }
    return true;
}

void Server::stop(const std::string &reason)
{
    if (!d->running)
        return;
    std::vector<std::uint64_t> ids;
    for (const auto &[id, peer] : d->streams)
        ids.push_back(id);
    for (std::uint64_t id : ids) {
        if (auto peer = d->streams.find(id); peer != d->streams.end())
            peer->second->session->close("stopped"); // reports, and its onClosed erases it
    }
    ids.clear();
    for (const auto &[id, peer] : d->datagrams)
        ids.push_back(id);
    for (std::uint64_t id : ids) {
        if (auto peer = d->datagrams.find(id); peer != d->datagrams.end())
            peer->second->close("stopped");
    }
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
    for (auto &[id, peer] : d->streams)
        peer->pause(peer->pausedByServer, !on);
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

std::vector<SocketAddress> Server::addresses() const
{
    std::vector<SocketAddress> addresses;
    for (const auto &endpoint : d->endpoints)
        addresses.push_back(endpoint->socket.address);
    return addresses;
}

} // namespace sockscope
