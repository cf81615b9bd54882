// ProcessSocketsWatch on real servers started from outside (Perl Cookbook
// 17.15-17.16): `sockscope serve`, which executes itself again on SIGHUP
// and keeps its pid and its listening socket's inode, so the watch never
// reports that socket gone; and Python's http.server, which SIGHUP kills,
// so every socket it had is reported gone.
#include "event_recorder.h"
#include "reactor_helpers.h"

#include <sockscope/procnet/process_sockets_watch.h>
#include <sockscope/proc/child_process.h>
#include <sockscope/reactor/epoll_reactor.h>

#include <QTest>
#include <csignal>

using namespace std::chrono_literals;
using sockscope::EventKind;

namespace {

constexpr std::chrono::milliseconds kQuickly{100}; // the watch's interval here

// What the child wrote on its standard output.
std::string stdoutText(const Recorder &events)
{
    return events.bytesWhere({{"stream", "stdout"}});
}

// The inodes of listening TCP sockets reported with `kind`.
std::vector<std::int64_t> listening(const Recorder &events, EventKind kind)
{
    std::vector<std::int64_t> inodes;
    for (const auto &event : events.events) {
        if (event.kind == kind && Recorder::extra(event, "state") == "LISTEN" && event.protocol)
            inodes.push_back(Recorder::number(event, "inode"));
    }
    return inodes;
}

std::unique_ptr<sockscope::ChildProcess> startServer(sockscope::Reactor &reactor, Recorder &events,
                                                     std::vector<std::string> argv,
                                                     std::optional<sockscope::ChildExit> &exit)
{
    sockscope::ChildOptions options;
    options.argv = std::move(argv);
    std::error_code error;
    return sockscope::ChildProcess::start(reactor, events, options,
                                          [&exit](const sockscope::ChildExit &how) { exit = how; }, error);
}

} // namespace

class TestProcessSockets : public QObject {
    Q_OBJECT
private slots:
    void serveKeepsItsListeningSocketAcrossSighup()
    {
        const QByteArray binary = qgetenv("SOCKSCOPE_BINARY");
        if (binary.isEmpty())
            QSKIP("SOCKSCOPE_BINARY is not set: run through ctest");
        auto reactor = makeReactor();
        Recorder childEvents;
        std::optional<sockscope::ChildExit> exit;
        auto server = startServer(*reactor, childEvents,
                                  {binary.toStdString(), "serve", "echo", "--listen", "127.0.0.1:0", "--json"}, exit);
        QVERIFY(server);
        QVERIFY(runUntil(*reactor, [&] { return stdoutText(childEvents).find("\"listening\"") != std::string::npos; }, 10s));

        Recorder watched;
        sockscope::ProcessSocketsWatch watch(*reactor, watched, server->pid(), kQuickly);
        QVERIFY(runUntil(*reactor, [&] { return !listening(watched, EventKind::SocketAppeared).empty(); }, 10s));
        const std::vector<std::int64_t> before = listening(watched, EventKind::SocketAppeared);
        QCOMPARE(before.size(), std::size_t{1});
        QCOMPARE(watched.events.front().pid, std::optional<int>(server->pid()));

        QCOMPARE(server->signal(SIGHUP), std::error_code());
        QVERIFY(runUntil(*reactor, [&] {
            const auto restarted = stdoutText(childEvents).find("\"restarted\"");
            return restarted != std::string::npos &&
                   stdoutText(childEvents).find("\"listening\"", restarted) != std::string::npos;
        }, 10s));
        const int readingsAfterRestart = watch.readings();
        QVERIFY(runUntil(*reactor, [&] { return watch.readings() >= readingsAfterRestart + 2; }, 10s));
        QVERIFY(!exit); // the same process (pid) goes on
        QVERIFY(listening(watched, EventKind::SocketGone).empty()); // the listening socket never went
        QCOMPARE(listening(watched, EventKind::SocketAppeared), before); // nor came again as another
    }

    void httpServerDiesOnSighupWithItsSockets()
    {
        auto reactor = makeReactor();
        Recorder childEvents;
        std::optional<sockscope::ChildExit> exit;
        auto server = startServer(*reactor, childEvents,
                                  {"/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1", "0"}, exit);
        QVERIFY(server);
        Recorder watched;
        sockscope::ProcessSocketsWatch watch(*reactor, watched, server->pid(), kQuickly);
        QVERIFY(runUntil(*reactor, [&] { return !listening(watched, EventKind::SocketAppeared).empty(); }, 20s));
        QCOMPARE(server->signal(SIGHUP), std::error_code());
        QVERIFY(runUntil(*reactor, [&] { return exit.has_value(); }, 10s));
        QCOMPARE(exit->signal, std::optional<int>(SIGHUP));
        QVERIFY(runUntil(*reactor, [&] { return !listening(watched, EventKind::SocketGone).empty(); }, 10s));
        QCOMPARE(listening(watched, EventKind::SocketGone), listening(watched, EventKind::SocketAppeared));
        // Gone with its process: no more readings are asked for.
        const int readings = watch.readings();
        QVERIFY(!runUntil(*reactor, [&] { return watch.readings() > readings; }, 3 * kQuickly));
    }

    void destroyedWhileReading()
    {
        auto reactor = makeReactor();
        Recorder watched;
        for (int i = 0; i < 20; ++i) {
            {
                sockscope::ProcessSocketsWatch watch(*reactor, watched, static_cast<int>(::getpid()), 1ms);
                reactor->runFor(std::chrono::milliseconds(i % 3));
            }
            // A reading still on its way when the watch went is dropped.
            const std::size_t atDestruction = watched.events.size();
            reactor->runFor(5ms);
            QCOMPARE(watched.events.size(), atDestruction);
        }
    }
};

QTEST_GUILESS_MAIN(TestProcessSockets)
#include "tst_process_sockets.moc"
