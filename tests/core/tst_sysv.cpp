// SysvObjects and the /proc/sysvipc listing on the real kernel objects:
// bytes through a segment, semaphores that wait on a worker and are
// released from the loop, typed messages taken by type, a waiting receive
// woken by the removal of its queue (EIDRM), cancelled waits, the registry
// removing what it made, and the listing of what exists (a removed segment
// still attached included). Run in an IPC namespace of its own
// (sysv_namespace.h); at the end nothing of this test is left in it.
#include "reactor_helpers.h"
#include "sysv_namespace.h"

#include <sockscope/events/error.h>
#include <sockscope/ipc/sysv_list.h>
#include <sockscope/ipc/sysv_objects.h>
#include <sockscope/proc/thread_syscall.h>

#include <QTest>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>

using namespace std::chrono_literals;
using sockscope::EventKind;
using sockscope::SemaphoreOp;
using sockscope::SysvKind;
using sockscope::SysvObjects;
using sockscope::SysvOutcome;

namespace {

struct Recorder final : sockscope::EventSink {
    std::vector<sockscope::Event> events;
    void onEvent(const sockscope::Event &event) override { events.push_back(event); }
    const sockscope::Event *last(EventKind kind) const
    {
        for (auto at = events.rbegin(); at != events.rend(); ++at) {
            if (at->kind == kind)
                return &*at;
        }
        return nullptr;
    }
};

const sockscope::ExtraValue *field(const sockscope::Event &event, const std::string &name)
{
    for (const auto &[key, value] : event.extra) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

std::int64_t number(const sockscope::Event &event, const std::string &name)
{
    const sockscope::ExtraValue *value = field(event, name);
    return value ? std::get<std::int64_t>(*value) : -1;
}

std::string text(const sockscope::Event &event, const std::string &name)
{
    const sockscope::ExtraValue *value = field(event, name);
    return value ? std::get<std::string>(*value) : std::string();
}

std::vector<unsigned char> bytes(std::string_view text)
{
    return {text.begin(), text.end()};
}

std::string asText(const std::vector<unsigned char> &bytes)
{
    return {bytes.begin(), bytes.end()};
}

sockscope::SysvListing listing()
{
    std::error_code error;
    sockscope::SysvListing list = sockscope::readSysvListing(error);
    if (error)
        qFatal("readSysvListing: %s", error.message().c_str());
    return list;
}

} // namespace

class TestSysv : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    Recorder events_;
    std::unique_ptr<SysvObjects> objects_;

    // The semaphore's waiters for an increase, once a worker waits in semop.
    bool semaphoreWaiters(int id, int number, int expected)
    {
        return runUntil(*reactor_, [&] { return ::semctl(id, number, GETNCNT) == expected; }, 10s);
    }

private slots:
    void initTestCase()
    {
        if (const QString problem = ipcNamespaceProblem(); !problem.isEmpty())
            QSKIP(qPrintable(problem));
        const sockscope::SysvListing list = listing();
        QVERIFY2(list.segments.empty() && list.semaphoreSets.empty() && list.queues.empty(),
                 "the IPC namespace is not a fresh one");
    }

    void init()
    {
        reactor_ = makeReactor();
        events_.events.clear();
        objects_ = std::make_unique<SysvObjects>(*reactor_, events_);
    }

    void cleanup()
    {
        objects_.reset();
        reactor_.reset();
    }

    // Nothing this test created is left in its namespace.
    void cleanupTestCase()
    {
        const sockscope::SysvListing list = listing();
        QCOMPARE(list.segments.size(), 0u);
        QCOMPARE(list.semaphoreSets.size(), 0u);
        QCOMPARE(list.queues.size(), 0u);
    }

