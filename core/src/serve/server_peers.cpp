#include "server_private.h"

#include <algorithm>
#include <netdb.h>

namespace sockscope {

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

} // namespace sockscope
