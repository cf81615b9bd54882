#include "qt_reactor.h"

#include <sockscope/epoll_reactor.h>

QtReactor::QtReactor(sockscope::EpollReactor &reactor, QObject *parent)
    : QObject(parent), reactor_(reactor), notifier_(reactor.epollFd(), QSocketNotifier::Read)
{
    connect(&notifier_, &QSocketNotifier::activated, this, &QtReactor::dispatch);
}

void QtReactor::dispatch()
{
    // A callback that spins a nested event loop must not re-enter the
    // reactor in the middle of its batch; the level-triggered descriptor
    // brings us back once the outer dispatch has finished.
    if (dispatching_)
        return;
    dispatching_ = true;
    reactor_.dispatchReady();
    dispatching_ = false;
}
