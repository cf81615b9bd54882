#include "reactor_conformance.h"

#include <sockscope/reactor/unique_fd.h>

#include <QTest>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;
using sockscope::Interest;
using sockscope::Readiness;
using sockscope::UniqueFd;
using sockscope::WatchId;

namespace {

constexpr auto kDeadline = 5s; // only to catch a hang; never reached when correct

void writeByte(const UniqueFd &fd, char byte = 'x')
{
    QCOMPARE(::write(fd.get(), &byte, 1), ssize_t{1});
}

// Something that owns a descriptor and its watch, as every engine object
// will: the destructor unwatches before the descriptor closes.
struct Watcher {
    sockscope::Reactor &reactor;
    UniqueFd fd;
    WatchId id = 0;
    ~Watcher() { reactor.unwatch(id); }
};

std::unique_ptr<Watcher> makeWatcher(sockscope::Reactor &reactor)
{
    return std::unique_ptr<Watcher>(new Watcher{reactor, {}, 0});
}

} // namespace

void ReactorConformance::init()
{
    descriptorsBefore_ = sockscope::openDescriptorCount();
    driver_ = factory_();
}

void ReactorConformance::cleanup()
{
    QCOMPARE(driver_->reactor().watchCount(), std::size_t{0});
    driver_.reset();
    QCOMPARE(sockscope::openDescriptorCount(), descriptorsBefore_);
}

void ReactorConformance::readReadinessOnPipe()
{
    sockscope::PipeEnds pipe;
    QVERIFY(!sockscope::makePipe(pipe));
    int calls = 0;
    Readiness seen;
    WatchId id = 0;
    QVERIFY(!driver_->reactor().watch(pipe.read.get(), Interest::Read, [&](Readiness r) {
        ++calls;
        seen = r;
        char byte;
        QCOMPARE(::read(pipe.read.get(), &byte, 1), ssize_t{1});
    }, &id));
    QVERIFY(id != 0);
    writeByte(pipe.write);
    QVERIFY(driver_->runUntil([&] { return calls > 0; }, kDeadline));
    QVERIFY(seen.readable);
    QVERIFY(!seen.writable);
    QVERIFY(!seen.hangup);
    driver_->runFor(20ms); // drained: level-triggered, so no more calls
    QCOMPARE(calls, 1);
    driver_->reactor().unwatch(id);
}

void ReactorConformance::writeReadinessOnSocket()
{
    UniqueFd a, b;
    QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, a, b));
    int calls = 0;
    WatchId id = 0;
    QVERIFY(!driver_->reactor().watch(a.get(), Interest::Write, [&](Readiness r) {
        QVERIFY(r.writable);
        if (++calls == 1)
            driver_->reactor().unwatch(id);
    }, &id));
    QVERIFY(driver_->runUntil([&] { return calls > 0; }, kDeadline));
    QCOMPARE(calls, 1);
}

void ReactorConformance::nothingReportedWhenNothingReady()
{
    sockscope::PipeEnds pipe;
    QVERIFY(!sockscope::makePipe(pipe));
    int calls = 0;
    WatchId id = 0;
    QVERIFY(!driver_->reactor().watch(pipe.read.get(), Interest::Read, [&](Readiness) { ++calls; }, &id));
    driver_->runFor(30ms);
    QCOMPARE(calls, 0);
    driver_->reactor().unwatch(id);
}

void ReactorConformance::hangupReportedAsReadable()
{
    UniqueFd a, b;
    QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, a, b));
    Readiness seen;
    bool called = false;
    WatchId id = 0;
    QVERIFY(!driver_->reactor().watch(a.get(), Interest::Read, [&](Readiness r) {
        seen = r;
        called = true;
        driver_->reactor().unwatch(id);
    }, &id));
    b.reset();
    QVERIFY(driver_->runUntil([&] { return called; }, kDeadline));
    QVERIFY(seen.readable);
    QVERIFY(seen.hangup);
    char byte;
    QCOMPARE(::read(a.get(), &byte, 1), ssize_t{0}); // EOF, as the readiness promised
}