    void segmentBytesAreReadBackIntact()
    {
        std::error_code error;
        const std::optional<int> id = objects_->createSharedMemory(4096, {}, error);
        QVERIFY2(id, error.message().c_str());
        const sockscope::Event *created = events_.last(EventKind::IpcCreated);
        QVERIFY(created);
        QCOMPARE(text(*created, "kind"), std::string("shm"));
        QCOMPARE(number(*created, "size"), 4096);
        QCOMPARE(number(*created, "mode"), 0600);

        std::vector<unsigned char> all(256);
        for (int i = 0; i < 256; ++i)
            all[static_cast<std::size_t>(i)] = static_cast<unsigned char>(i);
        QVERIFY(!objects_->write(*id, 100, all).error);
        const SysvOutcome read = objects_->read(*id, 100, 256);
        QVERIFY(!read.error);
        QCOMPARE(read.bytes, all);
        QCOMPARE(events_.last(EventKind::IpcOp)->payload, std::optional<std::vector<unsigned char>>(all));
        QCOMPARE(objects_->read(*id, 0, 0).bytes.size(), 4096u); // 0: to the end

        // Past the end: an error, never a write beyond the segment.
        const SysvOutcome beyond = objects_->write(*id, 4000, all);
        QCOMPARE(beyond.error, std::make_error_code(std::errc::result_out_of_range));
        QCOMPARE(events_.last(EventKind::IpcOp)->error, beyond.error);
        QVERIFY(!objects_->remove(SysvKind::SharedMemory, *id));
        QVERIFY(objects_->owned().empty());
    }

    // A wait goes to a worker; a post from the loop (+1) releases it.
    void semaphoreWaitIsReleasedFromTheLoop()
    {
        std::error_code error;
        const std::optional<int> id = objects_->createSemaphores(2, {}, error);
        QVERIFY(id);
        std::optional<SysvOutcome> done;
        const SysvOutcome started =
            objects_->semop(*id, {SemaphoreOp{1, -1, 0}}, [&](const SysvOutcome &outcome) { done = outcome; });
        QVERIFY(started.waiter);
        QCOMPARE(objects_->waiting(), 1u);
        const sockscope::Event *waiting = events_.last(EventKind::IpcWaiting);
        QVERIFY(waiting);
        QCOMPARE(number(*waiting, "waiter"), static_cast<std::int64_t>(*started.waiter));
        QVERIFY(semaphoreWaiters(*id, 1, 1));
        QVERIFY(!done);

        reactor_->post([&] { QVERIFY(!objects_->semop(*id, {SemaphoreOp{1, +1, 0}}).error); });
        QVERIFY(runUntil(*reactor_, [&] { return done.has_value(); }, 10s));
        QVERIFY(!done->error);
        QCOMPARE(done->semaphores.size(), 2u);
        QCOMPARE(done->semaphores[1].value, 0); // +1, then taken by the waiter
        QCOMPARE(done->semaphores[1].waitingForIncrease, 0);
        QCOMPARE(objects_->waiting(), 0u);
        const sockscope::Event *finished = events_.last(EventKind::IpcOp);
        QCOMPARE(number(*finished, "waiter"), static_cast<std::int64_t>(*started.waiter));
        QVERIFY(!finished->error);
    }

    void semaphoreNowaitGivesEagain()
    {
        std::error_code error;
        const std::optional<int> id = objects_->createSemaphores(1, {}, error);
        QVERIFY(id);
        const SysvOutcome outcome = objects_->semop(*id, {SemaphoreOp{0, -1, IPC_NOWAIT}});
        QCOMPARE(outcome.error, std::error_code(EAGAIN, std::system_category()));
        QVERIFY(!outcome.waiter);
        QCOMPARE(objects_->waiting(), 0u);
        QCOMPARE(sockscope::errorName(events_.last(EventKind::IpcOp)->error), std::string("EAGAIN"));
        QCOMPARE(objects_->semaphores(*id).semaphores.at(0).value, 0); // nothing taken
    }

