// The behaviours that know who the peer is, and the port forwarder, run as
// `sockscope serve` inside a network namespace of the test's own, whose
// nsswitch.conf says `hosts: files dns`: 127.0.0.1 is named by the hosts
// file, and any other address asks a DNS server in the namespace that
// takes 4 s to answer, so no query leaves the machine and a slow name is
// made on purpose. Clients: Qt's own sockets and socat.
#include "cli_run.h"
#include "test_namespace.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QNetworkDatagram>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

namespace {

bool setUp(TestNamespace &ns, QString *error)
{
    if (!ns.writeEtc(QStringLiteral("hosts"), "127.0.0.1 localhost\n::1 localhost\n") ||
        !ns.writeEtc(QStringLiteral("nsswitch.conf"), "hosts: files dns\n") ||
        !ns.writeEtc(QStringLiteral("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:10 attempts:1\n")) {
        *error = QStringLiteral("cannot write the namespace's resolver files");
        return false;
    }
    return startSlowDns(ns, 4.0, QStringLiteral("/dev/null"), error);
}

#define REQUIRE_NAMESPACE()                                                                                           \
    if (currentTestNamespace().isEmpty())                                                                             \
        QSKIP(qPrintable(QStringLiteral("needs a network namespace of its own: ") +                                   \
                         TestNamespace::unavailableReason()));

QList<QJsonObject> eventsNamed(const QByteArray &output, const QString &name)
{
    QList<QJsonObject> out;
    for (const QByteArray &line : output.split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(QStringLiteral("event")).toString() == name)
            out << event;
    }
    return out;
}

// Everything a TCP client gets until the server closes, and how long that took.
QByteArray readToTheEnd(QTcpSocket &socket, qint64 *elapsedMs = nullptr)
{
    QElapsedTimer clock;
    clock.start();
    QByteArray got;
    QDeadlineTimer deadline(10000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(100);
        got += socket.readAll();
    }
    got += socket.readAll();
    if (elapsedMs)
        *elapsedMs = clock.elapsed();
    return got;
}

// One end of a 64 MiB exchange each way at once: `server` listens for one
// connection and prints its port, `client` connects to a port. Each sends
// `size` random bytes while it reads all the other end sends, half-closes
// when done sending, and prints how much it read and both SHA-256 digests.
const char *const kExchange = R"(
import hashlib, os, socket, sys, threading
role, size = sys.argv[1], int(sys.argv[2])
if role == 'server':
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    s.listen(1)
    print(s.getsockname()[1], flush=True)
    c, _ = s.accept()
else:
    c = socket.create_connection(('127.0.0.1', int(sys.argv[3])))
sent = hashlib.sha256()
def send():
    left = size
    while left:
        chunk = os.urandom(min(left, 1 << 16))
        sent.update(chunk)
        c.sendall(chunk)
        left -= len(chunk)
    c.shutdown(socket.SHUT_WR)
t = threading.Thread(target=send)
t.start()
got = hashlib.sha256()
n = 0
while (d := c.recv(1 << 16)):
    got.update(d)
    n += len(d)
t.join()
c.close()
print(n, got.hexdigest(), sent.hexdigest(), flush=True)
)";

} // namespace

