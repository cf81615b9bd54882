// /proc's socket tables and their owners, on real sockets: TCP connections
// on 127.0.0.1, ::1 and IPv4-mapped addresses found end by end, with this
// process as the owner of its client end and the peer end of an accepted
// socket found by address; a Python child (code this project did not
// write) found as the owner of the peer of an accepted socket, alone and
// after a fork (two owners); UDP and Unix sockets (path, abstract name,
// unnamed); literal /proc text parsed exactly; a prepared /proc directory;
// and a socket held by another user's process, looked up by this binary
// re-run as user nobody. This binary has its own main() for that helper.
#include <sockscope/events/error.h>
#include <sockscope/procnet/socket_owners.h>
#include <sockscope/procnet/socket_table.h>
#include <sockscope/reactor/unique_fd.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cstdio>
#include <fstream>
#include <string_view>
#include <grp.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using sockscope::InetSocketEntry;
using sockscope::OwnerStatus;
using sockscope::ProcNetFile;
using sockscope::SocketAddress;
using sockscope::SocketOwner;
using sockscope::SocketTable;
using sockscope::SocketType;
using sockscope::UnixSocketEntry;
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

std::uint64_t inodeOf(int fd)
{
    struct stat info {};
    return ::fstat(fd, &info) == 0 ? info.st_ino : 0;
}

SocketAddress localOf(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&storage), length).value_or(SocketAddress{});
}

SocketAddress remoteOf(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    ::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&storage), length).value_or(SocketAddress{});
}

// A socket of `type` for `address`; an IPv6 one takes IPv4-mapped
// addresses too (bindv6only may say otherwise).
UniqueFd ipSocket(const SocketAddress &address, int type)
{
    UniqueFd fd(::socket(address.data()->sa_family, type | SOCK_CLOEXEC, 0));
    const int off = 0;
    if (fd && address.data()->sa_family == AF_INET6)
        ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    return fd;
}

// A socket of `type` bound to `host`, port chosen by the kernel; a TCP one
// listens. Invalid if the system refuses (no IPv6).
UniqueFd boundTo(const std::string &host, int type)
{
    const auto address = SocketAddress::fromNumeric(host, 0);
    UniqueFd fd = address ? ipSocket(*address, type) : UniqueFd{};
    if (!fd || ::bind(fd.get(), address->data(), address->size()) != 0 ||
        (type == SOCK_STREAM && ::listen(fd.get(), 8) != 0))
        return {};
    return fd;
}

// A blocking connect: on loopback it completes at once, into the
// listener's backlog, so acceptOne() never waits.
UniqueFd connectTo(const std::string &host, int port, int type = SOCK_STREAM)
{
    const auto address = SocketAddress::fromNumeric(host, port);
    UniqueFd fd = address ? ipSocket(*address, type) : UniqueFd{};
    if (!fd || ::connect(fd.get(), address->data(), address->size()) != 0)
        return {};
    return fd;
}

UniqueFd acceptOne(int listener)
{
    return UniqueFd(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC));
}

UniqueFd unixSocket(const SocketAddress &address, int type)
{
    UniqueFd fd(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0));
    if (!fd || ::bind(fd.get(), address.data(), address.size()) != 0 ||
        (type == SOCK_STREAM && ::listen(fd.get(), 8) != 0))
        return {};
    return fd;
}

SocketTable readTable()
{
    SocketTable table;
    const std::error_code error = sockscope::readSocketTable(table);
    if (error)
        qWarning("readSocketTable: %s", error.message().c_str());
    return table;
}

const InetSocketEntry *inetByInode(const SocketTable &table, std::uint64_t inode)
{
    for (const InetSocketEntry &entry : table.inetSockets) {
        if (entry.inode == inode)
            return &entry;
    }
    return nullptr;
}

const UnixSocketEntry *unixByInode(const SocketTable &table, std::uint64_t inode)
{
    for (const UnixSocketEntry &entry : table.unixSockets) {
        if (entry.inode == inode)
            return &entry;
    }
    return nullptr;
}