    // op 0 waits for zero: at once when it is, on a worker until it is.
    void semaphoreWaitForZero()
    {
        std::error_code error;
        const std::optional<int> id = objects_->createSemaphores(1, {}, error);
        QVERIFY(id);
        SysvOutcome atOnce = objects_->semop(*id, {SemaphoreOp{0, 0, 0}});
        QVERIFY(!atOnce.error && !atOnce.waiter);
        QVERIFY(!objects_->setSemaphore(*id, 0, 2).error);
        std::optional<SysvOutcome> done;
        const SysvOutcome started =
            objects_->semop(*id, {SemaphoreOp{0, 0, 0}}, [&](const SysvOutcome &outcome) { done = outcome; });
        QVERIFY(started.waiter);
        QVERIFY(runUntil(*reactor_, [&] { return ::semctl(*id, 0, GETZCNT) == 1; }, 10s));
        QVERIFY(!objects_->semop(*id, {SemaphoreOp{0, -1, 0}}).error);
        QVERIFY(!runUntil(*reactor_, [&] { return done.has_value(); }, 50ms)); // 1 is not zero yet
        QVERIFY(!objects_->semop(*id, {SemaphoreOp{0, -1, 0}}).error);
        QVERIFY(runUntil(*reactor_, [&] { return done.has_value(); }, 10s));
        QVERIFY(!done->error);
        QCOMPARE(done->semaphores.at(0).value, 0);
    }

    // msgrcv by type: > 0 that type, < 0 the lowest type up to |type|, 0 the first.
    void typedMessagesAreTakenByType()
    {
        std::error_code error;
        const std::optional<int> id = objects_->createMessageQueue({}, error);
        QVERIFY(id);
        for (const auto &[type, body] : std::vector<std::pair<long, std::string>>{{3, "three"}, {1, "one"}, {2, "two"}, {1, "one again"}})
            QVERIFY(!objects_->send(*id, type, bytes(body), 0).error);

        const auto take = [&](long type) {
            sockscope::MessageReceive how;
            how.type = type;
            how.flags = IPC_NOWAIT;
            const SysvOutcome got = objects_->receive(*id, how);
            return std::make_pair(got.messageType, asText(got.bytes));
        };
        QCOMPARE(take(2), std::make_pair(2L, std::string("two")));
        QCOMPARE(take(-3), std::make_pair(1L, std::string("one")));
        QCOMPARE(take(0), std::make_pair(3L, std::string("three")));
        QCOMPARE(take(0), std::make_pair(1L, std::string("one again")));
        const sockscope::Event *received = events_.last(EventKind::IpcOp);
        QCOMPARE(number(*received, "message_type"), 1);
        QCOMPARE(number(*received, "requested_type"), 0);

        sockscope::MessageReceive empty;
        empty.flags = IPC_NOWAIT;
        QCOMPARE(objects_->receive(*id, empty).error, std::error_code(ENOMSG, std::system_category()));
    }

    // A receive waiting on a worker, woken by the removal of its queue.
    void waitingReceiveIsWokenByRemovalWithEidrm()
    {
        std::error_code error;
        const std::optional<int> id = objects_->createMessageQueue({}, error);
        QVERIFY(id);
        std::optional<SysvOutcome> done;
        const SysvOutcome started =
            objects_->receive(*id, {}, [&](const SysvOutcome &outcome) { done = outcome; });
        QVERIFY(started.waiter);
        QVERIFY(runUntil(*reactor_, [] { return sockscope::threadOfOursInSyscall(SYS_msgrcv); }, 10s));
        QVERIFY(!objects_->remove(SysvKind::MessageQueue, *id));
        QVERIFY(runUntil(*reactor_, [&] { return done.has_value(); }, 10s));
        QCOMPARE(done->error, std::error_code(EIDRM, std::system_category()));
        const sockscope::Event *woken = events_.last(EventKind::IpcOp);
        QCOMPARE(sockscope::errorName(woken->error), std::string("EIDRM"));
        QCOMPARE(text(*woken, "operation"), std::string("receive"));
        QCOMPARE(number(*woken, "waiter"), static_cast<std::int64_t>(*started.waiter));
    }