void ReactorConformance::interestChanges()
{
    UniqueFd a, b;
    QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, a, b));
    std::vector<Readiness> seen;
    WatchId id = 0;
    sockscope::Reactor &reactor = driver_->reactor();
    QVERIFY(!reactor.watch(a.get(), Interest::Read, [&](Readiness r) {
        seen.push_back(r);
        reactor.setInterest(id, Interest::None);
    }, &id));
    driver_->runFor(20ms);
    QVERIFY(seen.empty()); // nothing to read yet

    QVERIFY(!reactor.setInterest(id, Interest::Write));
    QVERIFY(driver_->runUntil([&] { return seen.size() == 1; }, kDeadline));
    QVERIFY(seen.back().writable);
    QVERIFY(!seen.back().readable);

    writeByte(b);
    driver_->runFor(20ms);
    QCOMPARE(seen.size(), std::size_t{1}); // interest is None now

    QVERIFY(!reactor.setInterest(id, Interest::ReadWrite));
    QVERIFY(driver_->runUntil([&] { return seen.size() == 2; }, kDeadline));
    QVERIFY(seen.back().readable);
    QVERIFY(seen.back().writable);
    reactor.unwatch(id);
}

void ReactorConformance::noInterestSilencesHangup()
{
    UniqueFd a, b;
    QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, a, b));
    int calls = 0;
    WatchId id = 0;
    QVERIFY(!driver_->reactor().watch(a.get(), Interest::None, [&](Readiness) { ++calls; }, &id));
    b.reset(); // a hang-up that epoll would report whatever the mask
    driver_->runFor(30ms);
    QCOMPARE(calls, 0);
    QVERIFY(!driver_->reactor().setInterest(id, Interest::Read));
    QVERIFY(driver_->runUntil([&] { return calls > 0; }, kDeadline));
    driver_->reactor().unwatch(id);
}

void ReactorConformance::unwatchInsideCallback()
{
    sockscope::PipeEnds pipe;
    QVERIFY(!sockscope::makePipe(pipe));
    int calls = 0;
    WatchId id = 0;
    QVERIFY(!driver_->reactor().watch(pipe.read.get(), Interest::Read, [&](Readiness) {
        ++calls;
        driver_->reactor().unwatch(id); // the byte stays unread: readiness persists
    }, &id));
    writeByte(pipe.write);
    QVERIFY(driver_->runUntil([&] { return calls > 0; }, kDeadline));
    driver_->runFor(30ms);
    QCOMPARE(calls, 1);
    driver_->reactor().unwatch(id); // a second unwatch is harmless
}

void ReactorConformance::destroyWatcherInsideCallback()
{
    auto watcher = makeWatcher(driver_->reactor());
    UniqueFd peer;
    QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, watcher->fd, peer));
    int calls = 0;
    // Destroying the watcher unwatches it while its callback runs: the
    // callback and its captures must live until it returns.
    QVERIFY(!driver_->reactor().watch(watcher->fd.get(), Interest::Read, [&calls, &watcher, marker = std::string(64, 'm')](Readiness) {
        ++calls;
        watcher.reset();
        QCOMPARE(marker.size(), std::size_t{64});
    }, &watcher->id));
    writeByte(peer);
    QVERIFY(driver_->runUntil([&] { return calls > 0; }, kDeadline));
    driver_->runFor(20ms);
    QCOMPARE(calls, 1);
    QVERIFY(!watcher);
}

void ReactorConformance::unwatchOtherInSameBatch()
{
    std::unique_ptr<Watcher> watchers[2];
    UniqueFd peers[2];
    int calls[2] = {0, 0};
    for (int i = 0; i < 2; ++i) {
        watchers[i] = makeWatcher(driver_->reactor());
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, watchers[i]->fd, peers[i]));
        QVERIFY(!driver_->reactor().watch(watchers[i]->fd.get(), Interest::Read, [&, i](Readiness) {
            ++calls[i];
            watchers[1 - i].reset(); // the other one, whose event may be in this batch
            watchers[i].reset();
        }, &watchers[i]->id));
    }
    // Both readable before the loop turns: one epoll_wait collects both.
    writeByte(peers[0]);
    writeByte(peers[1]);
    QVERIFY(driver_->runUntil([&] { return calls[0] + calls[1] > 0; }, kDeadline));
    driver_->runFor(20ms);
    QCOMPARE(calls[0] + calls[1], 1);
}

