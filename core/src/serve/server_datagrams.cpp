#include "server_private.h"

#include <algorithm>
#include <cerrno>

namespace sockscope {

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

} // namespace sockscope