    // Cancelled: ECANCELED at once, and the operation had no effect.
    void waitingOperationsCanBeCancelled()
    {
        std::error_code error;
        const std::optional<int> sem = objects_->createSemaphores(1, {}, error);
        const std::optional<int> queue = objects_->createMessageQueue({}, error);
        QVERIFY(sem && queue);
        int completions = 0;
        std::optional<SysvOutcome> semDone;
        const SysvOutcome semWait = objects_->semop(*sem, {SemaphoreOp{0, -1, 0}}, [&](const SysvOutcome &outcome) {
            semDone = outcome;
            ++completions;
        });
        std::optional<SysvOutcome> receiveDone;
        const SysvOutcome receiveWait = objects_->receive(*queue, {}, [&](const SysvOutcome &outcome) {
            receiveDone = outcome;
            ++completions;
        });
        QVERIFY(semWait.waiter && receiveWait.waiter);
        QVERIFY(semaphoreWaiters(*sem, 0, 1));
        QVERIFY(runUntil(*reactor_, [] { return sockscope::threadOfOursInSyscall(SYS_msgrcv); }, 10s));

        QVERIFY(objects_->cancel(*semWait.waiter));
        QVERIFY(!semDone); // the semop sees it at its next slice: the loop is not held meanwhile
        QVERIFY(runUntil(*reactor_, [&] { return semDone.has_value(); }, 10s));
        QCOMPARE(semDone->error, std::error_code(ECANCELED, std::system_category()));
        QCOMPARE(text(*events_.last(EventKind::IpcOp), "reason"), std::string("cancelled"));
        QCOMPARE(::semctl(*sem, 0, GETNCNT), 0);
        QVERIFY(objects_->cancel(*receiveWait.waiter));
        QCOMPARE(receiveDone->error, std::error_code(ECANCELED, std::system_category()));
        QVERIFY(!objects_->cancel(*receiveWait.waiter)); // ended once
        QCOMPARE(objects_->waiting(), 0u);

        // The cancelled receive took nothing: a message sent now is there.
        QVERIFY(!objects_->send(*queue, 7, bytes("kept"), IPC_NOWAIT).error);
        sockscope::MessageReceive now;
        now.flags = IPC_NOWAIT;
        QCOMPARE(asText(objects_->receive(*queue, now).bytes), std::string("kept"));
        QVERIFY(!runUntil(*reactor_, [&] { return completions > 2; }, 50ms)); // no late second outcome
        QCOMPARE(completions, 2);
    }

    // A blocking send on a full queue waits, and a receive makes room.
    void sendOnAFullQueueWaits()
    {
        std::error_code error;
        const std::optional<int> id = objects_->createMessageQueue({}, error);
        QVERIFY(id);
        msqid_ds status{};
        QCOMPARE(::msgctl(*id, IPC_STAT, &status), 0);
        const std::vector<unsigned char> fill(status.msg_qbytes / 2, 'f');
        QVERIFY(!objects_->send(*id, 1, fill, 0).error);
        QVERIFY(!objects_->send(*id, 1, fill, 0).error);
        QCOMPARE(objects_->send(*id, 2, bytes("late"), IPC_NOWAIT).error, std::error_code(EAGAIN, std::system_category()));
        std::optional<SysvOutcome> sent;
        const SysvOutcome waiting = objects_->send(*id, 2, bytes("late"), 0, [&](const SysvOutcome &o) { sent = o; });
        QVERIFY(waiting.waiter);
        QVERIFY(runUntil(*reactor_, [] { return sockscope::threadOfOursInSyscall(SYS_msgsnd); }, 10s));
        sockscope::MessageReceive first;
        first.maxBytes = fill.size();
        QVERIFY(!objects_->receive(*id, first).error);
        QVERIFY(runUntil(*reactor_, [&] { return sent.has_value(); }, 10s));
        QVERIFY(!sent->error);
        sockscope::MessageReceive late;
        late.type = 2;
        late.flags = IPC_NOWAIT;
        QCOMPARE(asText(objects_->receive(*id, late).bytes), std::string("late"));
    }

