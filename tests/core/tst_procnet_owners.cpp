// Who holds a socket, on the real /proc: a Python child (code this project
// did not write) found as the owner of the peer of an accepted socket, alone
// and after a fork (two owners); a socket nobody holds; and a socket held by
// a process whose descriptors are closed to the asker, looked up by this
// binary re-run as user nobody or without CAP_SYS_PTRACE. This binary has
// its own main() for that helper.
#include "procnet_test_sockets.h"

#include <sockscope/events/error.h>
#include <sockscope/procnet/socket_owners.h>
#include <sockscope/procnet/socket_table.h>
#include <sockscope/reactor/unique_fd.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QTest>
#include <cstdio>
#include <string_view>
#include <grp.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using sockscope::OwnerStatus;
using sockscope::UniqueFd;

namespace {

constexpr uid_t kNobody = 65534;
constexpr const char *kHelperFlag = "--owners-as";

// A connected Python client of HOST PORT. With "fork" it forks once
// holding the socket, so two processes own it. It prints its pid and its
// child's (0 if none) once connected, and both end when stdin closes.
constexpr const char *kPythonClient = R"(import os, socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
child = os.fork() if sys.argv[3] == 'fork' else 0
if sys.argv[3] == 'fork' and child == 0:
    sys.stdin.read()
    os._exit(0)
print(os.getpid(), child, flush=True)
sys.stdin.read()
if child:
    os.waitpid(child, 0)
)";

} // namespace

class TestProcnetOwners : public QObject {
    Q_OBJECT

    // Starts the Python client of `host`:`port` and reads its ready line:
    // its pid and its forked child's (0 if none). Bounded by a deadline.
    bool startClient(QProcess &python, const std::string &host, int port, const char *mode, int &pid, int &child)
    {
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"), QString::fromLatin1(kPythonClient), QString::fromStdString(host),
                      QString::number(port), QString::fromLatin1(mode)});
        const QDeadlineTimer deadline(10000);
        while (!python.canReadLine() && python.waitForReadyRead(static_cast<int>(deadline.remainingTime()))) {
        }
        const QList<QByteArray> fields = python.readLine().trimmed().split(' ');
        if (fields.size() != 2)
            return false;
        pid = fields[0].toInt();
        child = fields[1].toInt();
        return pid > 0;
    }

    // Ends the client: stdin closes, it (and its child) exit. Only if it
    // does not is it killed, by its own pid; it is waited for either way.
    static void endClient(QProcess &python)
    {
        if (python.state() == QProcess::NotRunning)
            return;
        python.closeWriteChannel();
        if (!python.waitForFinished(10000)) {
            python.kill();
            python.waitForFinished(10000);
        }
    }

