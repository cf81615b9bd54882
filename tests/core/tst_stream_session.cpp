// The session after a connection, on real loopback TCP pairs: bytes both
// ways as events, back-pressure, half-close, and every way it can end.
#include "reactor_helpers.h"
#include "event_recorder.h"
#include "socket_helpers.h"

#include <sockscope/connect/stream_session.h>
#include <sockscope/resolve/socket_address.h>

#include <QTest>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::EventKind;
using sockscope::UniqueFd;

namespace {

// A connected loopback TCP pair: ours (nonblocking) and the peer's.
bool tcpPair(UniqueFd &ours, UniqueFd &peer)
{
    int port = 0;
    const UniqueFd server = loopbackListener(4, &port);
    const auto target = sockscope::SocketAddress::fromNumeric("127.0.0.1", port);
    ours.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!server || ::connect(ours.get(), target->data(), target->size()) != 0)
        return false;
    peer.reset(::accept4(server.get(), nullptr, nullptr, SOCK_CLOEXEC));
    return peer.valid();
}

std::string readAll(int fd)
{
    std::string text;
    char buffer[4096];
    ssize_t got;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<std::size_t>(got));
    return text;
}

} // namespace

class TestStreamSession : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    Recorder events_;
    std::string received_;
    bool closed_ = false;

    std::unique_ptr<sockscope::StreamSession> start(UniqueFd ours, sockscope::Duration idle = {})
    {
        sockscope::StreamSession::Callbacks callbacks;
        callbacks.onData = [this](const std::vector<unsigned char> &bytes) { received_.append(bytes.begin(), bytes.end()); };
        callbacks.onClosed = [this](const std::string &) { closed_ = true; };
        std::error_code error;
        auto session = sockscope::StreamSession::start(*reactor_, events_, "peer", std::move(ours), idle,
                                                       std::move(callbacks), error);
        return session;
    }

private slots:
    void init()
    {
        reactor_ = makeReactor();
        events_.events.clear();
        received_.clear();
        closed_ = false;
    }

    void bothWaysThenHalfCloseThenPeerCloses()
    {
        UniqueFd ours, peer;
        QVERIFY(tcpPair(ours, peer));
        auto session = start(std::move(ours));
        QVERIFY(session);
        QCOMPARE(::write(peer.get(), "abc", 3), ssize_t{3});
        QVERIFY(runUntil(*reactor_, [&] { return received_ == "abc"; }));
        session->send({'x', 'y', 'z'});
        session->shutdownWrite();
        QVERIFY(runUntil(*reactor_, [&] { return session->bytesOut() == 3; }));
        // Half-close: the peer reads our bytes, then the end of them...
        QCOMPARE(readAll(peer.get()), std::string("xyz"));
        QVERIFY(!session->closed()); // ...while we still read
        peer.reset();
        QVERIFY(runUntil(*reactor_, [&] { return closed_; }));
        QCOMPARE(reasonOf(events_, EventKind::Closed), std::string("peer-closed"));
        QCOMPARE(session->bytesIn(), std::uint64_t{3});
        QCOMPARE(session->bytesOut(), std::uint64_t{3});
        const auto &first = events_.events.front();
        QCOMPARE(first.kind, EventKind::Data);
        QCOMPARE(first.bytes, std::optional<std::uint64_t>(3));
    }

    void pausedReadingTakesNothing()
    {
        UniqueFd ours, peer;
        QVERIFY(tcpPair(ours, peer));
        auto session = start(std::move(ours));
        session->pauseReading();
        QCOMPARE(::write(peer.get(), "late", 4), ssize_t{4});
        reactor_->runFor(100ms); // the scenario: nothing may arrive while paused
        QVERIFY(received_.empty());
        session->resumeReading();
        QVERIFY(runUntil(*reactor_, [&] { return received_ == "late"; }));
    }

    void resetByThePeer()
    {
        UniqueFd ours, peer;
        QVERIFY(tcpPair(ours, peer));
        auto session = start(std::move(ours));
        const linger reset{1, 0};
        ::setsockopt(peer.get(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        peer.reset();
        QVERIFY(runUntil(*reactor_, [&] { return closed_; }));
        QCOMPARE(reasonOf(events_, EventKind::Closed), std::string("reset"));
        QCOMPARE(events_.events.back().error, std::error_code(ECONNRESET, std::system_category()));
    }

    void idleTimeoutEndsIt()
    {
        UniqueFd ours, peer;
        QVERIFY(tcpPair(ours, peer));
        auto session = start(std::move(ours), 80ms);
        const auto started = sockscope::Clock::now();
        QVERIFY(runUntil(*reactor_, [&] { return closed_; }));
        QVERIFY(sockscope::Clock::now() - started >= 80ms);
        QCOMPARE(reasonOf(events_, EventKind::Closed), std::string("idle-timeout"));
    }

    void closedLocally()
    {
        UniqueFd ours, peer;
        QVERIFY(tcpPair(ours, peer));
        auto session = start(std::move(ours));
        session->close();
        QVERIFY(closed_);
        QCOMPARE(reasonOf(events_, EventKind::Closed), std::string("local"));
        QCOMPARE(readAll(peer.get()), std::string()); // the peer sees the end
    }

    void abortedWithReset()
    {
        UniqueFd ours, peer;
        QVERIFY(tcpPair(ours, peer));
        auto session = start(std::move(ours));
        session->abort();
        QVERIFY(closed_);
        QCOMPARE(reasonOf(events_, EventKind::Closed), std::string("aborted"));
        pollfd wait{peer.get(), POLLIN, 0};
        QCOMPARE(::poll(&wait, 1, 5000), 1);
        char byte;
        QCOMPARE(::recv(peer.get(), &byte, 1, 0), ssize_t{-1}); // RST, not FIN
        QCOMPARE(errno, ECONNRESET);
    }

    // After a half-close nothing more is queued: send() says so, and the
    // session does not end as if the peer had reset it.
    void nothingIsSentAfterHalfClose()
    {
        UniqueFd ours, peer;
        QVERIFY(tcpPair(ours, peer));
        auto session = start(std::move(ours));
        QVERIFY(session->send({'a'}));
        session->shutdownWrite();
        QVERIFY(session->writeShut());
        QVERIFY(!session->send({'b'}));
        QVERIFY(runUntil(*reactor_, [&] { return session->queued() == 0; })); // 'a' written, then FIN
        QCOMPARE(readAll(peer.get()), std::string("a"));
        QVERIFY(!closed_);
    }

    // A datagram longer than the read buffer: what fits is kept, and the
    // event says how much the kernel dropped.
    void longDatagramSaysItWasTruncated()
    {
        int pair[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair), 0);
        UniqueFd ours(pair[0]), peer(pair[1]);
        const std::vector<char> message(100'000, 'm');
        QCOMPARE(::send(peer.get(), message.data(), message.size(), 0), ssize_t{100'000});
        auto session = start(std::move(ours));
        QVERIFY(runUntil(*reactor_, [&] { return !received_.empty(); }));
        QCOMPARE(received_.size(), std::size_t{65536});
        const sockscope::Event *data = events_.find(EventKind::Data);
        QVERIFY(data);
        QVERIFY(std::find(data->extra.begin(), data->extra.end(),
                          std::pair<std::string, sockscope::ExtraValue>("truncated_bytes", std::int64_t{100'000 - 65536}))
                != data->extra.end());
    }
};

QTEST_GUILESS_MAIN(TestStreamSession)
#include "tst_stream_session.moc"