    // Everything made is removed: on removeAll() with events, and on
    // destruction silently, waiting operations included (no hang).
    void registryRemovesWhatItMade()
    {
        std::error_code error;
        QVERIFY(objects_->createSharedMemory(100, {}, error));
        const std::optional<int> sem = objects_->createSemaphores(1, {}, error);
        const std::optional<int> queue = objects_->createMessageQueue({}, error);
        QVERIFY(sem && queue);
        const std::optional<int> kept = objects_->createMessageQueue({}, error);
        QVERIFY(kept);
        objects_->release(SysvKind::MessageQueue, *kept);
        QCOMPARE(objects_->owned().size(), 3u);
        QVERIFY(objects_->semop(*sem, {SemaphoreOp{0, -1, 0}}).waiter);
        QVERIFY(objects_->receive(*queue, {}).waiter);
        QVERIFY(semaphoreWaiters(*sem, 0, 1));
        const sockscope::SysvListing before = listing();
        QCOMPARE(before.segments.size() + before.semaphoreSets.size() + before.queues.size(), 4u);

        objects_.reset(); // cancels the two waiters, removes three objects
        const sockscope::SysvListing after = listing();
        QVERIFY(after.segments.empty() && after.semaphoreSets.empty());
        QCOMPARE(after.queues.size(), 1u);
        QCOMPARE(after.queues.front().id, *kept);
        QCOMPARE(::msgctl(*kept, IPC_RMID, nullptr), 0);

        objects_ = std::make_unique<SysvObjects>(*reactor_, events_);
        QVERIFY(objects_->createSharedMemory(100, {}, error));
        QVERIFY(objects_->createMessageQueue({}, error));
        events_.events.clear();
        objects_->removeAll();
        QCOMPARE(events_.events.size(), 2u);
        QCOMPARE(events_.events[0].kind, EventKind::IpcRemoved);
        QCOMPARE(events_.events[1].kind, EventKind::IpcRemoved);
        const sockscope::SysvListing emptied = listing();
        QVERIFY(emptied.segments.empty() && emptied.queues.empty());
    }

