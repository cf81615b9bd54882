// SysvListWatch on the objects of an IPC namespace of the test's own: a
// queue made is listed, a message sent shows as a change, a queue removed
// (by someone else: here msgctl, not Sockscope) is reported removed.
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

struct Recorder final : sockscope::EventSink {
    std::vector<sockscope::Event> events;
    void onEvent(const sockscope::Event &event) override { events.push_back(event); }

    static std::int64_t number(const sockscope::Event &event, const std::string &key)
    {
        for (const auto &[name, value] : event.extra) {
            if (name == key && std::holds_alternative<std::int64_t>(value))
                return std::get<std::int64_t>(value);
        }
        return -1;
    }
    // The events of `kind` about queue `id`.
    std::vector<sockscope::Event> about(EventKind kind, int id) const
    {
        std::vector<sockscope::Event> found;
        for (const auto &event : events) {
            if (event.kind == kind && number(event, "id") == id)
                found.push_back(event);
        }
        return found;
    }
};

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
        QVERIFY(runUntil(*reactor, [&] { return !events.about(EventKind::IpcObject, queue).empty(); }, 10s));
        QCOMPARE(Recorder::number(events.about(EventKind::IpcObject, queue).back(), "messages"), 0);

        struct {
            long type;
            char text[4];
        } message{1, {'h', 'e', 'y', '!'}};
        QCOMPARE(::msgsnd(queue, &message, sizeof message.text, IPC_NOWAIT), 0);
        QVERIFY(runUntil(*reactor, [&] { return events.about(EventKind::IpcObject, queue).size() == 2; }, 10s));
        QCOMPARE(Recorder::number(events.about(EventKind::IpcObject, queue).back(), "messages"), 1);

        const int readings = watch.readings();
        QVERIFY(runUntil(*reactor, [&] { return watch.readings() >= readings + 2; }, 10s));
        QCOMPARE(events.about(EventKind::IpcObject, queue).size(), std::size_t{2}); // unchanged: not reported again

        QCOMPARE(::msgctl(queue, IPC_RMID, nullptr), 0);
        QVERIFY(runUntil(*reactor, [&] { return !events.about(EventKind::IpcRemoved, queue).empty(); }, 10s));
    }
};

QTEST_GUILESS_MAIN(TestSysvListWatch)
#include "tst_sysv_list_watch.moc"
