// `sockscope serve` in each server model (Perl Cookbook 17.11-17.13) and
// restarted by SIGHUP (17.16), with clients this project did not write
// (Python's socket module), counting what a server must not leave
// behind: zombies and descriptors.
#include "cli_run.h"
#include "process_census.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QTest>
#include <csignal>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

namespace {

// `count` echo round trips from `threads` threads, each thread pausing
// `gap` seconds between its connections (to spread them over a restart);
// prints how many came back right, and every error met.
const char *const kClients = R"(
import socket, sys, threading, time
port, count, threads, gap = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
ok, errors, lock = [0], [], threading.Lock()
def work(first):
    for n in range(first, count, threads):
        time.sleep(gap)
        try:
            c = socket.create_connection(('127.0.0.1', port), timeout=10)
            message = b'client %d\n' % n
            c.sendall(message)
            c.shutdown(socket.SHUT_WR)
            got = b''
            while (d := c.recv(4096)):
                got += d
            c.close()
            with lock:
                if got == message:
                    ok[0] += 1
                else:
                    errors.append('wrong answer %r' % got)
        except OSError as e:
            with lock:
                errors.append(str(e))
ts = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
[t.start() for t in ts]
[t.join() for t in ts]
print(ok[0], '|'.join(errors), flush=True)
)";

// The inode of the socket listening on 127.0.0.1:`port`, from /proc/net/tcp.
QString listeningInode(int port)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return {};
    const QByteArray local = "0100007F:" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 9 && fields[1] == local && fields[3] == "0A")
            return QString::fromLatin1(fields[9]);
    }
    return {};
}

bool holdsSocket(qint64 pid, const QString &inode)
{
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString &fd : fds.entryList(QDir::NoDotAndDotDot | QDir::System)) {
        if (QFile::symLinkTarget(fds.filePath(fd)).endsWith(QStringLiteral("socket:[") + inode + QLatin1Char(']')) ||
            QFileInfo(fds.filePath(fd)).symLinkTarget() == QStringLiteral("socket:[") + inode + QLatin1Char(']'))
            return true;
        char target[64] = {};
        if (::readlink(qPrintable(fds.filePath(fd)), target, sizeof target - 1) > 0 &&
            QString::fromLatin1(target) == QStringLiteral("socket:[") + inode + QLatin1Char(']'))
            return true;
    }
    return false;
}

void runClients(int port, int count, int threads, double gap, QProcess &clients)
{
    clients.start(QStringLiteral("/usr/bin/python3"),
                  {QStringLiteral("-c"), QString::fromUtf8(kClients), QString::number(port), QString::number(count),
                   QString::number(threads), QString::number(gap)});
}

bool finished(QProcess &process, int timeoutMs)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(timeoutMs);
}

} // namespace