    // The listing shows what was made, and a removed segment still
    // attached as removed (key 0), until the last detach.
    void listingShowsObjectsAndRemovedAttachedSegments()
    {
        std::error_code error;
        const std::optional<int> shm = objects_->createSharedMemory(1234, {0x5eed, 0640}, error);
        const std::optional<int> sem = objects_->createSemaphores(3, {}, error);
        const std::optional<int> queue = objects_->createMessageQueue({}, error);
        QVERIFY(shm && sem && queue);
        QVERIFY(!objects_->send(*queue, 1, bytes("abc"), 0).error);
        QVERIFY(!objects_->send(*queue, 1, bytes("de"), 0).error);
        QCOMPARE(objects_->attach(*shm).attached, 1);

        sockscope::SysvListing list = listing();
        QCOMPARE(list.segments.size(), 1u);
        const sockscope::SysvSegmentInfo &segment = list.segments.front();
        QCOMPARE(segment.id, *shm);
        QCOMPARE(segment.key, 0x5eedL);
        QCOMPARE(segment.mode & 0777, 0640);
        QCOMPARE(segment.size, 1234u);
        QCOMPARE(segment.attached, 1u);
        QCOMPARE(segment.creatorPid, static_cast<int>(::getpid()));
        QVERIFY(!segment.removed());
        QCOMPARE(list.semaphoreSets.at(0).count, 3);
        QCOMPARE(list.queues.at(0).messages, 2u);
        QCOMPARE(list.queues.at(0).bytes, 5u);
        QCOMPARE(list.queues.at(0).lastSendPid, static_cast<int>(::getpid()));

        QVERIFY(!objects_->remove(SysvKind::SharedMemory, *shm));
        QCOMPARE(number(*events_.last(EventKind::IpcRemoved), "attached"), 1);
        list = listing();
        QCOMPARE(list.segments.size(), 1u);
        QVERIFY(list.segments.front().removed());
        QCOMPARE(list.segments.front().key, 0L);
        const std::vector<sockscope::Event> objects = sockscope::sysvListingEvents(list, reactor_->now());
        QCOMPARE(objects.size(), 3u);
        QCOMPARE(text(objects[0], "kind"), std::string("shm"));
        QCOMPARE(std::get<bool>(*field(objects[0], "removed")), true);
        QCOMPARE(number(objects[0], "attached"), 1);
        QCOMPARE(number(objects[2], "messages"), 2);
        const std::vector<sockscope::SysvOwnedObject> owned = objects_->owned();
        QCOMPARE(owned.front().id, *shm);
        QVERIFY(owned.front().removed && owned.front().attached);

        QCOMPARE(objects_->detach(*shm).attached, 0);
        QVERIFY(listing().segments.empty()); // gone at the last detach
        QCOMPARE(objects_->owned().size(), 2u);
    }

    void parserReadsByHeader_data()
    {
        QTest::addColumn<QByteArray>("table");
        QTest::addColumn<bool>("parses");
        QTest::addColumn<int>("rows");
        const QByteArray header = "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      "
                                  "atime      dtime      ctime                   rss                  swap\n";
        QTest::newRow("empty table") << header << true << 0;
        QTest::newRow("two rows") << header + "  -9846531          0  1644     100   932     0      1     0     0     0     0  "
                                              "0          0 1796032231   4096  0\n"
                                              "        0      32769   600    4096   932   932      0  1000  1000  1000  1000  "
                                              "0 0 0 0 0\n"
                                  << true << 2;
        QTest::newRow("without rss and swap") << QByteArray("key shmid perms size cpid lpid nattch uid gid cuid cgid\n1 2 600 3 4 5 6 7 8 9 10\n")
                                              << true << 1;
        QTest::newRow("no nattch column") << QByteArray("key shmid perms size\n1 2 600 3\n") << false << 0;
        QTest::newRow("not a number") << header + "  x 0 600 100 1 1 1 0 0 0 0 0 0 0 0 0\n" << false << 0;
        QTest::newRow("perms not octal") << header + "  1 0 900 100 1 1 1 0 0 0 0 0 0 0 0 0\n" << false << 0;
        QTest::newRow("short row") << header + "  1 0 600\n" << false << 0;
    }

    void parserReadsByHeader()
    {
        QFETCH(QByteArray, table);
        QFETCH(bool, parses);
        QFETCH(int, rows);
        const auto parsed = sockscope::parseSysvSegments(std::string_view(table.constData(), static_cast<std::size_t>(table.size())));
        QCOMPARE(parsed.has_value(), parses);
        if (!parsed)
            return;
        QCOMPARE(static_cast<int>(parsed->size()), rows);
        if (rows == 2) {
            QCOMPARE((*parsed)[0].key, -9846531L);
            QCOMPARE((*parsed)[0].mode, 01644);
            QVERIFY((*parsed)[0].removed());
            QCOMPARE((*parsed)[0].residentBytes, 4096u);
            QCOMPARE((*parsed)[1].id, 32769);
            QCOMPARE((*parsed)[1].uid, 1000);
            QVERIFY(!(*parsed)[1].removed());
        }
    }
};

QTEST_GUILESS_MAIN(TestSysv)
#include "tst_sysv.moc"
