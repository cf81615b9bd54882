// `sockscope signals` as a person uses it: a watcher that reports each
// signal with its sender and how it was sent (kill, sigqueue and its
// value), that does what the kernel would do with the signals it does not
// watch (end with 128+N, stop on SIGTSTP, go on after SIGCONT), a sender by
// name, number or real-time offset, and the table of them all.
#include "cli_run.h"

#include <QFile>
#include <QTest>
#include <csignal>
#include <unistd.h>

namespace {

// A `signals watch --json` running, its events read as they come.
class Watcher {
public:
    // In a process group of its own, in this session: never an orphaned
    // group, wherever the tests run, so job control's stops apply to it.
    // Or in a session of its own, `ownSession`: through /usr/bin/setsid,
    // which execs in place, so the pid stays the watcher's.
    explicit Watcher(const QStringList &options, bool ownSession = false)
    {
        const QStringList arguments = QStringList{QStringLiteral("signals"), QStringLiteral("watch"),
                                                  QStringLiteral("--json"), QStringLiteral("--max-seconds"),
                                                  QStringLiteral("60")} +
                                      options;
        process_.setProcessEnvironment(cleanEnvironment());
        if (ownSession) {
            process_.start(QStringLiteral("/usr/bin/setsid"), QStringList{binary()} + arguments);
            return;
        }
        process_.setChildProcessModifier([] { ::setpgid(0, 0); });
        process_.start(binary(), arguments);
    }
    ~Watcher()
    {
        if (process_.state() != QProcess::NotRunning) {
            process_.kill();
            process_.waitForFinished();
        }
    }

    qint64 pid() const { return process_.processId(); }

    // The next event named `name`; an empty object after 10 s.
    QJsonObject next(const QString &name)
    {
        const QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            while (process_.canReadLine()) {
                const QJsonObject event = QJsonDocument::fromJson(process_.readLine()).object();
                if (event.value(QStringLiteral("event")).toString() == name)
                    return event;
            }
            if (process_.state() == QProcess::NotRunning)
                break;
            process_.waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
        }
        return {};
    }

    // The exit status, once it ends (-1: it did not within 10 s, or crashed).
    int exitStatus()
    {
        if (!process_.waitForFinished(10000))
            return -1;
        return process_.exitStatus() == QProcess::NormalExit ? process_.exitCode() : -1;
    }

    // The state letter in /proc/PID/stat: R, S, T (stopped), ...
    QChar state() const
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid()));
        if (!stat.open(QIODevice::ReadOnly))
            return {};
        const QByteArray text = stat.readAll();
        const qsizetype end = text.lastIndexOf(')');
        return end < 0 ? QChar() : QChar::fromLatin1(text.at(end + 2));
    }

private:
    QProcess process_;
};

} // namespace

