// PeerOwnerLookup: which process is at the other end of a loopback TCP
// connection, as `ss -p` finds it: the peer's end in /proc/net/tcp{,6}
// (its local address is our remote one and the other way round), then the
// process holding that socket's inode among /proc/*/fd.
//
// Reading /proc blocks, so the lookups run on a worker thread of their
// own, one after the other, and each answer comes back to the loop thread
// through Reactor::post (DESIGN.md: "owners of peers are looked up on
// demand and cached by socket inode"). Destroy it on the loop thread; an
// answer still on its way is then dropped.
#pragma once

#include "sockscope/procnet/socket_owners.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/resolve/socket_address.h"

#include <functional>
#include <memory>
#include <optional>

namespace sockscope {

struct PeerOwner {
    std::optional<std::uint64_t> inode; ///< the peer's socket; none when not in the tables (gone already)
    SocketOwners owners;
};

class PeerOwnerLookup {
public:
    using Callback = std::function<void(const PeerOwner &)>;

    explicit PeerOwnerLookup(Reactor &reactor);
    ~PeerOwnerLookup();
    PeerOwnerLookup(const PeerOwnerLookup &) = delete;
    PeerOwnerLookup &operator=(const PeerOwnerLookup &) = delete;

    /// Looks up the owner of the peer of our connection from `ourLocal` to
    /// `ourRemote`; `callback` runs on the loop thread.
    void lookUp(const SocketAddress &ourLocal, const SocketAddress &ourRemote, Callback callback);
    /// The peer's socket closed: its inode may name another socket later.
    void forget(std::uint64_t inode);

private:
    struct Shared;
    std::shared_ptr<Shared> shared_;
};

} // namespace sockscope
