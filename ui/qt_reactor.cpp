#include "qt_reactor.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QPointer>

QtReactor::QtReactor(sockscope::EpollReactor &reactor, QObject *parent)
    : QObject(parent), reactor_(reactor), notifier_(reactor.epollFd(), QSocketNotifier::Read)
{
    connect(&notifier_, &QSocketNotifier::activated, this, &QtReactor::dispatch);
}

void QtReactor::dispatch()
{
    // A callback that spins a nested event loop anyway must not re-enter
    // the reactor mid-batch, nor make the nested loop spin on the still
    // readable descriptor: the notifier sleeps until this activation ends.
    notifier_.setEnabled(false);
    // A callback may delete this QtReactor: touch nothing of it afterwards.
    const QPointer<QtReactor> self(this);
    const auto deadline = sockscope::Clock::now() + kDispatchBudget;
    for (;;) {
        const int ran = reactor_.dispatchReady();
        if (!self)
            return;
        if (ran == 0 || sockscope::Clock::now() >= deadline)
            break;
    }
    if (const std::error_code error = reactor_.failure()) {
        emit failed(error); // the notifier stays off: a broken epoll set may stay readable
        return;
    }
    notifier_.setEnabled(true);
}
