// QtReactor: runs the engine's EpollReactor inside Qt's event loop.
//
// One QSocketNotifier watches the EpollReactor's epoll descriptor, which is
// readable whenever any watched descriptor, timer or post is ready. Never one
// notifier per descriptor: Qt 6.4's dispatchers (glib and unix) cost O(all
// notifiers) per wake-up, about 190 times slower than epoll at 2,000
// descriptors. On each activation it dispatches batch after batch, without
// blocking, while work is ready and for at most kDispatchBudget: a Qt
// wake-up costs far more than an epoll batch, so one busy descriptor among
// many would otherwise run at half of epoll's rate, and the budget keeps
// the window responsive under a flood.
//
// No engine callback may open a modal loop (QDialog::exec(), QMessageBox,
// QEventLoop::exec()): the engine is paused until the callback returns, so
// the dialog would wait on a frozen engine. Post the dialog to run after the
// callback instead: QMetaObject::invokeMethod(window, [...] { ... },
// Qt::QueuedConnection).
//
// A callback may delete the QtReactor. If the loop itself fails (see
// EpollReactor::failure()), it stops dispatching and emits failed() once.
//
// The EpollReactor must outlive the QtReactor.
#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <chrono>
#include <system_error>

namespace sockscope {
class EpollReactor;
}

class QtReactor : public QObject {
    Q_OBJECT
public:
    /// How long one activation may keep dispatching while work is ready.
    static constexpr std::chrono::microseconds kDispatchBudget{2000};

    explicit QtReactor(sockscope::EpollReactor &reactor, QObject *parent = nullptr);

    sockscope::EpollReactor &reactor() const { return reactor_; }

signals:
    /// The engine's loop failed (EBADF, EINVAL, ENOMEM from epoll, the timerfd
    /// or the eventfd); nothing is dispatched any more.
    void failed(std::error_code error);

private:
    void dispatch();

    sockscope::EpollReactor &reactor_;
    QSocketNotifier notifier_;
};
