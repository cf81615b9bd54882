// Signals through signalfd. This binary has its own main(): the signals are
// blocked before QTest starts its watchdog thread, as sockscope's main() does.
#include "reactor_helpers.h"

#include <sockscope/reactor/epoll_reactor.h>
#include <sockscope/ipc/signal_watcher.h>

#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace std::chrono_literals;

class TestSignalWatcher : public QObject {
    Q_OBJECT
private slots:
    void deliversSenderAndValue()
    {
        auto reactor = makeReactor();
        std::vector<sockscope::SignalInfo> seen;
        std::error_code error;
        auto watcher = sockscope::SignalWatcher::create(
            *reactor, {SIGUSR1, SIGRTMIN + 3}, [&](const sockscope::SignalInfo &info) { seen.push_back(info); }, error);
        QVERIFY2(watcher, error.message().c_str());
        QCOMPARE(::kill(::getpid(), SIGUSR1), 0);
        sigval value{};
        value.sival_int = 77;
        QCOMPARE(::sigqueue(::getpid(), SIGRTMIN + 3, value), 0);
        QVERIFY(runUntil(*reactor, [&] { return seen.size() == 2; }));
        QCOMPARE(seen[0].signal, SIGUSR1);
        QCOMPARE(seen[0].senderPid, ::getpid());
        QCOMPARE(seen[0].senderUid, static_cast<int>(::getuid()));
        QCOMPARE(seen[1].signal, SIGRTMIN + 3);
        QCOMPARE(seen[1].value, 77);
    }

    void watcherMayBeDestroyedByItsCallback()
    {
        auto reactor = makeReactor();
        std::unique_ptr<sockscope::SignalWatcher> watcher;
        int calls = 0;
        std::error_code error;
        watcher = sockscope::SignalWatcher::create(
            *reactor, {SIGUSR2}, [&, marker = std::string(64, 'm')](const sockscope::SignalInfo &) {
                watcher.reset();
                calls += static_cast<int>(marker.size()) / 64; // a capture used after the reset
            }, error);
        QVERIFY(watcher);
        QCOMPARE(::kill(::getpid(), SIGUSR2), 0);
        QVERIFY(runUntil(*reactor, [&] { return calls > 0; }));
        QVERIFY(!watcher);
        QCOMPARE(reactor->watchCount(), std::size_t{0});
    }
};

int main(int argc, char **argv)
{
    sockscope::blockSignals({SIGUSR1, SIGUSR2, SIGRTMIN + 3});
    QCoreApplication app(argc, argv);
    TestSignalWatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signal_watcher.moc"
