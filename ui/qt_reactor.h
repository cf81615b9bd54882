// QtReactor: runs the engine's EpollReactor inside Qt's event loop.
//
// One QSocketNotifier watches the EpollReactor's epoll descriptor, which is
// readable whenever any watched descriptor, timer or post is ready; on each
// activation one batch is dispatched without blocking. Never one notifier
// per descriptor: Qt 6.4's dispatchers (glib and unix) cost O(all notifiers)
// per wake-up, about 190 times slower than epoll at 2,000 descriptors.
//
// The EpollReactor must outlive the QtReactor.
#pragma once

#include <QObject>
#include <QSocketNotifier>

namespace sockscope {
class EpollReactor;
}

class QtReactor : public QObject {
    Q_OBJECT
public:
    explicit QtReactor(sockscope::EpollReactor &reactor, QObject *parent = nullptr);

    sockscope::EpollReactor &reactor() const { return reactor_; }

private:
    void dispatch();

    sockscope::EpollReactor &reactor_;
    QSocketNotifier notifier_;
};