std::string ownString(const std::vector<SocketOwner> &owners)
{
    std::string text;
    for (const SocketOwner &owner : owners)
        text += std::to_string(owner.pid) + ":" + owner.comm + " ";
    return text;
}

// Writes `text` to `path`; false if it could not.
bool writeFile(const QString &path, const std::string &text)
{
    std::ofstream file(path.toStdString());
    file << text;
    return bool(file);
}

bool littleEndian()
{
    return std::endian::native == std::endian::little;
}

// The literal lines below, as the kernel wrote them on a little-endian
// machine (each 32-bit word of an address printed as a native number).
const std::string kTcpHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
                               "timeout inode\n";
const std::string kTcpListen = "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  "
                               "      0 12345 1 0000000000000000 100 0 0 10 0\n";
const std::string kTcpClient = "   1: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000  "
                               "      0 12346 1 0000000000000000 20 4 30 10 -1\n";
const std::string kTcpServer = "   2: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000  "
                               "      0 12347 1 0000000000000000 20 4 30 10 -1\n";
const std::string kTcp6Mapped = "   0: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:D432 01 "
                                "00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 20 4 1 10 "
                                "-1\n";

} // namespace

class TestProcnet : public QObject {
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
    void parsesInetLines_data()
    {
        QTest::addColumn<int>("file");
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("local");
        QTest::addColumn<QByteArray>("remote");
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<uint>("uid");
        QTest::addColumn<qulonglong>("inode");
        QTest::addColumn<int>("protocol");

        const int tcp = static_cast<int>(ProcNetFile::Tcp);
        const int tcp6 = static_cast<int>(ProcNetFile::Tcp6);
        const int udp = static_cast<int>(ProcNetFile::Udp);
        QTest::newRow("tcp listen") << tcp << QByteArray::fromStdString(kTcpListen) << QByteArray("127.0.0.1:8080")
                                    << QByteArray("0.0.0.0:0") << QByteArray("LISTEN") << 1000u << 12345ull
                                    << int(IPPROTO_TCP);
        QTest::newRow("tcp established") << tcp << QByteArray::fromStdString(kTcpClient)
                                         << QByteArray("127.0.0.1:54321") << QByteArray("127.0.0.1:8080")
                                         << QByteArray("ESTABLISHED") << 1000u << 12346ull << int(IPPROTO_TCP);
        QTest::newRow("tcp time-wait, no inode")
            << tcp
            << QByteArray("   3: 0100007F:1F90 0100007F:D433 06 00000000:00000000 03:00000F6B 00000000     0    "
                          "    0 0 3 0000000000000000\n")
            << QByteArray("127.0.0.1:8080") << QByteArray("127.0.0.1:54323") << QByteArray("TIME_WAIT") << 0u
            << 0ull << int(IPPROTO_TCP);
        QTest::newRow("tcp state with no name")
            << tcp
            << QByteArray("   4: 0100000A:0050 00000000:0000 2A 00000000:00000000 00:00000000 00000000     0    "
                          "    0 99 1 0000000000000000 100 0 0 10 0\n")
            << QByteArray("10.0.0.1:80") << QByteArray("0.0.0.0:0") << QByteArray("42") << 0u << 99ull
            << int(IPPROTO_TCP);
        QTest::newRow("tcp6 IPv4-mapped") << tcp6 << QByteArray::fromStdString(kTcp6Mapped)
                                          << QByteArray("[::ffff:127.0.0.1]:8080")
                                          << QByteArray("[::ffff:127.0.0.1]:54322") << QByteArray("ESTABLISHED")
                                          << 0u << 777ull << int(IPPROTO_TCP);
        QTest::newRow("tcp6 loopback")
            << tcp6
            << QByteArray("   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A "
                          "00000000:00000000 00:00000000 00000000   105        0 4711 1 0000000000000000 100 0 0 "
                          "10 0\n")
            << QByteArray("[::1]:22") << QByteArray("[::]:0") << QByteArray("LISTEN") << 105u << 4711ull
            << int(IPPROTO_TCP);
        QTest::newRow("tcp6 global")
            << tcp6
            << QByteArray("   2: B80D0120000000000000000001000000:01BB B80D0120000000000000000002000000:C001 01 "
                          "00000000:00000000 00:00000000 00000000  1000        0 4712 1 0000000000000000 20 4 30 "
                          "10 -1\n")
            << QByteArray("[2001:db8::1]:443") << QByteArray("[2001:db8::2]:49153") << QByteArray("ESTABLISHED")
            << 1000u << 4712ull << int(IPPROTO_TCP);
        QTest::newRow("udp unconnected")
            << udp
            << QByteArray("  123: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0    "
                          "    0 4242 2 0000000000000000 0\n")
            << QByteArray("0.0.0.0:68") << QByteArray("0.0.0.0:0") << QByteArray("CLOSE") << 0u << 4242ull
            << int(IPPROTO_UDP);
    }

