#include "sockscope/procnet/peer_owner_lookup.h"

#include "sockscope/procnet/socket_table.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace sockscope {

// What the worker shares with the loop thread. The worker is detached (a
// scan of /proc is never waited for on the loop thread): it holds this
// state alive, and once the lookup is destroyed (`closed`) it touches
// nothing else, the Reactor included, as the Resolver's workers do.
struct PeerOwnerLookup::Shared : std::enable_shared_from_this<Shared> {
    struct Request {
        SocketAddress local;
        SocketAddress remote;
        Callback callback;
    };

    explicit Shared(Reactor &reactor) : reactor(reactor) {}
    void work();

    Reactor &reactor;
    SocketOwnerCache cache;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Request> queue;
    bool closed = false; // under `mutex`
};

void PeerOwnerLookup::Shared::work()
{
    for (;;) {
        Request request;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return closed || !queue.empty(); });
            if (closed)
                return;
            request = std::move(queue.front());
            queue.pop_front();
        }
        PeerOwner answer;
        answer.inode = findTcpPeerInode(request.local, request.remote);
        if (answer.inode)
            answer.owners = cache.lookup(*answer.inode);
        std::lock_guard lock(mutex);
        if (closed)
            return;
        reactor.post([self = shared_from_this(), callback = std::move(request.callback), answer] {
            if (!self->closed) // the loop thread is the only writer of `closed`
                callback(answer);
        });
    }
}

PeerOwnerLookup::PeerOwnerLookup(Reactor &reactor) : shared_(std::make_shared<Shared>(reactor))
{
    std::thread([shared = shared_] { shared->work(); }).detach();
}

PeerOwnerLookup::~PeerOwnerLookup()
{
    std::lock_guard lock(shared_->mutex);
    shared_->closed = true;
    shared_->wake.notify_all();
}

void PeerOwnerLookup::lookUp(const SocketAddress &ourLocal, const SocketAddress &ourRemote, Callback callback)
{
    std::lock_guard lock(shared_->mutex);
    shared_->queue.push_back({ourLocal, ourRemote, std::move(callback)});
    shared_->wake.notify_one();
}

void PeerOwnerLookup::forget(std::uint64_t inode)
{
    shared_->cache.forget(inode);
}

} // namespace sockscope