void ReactorConformance::interestChangedEarlierInSameBatch()
{
    sockscope::Reactor &reactor = driver_->reactor();
    UniqueFd sockets[2], peers[2];
    WatchId ids[2] = {0, 0};
    std::vector<std::pair<int, Readiness>> calls;
    for (int i = 0; i < 2; ++i) {
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, sockets[i], peers[i]));
        QVERIFY(!reactor.watch(sockets[i].get(), Interest::Read, [&, i](Readiness r) {
            calls.emplace_back(i, r);
            if (calls.size() == 1)
                reactor.setInterest(ids[1 - i], Interest::Write); // the other: no longer read
            else
                reactor.setInterest(ids[i], Interest::None);
        }, &ids[i]));
    }
    writeByte(peers[0]);
    writeByte(peers[1]); // both in one batch
    QVERIFY(driver_->runUntil([&] { return calls.size() >= 2; }, kDeadline));
    driver_->runFor(20ms);
    // The other socket's collected "readable" must not be reported to a
    // watch that now asks for writing only; it is called for writing.
    for (const auto &[index, ready] : calls) {
        if (index != calls.front().first) {
            QVERIFY(!ready.readable);
            QVERIFY(ready.writable);
        }
    }
    reactor.unwatch(ids[0]);
    reactor.unwatch(ids[1]);
}

void ReactorConformance::reusedDescriptorNeverGetsStaleEvent()
{
    sockscope::Reactor &reactor = driver_->reactor();
    std::unique_ptr<Watcher> watchers[2];
    UniqueFd peers[2];
    std::unique_ptr<Watcher> replacement;
    int firstCalls = 0;
    int replacementCalls = 0;
    int reusedNumber = -1;
    // Opened now, so that it cannot take the number itself: the callback
    // copies it to exactly the number it frees.
    UniqueFd fresh, replacementPeer;
    QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, fresh, replacementPeer));
    for (int i = 0; i < 2; ++i) {
        watchers[i] = makeWatcher(reactor);
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, watchers[i]->fd, peers[i]));
        QVERIFY(!reactor.watch(watchers[i]->fd.get(), Interest::Read, [&, i](Readiness) {
            ++firstCalls;
            reusedNumber = watchers[1 - i]->fd.get();
            // Itself first, then the other, whose event is in this batch:
            // a reactor that reused the freed slots at once would hand that
            // event to the replacement below.
            watchers[i].reset();
            watchers[1 - i].reset();
            replacement = makeWatcher(reactor);
            replacement->fd.reset(::fcntl(fresh.get(), F_DUPFD_CLOEXEC, reusedNumber));
            fresh.reset();
            QCOMPARE(replacement->fd.get(), reusedNumber);
            QVERIFY(!reactor.watch(replacement->fd.get(), Interest::Read, [&](Readiness r) {
                QVERIFY(r.readable);
                char byte;
                QCOMPARE(::read(replacement->fd.get(), &byte, 1), ssize_t{1});
                ++replacementCalls;
            }, &replacement->id));
        }, &watchers[i]->id));
    }
    writeByte(peers[0]);
    writeByte(peers[1]); // both ready before the loop turns: one batch
    QVERIFY(driver_->runUntil([&] { return firstCalls > 0; }, kDeadline));
    driver_->runFor(20ms);
    QCOMPARE(firstCalls, 1);
    QVERIFY(replacement);
    QCOMPARE(replacement->fd.get(), reusedNumber);
    QCOMPARE(replacementCalls, 0); // the stale event never reached it
    writeByte(replacementPeer);    // its own event does
    QVERIFY(driver_->runUntil([&] { return replacementCalls > 0; }, kDeadline));
    driver_->runFor(20ms);
    QCOMPARE(replacementCalls, 1);
    QCOMPARE(firstCalls, 1);
    replacement.reset();
}