    // One line, after the header and before a line that is no entry:
    // exactly one entry, every field as the kernel meant it.
    void parsesInetLines()
    {
        if (!littleEndian())
            QSKIP("the literal lines are a little-endian kernel's");
        QFETCH(int, file);
        QFETCH(QByteArray, line);
        const std::string text = kTcpHeader + line.toStdString() + "garbage: not a line\n";
        std::vector<InetSocketEntry> entries;
        sockscope::parseInetTable(text, static_cast<ProcNetFile>(file), entries);
        QCOMPARE(entries.size(), std::size_t{1});
        const InetSocketEntry &entry = entries.front();
        QTEST(QByteArray::fromStdString(entry.local.toString()), "local");
        QTEST(QByteArray::fromStdString(entry.remote.toString()), "remote");
        QTEST(QByteArray::fromStdString(entry.state), "state");
        QTEST(uint(entry.uid), "uid");
        QTEST(qulonglong(entry.inode), "inode");
        QTEST(entry.protocol, "protocol");
    }

    void parsesUnixLines()
    {
        const std::string text = "Num       RefCount Protocol Flags    Type St Inode Path\n"
                                 "0000000000000000: 00000002 00000000 00010000 0001 01 23456 /run/dbus/system_bus_socket\n"
                                 "0000000000000000: 00000002 00000000 00000000 0002 01 23457 @/tmp/.X11-unix/X0\n"
                                 "0000000000000000: 00000003 00000000 00000000 0001 03 23458\n"
                                 "0000000000000000: 00000002 00000000 00000000 0005 01 123459 /tmp/with space \n"
                                 "0000000000000000: 00000002 00000000 00000000 0001 02  2346 relative\n"
                                 "0000000000000000: 00000002 00000000 00000000 0009 01 23460 /bad/type\n";
        std::vector<UnixSocketEntry> entries;
        sockscope::parseUnixTable(text, entries);
        QCOMPARE(entries.size(), std::size_t{5});
        const auto check = [&](std::size_t i, const std::string &path, SocketType type, const std::string &state,
                               std::uint64_t inode) {
            return entries[i].path == path && entries[i].type == type && entries[i].state == state &&
                   entries[i].inode == inode;
        };
        QVERIFY(check(0, "/run/dbus/system_bus_socket", SocketType::Stream, "LISTEN", 23456));
        QVERIFY(check(1, "@/tmp/.X11-unix/X0", SocketType::Datagram, "UNCONNECTED", 23457));
        QVERIFY(check(2, "", SocketType::Stream, "CONNECTED", 23458));
        QVERIFY(check(3, "/tmp/with space ", SocketType::SeqPacket, "UNCONNECTED", 123459));
        QVERIFY(check(4, "relative", SocketType::Stream, "CONNECTING", 2346));
    }