class TestServeModels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), "SOCKSCOPE_BINARY is not set to the program"); }

    void servesTwoHundredClients_data()
    {
        QTest::addColumn<QStringList>("model");
        QTest::newRow("fork") << QStringList{QStringLiteral("--model"), QStringLiteral("fork")};
        QTest::newRow("prefork") << QStringList{QStringLiteral("--model"), QStringLiteral("prefork"),
                                                QStringLiteral("--children"), QStringLiteral("4")};
    }

    // 200 clients, 8 at a time: every one served, every worker reaped (no
    // zombie), and the server holds as many descriptors after as before.
    void servesTwoHundredClients()
    {
        QFETCH(QStringList, model);
        ServeRun serve;
        QVERIFY(serve.start(QStringList{QStringLiteral("echo"), QStringLiteral("--listen"),
                                        QStringLiteral("127.0.0.1:0"), QStringLiteral("--no-names")} + model));
        const qint64 pid = serve.process.processId();
        const bool fork = model.contains(QStringLiteral("fork"));
        if (!fork)
            QTRY_COMPARE_WITH_TIMEOUT(serve.output().count("\"event\":\"worker-started\""), 4, 10000);
        const int descriptorsBefore = descriptorCount(pid);
        QProcess clients;
        runClients(serve.port, 200, 8, 0, clients);
        QVERIFY(finished(clients, 120000));
        const QByteArray result = clients.readAllStandardOutput().trimmed();
        QCOMPARE(result, QByteArray("200"));
        QTRY_COMPARE_WITH_TIMEOUT(serve.output().count("\"event\":\"peer-closed\""), 200, 20000);
        if (fork) {
            QTRY_COMPARE_WITH_TIMEOUT(serve.output().count("\"event\":\"worker-exited\""), 200, 20000);
            QCOMPARE(serve.output().count("\"event\":\"worker-started\""), 200);
        }
        QTRY_VERIFY_WITH_TIMEOUT(zombiesOf(pid).isEmpty(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(descriptorCount(pid), descriptorsBefore, 5000);
        // Peer numbers are the run's: 200 distinct ones, whichever worker served.
        QSet<int> peers;
        for (const QByteArray &line : serve.output().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("peer-accepted")) {
                peers.insert(event.value(QStringLiteral("peer")).toInt());
                QVERIFY(event.value(QStringLiteral("worker")).toInt() > 0);
            }
        }
        QCOMPARE(peers.size(), 200);
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        QVERIFY(serve.process.waitForFinished(10000));
        QCOMPARE(serve.process.exitCode(), 0);
        QCOMPARE(serve.output().count("\"event\":\"worker-exited\""), serve.output().count("\"event\":\"worker-started\""));
    }

    // SIGHUP: the same process (pid) runs itself again on the same
    // listening socket (inode), and of 20 clients connecting meanwhile none
    // is refused.
    void sighupRestartKeepsTheSocket_data()
    {
        QTest::addColumn<QStringList>("model");
        QTest::newRow("in-loop") << QStringList{};
        QTest::newRow("prefork") << QStringList{QStringLiteral("--model"), QStringLiteral("prefork"),
                                                QStringLiteral("--children"), QStringLiteral("2")};
    }

    void sighupRestartKeepsTheSocket()
    {
        QFETCH(QStringList, model);
        ServeRun serve;
        QVERIFY(serve.start(QStringList{QStringLiteral("echo"), QStringLiteral("--listen"),
                                        QStringLiteral("127.0.0.1:0"), QStringLiteral("--no-names")} + model));
        const qint64 pid = serve.process.processId();
        const QString inode = listeningInode(serve.port);
        QVERIFY(!inode.isEmpty());
        QVERIFY(holdsSocket(pid, inode));
        // A peer open across the restart: closed, with reason restart.
        QTcpSocket held;
        held.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(serve.port));
        QVERIFY(held.waitForConnected(5000));
        QTRY_VERIFY_WITH_TIMEOUT(serve.output().contains("\"event\":\"peer-accepted\""), 10000);
        QProcess clients;
        runClients(serve.port, 40, 2, 0.2, clients); // about 4 s of clients: the restart falls among them
        // Once some have been served, the restart; the rest come through it.
        QTRY_VERIFY_WITH_TIMEOUT(serve.output().count("\"event\":\"peer-closed\"") >= 3, 20000);
        QVERIFY(clients.state() == QProcess::Running);
        ::kill(static_cast<pid_t>(pid), SIGHUP);
        QVERIFY2(finished(clients, 60000), serve.output().constData());
        QCOMPARE(clients.readAllStandardOutput().trimmed(), QByteArray("40"));
        QTRY_VERIFY_WITH_TIMEOUT(serve.output().contains("\"event\":\"restarted\""), 10000);
        const QByteArray afterRestart = serve.output().mid(serve.output().indexOf("\"event\":\"restarted\""));
        QVERIFY2(afterRestart.contains("\"event\":\"peer-accepted\""), "no client came through the restart");
        for (const QByteArray &line : serve.output().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("restarted"))
                QCOMPARE(event.value(QStringLiteral("pid")).toInteger(), pid);
        }
        QTRY_COMPARE_WITH_TIMEOUT(held.state(), QAbstractSocket::UnconnectedState, 10000);
        QVERIFY2(serve.output().contains("\"reason\":\"restart\""), serve.output().constData());
        QCOMPARE(serve.process.processId(), pid);
        QCOMPARE(listeningInode(serve.port), inode);
        QVERIFY(holdsSocket(pid, inode));
        QCOMPARE(serve.output().count("\"event\":\"run-start\""), 1); // one run, one stream
        QTRY_VERIFY_WITH_TIMEOUT(zombiesOf(pid).isEmpty(), 5000);
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        QVERIFY(serve.process.waitForFinished(10000));
        QCOMPARE(serve.process.exitCode(), 0);
    }

    // A server killed outright (SIGKILL: nothing of it runs) takes its
    // pre-forked workers with it: none is left accepting on its own.
    void workersEndWithAKilledServer()
    {
        ServeRun serve;
        QVERIFY(serve.start({QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--no-names"), QStringLiteral("--model"), QStringLiteral("prefork"),
                             QStringLiteral("--children"), QStringLiteral("3")}));
        QTRY_COMPARE_WITH_TIMEOUT(serve.output().count("\"event\":\"worker-started\""), 3, 10000);
        QList<qint64> workers;
        for (const QByteArray &line : serve.output().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("worker-started"))
                workers << event.value(QStringLiteral("pid")).toInteger();
        }
        QCOMPARE(workers.size(), 3);
        for (qint64 worker : workers)
            QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(worker)));
        serve.process.kill();
        QVERIFY(serve.process.waitForFinished(5000));
        for (qint64 worker : workers)
            QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1/fd/3").arg(worker)), 10000);
    }

    // 1,000 idle peers at once, all held (clients in this process).
    void holdsAThousandIdlePeers()
    {
        rlimit limit{};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        if (limit.rlim_cur < 1100)
            QSKIP("this process may not open 1,100 descriptors");
        ServeRun serve;
        QVERIFY(serve.start({QStringLiteral("echo"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--no-names")}));
        sockaddr_in target{};
        target.sin_family = AF_INET;
        target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        target.sin_port = htons(static_cast<quint16>(serve.port));
        std::vector<int> peers;
        for (int i = 0; i < 1000; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            QVERIFY(fd >= 0);
            peers.push_back(fd);
            QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr *>(&target), sizeof target), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(serve.output().count("\"event\":\"peer-accepted\""), 1000, 20000);
        QCOMPARE(serve.output().count("\"event\":\"peer-closed\""), 0);
        QCOMPARE(serve.output().count("\"event\":\"peer-refused\""), 0);
        for (int fd : peers)
            ::close(fd);
        QTRY_COMPARE_WITH_TIMEOUT(serve.output().count("\"event\":\"peer-closed\""), 1000, 20000);
    }
};

QTEST_GUILESS_MAIN(TestServeModels)
#include "tst_serve_models.moc"
