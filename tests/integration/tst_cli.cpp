// The sockscope binary as a person runs it: help and version without a
// display, exit statuses, the German catalogue, the window's clean exit on
// SIGTERM. Each case starts the real program with QProcess.
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QLocalServer>
#include <QLocalSocket>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTcpServer>
#include <QNetworkDatagram>
#include <QUdpSocket>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "cli_run.h"

namespace {

// Opens the FIFO `path` for writing once its reader (the program under
// test) has opened it; -1 if that does not happen within the deadline.
int openFifoWriter(const QString &path)
{
    int fd = -1;
    QDeadlineTimer deadline(20000);
    while (fd < 0 && !deadline.hasExpired()) {
        fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            QTest::qWait(10); // ENXIO: no reader yet
    }
    return fd;
}

// `sockscope resolve --file FIFO ARGS...` started with its list on a FIFO
// this test writes into.
struct FifoRun {
    QTemporaryDir dir;
    QProcess process;
    int writer = -1;

    bool start(const QStringList &arguments)
    {
        const QString fifo = dir.filePath(QStringLiteral("targets"));
        if (::mkfifo(QFile::encodeName(fifo).constData(), 0600) != 0)
            return false;
        process.setProcessEnvironment(cleanEnvironment());
        process.start(binary(), QStringList{QStringLiteral("resolve"), QStringLiteral("--file"), fifo} + arguments);
        writer = openFifoWriter(fifo);
        return writer >= 0;
    }
    void closeWriter() { ::close(std::exchange(writer, -1)); }
    ~FifoRun()
    {
        if (writer >= 0)
            ::close(writer);
    }
};

bool writeAll(int fd, const QByteArray &bytes)
{
    return ::write(fd, bytes.constData(), static_cast<std::size_t>(bytes.size())) == bytes.size();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), "SOCKSCOPE_BINARY is not set to the program"); }

    void versionWithoutDisplay()
    {
        const Run result = run({QStringLiteral("--version")});
        QCOMPARE(result.status, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("sockscope 0.")), qPrintable(result.out));
    }

    void helpWithoutDisplay()
    {
        const Run result = run({QStringLiteral("--help")});
        QCOMPARE(result.status, 0);
        for (const char *word : {"resolve", "connect", "serve", "ipc", "signals", "run", "--version", "Exit status"})
            QVERIFY2(result.out.contains(QString::fromLatin1(word)), word);
    }

    void windowWithoutDisplayNamesTheCli()
    {
        const Run result = run({});
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.contains(QStringLiteral("needs a display")), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("sockscope resolve localhost")));
    }

    void badUsageExits2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    }
    void badUsageExits2()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const Run result = run(arguments, env);
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.contains(says), qPrintable(result.err));
    }

    void germanWithLang()
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8"));
        const Run help = run({QStringLiteral("--help")}, env);
        QCOMPARE(help.status, 0);
        // Our catalogue, and Qt's own beside it (QCommandLineParser's words).
        QVERIFY2(help.out.contains(QStringLiteral("Ohne Argumente öffnet sich das Fenster")), qPrintable(help.out));
        QVERIFY2(help.out.contains(QStringLiteral("Zeigt Versionsinformation an.")), qPrintable(help.out));
        const Run window = run({}, env);
        QCOMPARE(window.status, 2);
        QVERIFY2(window.err.contains(QStringLiteral("Das Fenster braucht eine Anzeige")), qPrintable(window.err));
    }

    void closedStandardDescriptorsAreReopened()
    {
        // Started with stdin and stderr closed, the program still works: 0
        // and 2 are reopened on /dev/null before anything else is opened.
        const Run closed = shell(QStringLiteral("exec 0<&- 2>&-; exec \"$0\" resolve 127.0.0.1:7 --json"));
        QCOMPARE(closed.status, 0);
        QVERIFY(closed.out.contains(QStringLiteral("\"event\":\"resolved\"")));
    }

    void failedOutputIsAnError()
    {
        const Run full = shell(QStringLiteral("exec \"$0\" resolve localhost >/dev/full"));
        QCOMPARE(full.status, 1);
        QVERIFY2(full.err.contains(QStringLiteral("cannot write to standard output")), qPrintable(full.err));
    }

    void readerGoingAwayEndsQuietly()
    {
        FifoRun run;
        QVERIFY(run.start({QStringLiteral("--json")}));
        QProcess &process = run.process;
        process.closeReadChannel(QProcess::StandardOutput); // the reader goes away (`| head -1`)
        QVERIFY(writeAll(run.writer, QByteArrayLiteral("localhost\n127.0.0.1\n")));
        run.closeWriter();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardError(), QByteArray());
    }

    void namesArrivingLaterAreRead()
    {
        // A FIFO whose writer writes only after the first read found nothing.
        FifoRun run;
        QVERIFY(run.start({QStringLiteral("--json")}));
        QProcess &process = run.process;
        QTest::qWait(300); // the scenario: the names come later, not a synchronisation
        QVERIFY(writeAll(run.writer, QByteArrayLiteral("localhost\n")));
        QTest::qWait(100);
        QVERIFY(writeAll(run.writer, QByteArrayLiteral("127.0.0.1:7\n")));
        run.closeWriter();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray out = process.readAllStandardOutput();
        QCOMPARE(out.count("\"event\":\"resolved\""), 2);
        QVERIFY(out.contains("\"target\":\"127.0.0.1:7\""));

        // The same through a process substitution, as the shell makes one.
        const Run substituted = shell(QStringLiteral("\"$0\" resolve --file <(sleep 0.3; echo localhost) --json"));
        QCOMPARE(substituted.status, 0);
        QVERIFY(substituted.out.contains(QStringLiteral("\"event\":\"resolved\"")));

        // With AI_PASSIVE the host may be left out: the wildcard addresses.
        const Run passive = shell(QStringLiteral("\"$0\" resolve --service 80 --flags +passive --type stream ''"));
        QCOMPARE(passive.status, 0);
        QVERIFY2(passive.out.contains(QStringLiteral("0.0.0.0")), qPrintable(passive.out));
    }

    void interruptWhileWaitingForNames()
    {
        FifoRun run;
        QVERIFY(run.start({})); // the writer stays open and silent: the program waits
        QProcess &process = run.process;
        QElapsedTimer clock;
        clock.start();
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10000));
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1); // interrupted: the list was not read to its end
    }

    void connectShowsTheRace()
    {
        QTcpServer server; // an independent peer, not ours
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QString open = QStringLiteral("127.0.0.1:%1").arg(server.serverPort());
        QTcpServer closedHolder; // bound port nothing accepts on: listen then close gives a port refusing
        QVERIFY(closedHolder.listen(QHostAddress::LocalHost));
        const QString closed = QStringLiteral("127.0.0.1:%1").arg(closedHolder.serverPort());
        closedHolder.close();

        const Run won = run({QStringLiteral("connect"), closed, open, QStringLiteral("--check"), QStringLiteral("--json")});
        QCOMPARE(won.status, 0);
        QStringList names;
        for (const QString &line : won.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            names << QJsonDocument::fromJson(line.toUtf8()).object().value(QStringLiteral("event")).toString();
        QCOMPARE(names, (QStringList{QStringLiteral("run-start"), QStringLiteral("attempt-start"),
                                     QStringLiteral("attempt-failed"), QStringLiteral("attempt-start"),
                                     QStringLiteral("connected")}));
        QVERIFY(won.out.contains(QStringLiteral("\"error\":\"ECONNREFUSED\"")));

        const Run named = run({QStringLiteral("connect"), QStringLiteral("localhost:%1").arg(server.serverPort()),
                               QStringLiteral("--prefer"), QStringLiteral("inet"), QStringLiteral("--check")});
        QCOMPARE(named.status, 0);
        // Words on standard error: standard output is the peer's.
        QVERIFY2(named.err.contains(QStringLiteral("inet resolved")) && named.err.contains(QStringLiteral("connected to 127.0.0.1")),
                 qPrintable(named.err));
        QVERIFY(named.out.isEmpty());

        const Run failed = run({QStringLiteral("connect"), closed, QStringLiteral("--json")});
        QCOMPARE(failed.status, 1);
        QVERIFY(failed.out.contains(QStringLiteral("\"event\":\"connect-failed\"")));

        const Run bad = run({QStringLiteral("connect"), QStringLiteral("localhost"), QStringLiteral("--json")});
        QCOMPARE(bad.status, 2);
        QVERIFY(bad.out.contains(QStringLiteral("\"event\":\"bad-input\"")));
        QVERIFY2(bad.err.contains(QStringLiteral("service")), qPrintable(bad.err));
        const Run delay = run({QStringLiteral("connect"), open, QStringLiteral("--attempt-delay"), QStringLiteral("5")});
        QCOMPARE(delay.status, 2);
        QVERIFY2(delay.err.contains(QStringLiteral("--attempt-delay")), qPrintable(delay.err));
    }

    void connectRelaysLikeNetcat()
    {
        QProcess echo; // an echo server that is not ours: it echoes until our half-close, then closes
        const QString target = startEchoServer(echo);
        QVERIFY(!target.isEmpty());

        const Run hi = shell(QStringLiteral("echo hi | \"$0\" connect ") + target);
        QCOMPARE(hi.status, 0);
        QCOMPARE(hi.out, QStringLiteral("hi\n")); // the echo came back: half-close, not close
        QVERIFY2(hi.err.contains(QStringLiteral("closed [peer-closed]")), qPrintable(hi.err));

        // 4 MB through a reader slower than the peer: all of it, in order.
        QTemporaryDir dir;
        const QString big = dir.filePath(QStringLiteral("big.bin"));
        const Run same = shell(QStringLiteral("head -c 4000000 /dev/urandom > %1; \"$0\" connect %2 < %1 2>/dev/null | "
                                              "(sleep 0.5; cat) | cmp - %1 && echo same")
                                   .arg(big, target));
        QVERIFY2(same.out.contains(QStringLiteral("same")), qPrintable(same.out + same.err));

        // The same with --json: every byte in the data events, none lost,
        // though standard output stalls for a while.
        const Run json = shell(QStringLiteral("\"$0\" connect %1 --json < %2 2>/dev/null | (sleep 0.5; cat) | "
                                              "/usr/bin/python3 -c 'import sys, json\n"
                                              "events = [json.loads(line) for line in sys.stdin]\n"
                                              "print(sum(e[\"bytes\"] for e in events if e.get(\"direction\") == \"in\"), "
                                              "events[-1][\"event\"])'")
                                   .arg(target, big));
        QCOMPARE(json.out.trimmed(), QStringLiteral("4000000 closed"));

        // Standard input that is /dev/null or closed: nothing to send, a
        // half-close at once, and the peer's close ends it.
        for (const QString &input : {QStringLiteral("< /dev/null"), QStringLiteral("<&-")}) {
            const Run empty = shell(QStringLiteral("\"$0\" connect %1 --json %2").arg(target, input));
            QCOMPARE(empty.status, 0);
            QVERIFY2(empty.out.contains(QStringLiteral("\"reason\":\"peer-closed\",\"bytes_in\":0,\"bytes_out\":0")),
                     qPrintable(input + QLatin1Char(' ') + empty.out + empty.err));
        }

        // A reader that goes away ends it quietly.
        const Run head = shell(QStringLiteral("set -o pipefail; \"$0\" connect %1 < %2 2>/dev/null | head -c 10 >/dev/null")
                                   .arg(target, big));
        QCOMPARE(head.status, 0);

        const Run sent = run({QStringLiteral("connect"), target, QStringLiteral("--send"), QStringLiteral("68 69"),
                              QStringLiteral("--hex"), QStringLiteral("--json")});
        QCOMPARE(sent.status, 0);
        QVERIFY(sent.out.contains(QStringLiteral("\"direction\":\"in\"")) && sent.out.contains(QStringLiteral("\"hex\":\"6869\"")));
        QVERIFY(sent.out.contains(QStringLiteral("\"bytes_in\":2,\"bytes_out\":2")));
        echo.kill();
        echo.waitForFinished(5000);
    }

    // UDP and Unix transports, and the socket options, as a person types them.
    void connectOtherTransportsAndOptions()
    {
        QUdpSocket udpHolder; // a free UDP port, closed again: a datagram to it is refused
        QVERIFY(udpHolder.bind(QHostAddress::LocalHost, 0));
        const QString closedUdp = QStringLiteral("127.0.0.1:%1").arg(udpHolder.localPort());
        udpHolder.close();
        const Run refused = shell(QStringLiteral("echo hi | \"$0\" connect --udp %1 --idle-timeout 10000").arg(closedUdp));
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("first address in the order")) &&
                     refused.err.contains(QStringLiteral("closed [refused]: ECONNREFUSED")),
                 qPrintable(refused.err));

        QTemporaryDir dir;
        QLocalServer local; // an independent peer on a Unix path
        QVERIFY(local.listen(dir.filePath(QStringLiteral("s"))));
        QProcess client;
        client.setProcessEnvironment(cleanEnvironment());
        client.start(binary(), {QStringLiteral("connect"), QStringLiteral("unix:") + local.fullServerName(),
                                QStringLiteral("--send"), QStringLiteral("ping\\n"), QStringLiteral("--json")});
        QVERIFY(local.waitForNewConnection(10000));
        QLocalSocket *peer = local.nextPendingConnection();
        QTRY_COMPARE_WITH_TIMEOUT(peer->bytesAvailable(), qint64{5}, 10000);
        QCOMPARE(peer->readAll(), QByteArray("ping\n"));
        peer->abort(); // the peer closes: the client, half-closed already, ends
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QProcess::NotRunning, 10000); // it may be over already
        QCOMPARE(client.exitCode(), 0);
        const QString events = QString::fromUtf8(client.readAllStandardOutput());
        QVERIFY2(events.contains(QStringLiteral("\"path\":\"%1\"").arg(local.fullServerName())), qPrintable(events));

        const Run unixBind = run({QStringLiteral("connect"), QStringLiteral("unix:") + local.fullServerName(),
                                  QStringLiteral("--bind"), QStringLiteral(":5000")});
        QCOMPARE(unixBind.status, 2); // a Unix socket has no port to bind: bad input, not a failed attempt
        QVERIFY2(unixBind.err.contains(QStringLiteral("--bind")), qPrintable(unixBind.err));

        // Standard input bigger than a UDP datagram: several datagrams, none
        // too big (one 100,000-byte datagram would be EMSGSIZE).
        QUdpSocket receiver;
        QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
        QProcess udp;
        udp.setProcessEnvironment(cleanEnvironment());
        udp.setStandardInputFile(QStringLiteral("/dev/zero"));
        udp.start(QStringLiteral("/bin/bash"),
                  {QStringLiteral("-c"), QStringLiteral("head -c 100000 /dev/zero | \"$0\" connect --udp 127.0.0.1:%1 --idle-timeout 2000")
                                             .arg(receiver.localPort()),
                   binary()});
        qint64 total = 0, largest = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                while (receiver.hasPendingDatagrams()) {
                    const qint64 size = receiver.receiveDatagram().data().size();
                    total += size;
                    largest = std::max(largest, size);
                }
                return total == 100000;
            }(),
            10000);
        QVERIFY(largest <= 65507); // the largest UDP payload over IPv4
        QTRY_COMPARE_WITH_TIMEOUT(udp.state(), QProcess::NotRunning, 10000);
        QCOMPARE(udp.exitCode(), 0);

        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QString open = QStringLiteral("127.0.0.1:%1").arg(server.serverPort());
        const Run options = run({QStringLiteral("connect"), open, QStringLiteral("--check"), QStringLiteral("--rcvbuf"),
                                 QStringLiteral("4096"), QStringLiteral("--nodelay"), QStringLiteral("--ttl"), QStringLiteral("9")});
        QCOMPARE(options.status, 0);
        QVERIFY2(options.err.contains(QStringLiteral("Socket options: nodelay 1, rcvbuf 4096 → 8192, ttl 9.")),
                 qPrintable(options.err));
        const Run device = run({QStringLiteral("connect"), open, QStringLiteral("--check"), QStringLiteral("--bind-device"),
                                QStringLiteral("no-such-if0")});
        QCOMPARE(device.status, 1);
        QVERIFY2(device.err.contains(QStringLiteral("ENODEV")) && device.err.contains(QStringLiteral("socket-option bind-device")),
                 qPrintable(device.err));
        for (const QStringList &bad : {QStringList{QStringLiteral("--bind"), QStringLiteral("localhost")},
                                       QStringList{QStringLiteral("--bind-device"), QString()},
                                       QStringList{QStringLiteral("--bind-device"), QStringLiteral("an-interface-name-too-long")},
                                       QStringList{QStringLiteral("--ttl"), QStringLiteral("256")},
                                       QStringList{QStringLiteral("--unix-type"), QStringLiteral("dgram")},
                                       QStringList{QStringLiteral("--family"), QStringLiteral("inet5")}}) {
            const Run refusedInput = run(QStringList{QStringLiteral("connect"), open} + bad);
            QCOMPARE(refusedInput.status, 2);
            QVERIFY2(refusedInput.err.contains(bad.front().mid(2)), qPrintable(refusedInput.err));
        }
    }

    void helpNamesTheSubcommand()
    {
        const Run help = run({QStringLiteral("resolve"), QStringLiteral("--help")});
        QCOMPARE(help.status, 0);
        QVERIFY2(help.out.startsWith(QStringLiteral("Usage: sockscope resolve [options] ")), qPrintable(help.out));
        const Run top = run({QStringLiteral("--help")});
        QVERIFY2(top.out.contains(QStringLiteral("descriptor passing")) && !top.out.contains(QStringLiteral("not built")), qPrintable(top.out));
    }

    void windowQuitsCleanlyOnSigterm()
    {
        QTemporaryDir home;
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("sockscope.ui.info=true"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(binary(), {});
        QVERIFY(process.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("window shown"), 20000);
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        // The layout was saved on the way out.
        QVERIFY(QFile::exists(home.filePath(QStringLiteral("Sockscope/sockscope.conf"))));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
