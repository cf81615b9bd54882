// Echo throughput over loopback TCP and a Unix stream socket: `sockscope
// serve echo` (every chunk an event, as the window and --json see them)
// against a minimal raw epoll echo server (this binary, in another
// process) and against socat as an echo server, in the same run. The
// client pushes 256 MiB through one connection and reads it all back;
// the figure is echoed bytes a second and its ratio to raw within each
// round, the medians of 5 interleaved rounds. Every server runs in a
// process of its own, under a 60 s limit (5 s without progress is a
// stall): a stall is reported, not fatal (socat over Unix stalls here).
// Then 10,000 idle peers held by `sockscope serve discard`: the server's
// resident memory before and after, a peer's share of it.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <optional>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kBytes = 256u << 20;
constexpr auto kLimit = std::chrono::seconds(60);
constexpr auto kNoProgress = std::chrono::seconds(5); // nothing moved this long: a stall
constexpr int kRounds = 5;

struct Target {
    bool unixSocket = false;
    int port = 0;
    std::string path;
};

int connectTo(const Target &target)
{
    if (target.unixSocket) {
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, target.path.c_str(), sizeof address.sun_path - 1);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0)
            return fd;
        ::close(fd);
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(target.port));
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0)
        return fd;
    ::close(fd);
    return -1;
}

// Waits (bounded) until the server accepts; -1 if it never does.
int connectWhenReady(const Target &target)
{
    for (int attempt = 0; attempt < 500; ++attempt) {
        const int fd = connectTo(target);
        if (fd >= 0)
            return fd;
        std::this_thread::sleep_for(std::chrono::milliseconds(10)); // the server is still starting: no event to wait on
    }
    return -1;
}

// Pushes kBytes through `fd` and reads them back; bytes a second, or
// nullopt on a stall past kLimit.
std::optional<double> echoRound(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    epoll_event interest{};
    interest.events = EPOLLIN | EPOLLOUT;
    interest.data.fd = fd;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &interest);
    std::vector<char> out(65536, 'e'), in(65536);
    std::size_t sent = 0, received = 0;
    const auto start = Clock::now();
    auto progress = start;
    bool stalled = false;
    while (received < kBytes) {
        if (Clock::now() - start > kLimit || Clock::now() - progress > kNoProgress) {
            stalled = true;
            break;
        }
        epoll_event ready[1];
        if (::epoll_wait(epoll, ready, 1, 1000) <= 0)
            continue;
        if (ready[0].events & EPOLLOUT && sent < kBytes) {
            const ssize_t n = ::send(fd, out.data(), std::min(out.size(), kBytes - sent), MSG_NOSIGNAL);
            if (n > 0) {
                sent += static_cast<std::size_t>(n);
                progress = Clock::now();
            }
            if (sent == kBytes) {
                interest.events = EPOLLIN;
                ::epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &interest);
            }
        }
        if (ready[0].events & EPOLLIN) {
            const ssize_t n = ::recv(fd, in.data(), in.size(), 0);
            if (n <= 0 && errno != EAGAIN) {
                stalled = true;
                break;
            }
            if (n > 0) {
                received += static_cast<std::size_t>(n);
                progress = Clock::now();
            }
        }
    }
    ::close(epoll);
    if (stalled)
        return std::nullopt;
    return static_cast<double>(kBytes) / std::chrono::duration<double>(Clock::now() - start).count();
}

// The raw baseline: accept, then read and write back with epoll, nothing else.
int rawEchoServer(const Target &target)
{
    int listener;
    if (target.unixSocket) {
        listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, target.path.c_str(), sizeof address.sun_path - 1);
        ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address);
    } else {
        listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int on = 1;
        ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(target.port));
        ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address);
    }
    ::listen(listener, 16);
    for (;;) { // one client at a time, as the benchmark connects
        const int peer = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (peer < 0)
            return 1;
        std::vector<char> buffer(65536);
        for (;;) {
            const ssize_t n = ::recv(peer, buffer.data(), buffer.size(), 0);
            if (n <= 0)
                break;
            for (ssize_t written = 0; written < n;) {
                const ssize_t w = ::send(peer, buffer.data() + written, static_cast<std::size_t>(n - written), MSG_NOSIGNAL);
                if (w <= 0)
                    break;
                written += w;
            }
        }
        ::close(peer);
    }
}