    // A prepared /proc: tables without IPv6, two processes sharing a
    // socket, the peer of a connection found across tcp and tcp6, and a
    // cache that answers from memory until told to forget.
    void readsAPreparedProcDirectory()
    {
        if (!littleEndian())
            QSKIP("the literal lines are a little-endian kernel's");
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.path();
        QVERIFY(QDir(base).mkpath(QStringLiteral("net")));
        QVERIFY(writeFile(base + QStringLiteral("/net/tcp"), kTcpHeader + kTcpListen + kTcpClient + kTcpServer));
        QVERIFY(writeFile(base + QStringLiteral("/net/unix"), "Num       RefCount Protocol Flags    Type St Inode Path\n"
                                                               "0000000000000000: 00000002 00000000 00010000 0001 01 "
                                                               "999 @fake\n"));
        SocketTable table;
        QVERIFY(!sockscope::readSocketTable(table, base.toStdString())); // no tcp6, udp, udp6: no IPv6, no UDP
        QCOMPARE(table.inetSockets.size(), std::size_t{3});
        QCOMPARE(table.unixSockets.size(), std::size_t{1});
        QVERIFY(sockscope::readProcNetFile(ProcNetFile::Tcp6, table, base.toStdString()) ==
                std::errc::no_such_file_or_directory);

        // The server's end (127.0.0.1:8080 from :54321) finds the client's.
        const auto local = *SocketAddress::fromNumeric("127.0.0.1", 8080);
        const auto remote = *SocketAddress::fromNumeric("127.0.0.1", 54321);
        QCOMPARE(sockscope::findTcpPeerInode(local, remote, base.toStdString()), std::optional<std::uint64_t>(12346));
        QCOMPARE(sockscope::findTcpPeerInode(remote, local, base.toStdString()), std::optional<std::uint64_t>(12347));
        QCOMPARE(sockscope::findTcpPeerInode(local, local, base.toStdString()), std::optional<std::uint64_t>());
        // An IPv4-mapped peer in tcp6, asked about as plain IPv4 and as mapped.
        QVERIFY(writeFile(base + QStringLiteral("/net/tcp6"), kTcpHeader + kTcp6Mapped));
        const auto mappedClient = *SocketAddress::fromNumeric("::ffff:127.0.0.1", 54322);
        QCOMPARE(sockscope::findTcpPeerInode(*SocketAddress::fromNumeric("127.0.0.1", 54322),
                                             *SocketAddress::fromNumeric("127.0.0.1", 8080), base.toStdString()),
                 std::optional<std::uint64_t>(777));
        QCOMPARE(sockscope::findTcpPeerInode(mappedClient, *SocketAddress::fromNumeric("::ffff:127.0.0.1", 8080),
                                             base.toStdString()),
                 std::optional<std::uint64_t>(777));

        // Processes 4242 and 4243 share socket 999; 4242 has a pipe too.
        for (const char *pid : {"4242", "4243"})
            QVERIFY(QDir(base).mkpath(QStringLiteral("%1/fd").arg(QLatin1String(pid))));
        const std::string proc = base.toStdString();
        QCOMPARE(::symlink("socket:[999]", (proc + "/4242/fd/3").c_str()), 0);
        QCOMPARE(::symlink("pipe:[1000]", (proc + "/4242/fd/4").c_str()), 0);
        QCOMPARE(::symlink("socket:[1001]", (proc + "/4242/fd/10").c_str()), 0);
        QCOMPARE(::symlink("socket:[999]", (proc + "/4243/fd/7").c_str()), 0);
        QVERIFY(writeFile(base + QStringLiteral("/4242/comm"), "fake-server\n"));
        QVERIFY(writeFile(base + QStringLiteral("/4243/comm"), "fake-child\n"));

        const auto owners = sockscope::findSocketOwners(999, proc);
        QCOMPARE(owners.status, OwnerStatus::Found);
        QCOMPARE(ownString(owners.owners), std::string("4242:fake-server 4243:fake-child "));
        QCOMPARE(owners.unreadable, 0);
        QCOMPARE(sockscope::findSocketOwners(1000, proc).status, OwnerStatus::NotFound); // a pipe is no socket

        const auto sockets = sockscope::socketsOfProcess(4242, proc);
        QVERIFY(std::holds_alternative<std::vector<sockscope::ProcessSocket>>(sockets));
        const auto &list = std::get<std::vector<sockscope::ProcessSocket>>(sockets);
        QCOMPARE(list.size(), std::size_t{2});
        QVERIFY(list[0].fd == 3 && list[0].inode == 999 && list[1].fd == 10 && list[1].inode == 1001);
        QVERIFY(std::get<std::error_code>(sockscope::socketsOfProcess(4244, proc)) ==
                std::errc::no_such_file_or_directory);

        // The cache scans once: with 4243's descriptor gone it still says
        // what it found, until it forgets.
        sockscope::SocketOwnerCache cache(proc);
        QCOMPARE(cache.lookup(999), owners);
        QCOMPARE(::unlink((proc + "/4243/fd/7").c_str()), 0);
        QCOMPARE(cache.lookup(999), owners);
        QCOMPARE(cache.size(), std::size_t{1});
        cache.forget(999);
        QCOMPARE(ownString(cache.lookup(999).owners), std::string("4242:fake-server "));
        cache.clear();
        QCOMPARE(cache.size(), std::size_t{0});
    }

