// `sockscope serve` as a person runs it, with clients this project did not
// write: socat, Qt's own sockets, a client running as another user, and a
// server under prlimit that runs out of descriptors.
#include "cli_run.h"

#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QNetworkDatagram>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>
#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

class TestServeCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), "SOCKSCOPE_BINARY is not set to the program"); }

    // `serve` with clients this project did not write: socat, and Qt's own
    // sockets; SIGINT ends it cleanly with 0.
    void serveEchoesToOtherClients()
    {
        ServeRun serve;
        QVERIFY(serve.start({QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
        const Run socat = shell(QStringLiteral("echo hi | socat -t 2 - TCP:127.0.0.1:%1").arg(serve.port));
        QCOMPARE(socat.out, QStringLiteral("hi\n"));
        QTcpSocket qt;
        qt.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(serve.port));
        QVERIFY(qt.waitForConnected(5000));
        qt.write("from Qt");
        QByteArray echoed;
        QTRY_COMPARE_WITH_TIMEOUT((echoed += qt.readAll()), QByteArray("from Qt"), 5000);
        qt.disconnectFromHost();
        ::kill(static_cast<pid_t>(serve.process.processId()), SIGINT);
        QVERIFY(serve.process.waitForFinished(10000));
        QCOMPARE(serve.process.exitCode(), 0);
        const QByteArray events = serve.process.readAllStandardOutput();
        QVERIFY2(events.contains("\"event\":\"server-stopped\",\"t_ms\"") && events.contains("\"reason\":\"signal\""),
                 events.constData());
        QVERIFY(events.contains("\"event\":\"peer-accepted\""));
    }

    void serveOverUdpAndUnix()
    {
        ServeRun udp;
        QVERIFY(udp.start({QStringLiteral("daytime"), QStringLiteral("--udp"), QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:0")}));
        QUdpSocket client;
        QVERIFY(client.bind(QHostAddress::LocalHost, 0));
        client.writeDatagram("?", QHostAddress::LocalHost, static_cast<quint16>(udp.port));
        QTRY_VERIFY_WITH_TIMEOUT(client.hasPendingDatagrams(), 5000);
        QVERIFY(client.receiveDatagram().data().endsWith("-UTC\r\n"));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("echo.sock"));
        ServeRun local;
        QVERIFY(local.start({QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("unix:") + path}));
        QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther), QFile::Permissions());
        QLocalSocket socket;
        socket.connectToServer(path);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("unix");
        QByteArray echoed;
        QTRY_COMPARE_WITH_TIMEOUT((echoed += socket.readAll()), QByteArray("unix"), 5000);
        socket.disconnectFromServer();
        ::kill(static_cast<pid_t>(local.process.processId()), SIGTERM);
        QVERIFY(local.process.waitForFinished(10000));
        QCOMPARE(local.process.exitCode(), 0);
        QVERIFY(!QFileInfo::exists(path)); // removed on stop
    }

    // SO_PEERCRED names the real peer: a client running as nobody (uid
    // 65534) on an abstract socket, which has no permissions to check;
    // the same client against the default 0600 socket file is refused.
    void servePeerCredentialsAndPermissions()
    {
        if (::geteuid() != 0)
            QSKIP("needs root, to run a client as another user with setpriv");
        const QStringList asNobody{QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                                   QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")};
        const QString name = QStringLiteral("sockscope-test-%1").arg(::getpid());
        ServeRun abstract;
        QVERIFY(abstract.start({QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("unix:@") + name}));
        const Run nobody = shell(asNobody.join(QLatin1Char(' ')) +
                                 QStringLiteral(" sh -c 'echo who | socat -t 2 - ABSTRACT-CONNECT:%1'").arg(name));
        QCOMPARE(nobody.out, QStringLiteral("who\n"));
        QTRY_VERIFY_WITH_TIMEOUT(abstract.output().contains("\"uid\":65534,\"gid\":65534"), 5000);
        // Its process by name, pinned by SO_PEERPIDFD where the kernel has it
        // (Debian 12's 6.1 answers ENOPROTOOPT, said as such).
        QVERIFY2(abstract.output().contains("\"process\":\"socat\""), abstract.output().constData());
        QVERIFY2(abstract.output().contains("\"pidfd\":true") ||
                     abstract.output().contains("\"pidfd_error\":{\"error\":\"ENOPROTOOPT\""),
                 abstract.output().constData());

        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup |
                                              QFile::ReadGroup | QFile::ExeOther | QFile::ReadOther);
        const QString path = dir.filePath(QStringLiteral("s"));
        ServeRun file;
        QVERIFY(file.start({QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("unix:") + path}));
        const Run refused = shell(asNobody.join(QLatin1Char(' ')) +
                                  QStringLiteral(" sh -c 'echo who | socat -t 2 - UNIX-CONNECT:%1'").arg(path));
        QVERIFY2(refused.err.contains(QStringLiteral("Permission denied")), qPrintable(refused.err)); // EACCES: 0600
        QVERIFY(!file.output().contains("\"event\":\"peer-accepted\""));
    }

    // The process at the other end of a loopback TCP peer, from /proc as
    // `ss -p` finds it; a server that may not read the client's /proc
    // entries says "owner unknown (permission denied)".
    void serveFindsPeerProcesses()
    {
        if (::geteuid() != 0)
            QSKIP("needs root, to run the server as another user with setpriv");
        const char *holdClient = "import socket, sys\n"
                                 "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
                                 "print('connected', flush=True)\n"
                                 "sys.stdin.read()\n";
        const QStringList asNobody{QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                                   QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")};
        for (const bool privileged : {true, false}) {
            ServeRun serve;
            QVERIFY(serve.start({QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                 QStringLiteral("--owners"), QStringLiteral("--no-names")},
                                privileged ? QStringList{} : asNobody));
            QProcess client;
            client.start(QStringLiteral("/usr/bin/python3"),
                         {QStringLiteral("-c"), QString::fromLatin1(holdClient), QString::number(serve.port)});
            QVERIFY(client.waitForReadyRead(10000));
            QTRY_VERIFY_WITH_TIMEOUT(serve.output().contains("\"event\":\"peer-owner\""), 10000);
            QJsonObject owner;
            for (const QByteArray &line : serve.output().split('\n')) {
                const QJsonObject event = QJsonDocument::fromJson(line).object();
                if (event.value(QStringLiteral("event")).toString() == QLatin1String("peer-owner"))
                    owner = event;
            }
            if (privileged) {
                QCOMPARE(owner.value(QStringLiteral("pid")).toInteger(), client.processId());
                QCOMPARE(owner.value(QStringLiteral("process")).toString(), QStringLiteral("python3"));
                QVERIFY(owner.value(QStringLiteral("inode")).toInteger() > 0);
            } else {
                QCOMPARE(owner.value(QStringLiteral("reason")).toString(), QStringLiteral("permission-denied"));
                QCOMPARE(owner.value(QStringLiteral("error")).toString(), QStringLiteral("EACCES"));
            }
            client.closeWriteChannel();
            QVERIFY(client.waitForFinished(10000));
        }
    }

    void serveRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("bind") << QStringList{QStringLiteral("echo"), QStringLiteral("--bind"), QStringLiteral("127.0.0.1")}
                              << QStringLiteral("--listen");
        QTest::newRow("behaviour") << QStringList{QStringLiteral("ping")} << QStringLiteral("echo, discard");
        QTest::newRow("listen") << QStringList{QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("[::1")}
                                << QStringLiteral("--listen");
        QTest::newRow("max-peers") << QStringList{QStringLiteral("echo"), QStringLiteral("--max-peers"), QStringLiteral("0")}
                                   << QStringLiteral("--max-peers");
        const auto row = [](const char *name, const QString &arguments, const char *says) {
            QTest::newRow(name) << arguments.split(QLatin1Char(' ')) << QString::fromUtf8(says);
        };
        row("model", QStringLiteral("echo --model threads"), "--model: “threads” is not accepted; use in-loop, fork or prefork");
        row("children", QStringLiteral("echo --model prefork --children 0"), "--children: 0 is out of range (1 to 256)");
        row("children without prefork", QStringLiteral("echo --children 3"), "--children: applies only to --model prefork");
        row("forward without --to", QStringLiteral("forward"), "--to: is needed by forward");
        row("--to without forward", QStringLiteral("echo --to 127.0.0.1:7"), "--to: applies only to forward");
        row("--to bad", QStringLiteral("forward --to 127.0.0.1:99999"), "--to: 99999 is out of range");
        row("forward over udp", QStringLiteral("forward --to 127.0.0.1:7 --udp"), "--udp:");
        row("workers over udp", QStringLiteral("echo --udp --model fork"), "--udp: applies only to --model in-loop");
        row("manual in workers", QStringLiteral("manual --model prefork"), "behaviour: applies only to --model in-loop");
    }
    void serveRefusesBadInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const Run result = run(QStringList{QStringLiteral("serve")} + arguments);
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.contains(says), qPrintable(result.err));
    }

    // Out of descriptors (both limits at 64, so it cannot raise them): a
    // burst of 500 connections pauses accepting, each pause said once;
    // once they are gone it accepts again and serves.
    void serveSurvivesRunningOutOfDescriptors()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("prlimit")).isEmpty())
            QSKIP("prlimit (util-linux) is not installed");
