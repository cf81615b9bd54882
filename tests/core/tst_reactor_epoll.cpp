// The Reactor conformance suite under EpollReactor's own loop, and what only
// that loop has: run/stop, runFor, dispatchReady for an outside loop.
#include "reactor_conformance.h"
#include "reactor_helpers.h"

#include <QTest>
#include <sys/epoll.h>
#include <thread>

using namespace std::chrono_literals;

namespace {

class EpollDriver final : public LoopDriver {
public:
    EpollDriver() : reactor_(makeReactor()) {}
    sockscope::EpollReactor &reactor() override { return *reactor_; }
    bool runUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout) override
    {
        return ::runUntil(*reactor_, done, timeout);
    }
    void runFor(std::chrono::milliseconds duration) override { reactor_->runFor(duration); }

private:
    std::unique_ptr<sockscope::EpollReactor> reactor_;
};

} // namespace

class EpollReactorOnly : public QObject {
    Q_OBJECT
private slots:
    void stopFromAnotherThreadEndsRun()
    {
        auto reactor = makeReactor();
        std::thread stopper([&] {
            std::this_thread::sleep_for(20ms); // the thread under test, not a synchronisation
            reactor->stop();
        });
        const auto started = sockscope::Clock::now();
        reactor->run();
        stopper.join();
        QVERIFY(sockscope::Clock::now() - started < 5s);
    }

    void stopFromCallbackEndsRun()
    {
        auto reactor = makeReactor();
        int ran = 0;
        reactor->post([&] { ++ran; reactor->stop(); });
        reactor->run();
        QCOMPARE(ran, 1);
    }

    void runForReturnsAfterItsDuration()
    {
        auto reactor = makeReactor();
        const auto started = sockscope::Clock::now();
        reactor->runFor(30ms);
        const auto took = sockscope::Clock::now() - started;
        QVERIFY(took >= 30ms);
        QVERIFY(took < 5s);
    }

    void dispatchReadyNeverWaits()
    {
        auto reactor = makeReactor();
        reactor->startTimer(10s, [] {});
        const auto started = sockscope::Clock::now();
        QCOMPARE(reactor->dispatchReady(), 0);
        QVERIFY(sockscope::Clock::now() - started < 1s);
    }

    void epollFdSignalsEverything()
    {
        // The single descriptor an outside loop watches is readable for a
        // post and for a due timer, and idle otherwise.
        auto reactor = makeReactor();
        auto readable = [&] {
            epoll_event event;
            return ::epoll_wait(reactor->epollFd(), &event, 1, 0) == 1;
        };
        QVERIFY(!readable());
        bool posted = false;
        reactor->post([&] { posted = true; });
        QVERIFY(readable());
        QCOMPARE(reactor->dispatchReady(), 1);
        QVERIFY(posted);
        QVERIFY(!readable());
        bool fired = false;
        reactor->startTimer(1ms, [&] { fired = true; });
        QTRY_VERIFY_WITH_TIMEOUT(readable(), 5000);
        QCOMPARE(reactor->dispatchReady(), 1);
        QVERIFY(fired);
    }

    void cancelHeavyUseStaysBounded()
    {
        auto reactor = makeReactor();
        for (int i = 0; i < 10000; ++i)
            reactor->cancelTimer(reactor->startTimer(10s, [] {}));
        QCOMPARE(reactor->timerCount(), std::size_t{0});
    }
};

int main(int argc, char **argv)
{
    sockscope::raiseOpenFileLimit(); // 1,000 socket pairs exceed Debian's default 1,024
    QCoreApplication app(argc, argv);
    ReactorConformance conformance([] { return std::make_unique<EpollDriver>(); });
    EpollReactorOnly only;
    return QTest::qExec(&conformance, argc, argv) | QTest::qExec(&only, argc, argv);
}

#include "tst_reactor_epoll.moc"