    void findsBothEndsOfTcpConnections_data()
    {
        QTest::addColumn<QByteArray>("listenHost");
        QTest::addColumn<QByteArray>("connectHost");
        QTest::newRow("IPv4") << QByteArray("127.0.0.1") << QByteArray("127.0.0.1");
        QTest::newRow("IPv6") << QByteArray("::1") << QByteArray("::1");
        // Each end in its own table: the accepted end in tcp6, mapped, the client in tcp; and the reverse.
        QTest::newRow("IPv4-mapped listener") << QByteArray("::ffff:127.0.0.1") << QByteArray("127.0.0.1");
        QTest::newRow("IPv4-mapped client") << QByteArray("127.0.0.1") << QByteArray("::ffff:127.0.0.1");
    }

    // Our listener, client and accepted ends, each in the table with its
    // addresses, state and uid; we own the client end; each end's peer
    // found from what the other end sees; our sockets listed by descriptor.
    void findsBothEndsOfTcpConnections()
    {
        QFETCH(QByteArray, listenHost);
        QFETCH(QByteArray, connectHost);
        UniqueFd listener = boundTo(listenHost.toStdString(), SOCK_STREAM);
        if (!listener && listenHost == "::1")
            QSKIP("no IPv6 on this machine");
        QVERIFY(listener);
        UniqueFd client = connectTo(connectHost.toStdString(), localOf(listener.get()).port());
        QVERIFY(client);
        UniqueFd accepted = acceptOne(listener.get());
        QVERIFY(accepted);

        const SocketTable table = readTable();
        const InetSocketEntry *listening = inetByInode(table, inodeOf(listener.get()));
        const InetSocketEntry *ours = inetByInode(table, inodeOf(client.get()));
        const InetSocketEntry *theirs = inetByInode(table, inodeOf(accepted.get()));
        QVERIFY(listening && ours && theirs);
        QCOMPARE(listening->state, std::string("LISTEN"));
        QCOMPARE(listening->local.toString(), localOf(listener.get()).toString());
        QCOMPARE(ours->protocol, int(IPPROTO_TCP));
        QCOMPARE(ours->state, std::string("ESTABLISHED"));
        QCOMPARE(ours->local.toString(), localOf(client.get()).toString());
        QCOMPARE(ours->remote.toString(), remoteOf(client.get()).toString());
        QCOMPARE(theirs->state, std::string("ESTABLISHED"));
        QCOMPARE(theirs->local.toString(), localOf(accepted.get()).toString());
        QCOMPARE(theirs->remote.toString(), remoteOf(accepted.get()).toString());
        QCOMPARE(ours->uid, static_cast<std::uint32_t>(::getuid()));

        QCOMPARE(sockscope::findTcpPeerInode(localOf(accepted.get()), remoteOf(accepted.get())),
                 std::optional<std::uint64_t>(inodeOf(client.get())));
        QCOMPARE(sockscope::findTcpPeerInode(localOf(client.get()), remoteOf(client.get())),
                 std::optional<std::uint64_t>(inodeOf(accepted.get())));

        const auto owners = sockscope::findSocketOwners(inodeOf(client.get()));
        QCOMPARE(owners.status, OwnerStatus::Found);
        QCOMPARE(ownString(owners.owners), std::to_string(::getpid()) + ":tst_procnet ");

        const auto sockets = sockscope::socketsOfProcess(::getpid());
        QVERIFY(std::holds_alternative<std::vector<sockscope::ProcessSocket>>(sockets));
        int seen = 0;
        for (const sockscope::ProcessSocket &socket : std::get<std::vector<sockscope::ProcessSocket>>(sockets)) {
            for (const UniqueFd *fd : {&listener, &client, &accepted})
                seen += socket.fd == fd->get() && socket.inode == inodeOf(fd->get());
        }
        QCOMPARE(seen, 3);
    }

