// Pipes, socketpairs and FIFOs with both ends held: bytes intact and in
// order through each, PIPE_BUF atomicity with writers racing on threads,
// EPIPE without a SIGPIPE (SIGPIPE is at its default here: one would end
// the test), capacity, and the FIFO's open rendezvous in its private
// directory, removed afterwards.
#include "event_recorder.h"
#include "process_census.h"
#include "reactor_helpers.h"

#include <sockscope/ipc/channel.h>
#include <sockscope/ipc/fifo.h>
#include <sockscope/ipc/pipe.h>
#include <sockscope/ipc/pipe_writers.h>
#include <sockscope/reactor/epoll_reactor.h>

#include <QFileInfo>
#include <QTest>
#include <climits>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::EventKind;

namespace {

// What arrived at `end` of a channel.
std::vector<unsigned char> received(const Recorder &events, const std::string &end)
{
    const std::string bytes = events.bytesWhere({{"end", end}, {"direction", "in"}});
    return {bytes.begin(), bytes.end()};
}

// The size of each message that arrived at `end`.
std::vector<std::size_t> messageSizes(const Recorder &events, const std::string &end)
{
    std::vector<std::size_t> sizes;
    for (const auto &event : events.events) {
        if (event.kind == EventKind::Data && Recorder::extra(event, "end") == end &&
            Recorder::extra(event, "direction") == "in")
            sizes.push_back(event.payload->size());
    }
    return sizes;
}

std::vector<unsigned char> counting(std::size_t size, int seed)
{
    std::vector<unsigned char> bytes(size);
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<unsigned char>(i * 7 + i / 256 + static_cast<std::size_t>(seed));
    return bytes;
}

} // namespace

class TestChannel : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;