class TestSignalsCli : public QObject {
    Q_OBJECT
private slots:
    void reportsSenderCodeAndValue()
    {
        Watcher watcher({QStringLiteral("--signals"), QStringLiteral("USR1,RTMIN+3")});
        QVERIFY(!watcher.next(QStringLiteral("run-start")).isEmpty()); // the signals are blocked from here on
        sigval value{};
        value.sival_int = 42;
        QCOMPARE(::sigqueue(static_cast<pid_t>(watcher.pid()), SIGUSR1, value), 0);
        QJsonObject event = watcher.next(QStringLiteral("signal-received"));
        QCOMPARE(event.value(QStringLiteral("signal_name")).toString(), QStringLiteral("SIGUSR1"));
        QCOMPARE(event.value(QStringLiteral("sender_pid")).toInteger(), qint64(::getpid()));
        QCOMPARE(event.value(QStringLiteral("sender_uid")).toInteger(), qint64(::getuid()));
        QCOMPARE(event.value(QStringLiteral("code")).toString(), QStringLiteral("SI_QUEUE"));
        QCOMPARE(event.value(QStringLiteral("value")).toInt(), 42);

        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGRTMIN + 3), 0);
        event = watcher.next(QStringLiteral("signal-received"));
        QCOMPARE(event.value(QStringLiteral("signal")).toInt(), SIGRTMIN + 3);
        QCOMPARE(event.value(QStringLiteral("signal_name")).toString(), QStringLiteral("SIGRTMIN+3"));
        QCOMPARE(event.value(QStringLiteral("code")).toString(), QStringLiteral("SI_USER"));
        QVERIFY(!event.contains(QStringLiteral("value"))); // a kill() is no sigqueue() of 0

        // Another process, our own sender: its pid is the one reported.
        QProcess sender;
        sender.start(binary(), {QStringLiteral("signals"), QStringLiteral("send"), QStringLiteral("SIGUSR1"),
                                QString::number(watcher.pid()), QStringLiteral("--value"), QStringLiteral("7")});
        QVERIFY(sender.waitForStarted());
        const qint64 senderPid = sender.processId();
        QVERIFY(sender.waitForFinished(10000));
        QCOMPARE(sender.exitCode(), 0);
        event = watcher.next(QStringLiteral("signal-received"));
        QCOMPARE(event.value(QStringLiteral("sender_pid")).toInteger(), senderPid);
        QCOMPARE(event.value(QStringLiteral("value")).toInt(), 7);

        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGTERM), 0);
        QCOMPARE(watcher.exitStatus(), 0); // asked to stop: a clean end
    }

    // Signals nobody watches do what they would do to any program, though
    // every one of them is blocked: SIGUSR1 and SIGRTMIN+3 end it (128+N).
    void unwatchedSignalsEndAsByDefault_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGUSR1") << int(SIGUSR1);
        QTest::newRow("SIGRTMIN+3") << int(SIGRTMIN + 3);
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }

    void unwatchedSignalsEndAsByDefault()
    {
        QFETCH(int, signal);
        Watcher watcher({QStringLiteral("--signals"), QStringLiteral("ALRM")});
        QVERIFY(!watcher.next(QStringLiteral("run-start")).isEmpty());
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGCHLD), 0); // ignored by default: it goes on
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGALRM), 0);
        QCOMPARE(watcher.next(QStringLiteral("signal-received")).value(QStringLiteral("signal")).toInt(), SIGALRM);
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), signal), 0);
        QCOMPARE(watcher.exitStatus(), 128 + signal);
    }

    void tstpStopsAndContResumes()
    {
        Watcher watcher({QStringLiteral("--signals"), QStringLiteral("USR2")});
        QVERIFY(!watcher.next(QStringLiteral("run-start")).isEmpty());
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGTSTP), 0);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), QChar(u'T'), 10000);
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGCONT), 0);
        QTRY_VERIFY_WITH_TIMEOUT(watcher.state() != QChar(u'T'), 10000);
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGUSR2), 0); // it works again
        QCOMPARE(watcher.next(QStringLiteral("signal-received")).value(QStringLiteral("signal")).toInt(), SIGUSR2);
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGINT), 0);
        QCOMPARE(watcher.exitStatus(), 0);
    }

    // A session of its own is an orphaned process group: the kernel drops
    // SIGTSTP there rather than stop what no shell could continue, and so
    // must the watcher. A real-time signal sent after it is read after it
    // (lower numbers first), so a stopped watcher could not report it.
    void tstpIsDroppedInAnOrphanedGroup()
    {
        Watcher watcher({QStringLiteral("--signals"), QStringLiteral("RTMIN+1")}, true);
        QVERIFY(!watcher.next(QStringLiteral("run-start")).isEmpty());
        QCOMPARE(::getsid(static_cast<pid_t>(watcher.pid())), static_cast<pid_t>(watcher.pid()));
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGTSTP), 0);
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGRTMIN + 1), 0);
        QCOMPARE(watcher.next(QStringLiteral("signal-received")).value(QStringLiteral("signal")).toInt(), SIGRTMIN + 1);
        QVERIFY(watcher.state() != QChar(u'T'));
        QCOMPARE(::kill(static_cast<pid_t>(watcher.pid()), SIGINT), 0);
        QCOMPARE(watcher.exitStatus(), 0);
    }

    void stopsAfterMaxSeconds()
    {
        const Run result = run({QStringLiteral("signals"), QStringLiteral("watch"), QStringLiteral("--max-seconds"),
                                QStringLiteral("1"), QStringLiteral("--signals"), QStringLiteral("USR1")});
        QCOMPARE(result.status, 0);
        QVERIFY2(result.out.contains(QStringLiteral("Watching SIGUSR1 in pid")), qPrintable(result.out));
    }

    void sendsAsJsonAndChecksLiveness()
    {
        Run result = run({QStringLiteral("signals"), QStringLiteral("send"), QStringLiteral("0"),
                          QString::number(::getpid()), QStringLiteral("--json")});
        QCOMPARE(result.status, 0);
        const QJsonObject sent = QJsonDocument::fromJson(result.out.split(QLatin1Char('\n')).value(1).toUtf8()).object();
        QCOMPARE(sent.value(QStringLiteral("event")).toString(), QStringLiteral("signal-sent"));
        QCOMPARE(sent.value(QStringLiteral("pid")).toInteger(), qint64(::getpid()));
        QVERIFY(sent.value(QStringLiteral("check")).toBool());

        result = run({QStringLiteral("signals"), QStringLiteral("send"), QStringLiteral("0"), QStringLiteral("2147483647")});
        QCOMPARE(result.status, 1);
        QVERIFY2(result.err.contains(QStringLiteral("ESRCH")), qPrintable(result.err));
    }

    void sendsToAProcessGroup()
    {
        // A shell in a group of its own (setsid), waiting; the group gets SIGTERM.
        QProcess group;
        group.start(QStringLiteral("/usr/bin/setsid"), {QStringLiteral("/bin/sleep"), QStringLiteral("30")});
        QVERIFY(group.waitForStarted());
        const QString pgid = QString::number(group.processId());
        QTRY_VERIFY_WITH_TIMEOUT(::getpgid(static_cast<pid_t>(group.processId())) == group.processId(), 10000);
        const Run result = run({QStringLiteral("signals"), QStringLiteral("send"), QStringLiteral("TERM"),
                                QStringLiteral("--group"), pgid});
        QCOMPARE(result.status, 0);
        QVERIFY2(result.out.contains(QStringLiteral("process group")), qPrintable(result.out));
        QVERIFY(group.waitForFinished(10000));
        QCOMPARE(group.exitStatus(), QProcess::CrashExit); // killed by the signal
    }

    void badInputNamesTheField_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown name") << QStringList{QStringLiteral("send"), QStringLiteral("FOO"), QStringLiteral("1")}
                                      << "signal: “FOO” is not accepted";
        QTest::newRow("rt too far") << QStringList{QStringLiteral("send"), QStringLiteral("RTMIN+99"), QStringLiteral("1")}
                                    << "signal: RTMIN+99 is out of range";
        QTest::newRow("pid no number") << QStringList{QStringLiteral("send"), QStringLiteral("USR1"), QStringLiteral("abc")}
                                       << "pid: “abc” is not a number";
        QTest::newRow("no pid") << QStringList{QStringLiteral("send"), QStringLiteral("USR1")} << "pid: nothing was given";
        QTest::newRow("value to a group")
            << QStringList{QStringLiteral("send"), QStringLiteral("USR1"), QStringLiteral("--group"), QStringLiteral("5"),
                           QStringLiteral("--value"), QStringLiteral("1")}
            << "--value: applies only to a single process";
        QTest::newRow("watch KILL") << QStringList{QStringLiteral("watch"), QStringLiteral("--signals"), QStringLiteral("KILL")}
                                    << "SIGKILL cannot be watched";
        QTest::newRow("watch SEGV") << QStringList{QStringLiteral("watch"), QStringLiteral("--signals"), QStringLiteral("segv")}
                                    << "SIGSEGV cannot be watched";
        QTest::newRow("no action") << QStringList{} << "watch, send or list";
        QTest::newRow("bad action") << QStringList{QStringLiteral("catch")} << "“catch” is no action";
    }

    void badInputNamesTheField()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Run result = run(QStringList{QStringLiteral("signals")} + arguments);
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    }

    void listsEverySignal()
    {
        const Run result = run({QStringLiteral("signals"), QStringLiteral("list")});
        QCOMPARE(result.status, 0);
        QVERIFY(result.out.contains(QStringLiteral("SIGRTMIN+3")));
        const QStringList lines = result.out.split(QLatin1Char('\n'));
        const auto kill = std::find_if(lines.begin(), lines.end(),
                                       [](const QString &line) { return line.contains(QStringLiteral("SIGKILL")); });
        QVERIFY(kill != lines.end());
        QVERIFY2(kill->contains(QStringLiteral("cannot be caught")), qPrintable(*kill));
        QCOMPARE(lines.filter(QStringLiteral("cannot be caught")).size(), 2); // SIGKILL and SIGSTOP
    }
};

QTEST_GUILESS_MAIN(TestSignalsCli)
#include "tst_signals_cli.moc"
