// The Server on real sockets: every behaviour against its RFC over TCP,
// UDP and Unix sockets, the loopback pair on one port, the private Unix
// socket directory and its stale files, the peer limit, a peer that never
// reads, and a stop that closes everything. Clients are nonblocking and
// read while the reactor runs, so the server (on the same thread) answers.
#include "reactor_helpers.h"
#include "event_recorder.h"

#include <sockscope/serve/behaviour.h>
#include <sockscope/serve/server.h>

#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::EventKind;
using sockscope::SocketAddress;
using sockscope::UniqueFd;

namespace {

UniqueFd client(const SocketAddress &to, int type = SOCK_STREAM)
{
    const int family = to.family() == sockscope::Family::Inet6 ? AF_INET6
                       : to.family() == sockscope::Family::Inet ? AF_INET
                                                                 : AF_UNIX;
    UniqueFd fd(::socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (type == SOCK_DGRAM && family == AF_UNIX) { // autobind: the server needs a name to answer
        const sockaddr_un autobind{AF_UNIX, {}};
        ::bind(fd.get(), reinterpret_cast<const sockaddr *>(&autobind), sizeof(sa_family_t));
    }
    if (::connect(fd.get(), to.data(), to.size()) != 0 && errno != EINPROGRESS)
        return {};
    return fd;
}

// Appends what `fd` has now; false once it reached the end (or failed).
bool drain(int fd, std::string &into)
{
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got > 0) {
            into.append(buffer, static_cast<std::size_t>(got));
            continue;
        }
        return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
}

} // namespace

class TestServer : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    Recorder events_;
    std::string forwardTo_; // the forward behaviour's target

    std::unique_ptr<sockscope::Server> serve(const std::string &behaviour, sockscope::ListenConfig listen = {},
                                             std::size_t maxPeers = 1024, sockscope::Duration idle = {})
    {
        sockscope::ServerConfig config;
        config.behaviour = behaviour;
        config.listen = std::move(listen);
        config.maxPeers = maxPeers;
        config.idleTimeout = idle;
        config.reverseNames = false; // names are looked up only inside a test's own namespace
        if (behaviour == "forward") {
            config.forwardToText = forwardTo_;
            config.forwardTo = std::get<sockscope::ConnectTarget>(sockscope::parseConnectTarget(forwardTo_));
        }
        auto server = std::make_unique<sockscope::Server>(*reactor_, events_, config);
        if (!server->start())
            return nullptr;
        return server;
    }

    // Everything the peer sends until it ends (or `atLeast` bytes).
    std::string answer(int fd, std::size_t atLeast = std::string::npos)
    {
        std::string got;
        bool open = true;
        runUntil(*reactor_, [&] {
            open = open && drain(fd, got);
            return !open || got.size() >= atLeast;
        });
        return got;
    }

    int count(EventKind kind) const
    {
        return static_cast<int>(std::count_if(events_.events.begin(), events_.events.end(),
                                              [kind](const sockscope::Event &e) { return e.kind == kind; }));
    }

