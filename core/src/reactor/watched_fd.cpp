#include "sockscope/reactor/watched_fd.h"

namespace sockscope {

WatchedFd &WatchedFd::operator=(WatchedFd &&other) noexcept
{
    // Not member-wise: that would close our descriptor while it is watched.
    if (this != &other) {
        reset();
        fd_ = std::move(other.fd_);
        watch_ = std::move(other.watch_);
    }
    return *this;
}

std::error_code WatchedFd::start(Reactor &reactor, UniqueFd fd, Interest interest, Reactor::IoCallback callback,
                                 WatchedFd &out)
{
    out.reset();
    out.fd_ = std::move(fd);
    return Watch::start(reactor, out.fd_.get(), interest, std::move(callback), out.watch_);
}

UniqueFd WatchedFd::release() noexcept
{
    watch_.reset();
    return std::move(fd_);
}

void WatchedFd::reset() noexcept
{
    watch_.reset();
    fd_.reset();
}

} // namespace sockscope
