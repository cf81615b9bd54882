// ChildProcess on real programs: /bin/cat's echo through its pipes, a child
// that will not read (EPIPE, with SIGPIPE at its default action in this
// test, so a SIGPIPE would end the test), one killed by a signal, and
// 1,000 started and reaped: no zombie, no descriptor left behind.
#include "event_recorder.h"
#include "process_census.h"
#include "reactor_helpers.h"

#include <sockscope/events/event.h>
#include <sockscope/proc/child_process.h>
#include <sockscope/reactor/epoll_reactor.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::EventKind;

namespace {

// What the child wrote on `stream` ("stdout", "stderr").
std::string streamBytes(const Recorder &events, const std::string &stream)
{
    return events.bytesWhere({{"stream", stream}});
}

sockscope::ChildOptions program(std::vector<std::string> argv)
{
    sockscope::ChildOptions options;
    options.argv = std::move(argv);
    return options;
}

} // namespace

class TestChildProcess : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;

private slots:
    void init()
    {
        std::signal(SIGPIPE, SIG_DFL); // a SIGPIPE would end this test: none may come
        std::error_code error;
        reactor_ = sockscope::EpollReactor::create(error);
        QVERIFY(reactor_);
    }

    // Perl Cookbook 17.15: a daemon in a session of its own, in /, its
    // standard descriptors on /dev/null, and still followed to its end.
    void daemonHasItsOwnSessionAndIsStillReaped()
    {
        QTemporaryDir directory;
        const std::string report = directory.filePath(QStringLiteral("report")).toStdString();
        Recorder events;
        std::optional<sockscope::ChildExit> exit;
        sockscope::ChildOptions options =
            program({"/bin/sh", "-c",
                     "{ pwd; readlink /proc/self/fd/0 /proc/self/fd/2; cut -d' ' -f6 /proc/$$/stat; } > \"$1\"; "
                     "echo nobody sees this",
                     "sh", report});
        options.daemon = true;
        std::error_code error;
        auto daemon = sockscope::ChildProcess::start(*reactor_, events, options,
                                                     [&](const sockscope::ChildExit &how) { exit = how; }, error);
        QVERIFY(daemon);
        QVERIFY(runUntil(*reactor_, [&] { return exit.has_value(); }, 10s));
        QCOMPARE(exit->status, std::optional<int>(0));
        QFile file(QString::fromStdString(report));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.value(0), QByteArray("/"));
        QCOMPARE(lines.value(1), QByteArray("/dev/null"));
        QCOMPARE(lines.value(2), QByteArray("/dev/null"));
        QCOMPARE(lines.value(3).toInt(), daemon->pid()); // the session's leader: itself
        QCOMPARE(streamBytes(events, "stdout"), std::string()); // its output went nowhere
    }

    // A descriptor without close-on-exec (one a library opened carelessly)
    // does not reach the program: it gets exactly its three streams.
    void childGetsOnlyWhatItIsHanded()
    {
        const int careless = ::fcntl(STDERR_FILENO, F_DUPFD, 10); // no FD_CLOEXEC
        QVERIFY(careless >= 10);
        Recorder events;
        std::optional<sockscope::ChildExit> exit;
        std::error_code error;
        auto child = sockscope::ChildProcess::start(
            *reactor_, events, program({"/bin/sh", "-c", "for f in /proc/$$/fd/*; do echo ${f##*/}; done"}),
            [&](const sockscope::ChildExit &how) { exit = how; }, error);
        QVERIFY(child);
        QVERIFY(runUntil(*reactor_, [&] { return exit.has_value(); }, 10s));
        ::close(careless);
        const QStringList open = QString::fromStdString(streamBytes(events, "stdout")).split(QLatin1Char('\n'));
        QVERIFY2(open.mid(0, 3) == (QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}),
                 qPrintable(open.join(QLatin1Char(' '))));
        QVERIFY2(!open.contains(QString::number(careless)), qPrintable(open.join(QLatin1Char(' ')))); // 3: the shell's own listing
    }

    void catEchoesWhatItIsGiven()
    {
        Recorder events;
        std::optional<sockscope::ChildExit> exit;
        std::error_code error;
        auto cat = sockscope::ChildProcess::start(*reactor_, events, program({"/bin/cat"}),
                                                  [&](const sockscope::ChildExit &how) { exit = how; }, error);
        QVERIFY(cat);
        const std::string text(200000, 'x');
        QVERIFY(cat->write(reinterpret_cast<const unsigned char *>(text.data()), text.size()));
        cat->closeInput();
        QVERIFY(runUntil(*reactor_, [&] { return exit.has_value(); }, 10s));
        QCOMPARE(exit->status, std::optional<int>(0));
        QCOMPARE(streamBytes(events, "stdout"), text);
        QCOMPARE(events.events.front().kind, EventKind::ChildStarted);
        QCOMPARE(events.events.back().kind, EventKind::ChildExited); // after all its output
        QVERIFY(!cat->running());
    }

    void inputNobodyReadsIsEpipe()
    {
        Recorder events;
        std::optional<sockscope::ChildExit> exit;
        std::error_code error;
        auto child = sockscope::ChildProcess::start(*reactor_, events, program({"/bin/true"}),
                                                    [&](const sockscope::ChildExit &how) { exit = how; }, error);
        QVERIFY(child);
        QVERIFY(runUntil(*reactor_, [&] { return exit.has_value(); }, 10s));
        const std::string text(1 << 20, 'p'); // more than the pipe holds: written into the gone reader
        child->write(reinterpret_cast<const unsigned char *>(text.data()), text.size());
        QVERIFY(runUntil(*reactor_, [&] {
            return std::any_of(events.events.begin(), events.events.end(), [](const sockscope::Event &e) {
                return e.kind == EventKind::Data && e.error == std::errc::broken_pipe;
            });
        }));
    }

    void killedBySignal()
    {
        Recorder events;
        std::optional<sockscope::ChildExit> exit;
        std::error_code error;
        auto sleeper = sockscope::ChildProcess::start(*reactor_, events, program({"/bin/sleep", "30"}),
                                                      [&](const sockscope::ChildExit &how) { exit = how; }, error);
        QVERIFY(sleeper);
        QVERIFY(!sleeper->signal(SIGTERM));
        QVERIFY(runUntil(*reactor_, [&] { return exit.has_value(); }, 10s));
        QCOMPARE(exit->signal, std::optional<int>(SIGTERM));
        QCOMPARE(events.events.back().signal, std::optional<int>(SIGTERM));
    }

    // Destroyed while its child runs: the child is killed and reaped, the
    // destructor not waiting for its end.
    void destroyedWhileRunningLeavesNoZombie()
    {
        Recorder events;
        std::error_code error;
        auto sleeper = sockscope::ChildProcess::start(*reactor_, events, program({"/bin/sleep", "30"}), {}, error);
        QVERIFY(sleeper);
        const int pid = sleeper->pid();
        sleeper.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)), 10000);
        QCOMPARE(zombiesOf(::getpid()), QStringList());
    }

    void notThereIsEnoent()
    {
        Recorder events;
        std::error_code error;
        auto none = sockscope::ChildProcess::start(*reactor_, events, program({"/no/such/program"}), {}, error);
        QVERIFY(!none);
        QVERIFY(error == std::errc::no_such_file_or_directory);
        QCOMPARE(events.events.back().kind, EventKind::ChildExited);
    }

    // 1,000 started and finished, 50 at a time: all reaped, nothing left open.
    void aThousandChildren()
    {
        const int before = descriptorCount(::getpid());
        Recorder events;
        int started = 0;
        int ended = 0;
        std::vector<std::unique_ptr<sockscope::ChildProcess>> running;
        QVERIFY(runUntil(*reactor_, [&] {
            while (started < 1000 && started - ended < 50) {
                std::error_code error;
                auto child = sockscope::ChildProcess::start(*reactor_, events, program({"/bin/true"}),
                                                            [&](const sockscope::ChildExit &) { ++ended; }, error);
                if (!child)
                    return true; // fails below
                running.push_back(std::move(child));
                ++started;
            }
            return ended == 1000;
        }, 120s));
        QCOMPARE(ended, 1000);
        running.clear();
        QCOMPARE(zombiesOf(::getpid()), QStringList());
        QCOMPARE(descriptorCount(::getpid()), before);
    }
};

QTEST_GUILESS_MAIN(TestChildProcess)
#include "tst_child_process.moc"
