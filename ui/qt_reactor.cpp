#include "qt_reactor.h"

#include <sockscope/reactor/epoll_reactor.h>

QtReactor::QtReactor(sockscope::EpollReactor &reactor, QObject *parent)
    : QObject(parent), reactor_(reactor), notifier_(reactor.epollFd(), QSocketNotifier::Read)
{
    connect(&notifier_, &QSocketNotifier::activated, this, &QtReactor::dispatch);
}

void QtReactor::dispatch()
{
    // A callback that spins a nested event loop (a modal dialog) must not
    // re-enter the reactor mid-batch, nor make the nested loop spin on the
    // still-readable descriptor: the notifier sleeps until the batch ends.
    notifier_.setEnabled(false);
    reactor_.dispatchReady();
    notifier_.setEnabled(true);
}