    void findsUdpSockets_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::newRow("IPv4") << QByteArray("127.0.0.1");
        QTest::newRow("IPv6") << QByteArray("::1");
    }

    // UDP: unconnected is "CLOSE", connected "ESTABLISHED" (as the kernel
    // names them), each with its addresses.
    void findsUdpSockets()
    {
        QFETCH(QByteArray, host);
        UniqueFd bound = boundTo(host.toStdString(), SOCK_DGRAM);
        if (!bound && host == "::1")
            QSKIP("no IPv6 on this machine");
        QVERIFY(bound);
        UniqueFd connected = connectTo(host.toStdString(), localOf(bound.get()).port(), SOCK_DGRAM);
        QVERIFY(connected);
        const SocketTable table = readTable();
        const InetSocketEntry *unconnected = inetByInode(table, inodeOf(bound.get()));
        const InetSocketEntry *sending = inetByInode(table, inodeOf(connected.get()));
        QVERIFY(unconnected && sending);
        QCOMPARE(unconnected->protocol, int(IPPROTO_UDP));
        QCOMPARE(unconnected->state, std::string("CLOSE"));
        QCOMPARE(unconnected->local.toString(), localOf(bound.get()).toString());
        QCOMPARE(sending->state, std::string("ESTABLISHED"));
        QCOMPARE(sending->remote.toString(), localOf(bound.get()).toString());
    }

    // A path, an abstract name and an unnamed pair, each with its type and
    // state; we own the abstract one.
    void findsUnixSockets()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const std::string path = directory.filePath(QStringLiteral("s")).toStdString();
        const std::string name = "sockscope-tst-procnet-" + std::to_string(::getpid());
        UniqueFd byPath = unixSocket(*SocketAddress::unix(path, false), SOCK_STREAM);
        UniqueFd byName = unixSocket(*SocketAddress::unix(name, true), SOCK_DGRAM);
        UniqueFd first;
        UniqueFd second;
        QVERIFY(byPath && byName);
        QVERIFY(!sockscope::makeSocketPair(SOCK_SEQPACKET, first, second));

        const SocketTable table = readTable();
        const UnixSocketEntry *listening = unixByInode(table, inodeOf(byPath.get()));
        const UnixSocketEntry *abstract = unixByInode(table, inodeOf(byName.get()));
        const UnixSocketEntry *unnamed = unixByInode(table, inodeOf(first.get()));
        QVERIFY(listening && abstract && unnamed);
        QCOMPARE(listening->path, path);
        QVERIFY(listening->type == SocketType::Stream);
        QCOMPARE(listening->state, std::string("LISTEN"));
        QCOMPARE(abstract->path, "@" + name);
        QVERIFY(abstract->type == SocketType::Datagram);
        QCOMPARE(abstract->state, std::string("UNCONNECTED"));
        QCOMPARE(unnamed->path, std::string());
        QVERIFY(unnamed->type == SocketType::SeqPacket);
        QCOMPARE(unnamed->state, std::string("CONNECTED"));

        const auto owners = sockscope::findSocketOwners(inodeOf(byName.get()));
        QCOMPARE(ownString(owners.owners), std::to_string(::getpid()) + ":tst_procnet ");
    }

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
    TestProcnet test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_procnet.moc"
