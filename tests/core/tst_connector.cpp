// The Connector on real loopback sockets: a listener, a refused port, and a
// silently dropped address (a listener with backlog 0 whose one queue slot
// is taken: TESTBED.md's third fixture, proved silent before use). Checks
// the outcome of every attempt, the events, and that no descriptor stays
// open.
#include "reactor_helpers.h"
#include "event_recorder.h"
#include "socket_helpers.h"

#include <sockscope/connect/connector.h>
#include <sockscope/connect/stream_session.h>
#include <sockscope/events/error.h>
#include <sockscope/reactor/unique_fd.h>

#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

using namespace std::chrono_literals;
using sockscope::EventKind;
using sockscope::SocketAddress;
using sockscope::UniqueFd;

namespace {


// A port nothing listens on: bound, never listening, so nobody else takes it.
UniqueFd closedPort(int *port)
{
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd.get(), reinterpret_cast<sockaddr *>(&address), length);
    ::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&address), &length);
    *port = ntohs(address.sin_port);
    return fd;
}

// A listener whose queue is full: a SYN to it gets no answer at all.
struct SilentPort {
    UniqueFd listening;
    UniqueFd queued; // connected, never accepted: fills the one slot of backlog 0
    int port = 0;

    bool make()
    {
        listening = loopbackListener(0, &port);
        queued.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        const SocketAddress target = *SocketAddress::fromNumeric("127.0.0.1", port);
        return listening && ::connect(queued.get(), target.data(), target.size()) == 0;
    }

    // Proof before use: a nonblocking connect gets no outcome for 300 ms.
    bool silent() const
    {
        UniqueFd probe(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        const SocketAddress target = *SocketAddress::fromNumeric("127.0.0.1", port);
        if (::connect(probe.get(), target.data(), target.size()) == 0 || errno != EINPROGRESS)
            return false;
        pollfd wait{probe.get(), POLLOUT, 0};
        return ::poll(&wait, 1, 300) == 0;
    }
};

SocketAddress at(int port)
{
    return *SocketAddress::fromNumeric("127.0.0.1", port);
}

// A UDP port nothing is bound to (bound once to learn a free one, then
// closed): a datagram to it brings back ICMP port unreachable.
int closedUdpPort()
{
    UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    SocketAddress address = *SocketAddress::fromNumeric("127.0.0.1", 0);
    ::bind(fd.get(), address.data(), address.size());
    sockaddr_in bound{};
    socklen_t length = sizeof bound;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&bound), &length);
    return ntohs(bound.sin_port);
}

// A Unix socket of `type` bound to `address` (listening, for the types that
// listen).
UniqueFd unixServer(const SocketAddress &address, int type)
{
    UniqueFd fd(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0));
    if (::bind(fd.get(), address.data(), address.size()) != 0 || (type != SOCK_DGRAM && ::listen(fd.get(), 4) != 0))
        return {};
    return fd;
}

const sockscope::ExtraObjects *objects(const sockscope::Event &event, const std::string &key)
{
    for (const auto &[name, value] : event.extra) {
        if (name == key)
            return std::get_if<sockscope::ExtraObjects>(&value);
    }
    return nullptr;
}

// The field `key` of the object in `list` whose `option` (or `attempt`) is `id`.
std::optional<sockscope::ExtraValue> fieldOf(const sockscope::ExtraObjects &list, const sockscope::ExtraValue &id,
                                             const std::string &key)
{
    for (const sockscope::ExtraObject &object : list) {
        const bool match = std::any_of(object.fields.begin(), object.fields.end(), [&](const auto &field) {
            return (field.first == "option" || field.first == "attempt") && field.second == id;
        });
        for (const auto &[name, value] : object.fields) {
            if (match && name == key)
                return value;
        }
    }
    return std::nullopt;
}

sockscope::RaceConfig fastRace()
{
    sockscope::RaceConfig config;
    config.attemptDelay = 100ms;
    config.firstFamily = sockscope::Family::Inet;
    return config;
}

} // namespace

