// SysvListWatch on the objects of an IPC namespace of the test's own: a
// queue made is listed, a message sent shows as a change, a queue removed
// (by someone else: here msgctl, not Sockscope) is reported removed.
#include "event_recorder.h"
#include "reactor_helpers.h"
#include "sysv_namespace.h"

#include <sockscope/ipc/sysv_list_watch.h>
#include <sockscope/reactor/epoll_reactor.h>

#include <QTest>
#include <sys/ipc.h>
#include <sys/msg.h>

using namespace std::chrono_literals;
using sockscope::EventKind;

namespace {

// The events of `kind` about queue `id`.
std::vector<sockscope::Event> about(const Recorder &events, EventKind kind, int id)
{
    std::vector<sockscope::Event> found;
    for (const auto &event : events.events) {
        if (event.kind == kind && Recorder::number(event, "id") == id)
            found.push_back(event);
    }
    return found;
}

} // namespace

class TestSysvListWatch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (const QString problem = ipcNamespaceProblem(); !problem.isEmpty())
            QSKIP(qPrintable(problem));
    }

    void queueListedChangedAndRemoved()
    {
        auto reactor = makeReactor();
        Recorder events;
        sockscope::SysvListWatch watch(*reactor, events, 50ms);
        const int queue = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        QVERIFY(queue >= 0);
        QVERIFY(runUntil(*reactor, [&] { return !about(events, EventKind::IpcObject, queue).empty(); }, 10s));
        QCOMPARE(Recorder::number(about(events, EventKind::IpcObject, queue).back(), "messages"), 0);

        struct {
            long type;
            char text[4];
        } message{1, {'h', 'e', 'y', '!'}};
        QCOMPARE(::msgsnd(queue, &message, sizeof message.text, IPC_NOWAIT), 0);
        QVERIFY(runUntil(*reactor, [&] { return about(events, EventKind::IpcObject, queue).size() == 2; }, 10s));
        QCOMPARE(Recorder::number(about(events, EventKind::IpcObject, queue).back(), "messages"), 1);

        const int readings = watch.readings();
        QVERIFY(runUntil(*reactor, [&] { return watch.readings() >= readings + 2; }, 10s));
        QCOMPARE(about(events, EventKind::IpcObject, queue).size(), std::size_t{2}); // unchanged: not reported again

        QCOMPARE(::msgctl(queue, IPC_RMID, nullptr), 0);
        QVERIFY(runUntil(*reactor, [&] { return !about(events, EventKind::IpcRemoved, queue).empty(); }, 10s));
    }
};

QTEST_GUILESS_MAIN(TestSysvListWatch)
#include "tst_sysv_list_watch.moc"
