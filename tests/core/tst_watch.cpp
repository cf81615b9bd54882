// Watch and WatchedFd: the owners that unwatch for their holder, and unwatch
// before the descriptor closes.
#include "reactor_helpers.h"

#include <sockscope/reactor/watch.h>
#include <sockscope/reactor/watched_fd.h>

#include <QTest>
#include <fcntl.h>
#include <map>
#include <memory>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::Interest;
using sockscope::Readiness;
using sockscope::UniqueFd;
using sockscope::Watch;
using sockscope::WatchedFd;

namespace {

bool isOpen(int fd)
{
    return ::fcntl(fd, F_GETFD) != -1;
}

void writeByte(const UniqueFd &fd)
{
    const char byte = 'x';
    QCOMPARE(::write(fd.get(), &byte, 1), ssize_t{1});
}

// Records whether each descriptor was still open when it was unwatched:
// the order WatchedFd promises, which a real reactor cannot observe.
class OrderCheckingReactor final : public sockscope::Reactor {
public:
    int unwatchedOpen = 0;
    int unwatchedClosed = 0;

    std::error_code watch(int fd, Interest, IoCallback, sockscope::WatchId *id) override
    {
        *id = nextId_++;
        fds_[*id] = fd;
        return {};
    }
    std::error_code setInterest(sockscope::WatchId, Interest) override { return {}; }
    void unwatch(sockscope::WatchId id) override
    {
        const auto found = fds_.find(id);
        if (found == fds_.end())
            return;
        ++(isOpen(found->second) ? unwatchedOpen : unwatchedClosed);
        fds_.erase(found);
    }
    sockscope::TimerId startTimer(sockscope::Duration, Callback) override { return 0; }
    bool cancelTimer(sockscope::TimerId) override { return false; }
    void post(Callback) override {}
    sockscope::TimePoint now() const override { return sockscope::Clock::now(); }

private:
    std::map<sockscope::WatchId, int> fds_;
    sockscope::WatchId nextId_ = 1;
};

UniqueFd openPipeReadEnd(UniqueFd &writeEnd)
{
    sockscope::PipeEnds pipe;
    if (sockscope::makePipe(pipe))
        return {};
    writeEnd = std::move(pipe.write);
    return std::move(pipe.read);
}

} // namespace

class TestWatch : public QObject {
    Q_OBJECT
private slots:
    void destructionUnwatches()
    {
        auto reactor = makeReactor();
        UniqueFd writeEnd;
        const UniqueFd readEnd = openPipeReadEnd(writeEnd);
        {
            Watch watch;
            QVERIFY(!Watch::start(*reactor, readEnd.get(), Interest::Read, [](Readiness) {}, watch));
            QVERIFY(watch.active());
            QCOMPARE(reactor->watchCount(), std::size_t{1});
        }
        QCOMPARE(reactor->watchCount(), std::size_t{0});
        int raw = -1;
        {
            WatchedFd watched;
            QVERIFY(!WatchedFd::start(*reactor, openPipeReadEnd(writeEnd), Interest::Read, [](Readiness) {}, watched));
            raw = watched.get();
            QCOMPARE(reactor->watchCount(), std::size_t{1});
        }
        QCOMPARE(reactor->watchCount(), std::size_t{0});
        QVERIFY(!isOpen(raw));
    }

    void movingKeepsOneWatch()
    {
        auto reactor = makeReactor();
        UniqueFd writeEnd;
        const UniqueFd readEnd = openPipeReadEnd(writeEnd);
        int calls = 0;
        Watch first;
        QVERIFY(!Watch::start(*reactor, readEnd.get(), Interest::Read, [&](Readiness) {
            char byte;
            QCOMPARE(::read(readEnd.get(), &byte, 1), ssize_t{1});
            ++calls;
        }, first));
        Watch second(std::move(first));
        Watch third;
        third = std::move(second);
        QVERIFY(!first.active());
        QVERIFY(!second.active());
        QVERIFY(third.active());
        QCOMPARE(reactor->watchCount(), std::size_t{1});
        writeByte(writeEnd);
        QVERIFY(runUntil(*reactor, [&] { return calls == 1; }));
        QVERIFY(!third.setInterest(Interest::Write));
        QCOMPARE(first.setInterest(Interest::Read).value(), ENOENT);

        // Moving a watch onto an active one removes the one it replaces.
        UniqueFd otherWrite;
        const UniqueFd otherRead = openPipeReadEnd(otherWrite);
        Watch other;
        QVERIFY(!Watch::start(*reactor, otherRead.get(), Interest::Read, [](Readiness) {}, other));
        QCOMPARE(reactor->watchCount(), std::size_t{2});
        third = std::move(other);
        QCOMPARE(reactor->watchCount(), std::size_t{1});
        third.reset();
        QCOMPARE(reactor->watchCount(), std::size_t{0});
    }