class TestConnector : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    Recorder events_;
    std::optional<UniqueFd> result_;

    std::unique_ptr<sockscope::Connector> connector(sockscope::RaceConfig config = fastRace(),
                                                    sockscope::SocketOptions options = {})
    {
        return std::make_unique<sockscope::Connector>(*reactor_, events_, "test", config, std::move(options),
                                                      [this](UniqueFd socket) { result_ = std::move(socket); });
    }

private slots:
    void init()
    {
        reactor_ = makeReactor();
        events_.events.clear();
        result_.reset();
    }

    void connectsToAListener()
    {
        int port = 0;
        const UniqueFd server = loopbackListener(16, &port);
        QVERIFY(server);
        auto race = connector();
        race->connect({at(port)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(result_->valid());
        QCOMPARE(events_.names(), (QStringList{QStringLiteral("attempt-start 0"), QStringLiteral("connected 0")}));
        const sockscope::Event *connected = events_.find(EventKind::Connected);
        QCOMPARE(connected->port, std::optional<int>(port));
        QCOMPARE(Recorder::extra(*connected, "local_address"), std::string("127.0.0.1"));
        // The attempt's own end is known from its start: connect() chose it.
        const auto localPort = [](const sockscope::Event &event) {
            for (const auto &[key, value] : event.extra) {
                if (key == "local_port")
                    return std::get<std::int64_t>(value);
            }
            return std::int64_t{-1};
        };
        QVERIFY(localPort(*connected) > 0);
        QCOMPARE(localPort(*events_.find(EventKind::AttemptStart, 0)), localPort(*connected));
        sockaddr_storage peer{};
        socklen_t length = sizeof peer;
        QCOMPARE(::getpeername(result_->get(), reinterpret_cast<sockaddr *>(&peer), &length), 0);
    }

    void refusedFirstTriesTheNextAtOnce()
    {
        int closed = 0, open = 0;
        const UniqueFd reserved = closedPort(&closed);
        const UniqueFd server = loopbackListener(16, &open);
        auto config = fastRace();
        config.attemptDelay = 2s; // would be seen if the refusal were not acted on
        auto race = connector(config);
        const auto started = sockscope::Clock::now();
        race->connect({at(closed), at(open)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(sockscope::Clock::now() - started < 1s);
        QVERIFY(result_->valid());
        const sockscope::Event *failed = events_.find(EventKind::AttemptFailed, 0);
        QVERIFY(failed);
        QCOMPARE(failed->error, std::error_code(ECONNREFUSED, std::system_category()));
        QCOMPARE(Recorder::extra(*failed, "reason"), std::string("kernel"));
        QVERIFY(events_.find(EventKind::Connected, 1));
    }

    void silentFirstLosesTheRace()
    {
        SilentPort silent;
        QVERIFY(silent.make());
        QVERIFY2(silent.silent(), "the backlog-0 fixture answered: the drop is not silent here");
        int open = 0;
        const UniqueFd server = loopbackListener(16, &open);
        auto race = connector();
        const auto started = sockscope::Clock::now();
        race->connect({at(silent.port), at(open)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        const auto took = sockscope::Clock::now() - started;
        QVERIFY(took >= 100ms); // the attempt delay, not at once
        QVERIFY(took < 2s);
        QVERIFY(result_->valid());
        QCOMPARE(events_.names(), (QStringList{QStringLiteral("attempt-start 0"), QStringLiteral("attempt-start 1"),
                                               QStringLiteral("connected 1"), QStringLiteral("attempt-cancelled 0")}));
        QCOMPARE(Recorder::extra(*events_.find(EventKind::AttemptCancelled), "reason"), std::string("lost-race"));
        const auto startGap = events_.find(EventKind::AttemptStart, 1)->time - events_.find(EventKind::AttemptStart, 0)->time;
        QVERIFY(startGap >= 100ms);
    }

    void attemptTimeoutHasNoErrno()
    {
        SilentPort silent;
        QVERIFY(silent.make());
        auto config = fastRace();
        config.attemptTimeout = 150ms;
        auto race = connector(config);
        race->connect({at(silent.port)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(!result_->valid());
        const sockscope::Event *failed = events_.find(EventKind::AttemptFailed, 0);
        QVERIFY(failed);
        QCOMPARE(sockscope::errorName(failed->error), std::string("ETIMEDOUT"));
        QCOMPARE(sockscope::errnoValue(failed->error), 0); // we gave up, the kernel said nothing
        QCOMPARE(Recorder::extra(*failed, "reason"), std::string("attempt-timeout"));
        QVERIFY(events_.find(EventKind::ConnectFailed));
    }

    void allRefusedFailsWithTheSummary()
    {
        int first = 0, second = 0;
        const UniqueFd a = closedPort(&first), b = closedPort(&second);
        auto race = connector();
        race->connect({at(first), at(second)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(!result_->valid());
        const sockscope::Event *failed = events_.find(EventKind::ConnectFailed);
        QVERIFY(failed);
        QCOMPARE(failed->error, std::error_code(ECONNREFUSED, std::system_category()));
        QCOMPARE(events_.names().count(QStringLiteral("attempt-start 1")), 1);
        // Every attempt, in the one event: its address and its outcome.
        const sockscope::ExtraObjects *attempts = objects(*failed, "attempts");
        QVERIFY(attempts);
        QCOMPARE(attempts->size(), std::size_t{2});
        for (const std::int64_t attempt : {0, 1}) {
            QCOMPARE(fieldOf(*attempts, attempt, "outcome"), std::optional<sockscope::ExtraValue>(std::string("failed")));
            QCOMPARE(fieldOf(*attempts, attempt, "error"),
                     std::optional<sockscope::ExtraValue>(std::error_code(ECONNREFUSED, std::system_category())));
        }
        QCOMPARE(fieldOf(*attempts, std::int64_t{1}, "port"), std::optional<sockscope::ExtraValue>(std::int64_t{second}));
    }

    // What was asked of the kernel and what it made of it: SO_RCVBUF
    // doubled, the others as asked; v6only is not asked of an IPv4 socket.
    void optionsAreReadBack()
    {
        int port = 0;
        const UniqueFd server = loopbackListener(16, &port);
        sockscope::SocketOptions options;
        options.requests = {{sockscope::SocketOptionId::ReceiveBuffer, 4096},
                            {sockscope::SocketOptionId::NoDelay, 1},
                            {sockscope::SocketOptionId::Ttl, 7},
                            {sockscope::SocketOptionId::V6Only, 1},
                            {sockscope::SocketOptionId::LingerReset, 1}};
        auto race = connector(fastRace(), options);
        race->connect({at(port)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(result_->valid());
        const sockscope::ExtraObjects *read = objects(*events_.find(EventKind::Connected), "options");
        QVERIFY(read);
        QCOMPARE(read->size(), std::size_t{4});
        QCOMPARE(fieldOf(*read, std::string("rcvbuf"), "effective"), std::optional<sockscope::ExtraValue>(std::int64_t{8192}));
        QCOMPARE(fieldOf(*read, std::string("nodelay"), "effective"), std::optional<sockscope::ExtraValue>(std::int64_t{1}));
        QCOMPARE(fieldOf(*read, std::string("ttl"), "effective"), std::optional<sockscope::ExtraValue>(std::int64_t{7}));
        QCOMPARE(fieldOf(*read, std::string("linger-rst"), "effective"), std::optional<sockscope::ExtraValue>(std::int64_t{1}));
        int ttl = 0;
        socklen_t length = sizeof ttl;
        QCOMPARE(::getsockopt(result_->get(), IPPROTO_IP, IP_TTL, &ttl, &length), 0);
        QCOMPARE(ttl, 7);
    }

    // An option the kernel refuses fails the attempt, naming the option and
    // the kernel's error; connect-failed keeps both.
    void refusedOptionFailsTheAttempt()
    {
        int port = 0;
        const UniqueFd server = loopbackListener(16, &port);
        sockscope::SocketOptions options;
        options.bindDevice = "no-such-if0";
        auto race = connector(fastRace(), options);
        race->connect({at(port)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(!result_->valid());
        const sockscope::Event *failed = events_.find(EventKind::AttemptFailed, 0);
        QVERIFY(failed);
        QCOMPARE(Recorder::extra(*failed, "reason"), std::string("socket-option"));
        QCOMPARE(Recorder::extra(*failed, "option"), std::string("bind-device"));
        QCOMPARE(failed->error, std::error_code(ENODEV, std::system_category()));
        const sockscope::ExtraObjects *attempts = objects(*events_.find(EventKind::ConnectFailed), "attempts");
        QCOMPARE(fieldOf(*attempts, std::int64_t{0}, "option"), std::optional<sockscope::ExtraValue>(std::string("bind-device")));
    }

    void bindsTheLocalAddressAndPort()
    {
        int port = 0;
        const UniqueFd server = loopbackListener(16, &port);
        const int local = closedUdpPort(); // free for TCP as well, as likely as any
        sockscope::SocketOptions options;
        options.bind = sockscope::LocalBind{SocketAddress::fromNumeric("127.0.0.2", 0), local};
        options.requests = {{sockscope::SocketOptionId::ReuseAddress, 1}};
        auto race = connector(fastRace(), options);
        race->connect({at(port)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(result_->valid());
        const sockscope::Event *connected = events_.find(EventKind::Connected);
        QCOMPARE(Recorder::extra(*connected, "local_address"), std::string("127.0.0.2"));
        QVERIFY(std::find(connected->extra.begin(), connected->extra.end(),
                          std::pair<std::string, sockscope::ExtraValue>("local_port", std::int64_t{local}))
                != connected->extra.end());
    }

    // A family the options rule out is not tried: nothing is left here.
    void ruledOutFamilyIsNotTried()
    {
        int port = 0;
        const UniqueFd server = loopbackListener(16, &port);
        sockscope::SocketOptions options;
        options.family = sockscope::Family::Inet6;
        auto race = connector(fastRace(), options);
        race->connect({at(port)});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(!result_->valid());
        QCOMPARE(events_.names(), QStringList{QStringLiteral("connect-failed")});
        QCOMPARE(sockscope::errorName(events_.find(EventKind::ConnectFailed)->error), std::string("EAI_ADDRFAMILY"));
    }

    // UDP: connect() sends nothing and succeeds; the port unreachable that a
    // datagram brings back ends the session as ECONNREFUSED.
    void udpToAClosedPortIsRefused()
    {
        sockscope::SocketOptions options;
        options.socktype = SOCK_DGRAM;
        auto race = connector(fastRace(), options);
        race->connect({at(closedUdpPort())});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(result_->valid());
        QCOMPARE(events_.find(EventKind::Connected)->socktype, std::optional(sockscope::SocketType::Datagram));
        std::string reason;
        std::error_code error;
        sockscope::StreamSession::Callbacks callbacks;
        callbacks.onClosed = [&](const std::string &why) { reason = why; };
        auto session = sockscope::StreamSession::start(*reactor_, events_, "test", std::move(*result_), 0ms,
                                                       std::move(callbacks), error);
        QVERIFY(session);
        session->send({'h', 'i'});
        QVERIFY(runUntil(*reactor_, [&] { return !reason.empty(); }));
        QCOMPARE(reason, std::string("refused"));
        QCOMPARE(events_.find(EventKind::Closed)->error, std::error_code(ECONNREFUSED, std::system_category()));
    }

    void unixSocketsConnect_data()
    {
        QTest::addColumn<bool>("abstract");
        QTest::addColumn<int>("type");
        for (const bool abstract : {false, true}) {
            for (const int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
                const QByteArray name = QByteArray(abstract ? "abstract " : "path ")
                                        + (type == SOCK_STREAM ? "stream" : type == SOCK_DGRAM ? "dgram" : "seqpacket");
                QTest::newRow(name.constData()) << abstract << type;
            }
        }
    }

    // By path and abstract name, in each type; a datagram client is
    // autobound, so the server can answer it.
    void unixSocketsConnect()
    {
        QFETCH(bool, abstract);
        QFETCH(int, type);
        QTemporaryDir directory;
        const std::string name = abstract ? "sockscope-test-" + std::to_string(::getpid())
                                          : directory.filePath(QStringLiteral("s")).toStdString();
        const SocketAddress address = *SocketAddress::unix(name, abstract);
        const UniqueFd server = unixServer(address, type);
        QVERIFY(server);
        sockscope::SocketOptions options;
        options.socktype = type;
        auto race = connector(fastRace(), options);
        race->connect({address});
        QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
        QVERIFY(result_->valid());
        const sockscope::Event *connected = events_.find(EventKind::Connected);
        QCOMPARE(connected->path, abstract ? "@" + name : name);
        QVERIFY(connected->address.empty() && !connected->port);
        QCOMPARE(::send(result_->get(), "ping", 4, MSG_NOSIGNAL), ssize_t{4});
        char buffer[8];
        if (type == SOCK_DGRAM) {
            sockaddr_un from{};
            socklen_t length = sizeof from;
            QCOMPARE(::recvfrom(server.get(), buffer, sizeof buffer, 0, reinterpret_cast<sockaddr *>(&from), &length), ssize_t{4});
            QVERIFY(length > sizeof(sa_family_t)); // autobound: it has a name to answer
            QCOMPARE(::sendto(server.get(), "pong", 4, 0, reinterpret_cast<sockaddr *>(&from), length), ssize_t{4});
        } else {
            UniqueFd peer(::accept4(server.get(), nullptr, nullptr, SOCK_CLOEXEC));
            QVERIFY(peer);
            QCOMPARE(::recv(peer.get(), buffer, sizeof buffer, 0), ssize_t{4});
            QCOMPARE(::send(peer.get(), "pong", 4, MSG_NOSIGNAL), ssize_t{4});
        }
        pollfd wait{result_->get(), POLLIN, 0};
        QCOMPARE(::poll(&wait, 1, 5000), 1);
        QCOMPARE(::recv(result_->get(), buffer, sizeof buffer, 0), ssize_t{4});
    }

    void stoppedMidRaceClosesEverything()
    {
        SilentPort silent;
        QVERIFY(silent.make());
        const int before = sockscope::openDescriptorCount();
        auto race = connector();
        race->connect({at(silent.port), at(silent.port)});
        QVERIFY(runUntil(*reactor_, [&] { return race->plan().attempts().size() == 2; }));
        race->stop();
        QVERIFY(result_.has_value() && !result_->valid());
        QCOMPARE(events_.names().count(QStringLiteral("attempt-cancelled 0")), 1);
        QCOMPARE(Recorder::extra(*events_.find(EventKind::AttemptCancelled, 1), "reason"), std::string("stopped"));
        race.reset();
        QCOMPARE(sockscope::openDescriptorCount(), before);
    }

    void noDescriptorLeakOverManyRaces()
    {
        int open = 0, closed = 0;
        const UniqueFd server = loopbackListener(512, &open);
        const UniqueFd reserved = closedPort(&closed);
        const int before = sockscope::openDescriptorCount();
        int won = 0, lost = 0;
        for (int i = 0; i < 1000; ++i) {
            result_.reset();
            auto race = connector();
            race->connect({i % 2 ? at(closed) : at(open)});
            QVERIFY(runUntil(*reactor_, [&] { return result_.has_value(); }));
            (result_->valid() ? won : lost) += 1;
            result_.reset();
            if (i % 2 == 0) {
                UniqueFd accepted(::accept4(server.get(), nullptr, nullptr, SOCK_CLOEXEC));
                QVERIFY(accepted);
            }
        }
        QCOMPARE(won, 500);
        QCOMPARE(lost, 500);
        QCOMPARE(sockscope::openDescriptorCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestConnector)
#include "tst_connector.moc"
