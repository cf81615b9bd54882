// Signals through signalfd, and their names. This binary has its own
// main(): every signal is blocked before QTest starts its watchdog thread,
// as sockscope's main() does.
#include "event_recorder.h"
#include "reactor_helpers.h"

#include <sockscope/events/event.h>
#include <sockscope/ipc/signal_names.h>
#include <sockscope/ipc/signal_sender.h>
#include <sockscope/ipc/signal_watcher.h>
#include <sockscope/proc/child_process.h>
#include <sockscope/reactor/epoll_reactor.h>

#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

std::optional<sockscope::ExtraValue> field(const sockscope::Event &event, const std::string &name)
{
    for (const auto &[key, value] : event.extra) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

// A watcher of `signals` that keeps what it reads in `seen`.
std::unique_ptr<sockscope::SignalWatcher> watchInto(sockscope::Reactor &reactor, const std::vector<int> &numbers,
                                                    std::vector<sockscope::SignalInfo> &seen)
{
    std::error_code error;
    return sockscope::SignalWatcher::create(
        reactor, numbers, [&seen](const sockscope::SignalInfo &info) { seen.push_back(info); }, error);
}

} // namespace

class TestSignalWatcher : public QObject {
    Q_OBJECT
private slots:
    void deliversSenderAndValue()
    {
        auto reactor = makeReactor();
        std::vector<sockscope::SignalInfo> seen;
        auto watcher = watchInto(*reactor, {SIGUSR1, SIGRTMIN + 3}, seen);
        QVERIFY(watcher);
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
        // A kill() carries no value: the event must not read as sigqueue's 0.
        const sockscope::Event killed = sockscope::signalReceivedEvent(seen[0]);
        QCOMPARE(field(killed, "code"), sockscope::ExtraValue(std::string("SI_USER")));
        QVERIFY(!field(killed, "value"));
        const sockscope::Event queued = sockscope::signalReceivedEvent(seen[1]);
        QCOMPARE(field(queued, "code"), sockscope::ExtraValue(std::string("SI_QUEUE")));
        QCOMPARE(field(queued, "value"), sockscope::ExtraValue(std::int64_t{77}));
        QCOMPARE(field(queued, "sender_pid"), sockscope::ExtraValue(std::int64_t{::getpid()}));
    }

    // perlipc: a child signals its parent. The sender is the child, and
    // reading SIGCHLD from the same signalfd does not keep the child from
    // being reaped through its pidfd.
    void childSignalsItsParentAndIsStillReaped()
    {
        auto reactor = makeReactor();
        std::vector<sockscope::SignalInfo> seen;
        auto watcher = watchInto(*reactor, {SIGUSR1, SIGCHLD}, seen);
        QVERIFY(watcher);
        std::error_code error;
        Recorder events;
        std::optional<sockscope::ChildExit> exit;
        sockscope::ChildOptions options;
        options.argv = {"/bin/sh", "-c", "kill -USR1 $PPID"};
        auto child = sockscope::ChildProcess::start(*reactor, events, options,
                                                    [&](const sockscope::ChildExit &how) { exit = how; }, error);
        QVERIFY2(child, error.message().c_str());
        const int childPid = child->pid();
        QVERIFY(runUntil(*reactor, [&] {
            const bool usr1 = std::any_of(seen.begin(), seen.end(), [](const auto &s) { return s.signal == SIGUSR1; });
            return usr1 && exit.has_value();
        }, 10s));
        const auto usr1 = std::find_if(seen.begin(), seen.end(), [](const auto &s) { return s.signal == SIGUSR1; });
        QCOMPARE(usr1->senderPid, childPid);
        QCOMPARE(exit->status, std::optional<int>(0));
        QCOMPARE(events.events.back().kind, sockscope::EventKind::ChildExited);
    }

