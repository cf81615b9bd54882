// /proc's socket tables, on real sockets: TCP connections on 127.0.0.1,
// ::1 and IPv4-mapped addresses found end by end, with this process as the
// owner of its client end and the peer end of an accepted socket found by
// address; UDP and Unix sockets (path, abstract name, unnamed); literal
// /proc text parsed exactly; a prepared /proc directory (tables, owners,
// the cache). Who holds a socket on the real /proc: tst_procnet_owners.
#include "procnet_test_sockets.h"

#include <sockscope/procnet/socket_owners.h>
#include <sockscope/procnet/socket_table.h>
#include <sockscope/reactor/unique_fd.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using sockscope::InetSocketEntry;
using sockscope::OwnerStatus;
using sockscope::ProcNetFile;
using sockscope::SocketAddress;
using sockscope::SocketTable;
using sockscope::SocketType;
using sockscope::UnixSocketEntry;
using sockscope::UniqueFd;

namespace {

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
};

QTEST_GUILESS_MAIN(TestProcnet)

#include "tst_procnet.moc"