class TestServeBehaviours : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), "SOCKSCOPE_BINARY is not set to the program"); }

    // Each behaviour against our own Connector (`sockscope connect`, which
    // half-closes after what it sends) and against socat, a program this
    // project did not write: the same answer from both.
    void behavioursAnswerConnectAndSocat_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<QString>("send"); // C escapes, as connect --send takes them
        QTest::addColumn<QString>("answer"); // a part of the answer
        QTest::newRow("echo") << QStringLiteral("echo") << QStringLiteral("ping\\n") << QStringLiteral("ping\n");
        QTest::newRow("discard") << QStringLiteral("discard") << QStringLiteral("ping\\n") << QString();
        QTest::newRow("daytime") << QStringLiteral("daytime") << QString() << QStringLiteral("-UTC\r\n");
        QTest::newRow("greeter") << QStringLiteral("greeter") << QString() << QStringLiteral("Hello there, localhost, it's now ");
        QTest::newRow("command") << QStringLiteral("command") << QStringLiteral("echo hi\\nquit\\n")
                                 << QStringLiteral("Command? hi\r\nCommand? Bye.\r\n");
    }

    void behavioursAnswerConnectAndSocat()
    {
        REQUIRE_NAMESPACE();
        QFETCH(QString, behaviour);
        QFETCH(QString, send);
        QFETCH(QString, answer);
        ServeRun serve;
        QVERIFY(serve.start({behaviour, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
        const QString target = QStringLiteral("127.0.0.1:%1").arg(serve.port);
        QStringList arguments{QStringLiteral("connect"), target, QStringLiteral("--json")};
        if (!send.isEmpty())
            arguments << QStringLiteral("--send") << send;
        const Run ours = run(arguments);
        QCOMPARE(ours.status, 0);
        QByteArray received;
        for (const QString &line : ours.out.split(QLatin1Char('\n'))) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("data") &&
                event.value(QStringLiteral("direction")).toString() == QLatin1String("in"))
                received += QByteArray::fromHex(event.value(QStringLiteral("hex")).toString().toLatin1());
        }
        const QString printf = send.isEmpty() ? QStringLiteral("true") : QStringLiteral("printf '%1'").arg(send);
        const Run socat = shell(QStringLiteral("%1 | socat -t 3 - TCP:%2").arg(printf, target));
        QCOMPARE(socat.status, 0);
        if (answer.isEmpty()) {
            QCOMPARE(received, QByteArray());
            QCOMPARE(socat.out, QString());
        } else {
            QVERIFY2(received.contains(answer.toUtf8()), received.constData());
            QVERIFY2(socat.out.contains(answer), qPrintable(socat.out));
        }
    }

    // perlipc's greeter names a peer whose name the hosts file confirms.
    void greeterNamesConfirmedPeer()
    {
        REQUIRE_NAMESPACE();
        ServeRun serve;
        QVERIFY(serve.start({QStringLiteral("greeter"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(serve.port));
        QVERIFY(client.waitForConnected(5000));
        qint64 ms = 0;
        const QByteArray greeting = readToTheEnd(client, &ms);
        QVERIFY2(greeting.startsWith("Hello there, localhost, it's now "), greeting.constData());
        QVERIFY2(greeting.endsWith("\r\n"), greeting.constData());
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsNamed(serve.output(), QStringLiteral("reverse-resolved")).isEmpty(), 5000);
        const QJsonObject named = eventsNamed(serve.output(), QStringLiteral("reverse-resolved")).constFirst();
        QCOMPARE(named.value(QStringLiteral("name")).toString(), QStringLiteral("localhost"));
        QCOMPARE(named.value(QStringLiteral("confirmed")).toBool(), true);
        QVERIFY(named.contains(QStringLiteral("peer")));
    }

    // A peer whose name is slow to come (the namespace's DNS takes 4 s) is
    // greeted within a second by its address.
    void greeterDoesNotWaitForSlowNames()
    {
        REQUIRE_NAMESPACE();
        ServeRun serve;
        QVERIFY(serve.start({QStringLiteral("greeter"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
        QTcpSocket client;
        QVERIFY(client.bind(QHostAddress(QStringLiteral("127.0.0.2")), 0));
        client.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(serve.port));
        QVERIFY(client.waitForConnected(5000));
        qint64 ms = 0;
        const QByteArray greeting = readToTheEnd(client, &ms);
        QVERIFY2(greeting.startsWith("Hello there, 127.0.0.2, it's now "), greeting.constData());
        QVERIFY2(ms >= 900 && ms < 3000, qPrintable(QString::number(ms))); // a second, and a loaded machine's delay
    }

    // The Cookbook's backsniff, against socat: address, name and first bytes.
    void loggerLogsPeers()
    {
        REQUIRE_NAMESPACE();
        ServeRun serve;
        QVERIFY(serve.start({QStringLiteral("logger"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
        const Run socat =
            shell(QStringLiteral("printf 'GET / HTTP/1.0\\r\\n\\r\\n' | socat -t 3 - TCP:127.0.0.1:%1").arg(serve.port));
        QCOMPARE(socat.status, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!eventsNamed(serve.output(), QStringLiteral("peer-logged")).isEmpty(), 5000);
        const QJsonObject logged = eventsNamed(serve.output(), QStringLiteral("peer-logged")).constFirst();
        QCOMPARE(logged.value(QStringLiteral("address")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(logged.value(QStringLiteral("name")).toString(), QStringLiteral("localhost"));
        QCOMPARE(logged.value(QStringLiteral("confirmed")).toBool(), true);
        QCOMPARE(logged.value(QStringLiteral("text")).toString(), QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"));
        QTRY_VERIFY_WITH_TIMEOUT(serve.output().contains("\"event\":\"peer-closed\""), 5000);
    }

    // perlipc's "Command?" server, through Qt's socket, and over UDP.
    void commandServerAnswers()
    {
        REQUIRE_NAMESPACE();
        ServeRun serve;
        QVERIFY(serve.start({QStringLiteral("command"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(serve.port));
        QVERIFY(client.waitForConnected(5000));
        client.write("help\r\necho two  words\nstats\n" + QByteArray(2000, 'x') + "\nrm -rf /\nquit\nhelp\n");
        const QByteArray session = readToTheEnd(client);
        const QByteArray expected = "Command? Commands: help, date, echo TEXT, stats, quit\r\n"
                                    "Command? two  words\r\n"
                                    "Command? Peers: 1 open, 1 accepted; bytes in ";
        QVERIFY2(session.startsWith(expected), session.constData());
        QVERIFY2(session.contains("Command? Line too long (at most 1024 bytes).\r\n"), session.constData());
        QVERIFY2(session.contains("Command? Unknown command 'rm'; try help.\r\n"), session.constData());
        QVERIFY2(session.endsWith("Command? Bye.\r\n"), session.constData()); // nothing after quit

        ServeRun udp;
        QVERIFY(udp.start({QStringLiteral("command"), QStringLiteral("--udp"), QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:0")}));
        QUdpSocket datagrams;
        QVERIFY(datagrams.bind(QHostAddress::LocalHost, 0));
        datagrams.writeDatagram("echo over udp\n", QHostAddress::LocalHost, static_cast<quint16>(udp.port));
        QTRY_VERIFY_WITH_TIMEOUT(datagrams.hasPendingDatagrams(), 5000);
        QCOMPARE(datagrams.receiveDatagram().data(), QByteArray("over udp\r\n"));
    }

    // The Cookbook's fwdport: 64 MiB each way at once, through the
    // forwarder to a server that sends its own 64 MiB; SHA-256 equal at
    // both ends, the client's half-close passed on and the answer whole.
    void forwarderKeepsBothWaysWhole()
    {
        REQUIRE_NAMESPACE();
        const QString size = QString::number(64 << 20);
        QProcess upstream;
        upstream.start(QStringLiteral("/usr/bin/python3"),
                       {QStringLiteral("-c"), QString::fromUtf8(kExchange), QStringLiteral("server"), size});
        QVERIFY(upstream.waitForReadyRead(10000));
        const QString upstreamPort = QString::fromLatin1(upstream.readLine().trimmed());
        // In words, not --json: 256 MiB of hex is not what this is about.
        QProcess serve;
        serve.setProcessEnvironment(cleanEnvironment());
        serve.start(binary(), {QStringLiteral("serve"), QStringLiteral("forward"), QStringLiteral("--to"),
                               QStringLiteral("127.0.0.1:") + upstreamPort, QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1:0")});
        const auto stopServe = qScopeGuard([&] {
            serve.kill();
            serve.waitForFinished(5000);
        });
        QVERIFY(serve.waitForReadyRead(10000));
        const QByteArray listening = serve.readLine();
        const int port = listening.mid(listening.lastIndexOf(':') + 1).trimmed().toInt();
        QVERIFY2(port > 0, listening.constData());
        QProcess client;
        client.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"), QString::fromUtf8(kExchange), QStringLiteral("client"), size,
                      QString::number(port)});
        QVERIFY(client.waitForFinished(120000));
        QVERIFY(upstream.state() == QProcess::NotRunning || upstream.waitForFinished(10000));
        const QStringList atClient = QString::fromLatin1(client.readAllStandardOutput()).trimmed().split(QLatin1Char(' '));
        const QStringList atServer = QString::fromLatin1(upstream.readAllStandardOutput()).trimmed().split(QLatin1Char(' '));
        QCOMPARE(atClient.size(), 3);
        QCOMPARE(atServer.size(), 3);
        QCOMPARE(atClient[0], size);                  // all of the answer came
        QCOMPARE(atServer[0], size);                  // all of the request went
        QCOMPARE(atServer[1], atClient[2].trimmed()); // what the client sent is what the server got
        QCOMPARE(atClient[1], atServer[2].trimmed()); // and the other way
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += serve.readAll()).contains("closed [peer-closed]"), 10000);
        QVERIFY2(said.contains("forwarding to 127.0.0.1:" + upstreamPort.toLatin1()), said.constData());
        QVERIFY2(said.contains("67108864 bytes in, 67108864 out"), said.constData());
    }
};

int main(int argc, char **argv)
{
    const int parent = reexecInsideNamespace(argc, argv, QStringLiteral("servebeh"), setUp);
    if (parent >= 0)
        return parent;
    QCoreApplication app(argc, argv);
    TestServeBehaviours test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_serve_behaviours.moc"
