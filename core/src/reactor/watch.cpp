#include "sockscope/reactor/watch.h"

#include <cerrno>

namespace sockscope {

Watch &Watch::operator=(Watch &&other) noexcept
{
    if (this != &other) {
        reset();
        reactor_ = other.reactor_;
        id_ = std::exchange(other.id_, 0);
    }
    return *this;
}

std::error_code Watch::start(Reactor &reactor, int fd, Interest interest, Reactor::IoCallback callback, Watch &out)
{
    out.reset();
    WatchId id = 0;
    if (std::error_code error = reactor.watch(fd, interest, std::move(callback), &id))
        return error;
    out.reactor_ = &reactor;
    out.id_ = id;
    return {};
}

std::error_code Watch::setInterest(Interest interest)
{
    if (!active())
        return {ENOENT, std::system_category()};
    return reactor_->setInterest(id_, interest);
}

void Watch::reset() noexcept
{
    if (active())
        reactor_->unwatch(std::exchange(id_, 0));
}

} // namespace sockscope
