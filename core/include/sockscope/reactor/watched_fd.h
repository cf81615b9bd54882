// WatchedFd: a descriptor and its watch, owned together.
//
// reactor.h asks that a descriptor be unwatched before it is closed, or a
// new descriptor given the same number could meet the old one's callback.
// WatchedFd makes that order the only one possible: the watch is removed
// before the descriptor closes on destruction, on reset() and when another
// WatchedFd is moved in. Destroying it inside its own callback is safe.
#pragma once

#include "sockscope/reactor/unique_fd.h"
#include "sockscope/reactor/watch.h"

namespace sockscope {

class WatchedFd {
public:
    WatchedFd() noexcept = default;
    // Members are destroyed in reverse order: watch_ before fd_.
    ~WatchedFd() = default;

    WatchedFd(WatchedFd &&other) noexcept = default;
    /// Unwatches and closes what this held, in that order, then takes over.
    WatchedFd &operator=(WatchedFd &&other) noexcept;
    WatchedFd(const WatchedFd &) = delete;
    WatchedFd &operator=(const WatchedFd &) = delete;

    /// Takes `fd` into `out` (which lets go of what it held first) and
    /// watches it. On failure `out` still owns the descriptor, unwatched,
    /// so that the caller may use it another way (a regular file: EPERM).
    static std::error_code start(Reactor &reactor, UniqueFd fd, Interest interest, Reactor::IoCallback callback,
                                 WatchedFd &out);

    /// Changes what the watch waits for; ENOENT if nothing is watched.
    std::error_code setInterest(Interest interest) { return watch_.setInterest(interest); }

    /// Unwatches, then closes.
    void reset() noexcept;
    /// Unwatches and gives the descriptor up, open (a connected socket
    /// handed to its next owner).
    UniqueFd release() noexcept;

    int get() const noexcept { return fd_.get(); }
    bool valid() const noexcept { return fd_.valid(); }
    bool watching() const noexcept { return watch_.active(); }

private:
    UniqueFd fd_; // declared first, so destroyed last
    Watch watch_;
};

} // namespace sockscope