    void startFailureLeavesDescriptorOwned()
    {
        auto reactor = makeReactor();
        WatchedFd watched;
        UniqueFd file(::open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC));
        const int raw = file.get();
        QCOMPARE(WatchedFd::start(*reactor, std::move(file), Interest::Read, [](Readiness) {}, watched).value(),
                 EPERM); // a regular file cannot be polled
        QCOMPARE(watched.get(), raw);
        QVERIFY(!watched.watching());
        watched.reset();
        QVERIFY(!isOpen(raw));
    }

    void unwatchedBeforeClosedOnEveryPath()
    {
        OrderCheckingReactor reactor;
        UniqueFd writeEnd;
        auto start = [&](WatchedFd &out) {
            QVERIFY(!WatchedFd::start(reactor, openPipeReadEnd(writeEnd), Interest::Read, [](Readiness) {}, out));
        };
        {
            WatchedFd destroyed;
            start(destroyed);
        }
        WatchedFd reset;
        start(reset);
        reset.reset();
        WatchedFd assigned, source;
        start(assigned);
        start(source);
        assigned = std::move(source); // the descriptor assigned held closes here
        WatchedFd restarted;
        start(restarted);
        start(restarted); // start() lets go of what it held first
        QCOMPARE(reactor.unwatchedOpen, 4);
        QCOMPARE(reactor.unwatchedClosed, 0);
    }

    void destroyedInsideItsOwnCallback()
    {
        auto reactor = makeReactor();
        UniqueFd a, peer;
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, a, peer));
        auto watched = std::make_unique<WatchedFd>();
        const int raw = a.get();
        int calls = 0;
        // The callback and its captures must outlive the WatchedFd that
        // owned them, until the callback returns.
        QVERIFY(!WatchedFd::start(*reactor, std::move(a), Interest::Read,
                                  [&, marker = std::string(64, 'm')](Readiness) {
            ++calls;
            watched.reset();
            QCOMPARE(marker.size(), std::size_t{64});
        }, *watched));
        writeByte(peer);
        QVERIFY(runUntil(*reactor, [&] { return calls > 0; }));
        reactor->runFor(20ms);
        QCOMPARE(calls, 1);
        QCOMPARE(reactor->watchCount(), std::size_t{0});
        QVERIFY(!isOpen(raw));
    }

    void reusedNumberNeverGetsStaleCallback()
    {
        auto reactor = makeReactor();
        WatchedFd watched[2];
        UniqueFd peers[2];
        WatchedFd replacement;
        UniqueFd replacementPeer;
        int staleCalls = 0;
        int replacementCalls = 0;
        int reusedNumber = -1;
        // Made before the loop turns, so that it cannot take the number
        // itself: the callback copies it to exactly the freed number.
        UniqueFd fresh;
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, fresh, replacementPeer));
        for (int i = 0; i < 2; ++i) {
            UniqueFd local;
            QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, local, peers[i]));
            QVERIFY(!WatchedFd::start(*reactor, std::move(local), Interest::Read, [&, i](Readiness) {
                ++staleCalls;
                reusedNumber = watched[1 - i].get();
                // Itself first, then the other, whose event is in this batch:
                // a reactor that reused freed slots at once would hand that
                // event to the replacement below.
                watched[i].reset();
                watched[1 - i].reset();
                // A new socket with exactly the other's number, watched.
                UniqueFd renumbered(::fcntl(fresh.get(), F_DUPFD_CLOEXEC, reusedNumber));
                fresh.reset();
                QCOMPARE(renumbered.get(), reusedNumber);
                QVERIFY(!WatchedFd::start(*reactor, std::move(renumbered), Interest::Read, [&](Readiness) {
                    char byte;
                    QCOMPARE(::read(replacement.get(), &byte, 1), ssize_t{1});
                    ++replacementCalls;
                }, replacement));
            }, watched[i]));
        }
        writeByte(peers[0]);
        writeByte(peers[1]); // both ready before the loop turns: one batch
        QVERIFY(runUntil(*reactor, [&] { return staleCalls > 0; }));
        reactor->runFor(20ms);
        QCOMPARE(staleCalls, 1);
        QCOMPARE(replacement.get(), reusedNumber);
        QCOMPARE(replacementCalls, 0); // nothing of its own to read yet
        writeByte(replacementPeer);
        QVERIFY(runUntil(*reactor, [&] { return replacementCalls > 0; }));
        reactor->runFor(20ms);
        QCOMPARE(replacementCalls, 1);
        QCOMPARE(staleCalls, 1);
    }
};

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
