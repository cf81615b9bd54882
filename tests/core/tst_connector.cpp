// The Connector on real loopback sockets: a listener, a refused port, and a
// silently dropped address (a listener with backlog 0 whose one queue slot
// is taken: TESTBED.md's third fixture, proved silent before use). Checks
// the outcome of every attempt, the events, and that no descriptor stays
// open.
#include "reactor_helpers.h"
#include "event_recorder.h"
#include "socket_helpers.h"

#include <sockscope/connect/connector.h>
#include <sockscope/events/error.h>
#include <sockscope/reactor/unique_fd.h>

#include <QTest>
#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

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

    std::unique_ptr<sockscope::Connector> connector(sockscope::RaceConfig config = fastRace())
    {
        return std::make_unique<sockscope::Connector>(*reactor_, events_, "test", config,
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
        for (int i = 0; i < 500; ++i) {
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
        QCOMPARE(won, 250);
        QCOMPARE(lost, 250);
        QCOMPARE(sockscope::openDescriptorCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestConnector)
#include "tst_connector.moc"