#ifdef SOCKSCOPE_SANITIZED
        // Out of descriptors, UBSan's own vptr check fails (it opens a pipe to
        // probe memory) and reports an "invalid vptr" in the program: the
        // sanitizer's limit, not the program's. The plain build runs it.
        QSKIP("the sanitizers need descriptors of their own; this runs in the plain build");
#endif
        ServeRun serve;
        QVERIFY(serve.start({QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                            {QStringLiteral("prlimit"), QStringLiteral("--nofile=64:64")}));
        sockaddr_in target{};
        target.sin_family = AF_INET;
        target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        target.sin_port = htons(static_cast<quint16>(serve.port));
        std::vector<int> burst;
        const auto closeBurst = qScopeGuard([&] {
            for (int fd : std::exchange(burst, {}))
                ::close(fd);
        });
        for (int i = 0; i < 500; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            ::connect(fd, reinterpret_cast<const sockaddr *>(&target), sizeof target);
            burst.push_back(fd);
        }
        QTRY_VERIFY_WITH_TIMEOUT(serve.output().contains("\"event\":\"accept-paused\""), 10000);
        QVERIFY(serve.output().contains("\"error\":\"EMFILE\""));
        for (int fd : std::exchange(burst, {}))
            ::close(fd);
        const Run socat = shell(QStringLiteral("echo again | socat -t 2 - TCP:127.0.0.1:%1").arg(serve.port));
        QCOMPARE(socat.out, QStringLiteral("again\n"));
        // Each pause is said once and ended once: no stream of events while paused.
        QTRY_COMPARE_WITH_TIMEOUT(serve.output().count("\"event\":\"accept-resumed\""),
                                  serve.output().count("\"event\":\"accept-paused\""), 10000);
        QVERIFY(serve.output().count("\"event\":\"accept-paused\"") <= 20);
    }

};

QTEST_MAIN(TestServeCli)
#include "tst_serve_cli.moc"
