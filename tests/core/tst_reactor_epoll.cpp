// The Reactor conformance suite under EpollReactor's own loop, and what only
// that loop has: run/stop, runFor, dispatchReady for an outside loop.
#include "reactor_conformance.h"
#include "reactor_helpers.h"

#include <QTest>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/epoll.h>
#include <thread>
#include <unistd.h>
#include <vector>

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

// Waits on this thread for `flag`, at most `timeout`; returns the flag.
bool waitFor(const std::atomic<bool> &flag, std::chrono::milliseconds timeout)
{
    const auto deadline = sockscope::Clock::now() + timeout;
    while (!flag.load() && sockscope::Clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
    return flag.load();
}

} // namespace

class EpollReactorOnly : public QObject {
    Q_OBJECT
private slots:
    void stopFromAnotherThreadEndsRun()
    {
        auto reactor = makeReactor();
        std::atomic<bool> running{false};
        std::atomic<bool> returned{false};
        bool stoppedPromptly = false;
        reactor->post([&] { running = true; }); // only run() can run it
        std::thread stopper([&] {
            if (!waitFor(running, 5s))
                return;
            reactor->stop(); // lands while run() is running
            stoppedPromptly = waitFor(returned, 2s);
            if (!stoppedPromptly)
                reactor->post([] {}); // wake it another way: fail, do not hang
        });
        const std::error_code error = reactor->run();
        returned = true;
        stopper.join();
        QVERIFY(running);
        QVERIFY(stoppedPromptly);
        QVERIFY(!error);
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
        // Cancelled entries stay queued until they come up; at 10 s they
        // never do here, so only compaction keeps the queue small.
        auto reactor = makeReactor();
        std::vector<sockscope::TimerId> live;
        for (int i = 0; i < 100; ++i)
            live.push_back(reactor->startTimer(10s, [] {}));
        std::size_t largest = 0;
        for (int i = 0; i < 10000; ++i) {
            reactor->cancelTimer(reactor->startTimer(10s, [] {}));
            largest = std::max(largest, reactor->timerQueueSize());
        }
        QCOMPARE(reactor->timerCount(), live.size());
        QVERIFY2(largest <= 4 * live.size() + 64 + 1, qPrintable(QString::number(largest)));
        for (sockscope::TimerId id : live)
            QVERIFY(reactor->cancelTimer(id));
    }

    void nestedLoopInTimerCallbackRunsTimers()
    {
        // A callback that turns the loop itself (a synchronous wait in the
        // engine, a test helper) still gets its timers: one started in it,
        // and one that was due in the same round as the callback's own.
        auto reactor = makeReactor();
        bool alreadyDueRan = false;
        bool startedInsideRan = false;
        bool nestedSawBoth = false;
        reactor->startTimer(1ms, [&] {
            reactor->startTimer(5ms, [&] { startedInsideRan = true; });
            nestedSawBoth = runUntil(*reactor, [&] { return alreadyDueRan && startedInsideRan; }, 2s);
        });
        reactor->startTimer(1ms, [&] { alreadyDueRan = true; });
        std::this_thread::sleep_for(5ms); // both due: one round takes them
        QVERIFY(runUntil(*reactor, [&] { return alreadyDueRan && startedInsideRan; }));
        QVERIFY(nestedSawBoth);
        QCOMPARE(reactor->timerCount(), std::size_t{0});
    }

    void nestedLoopInIoCallbackRunsTimers()
    {
        // The same from an I/O callback, where nothing else would wake the
        // nested loop: a timer already due when it starts, and a later one.
        auto reactor = makeReactor();
        sockscope::PipeEnds pipe;
        QVERIFY(!sockscope::makePipe(pipe));
        bool alreadyDueRan = false;
        bool laterRan = false;
        bool nestedSawBoth = false;
        sockscope::WatchId id = 0;
        QVERIFY(!reactor->watch(pipe.read.get(), sockscope::Interest::Read, [&](sockscope::Readiness) {
            reactor->unwatch(id);
            reactor->startTimer(1ms, [&] { alreadyDueRan = true; });
            std::this_thread::sleep_for(3ms);
            reactor->startTimer(5ms, [&] { laterRan = true; });
            nestedSawBoth = runUntil(*reactor, [&] { return alreadyDueRan && laterRan; }, 2s);
        }, &id));
        const char byte = 'x';
        QCOMPARE(::write(pipe.write.get(), &byte, 1), ssize_t{1});
        QVERIFY(runUntil(*reactor, [&] { return alreadyDueRan && laterRan; }));
        QVERIFY(nestedSawBoth);
    }

    void loopFailureIsReported()
    {
        // No longer an epoll descriptor: epoll_wait fails with EINVAL, which
        // no retry fixes. The loop must end at once and say why.
        auto reactor = makeReactor();
        sockscope::UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        QVERIFY(::dup2(devNull.get(), reactor->epollFd()) == reactor->epollFd());
        QVERIFY(!reactor->failure());
        const auto started = sockscope::Clock::now();
        const std::error_code error = reactor->run();
        QCOMPARE(error, std::error_code(EINVAL, std::system_category()));
        QCOMPARE(reactor->failure(), error);
        QCOMPARE(reactor->runFor(10s), error); // a broken loop stays broken, without waiting
        QVERIFY(sockscope::Clock::now() - started < 1s);
    }

    void failureSeenByAnOutsideLoop()
    {
        auto reactor = makeReactor();
        sockscope::UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        QVERIFY(::dup2(devNull.get(), reactor->epollFd()) == reactor->epollFd());
        QCOMPARE(reactor->dispatchReady(), 0);
        QCOMPARE(reactor->failure(), std::error_code(EINVAL, std::system_category()));
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