void ReactorConformance::watchErrors()
{
    sockscope::EpollReactor &reactor = driver_->reactor();
    auto noop = [](Readiness) {};
    QCOMPARE(reactor.watch(-1, Interest::Read, noop, nullptr).value(), EBADF);

    sockscope::PipeEnds pipe;
    QVERIFY(!sockscope::makePipe(pipe));
    WatchId id = 0;
    QVERIFY(!reactor.watch(pipe.read.get(), Interest::Read, noop, &id));
    QCOMPARE(reactor.watch(pipe.read.get(), Interest::Read, noop, nullptr).value(), EEXIST);
    reactor.unwatch(id);
    // Also while the first watch waits for nothing (out of the epoll set).
    QVERIFY(!reactor.watch(pipe.read.get(), Interest::None, noop, &id));
    QCOMPARE(reactor.watch(pipe.read.get(), Interest::Read, noop, nullptr).value(), EEXIST);
    reactor.unwatch(id);

    // A regular file cannot be polled: the caller must read it directly.
    UniqueFd file(::open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC));
    QVERIFY(file);
    QCOMPARE(reactor.watch(file.get(), Interest::Read, noop, nullptr).value(), EPERM);

    QCOMPARE(reactor.setInterest(id, Interest::Write).value(), ENOENT); // stale id
    reactor.unwatch(id);
    reactor.unwatch(0);
    QCOMPARE(reactor.watchCount(), std::size_t{0});
}

void ReactorConformance::timersRunInDeadlineOrder()
{
    sockscope::Reactor &reactor = driver_->reactor();
    std::vector<int> order;
    reactor.startTimer(30ms, [&] { order.push_back(30); });
    reactor.startTimer(10ms, [&] { order.push_back(10); });
    reactor.startTimer(20ms, [&] { order.push_back(20); });
    reactor.startTimer(0ms, [&] { order.push_back(0); });
    QVERIFY(driver_->runUntil([&] { return order.size() == 4; }, kDeadline));
    QCOMPARE(order, (std::vector<int>{0, 10, 20, 30}));
    QCOMPARE(driver_->reactor().timerCount(), std::size_t{0});
}

void ReactorConformance::timersDueTogetherRunInStartOrder()
{
    // reactor.h: timers due at the same time run in start order. Started
    // back to back with one delay, and all due before the loop next turns
    // (it cannot turn while this test sleeps), they are due in one round;
    // the byte the first one writes is only read after that round.
    constexpr int kTimers = 20;
    sockscope::Reactor &reactor = driver_->reactor();
    sockscope::PipeEnds pipe;
    QVERIFY(!sockscope::makePipe(pipe));
    std::vector<int> order;
    WatchId id = 0;
    QVERIFY(!reactor.watch(pipe.read.get(), Interest::Read, [&](Readiness) {
        order.push_back(-1);
        reactor.unwatch(id);
    }, &id));
    for (int i = 0; i < kTimers; ++i) {
        reactor.startTimer(20ms, [&, i] {
            if (i == 0)
                writeByte(pipe.write);
            order.push_back(i);
        });
    }
    std::this_thread::sleep_for(40ms);
    QVERIFY(driver_->runUntil([&] { return order.size() == kTimers + 1; }, kDeadline));
    std::vector<int> expected;
    for (int i = 0; i < kTimers; ++i)
        expected.push_back(i);
    expected.push_back(-1);
    QCOMPARE(order, expected);
}

void ReactorConformance::timerNeverRunsEarly()
{
    sockscope::Reactor &reactor = driver_->reactor();
    const auto started = reactor.now();
    sockscope::TimePoint fired{};
    reactor.startTimer(15ms, [&] { fired = reactor.now(); });
    QVERIFY(driver_->runUntil([&] { return fired != sockscope::TimePoint{}; }, kDeadline));
    QVERIFY(fired - started >= 15ms);
}

void ReactorConformance::timerCancel()
{
    sockscope::Reactor &reactor = driver_->reactor();
    bool kept = false;
    bool cancelled = false;
    const auto cancelledId = reactor.startTimer(5ms, [&] { cancelled = true; });
    const auto keptId = reactor.startTimer(10ms, [&] { kept = true; });
    QVERIFY(reactor.cancelTimer(cancelledId));
    QVERIFY(!reactor.cancelTimer(cancelledId));
    QVERIFY(driver_->runUntil([&] { return kept; }, kDeadline));
    QVERIFY(!cancelled);
    QVERIFY(!reactor.cancelTimer(keptId)); // already ran
    QVERIFY(!reactor.cancelTimer(0));
}