private slots:
    void init()
    {
        std::signal(SIGPIPE, SIG_DFL);
        reactor_ = makeReactor();
    }

    void pipeCarriesBytesInOrder()
    {
        const int before = descriptorCount(::getpid());
        {
            Recorder events;
            std::error_code error;
            auto pipe = sockscope::openPipe(*reactor_, events, 7, std::nullopt, error);
            QVERIFY(pipe);
            const auto created = events.find(EventKind::IpcCreated);
            QVERIFY(created);
            QCOMPARE(Recorder::extra(*created, "kind"), std::string("pipe"));
            const auto sent = counting(1 << 20, 1); // 16 times the default capacity
            QVERIFY(pipe->write(0, sent.data(), sent.size()));
            QVERIFY(!pipe->write(1, sent.data(), 1)); // the read end takes no writes
            QVERIFY(runUntil(*reactor_, [&] { return received(events, "read").size() == sent.size(); }, 10s));
            QVERIFY(received(events, "read") == sent);
            pipe->closeEnd(0);
            QVERIFY(runUntil(*reactor_, [&] {
                return std::any_of(events.events.begin(), events.events.end(), [](const auto &e) {
                    return e.kind == EventKind::IpcClosed && Recorder::extra(e, "reason") == "eof";
                });
            }));
        }
        QCOMPARE(descriptorCount(::getpid()), before);
    }

    void writeWithNoReaderIsEpipeNotSigpipe()
    {
        Recorder events;
        std::error_code error;
        auto pipe = sockscope::openPipe(*reactor_, events, 1, std::nullopt, error);
        QVERIFY(pipe);
        pipe->closeEnd(1);
        const unsigned char byte = 'x';
        QVERIFY(pipe->write(0, &byte, 1));
        const auto failed = events.find(EventKind::IpcFailed);
        QVERIFY(failed);
        QVERIFY(failed->error == std::errc::broken_pipe);
        QCOMPARE(Recorder::extra(*failed, "operation"), std::string("write"));
    }

    void capacityIsSetOrRefused()
    {
        Recorder events;
        std::error_code error;
        auto pipe = sockscope::openPipe(*reactor_, events, 1, 1 << 20, error);
        QVERIFY(pipe);
        QCOMPARE(sockscope::pipeCapacity(pipe->fd(0)), 1L << 20);
        QVERIFY(!events.find(EventKind::IpcFailed));
        Recorder refused;
        auto tooBig = sockscope::openPipe(*reactor_, refused, 2, INT_MAX, error); // beyond any limit
        QVERIFY(tooBig);
        const auto failed = refused.find(EventKind::IpcFailed);
        QVERIFY(failed);
        QCOMPARE(Recorder::extra(*failed, "operation"), std::string("set-capacity"));
        QVERIFY(failed->error); // EPERM, or for root (CAP_SYS_RESOURCE) ENOMEM/EINVAL
        QCOMPARE(sockscope::pipeCapacity(tooBig->fd(0)), 65536L);
    }

    // Writers on threads race for the pipe: chunks of PIPE_BUF are never cut.
    void smallWritesAreAtomicWithSeveralWriters()
    {
        Recorder events;
        std::error_code error;
        auto pipe = sockscope::openPipe(*reactor_, events, 1, std::nullopt, error);
        QVERIFY(pipe);
        constexpr int kWriters = 6;
        constexpr std::size_t kFrames = 300;
        sockscope::FrameCheck check(kWriters, kFrames, PIPE_BUF);
        bool done = false;
        auto writers = sockscope::PipeWriters::start(*reactor_, sockscope::UniqueFd(::fcntl(pipe->fd(0), F_DUPFD_CLOEXEC, 0)),
                                                     kWriters, kFrames, PIPE_BUF, [&](std::error_code failure) {
                                                         QVERIFY(!failure);
                                                         done = true;
                                                     },
                                                     error);
        QVERIFY(writers);
        std::size_t fed = 0;
        QVERIFY(runUntil(*reactor_, [&] {
            const auto bytes = received(events, "read");
            check.feed(bytes.data() + fed, bytes.size() - fed);
            fed = bytes.size();
            return done && fed == kWriters * kFrames * PIPE_BUF;
        }, 30s));
        const auto result = check.result();
        QVERIFY(!result.firstCutAt);
        QVERIFY(result.complete);
    }

    void frameCheckFindsACut()
    {
        sockscope::FrameCheck check(2, 2, 16);
        auto a = sockscope::pipeFrame(0, 0, 16);
        auto b = sockscope::pipeFrame(1, 0, 16);
        check.feed(a.data(), 8); // a cut by b
        check.feed(b.data(), 16);
        check.feed(a.data() + 8, 8);
        QVERIFY(check.result().firstCutAt);
        QVERIFY(!check.result().complete);
        sockscope::FrameCheck outOfOrder(1, 2, 16);
        auto second = sockscope::pipeFrame(0, 1, 16);
        outOfOrder.feed(second.data(), second.size());
        QCOMPARE(outOfOrder.result().firstCutAt, std::optional<std::uint64_t>(0));
    }

    void socketPairsKeepBytesAndBoundaries_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("stream") << int(sockscope::SocketType::Stream);
        QTest::newRow("dgram") << int(sockscope::SocketType::Datagram);
        QTest::newRow("seqpacket") << int(sockscope::SocketType::SeqPacket);
    }

    void socketPairsKeepBytesAndBoundaries()
    {
        QFETCH(int, type);
        Recorder events;
        std::error_code error;
        auto pair = sockscope::openSocketPair(*reactor_, events, 1, static_cast<sockscope::SocketType>(type), error);
        QVERIFY(pair);
        std::vector<unsigned char> sentA;
        std::vector<unsigned char> sentB;
        for (int i = 0; i < 40; ++i) {
            const auto a = counting(1000 + static_cast<std::size_t>(i), i);
            const auto b = counting(500 + static_cast<std::size_t>(i), 100 + i);
            pair->write(0, a.data(), a.size());
            pair->write(1, b.data(), b.size());
            sentA.insert(sentA.end(), a.begin(), a.end());
            sentB.insert(sentB.end(), b.begin(), b.end());
        }
        QVERIFY(runUntil(*reactor_, [&] {
            return received(events, "b").size() == sentA.size() && received(events, "a").size() == sentB.size();
        }, 10s));
        QVERIFY(received(events, "b") == sentA);
        QVERIFY(received(events, "a") == sentB);
        if (type != int(sockscope::SocketType::Stream)) {
            const auto sizes = messageSizes(events, "b");
            QCOMPARE(sizes.size(), std::size_t{40});
            for (std::size_t i = 0; i < sizes.size(); ++i)
                QCOMPARE(sizes[i], 1000 + i);
        }
    }

    // A message larger than the read buffer (from a peer outside the pair,
    // whose SO_SNDBUF allows it) is reported cut, with its whole length.
    void oversizedMessageIsReportedCut()
    {
        int outside[2];
        int unused[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, outside), 0);
        QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, unused), 0);
        sockscope::UniqueFd sender(outside[1]);
        sockscope::UniqueFd spare(unused[1]);
        const int asked = 1 << 20; // the kernel caps it at twice net.core.wmem_max
        QCOMPARE(::setsockopt(sender.get(), SOL_SOCKET, SO_SNDBUF, &asked, sizeof asked), 0);
        // The channel's buffer is the larger of 256 KiB and its ends' SO_SNDBUF: small here.
        const int small = 4096;
        for (const int end : {outside[0], unused[0]})
            QCOMPARE(::setsockopt(end, SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
        Recorder events;
        std::error_code error;
        std::array<sockscope::ChannelEnd, 2> ends{
            sockscope::ChannelEnd{"a", sockscope::UniqueFd(outside[0]), true, false, true, true},
            sockscope::ChannelEnd{"b", sockscope::UniqueFd(unused[0]), true, false, true, true}};
        auto channel = sockscope::Channel::open(*reactor_, events, 1, "socketpair", std::move(ends), error);
        QVERIFY(channel);
        const std::size_t size = 300000; // above the channel's 256 KiB buffer
        const auto bytes = counting(size, 3);
        if (::send(sender.get(), bytes.data(), size, 0) != static_cast<ssize_t>(size))
            QSKIP(qPrintable(QStringLiteral("cannot send a %1-byte datagram here: %2").arg(size).arg(qt_error_string(errno))));
        QVERIFY(runUntil(*reactor_, [&] { return !received(events, "a").empty(); }, 10s));
        const sockscope::Event &cut = events.events.back();
        QVERIFY(std::find(cut.extra.begin(), cut.extra.end(),
                          std::pair<std::string, sockscope::ExtraValue>("data_truncated", true)) != cut.extra.end());
        QCOMPARE(Recorder::number(cut, "message_bytes"), static_cast<std::int64_t>(size));
        QVERIFY(cut.payload->size() < size);
        QVERIFY(std::equal(cut.payload->begin(), cut.payload->end(), bytes.begin()));
    }

    void fifoRendezvousInAPrivateDirectory()
    {
        Recorder events;
        std::error_code error;
        std::string path;
        {
            auto fifo = sockscope::Fifo::create(*reactor_, events, 3, {}, error);
            QVERIFY(fifo);
            path = fifo->path();
            struct stat directory {};
            QCOMPARE(::stat(QFileInfo(QString::fromStdString(path)).path().toLocal8Bit().constData(), &directory), 0);
            QCOMPARE(directory.st_mode & 0777, mode_t{0700}); // no one else may open it
            fifo->openWriterNow();
            const auto refused = events.find(EventKind::IpcFailed);
            QVERIFY(refused);
            QVERIFY(refused->error == std::errc::no_such_device_or_address); // ENXIO: nobody reads
            fifo->openWriterWaiting();
            QVERIFY(events.find(EventKind::IpcWaiting));
            QVERIFY(!fifo->channel());
            fifo->openReader();
            QVERIFY(runUntil(*reactor_, [&] { return fifo->channel() != nullptr; }, 10s));
            const auto sent = counting(200000, 3);
            fifo->channel()->write(0, sent.data(), sent.size());
            QVERIFY(runUntil(*reactor_, [&] { return received(events, "read").size() == sent.size(); }, 10s));
            QVERIFY(received(events, "read") == sent);
        }
        QVERIFY(events.find(EventKind::IpcRemoved));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(path)));
        QVERIFY(!QFileInfo::exists(QFileInfo(QString::fromStdString(path)).path()));
    }

    // Even when its name is gone meanwhile (someone ran rm on it): the
    // waiting writer is released through the FIFO itself.
    void fifoWithAWriterStillWaitingIsReleasedAfterRm()
    {
        Recorder events;
        std::error_code error;
        auto fifo = sockscope::Fifo::create(*reactor_, events, 5, {}, error);
        QVERIFY(fifo);
        fifo->openWriterWaiting();
        QCOMPARE(::unlink(fifo->path().c_str()), 0);
        fifo.reset(); // would hang if it opened the name again
        QVERIFY(events.find(EventKind::IpcRemoved));
    }

    void fifoWithAWriterStillWaitingIsReleased()
    {
        Recorder events;
        std::error_code error;
        const int before = descriptorCount(::getpid());
        {
            auto fifo = sockscope::Fifo::create(*reactor_, events, 4, {}, error);
            QVERIFY(fifo);
            fifo->openWriterWaiting(); // nobody ever reads: destruction must not hang
        }
        QCOMPARE(descriptorCount(::getpid()), before);
    }
};

QTEST_GUILESS_MAIN(TestChannel)
#include "tst_channel.moc"