    void parsesSignalNames_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("allowZero");
        QTest::addColumn<int>("signal"); // -1: refused
        QTest::addColumn<QString>("problem");
        QTest::newRow("name") << "USR1" << false << SIGUSR1 << "";
        QTest::newRow("with SIG") << "SIGUSR1" << false << SIGUSR1 << "";
        QTest::newRow("lower case") << "sigterm" << false << SIGTERM << "";
        QTest::newRow("number") << "10" << false << 10 << "";
        QTest::newRow("old name") << "IOT" << false << SIGABRT << "";
        QTest::newRow("rtmin") << "RTMIN" << false << SIGRTMIN << "";
        QTest::newRow("rtmin+3") << "RTMIN+3" << false << SIGRTMIN + 3 << "";
        QTest::newRow("rtmax-1") << "SIGRTMAX-1" << false << SIGRTMAX - 1 << "";
        QTest::newRow("rt number") << QString::number(SIGRTMIN + 1) << false << SIGRTMIN + 1 << "";
        QTest::newRow("zero checks") << "0" << true << 0 << "";
        QTest::newRow("zero not here") << "0" << false << -1 << "number-out-of-range";
        QTest::newRow("glibc's own") << "32" << false << -1 << "number-out-of-range";
        QTest::newRow("too far") << "RTMIN+99" << false << -1 << "number-out-of-range";
        QTest::newRow("rtmin minus") << "RTMIN-1" << false << -1 << "unknown-name";
        QTest::newRow("huge offset") << "RTMIN+2147483647" << false << -1 << "number-out-of-range";
        QTest::newRow("negative offset") << "RTMAX--2147483648" << false << -1 << "unknown-name";
        QTest::newRow("no such") << "FOO" << false << -1 << "unknown-name";
        QTest::newRow("negative") << "-9" << false << -1 << "number-out-of-range";
        QTest::newRow("empty") << "" << false << -1 << "empty";
    }

    void parsesSignalNames()
    {
        QFETCH(QString, text);
        QFETCH(bool, allowZero);
        QFETCH(int, signal);
        QFETCH(QString, problem);
        sockscope::InputError error;
        const std::optional<int> parsed = sockscope::parseSignal(text.toStdString(), "signal", allowZero, error);
        if (signal >= 0) {
            QCOMPARE(parsed, std::optional<int>(signal));
            return;
        }
        QVERIFY(!parsed);
        QCOMPARE(QString::fromLatin1(sockscope::inputErrorName(error.code)), problem);
        QCOMPARE(error.field, std::string("signal"));
    }

    void tableNamesEverySignal()
    {
        const auto table = sockscope::signalTable();
        QCOMPARE(static_cast<int>(table.size()), 31 + (SIGRTMAX - SIGRTMIN + 1));
        for (const auto &entry : table) {
            sockscope::InputError error;
            QCOMPARE(sockscope::parseSignal(entry.name, "signal", false, error), std::optional<int>(entry.number));
            QCOMPARE(entry.catchable, entry.number != SIGKILL && entry.number != SIGSTOP);
        }
        QCOMPARE(sockscope::signalName(SIGRTMIN + 3), std::string("SIGRTMIN+3"));
        QCOMPARE(sockscope::defaultActionOf(SIGTSTP), sockscope::SignalDefault::Stop);
        QCOMPARE(sockscope::defaultActionOf(SIGCHLD), sockscope::SignalDefault::Ignore);
        QCOMPARE(sockscope::defaultActionOf(SIGRTMIN + 3), sockscope::SignalDefault::Terminate);
    }

    void unwatchedSignalsActAsTheirDefault()
    {
        QCOMPARE(sockscope::actAsDefault(SIGUSR1), sockscope::DefaultOutcome::End);
        QCOMPARE(sockscope::actAsDefault(SIGRTMIN + 3), sockscope::DefaultOutcome::End);
        QCOMPARE(sockscope::actAsDefault(SIGPIPE), sockscope::DefaultOutcome::Nothing);
        QCOMPARE(sockscope::actAsDefault(SIGCHLD), sockscope::DefaultOutcome::Nothing);
        QCOMPARE(sockscope::actAsDefault(SIGWINCH), sockscope::DefaultOutcome::Nothing);
        QCOMPARE(sockscope::statusAfterSignal(SIGTERM), 0);
        QCOMPARE(sockscope::statusAfterSignal(SIGUSR1), 128 + SIGUSR1);
        const auto blockable = sockscope::blockableSignals();
        for (int fault : {SIGKILL, SIGSTOP, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS})
            QVERIFY(std::find(blockable.begin(), blockable.end(), fault) == blockable.end());
    }

    void sendsWithKillSigqueueAndToAGroup()
    {
        auto reactor = makeReactor();
        std::vector<sockscope::SignalInfo> seen;
        auto watcher = watchInto(*reactor, {SIGUSR2}, seen);
        QVERIFY(watcher);
        std::error_code error;
        const sockscope::Event queued = sockscope::sendSignal({::getpid(), false}, SIGUSR2, 5, reactor->now());
        QVERIFY(!queued.error);
        QVERIFY(runUntil(*reactor, [&] { return seen.size() == 1; }));
        QCOMPARE(seen[0].value, 5);
        QCOMPARE(seen[0].code, SI_QUEUE);
        // A group of its own: sending to ours would reach ctest as well.
        Recorder events;
        std::optional<sockscope::ChildExit> exit;
        sockscope::ChildOptions options;
        options.argv = {"/bin/sleep", "30"};
        options.newProcessGroup = true;
        auto child = sockscope::ChildProcess::start(*reactor, events, options,
                                                    [&](const sockscope::ChildExit &how) { exit = how; }, error);
        QVERIFY(child);
        const sockscope::Event grouped = sockscope::sendSignal({child->pid(), true}, SIGTERM, std::nullopt, reactor->now());
        QVERIFY(!grouped.error);
        QVERIFY(runUntil(*reactor, [&] { return exit.has_value(); }, 10s));
        QCOMPARE(exit->signal, std::optional<int>(SIGTERM));
        const sockscope::Event alive = sockscope::sendSignal({::getpid(), false}, 0, std::nullopt, reactor->now());
        QVERIFY(!alive.error);
        QVERIFY(!alive.signal);
        // kill(-1) would reach every process we may signal: never through a group of 1.
        for (const sockscope::SignalTarget refused : {sockscope::SignalTarget{1, true}, sockscope::SignalTarget{0, false},
                                                      sockscope::SignalTarget{-1, false}})
            QVERIFY(sockscope::sendSignal(refused, 0, std::nullopt, reactor->now()).error == std::errc::invalid_argument);
        const sockscope::Event gone = sockscope::sendSignal({INT32_MAX, false}, 0, std::nullopt, reactor->now());
        QVERIFY(gone.error == std::errc::no_such_process);
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
    sockscope::blockSignals(sockscope::blockableSignals());
    QCoreApplication app(argc, argv);
    TestSignalWatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signal_watcher.moc"
