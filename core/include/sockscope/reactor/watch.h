// Watch: the one owner of a watch on a Reactor.
//
// What UniqueFd is to a descriptor, Watch is to a WatchId: move-only, and it
// unwatches exactly once, when it is destroyed or reset, so that no object
// can forget to. Resetting it inside its own callback is safe (reactor.h).
// The Reactor must outlive it. To own the descriptor as well, in the order
// that keeps a reused number from a stale callback, use WatchedFd.
#pragma once

#include "sockscope/reactor/reactor.h"

#include <utility>

namespace sockscope {

class Watch {
public:
    Watch() noexcept = default;
    ~Watch() { reset(); }

    Watch(Watch &&other) noexcept
        : reactor_(other.reactor_), id_(std::exchange(other.id_, 0))
    {
    }
    Watch &operator=(Watch &&other) noexcept;
    Watch(const Watch &) = delete;
    Watch &operator=(const Watch &) = delete;

    /// Watches `fd` on `reactor` and stores the watch in `out`, which gives
    /// up what it watched before (first, so that `fd` may be the same
    /// descriptor). On failure `out` is left empty.
    static std::error_code start(Reactor &reactor, int fd, Interest interest, Reactor::IoCallback callback,
                                 Watch &out);

    /// Changes what the watch waits for; ENOENT for an empty Watch.
    std::error_code setInterest(Interest interest);

    /// Unwatches now (if watching); the Watch is empty afterwards.
    void reset() noexcept;

    bool active() const noexcept { return id_ != 0; }
    explicit operator bool() const noexcept { return active(); }
    WatchId id() const noexcept { return id_; }

private:
    Reactor *reactor_ = nullptr;
    WatchId id_ = 0;
};

} // namespace sockscope
