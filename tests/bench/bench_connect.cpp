// The Connector against baselines measured in the same run, on loopback.
//
// 1. Time to connect when the first address is silently dropped (a listener
//    with backlog 0 whose one slot is taken: SYNs to it get no answer) and
//    the second listens: happy eyeballs (median of 20) against its attempt
//    delay, and sequential with a 1 s attempt timeout (median of 5).
// 2. Connect storm: 10,000 connections to a listener in another process
//    (a Python accept loop), 256 and 2,000 in flight, through the Connector
//    (every attempt recorded, every event built) against a minimal raw
//    nonblocking-connect + epoll loop. Clients close with RST (SO_LINGER 0)
//    so that no TIME_WAIT eats the ephemeral ports between rounds.
#include "reactor_helpers.h"
#include "socket_helpers.h"

#include <sockscope/connect/connector.h>
#include <sockscope/reactor/unique_fd.h>

#include <QCoreApplication>
#include <QProcess>
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::Clock;
using sockscope::SocketAddress;
using sockscope::UniqueFd;

namespace {

constexpr int kStorm = 10000;

class NullSink final : public sockscope::EventSink {
public:
    void onEvent(const sockscope::Event &) override { ++events; }
    long events = 0;
};


void closeWithReset(int fd)
{
    const linger reset{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// Milliseconds from the race's start to the winner, over `rounds` races.
std::vector<double> timesToConnect(const sockscope::RaceConfig &config, const SocketAddress &silent,
                                   const SocketAddress &open, const UniqueFd &server, int rounds)
{
    std::vector<double> times;
    auto reactor = makeReactor();
    NullSink events;
    for (int round = 0; round < rounds; ++round) {
        bool done = false;
        const auto started = Clock::now();
        sockscope::Connector connector(*reactor, events, "bench", config, sockscope::SocketOptions{}, [&](UniqueFd socket) {
            done = socket.valid();
            if (done)
                times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
            closeWithReset(socket.get());
        });
        connector.connect({silent, open});
        if (!runUntil(*reactor, [&] { return done; }, 10s))
            qFatal("no connection within 10 s");
        UniqueFd accepted(::accept4(server.get(), nullptr, nullptr, SOCK_CLOEXEC));
    }
    return times;
}

void silentFirstAddress()
{
    int silentPort = 0, openPort = 0;
    const UniqueFd full = loopbackListener(0, &silentPort);
    const SocketAddress silent = *SocketAddress::fromNumeric("127.0.0.1", silentPort);
    UniqueFd queued(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (::connect(queued.get(), silent.data(), silent.size()) != 0)
        qFatal("could not fill the backlog-0 listener");
    const UniqueFd server = loopbackListener(64, &openPort);
    if (!full || !server)
        qFatal("no loopback listener");
    const SocketAddress open = *SocketAddress::fromNumeric("127.0.0.1", openPort);

    sockscope::RaceConfig happy;
    happy.firstFamily = sockscope::Family::Inet;
    const double delay = std::chrono::duration<double, std::milli>(happy.attemptDelay).count();
    const double he = median(timesToConnect(happy, silent, open, server, 20));
    sockscope::RaceConfig sequential = happy;
    sequential.strategy = sockscope::ConnectStrategy::Sequential;
    sequential.attemptTimeout = 1s;
    const double seq = median(timesToConnect(sequential, silent, open, server, 5));
    std::printf("Time to connect, first address silently dropped (loopback, backlog-0 fixture):\n");
    std::printf("  happy eyeballs, attempt delay %.0f ms: %.3f ms (median of 20), %.3f ms after the delay\n", delay,
                he, he - delay);
    std::printf("  sequential, attempt timeout 1000 ms:  %.3f ms (median of 5)\n", seq);
    std::printf("  (measured elsewhere with this fixture's kind: curl +1.0 ms after its delay, asyncio +4.3 ms,\n"
                "   Perl IO::Socket::IP without Timeout the kernel's 133 s)\n");
    std::printf("  target (within 2 ms of the attempt delay): %s\n", he - delay <= 2.0 ? "met" : "MISSED");
}

// A listener in another process that accepts and closes, as fast as it can.
QProcess *startAcceptLoop(int *port)
{
    auto *process = new QProcess;
    process->start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral("-c"), QStringLiteral("import socket\n"
                                                         "s = socket.socket()\n"
                                                         "s.bind(('127.0.0.1', 0))\n"
                                                         "s.listen(4096)\n"
                                                         "print(s.getsockname()[1], flush=True)\n"
                                                         "while True:\n"
                                                         "    s.accept()[0].close()\n")});
    if (!process->waitForReadyRead(10000))
        qFatal("the accept loop did not start");
    *port = process->readAllStandardOutput().trimmed().toInt();
    return process;
}

// Raw: nonblocking connect, epoll for writability, SO_ERROR, close with RST.
double rawStorm(const SocketAddress &target, int inFlight)
{
    UniqueFd epoll(::epoll_create1(EPOLL_CLOEXEC));
    int started = 0, finished = 0, live = 0;
    const auto begin = Clock::now();
    const auto launch = [&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        ++started;
        if (::connect(fd, target.data(), target.size()) != 0 && errno != EINPROGRESS) {
            ::close(fd);
            ++finished;
            return;
        }
        epoll_event event{};
        event.events = EPOLLOUT;
        event.data.fd = fd;
        ::epoll_ctl(epoll.get(), EPOLL_CTL_ADD, fd, &event);
        ++live;
    };
    epoll_event events[256];
    while (finished < kStorm && Clock::now() - begin < 60s) {
        while (live < inFlight && started < kStorm)
            launch();
        const int count = ::epoll_wait(epoll.get(), events, 256, 1000);
        for (int i = 0; i < count; ++i) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(events[i].data.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            closeWithReset(events[i].data.fd);
            ::close(events[i].data.fd);
            --live;
            ++finished;
        }
    }
    return finished / std::chrono::duration<double>(Clock::now() - begin).count();
}

double connectorStorm(const SocketAddress &target, int inFlight, long *events)
{
    auto reactor = makeReactor();
    NullSink sink;
    std::vector<std::unique_ptr<sockscope::Connector>> racers(static_cast<std::size_t>(inFlight));
    int started = 0, finished = 0;
    const auto begin = Clock::now();
    // Each slot runs one Connector at a time; a finished one is replaced
    // from a posted function, outside its own callback.
    std::function<void(std::size_t)> launch = [&](std::size_t slot) {
        if (started == kStorm) {
            racers[slot].reset();
            return;
        }
        ++started;
        racers[slot] = std::make_unique<sockscope::Connector>(
            *reactor, sink, "storm", sockscope::RaceConfig{}, sockscope::SocketOptions{}, [&, slot](UniqueFd socket) {
                closeWithReset(socket.get());
                ++finished;
                reactor->post([&, slot] { launch(slot); });
            });
        racers[slot]->connect({target});
    };
    for (std::size_t slot = 0; slot < racers.size(); ++slot)
        launch(slot);
    runUntil(*reactor, [&] { return finished == kStorm; }, 60s);
    *events = sink.events;
    return finished / std::chrono::duration<double>(Clock::now() - begin).count();
}

void connectStorm()
{
    int port = 0;
    std::unique_ptr<QProcess> acceptor(startAcceptLoop(&port));
    const SocketAddress target = *SocketAddress::fromNumeric("127.0.0.1", port);
    std::printf("\nConnect storm: %d connections to a listener in another process (median of 7 interleaved rounds)\n", kStorm);
    std::printf("%10s %14s %14s %8s %16s\n", "in flight", "raw conn/s", "Connector", "ratio", "events each");
    bool met = true;
    for (int inFlight : {256, 2000}) {
        // Interleaved rounds, the ratio taken within each round and its
        // median reported: the acceptor and everything else share 2 cores,
        // and a round's two halves see the same load.
        std::vector<double> raws, ourRates, ratios;
        long events = 0;
        for (int round = 0; round < 7; ++round) {
            raws.push_back(rawStorm(target, inFlight));
            ourRates.push_back(connectorStorm(target, inFlight, &events));
            ratios.push_back(ourRates.back() / raws.back());
        }
        const double ratio = median(ratios);
        std::printf("%10d %14.0f %14.0f %7.2fx %16.1f\n", inFlight, median(raws), median(ourRates), ratio,
                    static_cast<double>(events) / kStorm);
        met = met && ratio >= 0.8;
    }
    std::printf("  target (Connector at least 0.80x raw): %s\n", met ? "met" : "MISSED");
    acceptor->kill();
    acceptor->waitForFinished(5000);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    sockscope::raiseOpenFileLimit();
    silentFirstAddress();
    connectStorm();
    return 0;
}