private slots:
    void findsAChildOwningThePeer_data()
    {
        QTest::addColumn<QByteArray>("mode");
        QTest::newRow("alone") << QByteArray("alone");
        QTest::newRow("forked, two owners") << QByteArray("fork");
    }

    // The servers' question: who is the peer of this accepted socket? A
    // Python child is, with its pid and name (and its forked child, which
    // holds the same socket); the cache answers the same. Once the child
    // has ended, nobody is.
    void findsAChildOwningThePeer()
    {
        QFETCH(QByteArray, mode);
        UniqueFd listener = boundTo("127.0.0.1", SOCK_STREAM);
        QVERIFY(listener);
        QProcess python;
        int pid = 0;
        int child = 0;
        const bool started = startClient(python, "127.0.0.1", localOf(listener.get()).port(), mode.constData(), pid, child);
        auto cleanup = qScopeGuard([&] { endClient(python); });
        QVERIFY2(started, python.readAllStandardError().constData());
        QCOMPARE(qint64(pid), python.processId());
        UniqueFd accepted = acceptOne(listener.get());
        QVERIFY(accepted);

        const auto inode = sockscope::findTcpPeerInode(localOf(accepted.get()), remoteOf(accepted.get()));
        QVERIFY(inode);
        std::string expected = std::to_string(pid) + ":python3 ";
        if (child)
            expected += std::to_string(child) + ":python3 ";
        QCOMPARE(mode == "fork", child > 0); // a forked run names its child
        sockscope::SocketOwnerCache cache;
        const auto owners = cache.lookup(*inode);
        QCOMPARE(owners.status, OwnerStatus::Found);
        QCOMPARE(ownString(owners.owners), expected);
        QCOMPARE(cache.lookup(*inode), owners);
        QCOMPARE(cache.size(), std::size_t{1});

        endClient(python);
        QCOMPARE(python.exitStatus(), QProcess::NormalExit);
        QCOMPARE(python.exitCode(), 0);
        QVERIFY(sockscope::findSocketOwners(*inode).status != OwnerStatus::Found);
    }

    void ownerUnknownWithoutPermission_data()
    {
        QTest::addColumn<QByteArray>("as");
        QTest::newRow("another user: its fd directory denied") << QByteArray("nobody");
        QTest::newRow("fewer capabilities: its fd links denied") << QByteArray("no-ptrace");
    }

    // A socket whose only holder's descriptors are closed to the asker:
    // "owner unknown (EACCES)", not "not found". Root asks about our own
    // socket through this binary re-run as user nobody (the directory is
    // closed), or as root without CAP_SYS_PTRACE (the directory opens but
    // its links, like a setuid program's, do not).
    void ownerUnknownWithoutPermission()
    {
        QFETCH(QByteArray, as);
        UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        QVERIFY(socket);
        if (::geteuid() != 0) {
            struct stat init {};
            if (as != "nobody" || ::stat("/proc/1", &init) != 0 || init.st_uid == ::geteuid())
                QSKIP("needs root, or a process of another user to be denied");
            // Nobody holds a closed socket's inode; pid 1's descriptors are closed to us.
            const std::uint64_t inode = inodeOf(socket.get());
            socket.reset();
            const auto answer = sockscope::findSocketOwners(inode);
            QCOMPARE(answer.status, OwnerStatus::Unknown);
            QVERIFY(answer.error == std::errc::permission_denied);
            return;
        }
        QProcess helper;
        helper.start(QCoreApplication::applicationFilePath(),
                     {QString::fromLatin1(kHelperFlag), QString::fromLatin1(as), QString::number(inodeOf(socket.get()))});
        QVERIFY(helper.waitForFinished(30000));
        const QByteArray answer = helper.readAllStandardOutput().trimmed();
        if (answer.startsWith("cannot-drop-privileges"))
            QSKIP(answer.constData());
        QVERIFY2(answer.startsWith("unknown 0 EACCES "), answer.constData());
        QVERIFY(answer.split(' ').value(3).toInt() > 0); // processes not readable
        QCOMPARE(helper.exitCode(), 0);
    }

    // A socket nobody holds on the real /proc: "not found" when every
    // process could be read, else "unknown" with EACCES and how many could
    // not (even root is denied a process with capabilities it lacks).
    void notFoundOrUnknownWhenNobodyHoldsIt()
    {
        UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        QVERIFY(socket);
        const std::uint64_t inode = inodeOf(socket.get());
        socket.reset();
        const auto answer = sockscope::findSocketOwners(inode);
        QVERIFY(answer.owners.empty());
        if (answer.unreadable == 0) {
            QCOMPARE(answer.status, OwnerStatus::NotFound);
            QVERIFY(!answer.error);
        } else {
            QCOMPARE(answer.status, OwnerStatus::Unknown);
            QVERIFY(answer.error == std::errc::permission_denied);
        }
    }
};

namespace {

// Drops CAP_SYS_PTRACE: another root process, with it, is then a
// process we may list but not inspect.
bool dropPtraceCapability()
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &header, data) != 0)
        return false;
    data[CAP_SYS_PTRACE / 32].effective &= ~(1u << CAP_SYS_PTRACE % 32);
    data[CAP_SYS_PTRACE / 32].permitted &= ~(1u << CAP_SYS_PTRACE % 32);
    return ::syscall(SYS_capset, &header, data) == 0;
}

bool dropPrivileges(std::string_view as)
{
    if (as == "no-ptrace")
        return dropPtraceCapability();
    return ::setgroups(0, nullptr) == 0 && ::setgid(kNobody) == 0 && ::setuid(kNobody) == 0;
}

// The helper: as user nobody, or as root without CAP_SYS_PTRACE, prints
// "STATUS OWNERS ERROR UNREADABLE" for socket inode `text`.
int ownersAs(std::string_view as, const char *text)
{
    if (!dropPrivileges(as)) {
        std::printf("cannot-drop-privileges %s\n", sockscope::errorName(sockscope::lastSystemError()).c_str());
        return 0;
    }
    const auto answer = sockscope::findSocketOwners(std::stoull(text));
    const char *status = answer.status == OwnerStatus::Found      ? "found"
                         : answer.status == OwnerStatus::NotFound ? "not-found"
                                                                  : "unknown";
    std::printf("%s %zu %s %d\n", status, answer.owners.size(),
                answer.error ? sockscope::errorName(answer.error).c_str() : "-", answer.unreadable);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 4 && std::string_view(argv[1]) == kHelperFlag)
        return ownersAs(argv[2], argv[3]);
    QCoreApplication app(argc, argv);
    TestProcnetOwners test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_procnet_owners.moc"