private slots:
    void init()
    {
        reactor_ = makeReactor();
        events_.events.clear();
    }

    // No endpoint: 127.0.0.1 and ::1 on one port the kernel picked.
    void echoesOnTheLoopbackPair()
    {
        auto server = serve("echo");
        QVERIFY(server);
        const auto addresses = server->addresses();
        QCOMPARE(addresses.size(), std::size_t{2});
        QCOMPARE(addresses[0].host(), std::string("127.0.0.1"));
        QCOMPARE(addresses[1].host(), std::string("::1"));
        QVERIFY(addresses[0].port() != 0);
        QCOMPARE(addresses[1].port(), addresses[0].port());
        QCOMPARE(count(EventKind::Listening), 2);
        for (const SocketAddress &address : addresses) {
            UniqueFd fd = client(address);
            QVERIFY(fd);
            bool sent = false; // runUntil asks once more at the end: send only once
            QVERIFY(runUntil(*reactor_, [&] { return sent = sent || ::send(fd.get(), "ping\n", 5, MSG_NOSIGNAL) == 5; }));
            QCOMPARE(answer(fd.get(), 5), std::string("ping\n"));
        }
        const sockscope::Event *accepted = events_.find(EventKind::PeerAccepted);
        QVERIFY(accepted && accepted->peer && accepted->port);
        QCOMPARE(accepted->address, std::string("127.0.0.1"));
    }

    void rfcBehavioursOverTcp()
    {
        sockscope::ListenConfig listen;
        listen.endpoints = {*SocketAddress::fromNumeric("127.0.0.1", 0)};
        auto daytime = serve("daytime", listen);
        auto time = serve("time", listen);
        auto chargen = serve("chargen", listen);
        QVERIFY(daytime && time && chargen);

        UniqueFd fd = client(daytime->addresses().front());
        const std::string day = answer(fd.get());
        QVERIFY2(day.size() > 20 && day.find("-UTC\r\n") == day.size() - 6, day.c_str());
        // The server closes (RFC 867): a client that never does holds no slot.
        QVERIFY(runUntil(*reactor_, [&] { return events_.find(EventKind::PeerClosed); }));
        QCOMPARE(reasonOf(events_, EventKind::PeerClosed), std::string("local"));

        fd = client(time->addresses().front());
        const std::string seconds = answer(fd.get());
        QCOMPARE(seconds.size(), std::size_t{4});
        const auto value = static_cast<std::uint32_t>(static_cast<unsigned char>(seconds[0]) << 24 |
                                                      static_cast<unsigned char>(seconds[1]) << 16 |
                                                      static_cast<unsigned char>(seconds[2]) << 8 |
                                                      static_cast<unsigned char>(seconds[3]));
        const auto now = sockscope::rfc868Time(std::chrono::duration_cast<std::chrono::seconds>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count());
        QVERIFY(now - value <= 5); // RFC 868: seconds since 1900

        fd = client(chargen->addresses().front());
        const std::string pattern = answer(fd.get(), 74 * 96);
        // RFC 864: 72 printable columns, each line one further along, 95 in a cycle.
        QCOMPARE(pattern.substr(0, 74), std::string(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg\r\n"));
        QCOMPARE(pattern.substr(74, 1), std::string("!"));
        QCOMPARE(pattern.substr(74 * 95, 74), pattern.substr(0, 74));
    }

    // The behaviours that talk: perlipc's greeter (no name looked up here:
    // the address, at once) and "Command?" server, and the Cookbook's
    // forwarder, whose own connection is the Connector's, to an echo
    // server, and to a port that refuses: the peer is closed, the failure
    // reported as the peer's.
    void greeterCommandAndForwarder()
    {
        sockscope::ListenConfig listen;
        listen.endpoints = {*SocketAddress::fromNumeric("127.0.0.1", 0)};
        auto greeter = serve("greeter", listen);
        auto command = serve("command", listen);
        auto echo = serve("echo", listen);
        QVERIFY(greeter && command && echo);
        UniqueFd fd = client(greeter->addresses().front());
        const std::string hello = answer(fd.get());
        QVERIFY2(hello.rfind("Hello there, 127.0.0.1, it's now ", 0) == 0 && hello.size() > 40, hello.c_str());

        fd = client(command->addresses().front());
        QVERIFY(runUntil(*reactor_, [&] { return events_.find(EventKind::PeerAccepted); }));
        const std::string commands = "date\necho  spaced out \nnope\nquit\n";
        QCOMPARE(::send(fd.get(), commands.data(), commands.size(), MSG_NOSIGNAL), static_cast<ssize_t>(commands.size()));
        const std::string session = answer(fd.get());
        QVERIFY2(session.find("Command? spaced out\r\n") != std::string::npos, session.c_str());
        QVERIFY2(session.find("Command? Unknown command 'nope'; try help.\r\n") != std::string::npos, session.c_str());
        QVERIFY2(session.size() > 9 && session.substr(session.size() - 6) == "Bye.\r\n", session.c_str());

        forwardTo_ = echo->addresses().front().toString();
        auto forward = serve("forward", listen);
        QVERIFY(forward);
        fd = client(forward->addresses().front());
        const std::string request(200000, 'f');
        std::size_t sent = 0;
        std::string back;
        QVERIFY(runUntil(*reactor_, [&] {
            if (sent < request.size()) {
                const ssize_t n = ::send(fd.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
                sent += n > 0 ? static_cast<std::size_t>(n) : 0;
                if (sent == request.size())
                    ::shutdown(fd.get(), SHUT_WR); // passed on: the echo server ends, and so the peer
            }
            drain(fd.get(), back);
            return back.size() >= request.size();
        }));
        QCOMPARE(back, request);
        QVERIFY(runUntil(*reactor_, [&] { return events_.find(EventKind::Connected); }));
        QVERIFY(events_.find(EventKind::Connected)->peer.has_value()); // the forwarder's connection is the peer's

        // A port bound and never listened on refuses, and stays ours.
        UniqueFd refusing(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        const SocketAddress any = *SocketAddress::fromNumeric("127.0.0.1", 0);
        QCOMPARE(::bind(refusing.get(), any.data(), any.size()), 0);
        sockaddr_storage bound{};
        socklen_t length = sizeof bound;
        ::getsockname(refusing.get(), reinterpret_cast<sockaddr *>(&bound), &length);
        forwardTo_ = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&bound), length)->toString();
        events_.events.clear();
        auto nowhere = serve("forward", listen);
        fd = client(nowhere->addresses().front());
        QCOMPARE(answer(fd.get()), std::string()); // closed, having said nothing
        QVERIFY(runUntil(*reactor_, [&] { return events_.find(EventKind::ConnectFailed); }));
        const auto failedFor = events_.find(EventKind::ConnectFailed)->peer;
        QVERIFY(failedFor.has_value());
        // That peer is the one closed (an earlier peer's end may come late).
        QVERIFY(runUntil(*reactor_, [&] {
            return std::any_of(events_.events.begin(), events_.events.end(), [&](const sockscope::Event &e) {
                return e.kind == EventKind::PeerClosed && e.peer == failedFor;
            });
        }));
    }

    // A target that ends its side at once (`socat -u`): the client's upload
    // still reaches it whole, though the client is done before the target
    // has all of it (the forwarder's connection outlives its peer until
    // what was queued is written).
    void forwarderFinishesTheUploadAfterThePeerIsGone()
    {
        UniqueFd target(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        const SocketAddress any = *SocketAddress::fromNumeric("127.0.0.1", 0);
        QCOMPARE(::bind(target.get(), any.data(), any.size()), 0);
        QCOMPARE(::listen(target.get(), 4), 0);
        sockaddr_storage bound{};
        socklen_t length = sizeof bound;
        ::getsockname(target.get(), reinterpret_cast<sockaddr *>(&bound), &length);
        forwardTo_ = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&bound), length)->toString();
        sockscope::ListenConfig listen;
        listen.endpoints = {*SocketAddress::fromNumeric("127.0.0.1", 0)};
        auto forward = serve("forward", listen);
        QVERIFY(forward);
        UniqueFd fd = client(forward->addresses().front());
        const std::string upload(8 << 20, 'u');
        std::size_t sent = 0;
        std::size_t received = 0;
        bool ended = false;
        UniqueFd accepted;
        QVERIFY(runUntil(*reactor_, [&] {
            if (!accepted) {
                accepted = UniqueFd(::accept4(target.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
                if (accepted)
                    ::shutdown(accepted.get(), SHUT_WR); // nothing to say, ever
            }
            if (sent < upload.size()) {
                const ssize_t n = ::send(fd.get(), upload.data() + sent, upload.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
                sent += n > 0 ? static_cast<std::size_t>(n) : 0;
                if (sent == upload.size())
                    ::shutdown(fd.get(), SHUT_WR);
            }
            char buffer[16384]; // a slow reader: the forwarder's queue for it grows
            if (accepted && !ended) {
                const ssize_t got = ::recv(accepted.get(), buffer, sizeof buffer, MSG_DONTWAIT);
                received += got > 0 ? static_cast<std::size_t>(got) : 0;
                ended = got == 0;
            }
            return ended;
        }, std::chrono::seconds(60)));
        QCOMPARE(received, upload.size());
    }

    void answersDatagrams()
    {
        sockscope::ListenConfig listen;
        listen.endpoints = {*SocketAddress::fromNumeric("127.0.0.1", 0)};
        listen.options.socktype = SOCK_DGRAM;
        auto echo = serve("echo", listen, 1024, 150ms);
        auto chargen = serve("chargen", listen);
        QVERIFY(echo && chargen);
        UniqueFd fd = client(echo->addresses().front(), SOCK_DGRAM);
        QCOMPARE(::send(fd.get(), "one", 3, 0), ssize_t{3});
        QCOMPARE(answer(fd.get(), 3), std::string("one"));
        const sockscope::Event *in = events_.find(EventKind::Data);
        QVERIFY(in && in->port && in->peer); // each datagram says its source
        // The idle timeout closes a datagram peer.
        QVERIFY(runUntil(*reactor_, [&] { return count(EventKind::PeerClosed) == 1; }));
        QCOMPARE(reasonOf(events_, EventKind::PeerClosed), std::string("idle-timeout"));

        fd = client(chargen->addresses().front(), SOCK_DGRAM);
        QCOMPARE(::send(fd.get(), "", 0, 0), ssize_t{0});
        std::string datagram;
        bool answered = false;
        QVERIFY(runUntil(*reactor_, [&] {
            char buffer[1024];
            const ssize_t got = answered ? -1 : ::recv(fd.get(), buffer, sizeof buffer, MSG_DONTWAIT);
            if (got >= 0)
                datagram.assign(buffer, static_cast<std::size_t>(got));
            return answered = answered || got >= 0;
        }));
        QVERIFY(datagram.size() <= 512); // RFC 864: 0 to 512 characters
        const std::string expected = std::string(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg\r\n!\"#$");
        const std::size_t n = std::min(datagram.size(), expected.size());
        QCOMPARE(datagram.substr(0, n), expected.substr(0, n)); // the pattern, from its first line
    }

    // unix:name goes in a private 0700 directory, the file 0600; the peer's
    // credentials are ours; stop removes both.
    void unixSocketIsPrivate()
    {
        QTemporaryDir runtime;
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        sockscope::ListenConfig listen;
        listen.endpoints = {*SocketAddress::unix("echo", false)};
        auto server = serve("echo", listen);
        QVERIFY(server);
        const std::string path = server->addresses().front().host();
        QVERIFY2(path.rfind(runtime.path().toStdString() + "/sockscope-", 0) == 0, path.c_str());
        struct stat file {}, directory {};
        QCOMPARE(::stat(path.c_str(), &file), 0);
        QCOMPARE(::stat(path.substr(0, path.rfind('/')).c_str(), &directory), 0);
        QCOMPARE(file.st_mode & 0777, mode_t{0600});
        QCOMPARE(directory.st_mode & 0777, mode_t{0700});
        UniqueFd fd = client(server->addresses().front());
        QVERIFY(runUntil(*reactor_, [&] { return events_.find(EventKind::PeerAccepted); }));
        const sockscope::Event *accepted = events_.find(EventKind::PeerAccepted);
        QCOMPARE(accepted->pid, std::optional<int>(::getpid()));
        QCOMPARE(accepted->uid, std::optional<int>(static_cast<int>(::getuid())));
        QCOMPARE(accepted->path, path);
        server->stop("stopped");
        QCOMPARE(reasonOf(events_, EventKind::PeerClosed), std::string("stopped"));
        QCOMPARE(::access(path.c_str(), F_OK), -1);
        QCOMPARE(::access(path.substr(0, path.rfind('/')).c_str(), F_OK), -1);
        qunsetenv("XDG_RUNTIME_DIR");
    }

    // A path the person names: a stale file from a crashed run is
    // replaced; a socket somebody listens on is left alone (EADDRINUSE).
    void staleSocketFileIsReplaced()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("s")).toStdString();
        const SocketAddress address = *SocketAddress::unix(path, false);
        {
            UniqueFd crashed(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
            QCOMPARE(::bind(crashed.get(), address.data(), address.size()), 0); // its file stays
        }
        sockscope::ListenConfig listen;
        listen.endpoints = {address};
        auto server = serve("echo", listen);
        QVERIFY2(server, "the stale file was not replaced");
        auto second = serve("echo", listen);
        QVERIFY(!second);
        const sockscope::Event *error = events_.find(EventKind::ServerError);
        QVERIFY(error);
        QVERIFY(error->error == std::errc::address_in_use);
        UniqueFd fd = client(address);
        bool sent = false;
        QVERIFY(runUntil(*reactor_, [&] { return sent = sent || ::send(fd.get(), "x", 1, MSG_NOSIGNAL) == 1; }));
        QCOMPARE(answer(fd.get(), 1), std::string("x")); // the first still serves
    }

    void peersBeyondTheLimitAreRefused()
    {
        sockscope::ListenConfig listen;
        listen.endpoints = {*SocketAddress::fromNumeric("127.0.0.1", 0)};
        auto server = serve("echo", listen, 2);
        QVERIFY(server);
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 3; ++i)
            clients.push_back(client(server->addresses().front()));
        QVERIFY(runUntil(*reactor_, [&] { return count(EventKind::PeerRefused) == 1; }));
        QCOMPARE(server->peerCount(), std::size_t{2});
        QCOMPARE(reasonOf(events_, EventKind::PeerRefused), std::string("max-peers"));
    }

    // A peer that sends and never reads: echo stops reading once about a
    // MiB waits for it, so what the peer can push in stays bounded.
    void peerThatNeverReadsIsHeldBack()
    {
        sockscope::ListenConfig listen;
        listen.endpoints = {*SocketAddress::fromNumeric("127.0.0.1", 0)};
        auto server = serve("echo", listen);
        QVERIFY(server);
        UniqueFd fd = client(server->addresses().front());
        const std::vector<char> block(65536, 'x');
        std::size_t pushed = 0;
        int stalls = 0;
        // Bounded: at most 512 MiB offered; it must stop far sooner.
        for (int round = 0; round < 8192 && stalls < 50; ++round) {
            reactor_->runFor(1ms);
            const ssize_t sent = ::send(fd.get(), block.data(), block.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
            if (sent > 0) {
                pushed += static_cast<std::size_t>(sent);
                stalls = 0;
            } else {
                ++stalls;
            }
        }
        qInfo("a peer that never reads got %zu bytes in before it was held back", pushed);
        QVERIFY(stalls >= 50);          // it was held back
        QVERIFY(pushed < 64u << 20);    // kernel buffers both ways and echo's 1 MiB, not more
    }

    // `::` with IPV6_V6ONLY off takes IPv4 too, and shows such a peer as the
    // IPv4 address it is; with it on, `::` and `0.0.0.0` listen side by
    // side on one port (a multi-homed server, Perl Cookbook 17.14).
    void v6onlyDecidesWhoAnswersIPv4()
    {
        sockscope::ListenConfig dual;
        dual.endpoints = {*SocketAddress::fromNumeric("::", 0)};
        dual.options.requests = {{sockscope::SocketOptionId::V6Only, 0}};
        auto server = serve("echo", dual);
        QVERIFY(server);
        const int port = server->addresses().front().port();
        UniqueFd fd = client(*SocketAddress::fromNumeric("127.0.0.1", port));
        QVERIFY(runUntil(*reactor_, [&] { return events_.find(EventKind::PeerAccepted); }));
        QCOMPARE(events_.find(EventKind::PeerAccepted)->address, std::string("127.0.0.1")); // not ::ffff:127.0.0.1
        QCOMPARE(events_.find(EventKind::PeerAccepted)->family, std::optional(sockscope::Family::Inet));
        server.reset();
        fd.reset();

        sockscope::ListenConfig both;
        both.endpoints = {*SocketAddress::fromNumeric("::", port), *SocketAddress::fromNumeric("0.0.0.0", port)};
        both.options.requests = {{sockscope::SocketOptionId::V6Only, 1}};
        auto side = serve("echo", both);
        QVERIFY2(side, "with v6only on, :: and 0.0.0.0 share a port");
        both.options.requests = {{sockscope::SocketOptionId::V6Only, 0}};
        events_.events.clear();
        std::unique_ptr<sockscope::Server> clash;
        side.reset();
        clash = serve("echo", both); // v6only off: `::` holds IPv4's port already
        QVERIFY(!clash);
        QVERIFY(events_.find(EventKind::ServerError)->error == std::errc::address_in_use);
    }

    // Chargen half-closed by hand while a MiB waits: what is queued goes,
    // then the end; it used to refill for ever once nothing could be sent.
    void chargenHalfClosedEnds()
    {
        sockscope::ListenConfig listen;
        listen.endpoints = {*SocketAddress::fromNumeric("127.0.0.1", 0)};
        auto server = serve("chargen", listen);
        QVERIFY(server);
        UniqueFd fd = client(server->addresses().front());
        QVERIFY(runUntil(*reactor_, [&] { return events_.find(EventKind::PeerAccepted); }));
        const std::uint64_t peer = *events_.find(EventKind::PeerAccepted)->peer;
        QVERIFY(server->endPeer(peer, sockscope::Server::PeerEnd::HalfClose));
        std::string got;
        bool open = true;
        QVERIFY(runUntil(*reactor_, [&] { return !(open = open && drain(fd.get(), got)); }, 10s));
        QVERIFY(got.size() >= 1u << 20); // what was queued came, then the end
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