struct Server {
    QString name;
    QString program;
    QStringList arguments;
};

std::optional<double> measure(const Server &server, const Target &target)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(server.program, server.arguments);
    if (!process.waitForStarted(10000))
        return std::nullopt;
    const int fd = connectWhenReady(target);
    std::optional<double> rate;
    if (fd >= 0) {
        rate = echoRound(fd);
        ::close(fd);
    }
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(5000);
    }
    if (target.unixSocket)
        ::unlink(target.path.c_str());
    return rate;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void run(const QString &self, const QString &sockscope, bool unixSocket, const QString &directory)
{
    Target target;
    target.unixSocket = unixSocket;
    target.port = 47300 + (unixSocket ? 1 : 0);
    target.path = QDir(directory).filePath(QStringLiteral("echo.sock")).toStdString();
    const QString where = unixSocket ? QString::fromStdString(target.path) : QStringLiteral("127.0.0.1:%1").arg(target.port);
    const QString listen = unixSocket ? QStringLiteral("unix:") + where : where;
    const QString socatListen = unixSocket ? QStringLiteral("UNIX-LISTEN:%1").arg(where)
                                           : QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr").arg(target.port);
    const std::vector<Server> servers = {
        {QStringLiteral("raw epoll echo"), self, {QStringLiteral("--raw-echo"), unixSocket ? QStringLiteral("unix") : QStringLiteral("tcp"), unixSocket ? where : QString::number(target.port)}},
        {QStringLiteral("sockscope serve echo"), sockscope, {QStringLiteral("serve"), QStringLiteral("echo"), QStringLiteral("--listen"), listen}},
        {QStringLiteral("socat (PIPE)"), QStringLiteral("socat"), {socatListen, QStringLiteral("PIPE")}},
    };
    // Interleaved rounds; each server's ratio to raw is taken within its
    // round (the two cores are shared with the client), its median shown.
    std::vector<std::vector<double>> rates(servers.size()), ratios(servers.size());
    std::vector<int> stalls(servers.size());
    for (int round = 0; round < kRounds; ++round) {
        std::vector<std::optional<double>> got;
        for (const Server &server : servers)
            got.push_back(measure(server, target));
        for (std::size_t i = 0; i < servers.size(); ++i) {
            if (!got[i]) {
                ++stalls[i];
                continue;
            }
            rates[i].push_back(*got[i]);
            if (got[0])
                ratios[i].push_back(*got[i] / *got[0]);
        }
    }
    std::printf("\nEcho over %s, %zu MiB round trip, one connection (median of %d interleaved rounds)\n",
                unixSocket ? "a Unix stream socket" : "loopback TCP", kBytes >> 20, kRounds);
    for (std::size_t i = 0; i < servers.size(); ++i) {
        if (rates[i].empty()) {
            std::printf("  %-22s stalled in every round (nothing moved for %lld s)\n", qPrintable(servers[i].name),
                        static_cast<long long>(kNoProgress.count()));
            continue;
        }
        std::printf("  %-22s %8.0f MiB/s  %5.2fx raw%s\n", qPrintable(servers[i].name), median(rates[i]) / (1 << 20),
                    ratios[i].empty() ? 0.0 : median(ratios[i]),
                    stalls[i] ? qPrintable(QStringLiteral("  (%1 of %2 rounds stalled)").arg(stalls[i]).arg(kRounds)) : "");
    }
    const double ours = ratios[1].empty() ? 0 : median(ratios[1]);
    const double socat = ratios[2].empty() ? 0 : median(ratios[2]);
    std::printf("  target (sockscope at least 0.90x raw, faster than socat): %s\n",
                ours >= 0.9 && ours > socat ? "met" : "MISSED");
}

long residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toLong();
    }
    return -1;
}

// Counts the server's peer-accepted events as they come; its standard
// output must be read as it writes, or its writes (and it) would wait.
struct AcceptCounter {
    QProcess &server;
    int accepted = 0;
    QByteArray pending;

    void take(int waitMs)
    {
        if (server.waitForReadyRead(waitMs) || server.bytesAvailable() > 0) {
            pending += server.readAllStandardOutput();
            const qsizetype end = pending.lastIndexOf('\n') + 1;
            accepted += static_cast<int>(pending.left(end).count("\"event\":\"peer-accepted\""));
            pending = pending.mid(end);
        }
    }
    bool awaitAtLeast(int count)
    {
        const auto deadline = Clock::now() + kLimit;
        while (accepted < count && Clock::now() < deadline)
            take(1000);
        return accepted >= count;
    }
};

// 10,000 idle peers held by `sockscope serve discard`, connected from this
// process: what each costs the server beyond the kernel's own memory.
void idlePeers(const QString &sockscope)
{
    constexpr int kPeers = 10000;
    constexpr int kPort = 47310;
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max; // this side holds 10,000 too
    ::setrlimit(RLIMIT_NOFILE, &limit);
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(sockscope, {QStringLiteral("serve"), QStringLiteral("discard"), QStringLiteral("--listen"),
                             QStringLiteral("127.0.0.1:%1").arg(kPort), QStringLiteral("--max-peers"),
                             QString::number(kPeers), QStringLiteral("--json")});
    Target target;
    target.port = kPort;
    AcceptCounter counter{server};
    const int probe = connectWhenReady(target);
    if (probe < 0 || !counter.awaitAtLeast(1)) {
        std::printf("\nIdle peers: the server did not start\n");
        return;
    }
    const long before = residentKiB(server.processId());
    std::vector<int> peers{probe};
    for (int i = 1; i < kPeers; ++i) {
        const int fd = connectTo(target);
        if (fd < 0)
            break;
        peers.push_back(fd);
        if (i % 64 == 0)
            counter.take(0);
    }
    const bool all = static_cast<int>(peers.size()) == kPeers && counter.awaitAtLeast(kPeers);
    const long after = residentKiB(server.processId());
    std::printf("\n%d idle peers held by sockscope serve discard (clients in this process)\n", kPeers);
    if (!all) {
        std::printf("  only %zu connected or accepted within %lld s\n", peers.size(),
                    static_cast<long long>(kLimit.count()));
    } else {
        const double each = static_cast<double>(after - before) * 1024.0 / kPeers;
        std::printf("  resident memory %ld KiB before, %ld KiB after: %.0f bytes a peer\n", before, after, each);
        std::printf("  target (under 16 KiB a peer beyond the kernel's): %s\n", each < 16 * 1024 ? "met" : "MISSED");
    }
    for (int fd : peers)
        ::close(fd);
    server.terminate();
    if (!server.waitForFinished(10000)) {
        server.kill();
        server.waitForFinished(5000);
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--raw-echo") == 0) {
        Target target;
        target.unixSocket = std::strcmp(argv[2], "unix") == 0;
        if (target.unixSocket)
            target.path = argv[3];
        else
            target.port = std::atoi(argv[3]);
        return rawEchoServer(target);
    }
    QCoreApplication app(argc, argv);
    const QString sockscope = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../../app/sockscope"));
    if (QStandardPaths::findExecutable(QStringLiteral("socat")).isEmpty())
        std::printf("socat is not installed: its column is left out\n");
    QTemporaryDir directory;
    run(QCoreApplication::applicationFilePath(), sockscope, false, directory.path());
    run(QCoreApplication::applicationFilePath(), sockscope, true, directory.path());
    idlePeers(sockscope);
    return 0;
}