void ReactorConformance::timerCancelledByEarlierTimerInSameRound()
{
    sockscope::Reactor &reactor = driver_->reactor();
    sockscope::TimerId second = 0;
    bool secondRan = false;
    bool firstRan = false;
    reactor.startTimer(5ms, [&] {
        firstRan = true;
        QVERIFY(reactor.cancelTimer(second));
    });
    second = reactor.startTimer(5ms, [&] { secondRan = true; });
    driver_->runFor(10ms); // both are due by now: one round collects both
    QVERIFY(driver_->runUntil([&] { return firstRan; }, kDeadline));
    driver_->runFor(20ms);
    QVERIFY(!secondRan);
}

void ReactorConformance::zeroDelayTimerFromTimerDoesNotStarve()
{
    sockscope::Reactor &reactor = driver_->reactor();
    int rearms = 0;
    std::function<void()> again = [&] {
        if (++rearms < 100000)
            reactor.startTimer(0ms, again);
    };
    reactor.startTimer(0ms, again);
    sockscope::PipeEnds pipe;
    QVERIFY(!sockscope::makePipe(pipe));
    bool ioRan = false;
    WatchId id = 0;
    QVERIFY(!reactor.watch(pipe.read.get(), Interest::Read, [&](Readiness) {
        ioRan = true;
        reactor.unwatch(id);
    }, &id));
    writeByte(pipe.write);
    // I/O is served between rounds of an endless zero-delay timer chain.
    QVERIFY(driver_->runUntil([&] { return ioRan; }, kDeadline));
    QVERIFY(rearms < 100000);
    rearms = 100000; // end the chain
    driver_->runFor(10ms);
}

void ReactorConformance::postsFromFourThreadsInOrder()
{
    constexpr int kThreads = 4;
    constexpr int kPerThread = 2500;
    sockscope::Reactor &reactor = driver_->reactor();
    std::vector<int> next(kThreads, 0);
    int delivered = 0;
    bool ordered = true;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&reactor, &next, &delivered, &ordered, t] {
            for (int i = 0; i < kPerThread; ++i) {
                reactor.post([&next, &delivered, &ordered, t, i] {
                    ordered = ordered && next[t] == i;
                    next[t] = i + 1;
                    ++delivered;
                });
            }
        });
    }
    const bool allArrived = driver_->runUntil([&] { return delivered == kThreads * kPerThread; }, kDeadline);
    for (std::thread &thread : threads)
        thread.join();
    QVERIFY(allArrived);
    driver_->runFor(10ms);
    QCOMPARE(delivered, kThreads * kPerThread); // exactly once
    QVERIFY(ordered);
}

void ReactorConformance::postFromCallbackRunsLater()
{
    sockscope::Reactor &reactor = driver_->reactor();
    std::vector<int> order;
    reactor.post([&] {
        reactor.post([&] { order.push_back(2); });
        order.push_back(1);
    });
    QVERIFY(driver_->runUntil([&] { return order.size() == 2; }, kDeadline));
    QCOMPARE(order, (std::vector<int>{1, 2}));
}

void ReactorConformance::thousandDescriptorsAtOnce()
{
    constexpr int kPairs = 1000;
    std::vector<std::unique_ptr<Watcher>> watchers;
    std::vector<UniqueFd> peers(kPairs);
    std::vector<int> calls(kPairs, 0);
    for (int i = 0; i < kPairs; ++i) {
        watchers.push_back(makeWatcher(driver_->reactor()));
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, watchers[i]->fd, peers[i]));
        QVERIFY(!driver_->reactor().watch(watchers[i]->fd.get(), Interest::Read, [&, i](Readiness) {
            char byte;
            QCOMPARE(::read(watchers[i]->fd.get(), &byte, 1), ssize_t{1});
            ++calls[i];
        }, &watchers[i]->id));
    }
    QCOMPARE(driver_->reactor().watchCount(), std::size_t{kPairs});
    for (const UniqueFd &peer : peers)
        writeByte(peer);
    int total = 0;
    QVERIFY(driver_->runUntil([&] {
        total = 0;
        for (int c : calls)
            total += c;
        return total == kPairs;
    }, kDeadline));
    driver_->runFor(20ms);
    for (int i = 0; i < kPairs; ++i)
        QCOMPARE(calls[i], 1);
    watchers.clear();
    QCOMPARE(driver_->reactor().watchCount(), std::size_t{0});
}
