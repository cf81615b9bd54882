#include "server_private.h"

#include "sockscope/procnet/socket_owners.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace sockscope {
namespace {

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
    UniqueFd pinned; // held while the name is read
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &pidfd, &length) != 0) {
        event.extra.emplace_back("pidfd_error", lastSystemError());
    } else {
        pinned = UniqueFd(pidfd);
        event.extra.emplace_back("pidfd", true);
    }
    if (const std::string name = processName(pid); !name.empty())
        event.extra.emplace_back("process", name);
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
