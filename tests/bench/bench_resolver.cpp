// The resolver's concurrent batch against serial lookups: 2,000 names from a
// DNS responder that answers each query after 5 ms, in a network namespace
// this benchmark builds (root only). Printed in the same run: the
// responder's own ceiling (so that a slow responder is not mistaken for a
// slow resolver), serial getaddrinfo, `getent ahosts` run serially as a
// person would script it, and the Resolver at several pool sizes, as rates
// and ratios.
#include "reactor_helpers.h"
#include "test_namespace.h"

#include <sockscope/resolve/resolver.h>

#include <QCoreApplication>
#include <QProcess>
#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::Clock;

namespace {

constexpr double kDelaySeconds = 0.005;
constexpr int kNames = 2000;
constexpr int kSerialNames = 300;
constexpr int kGetentNames = 100;

bool setUp(TestNamespace &ns, QString *error)
{
    // An IPv4 address glibc counts for AI_ADDRCONFIG (127.0.0.1 itself does
    // not), so that AF_INET lookups are asked at all.
    return ns.ip({QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("127.0.0.2/8"), QStringLiteral("dev"),
                  QStringLiteral("lo")},
                 error) &&
           ns.writeEtc(QStringLiteral("hosts"), "127.0.0.1 localhost\n") &&
           ns.writeEtc(QStringLiteral("nsswitch.conf"), "hosts: files dns\n") &&
           ns.writeEtc(QStringLiteral("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:30 attempts:1\n") &&
           startSlowDns(ns, kDelaySeconds, QStringLiteral("/dev/null"), error);
}

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

std::string nameFor(const std::string &prefix, int i)
{
    std::string name = prefix;
    name += '-';
    name += std::to_string(i);
    name += ".slow.test";
    return name;
}

sockscope::ResolveRequest request(const std::string &name)
{
    sockscope::ResolveRequest r;
    r.host = name;
    r.hints.family = AF_INET; // one query per lookup: the responder's ceiling stays far away
    r.hints.socktype = SOCK_STREAM;
    return r;
}

// A DNS query for `name`, type A, as bytes on the wire (RFC 1035 §4.1).
std::vector<unsigned char> dnsQuery(std::uint16_t id, const std::string &name)
{
    std::vector<unsigned char> packet = {static_cast<unsigned char>(id >> 8), static_cast<unsigned char>(id), 1, 0,
                                         0, 1, 0, 0, 0, 0, 0, 0};
    std::size_t start = 0;
    while (start < name.size()) {
        const std::size_t dot = std::min(name.find('.', start), name.size());
        packet.push_back(static_cast<unsigned char>(dot - start));
        packet.insert(packet.end(), name.begin() + static_cast<std::ptrdiff_t>(start),
                      name.begin() + static_cast<std::ptrdiff_t>(dot));
        start = dot + 1;
    }
    packet.insert(packet.end(), {0, 0, 1, 0, 1});
    return packet;
}

// Answers per second the responder gives with 256 queries outstanding.
double responderCeiling()
{
    sockscope::UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(53);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd.get(), reinterpret_cast<sockaddr *>(&server), sizeof server);
    timeval timeout{2, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    constexpr int kQueries = 4000;
    constexpr int kWindow = 256;
    int sent = 0, answered = 0;
    const auto start = Clock::now();
    unsigned char buffer[512];
    while (answered < kQueries && Clock::now() - start < 30s) {
        while (sent < kQueries && sent - answered < kWindow) {
            const auto query = dnsQuery(static_cast<std::uint16_t>(sent), nameFor("ceiling", sent));
            ::send(fd.get(), query.data(), query.size(), 0);
            ++sent;
        }
        if (::recv(fd.get(), buffer, sizeof buffer, 0) <= 0)
            break;
        ++answered;
    }
    return answered / seconds(Clock::now() - start);
}

double serialGetaddrinfo()
{
    const auto start = Clock::now();
    for (int i = 0; i < kSerialNames; ++i)
        sockscope::resolveBlocking(request(nameFor("serial", i)));
    return kSerialNames / seconds(Clock::now() - start);
}

double serialGetent()
{
    const auto start = Clock::now();
    for (int i = 0; i < kGetentNames; ++i) {
        QProcess getent;
        getent.start(QStringLiteral("getent"), {QStringLiteral("ahostsv4"), QString::fromStdString(nameFor("getent", i))});
        getent.waitForFinished(30000);
    }
    return kGetentNames / seconds(Clock::now() - start);
}

double resolverBatch(int workers, int names, int *failures)
{
    auto reactor = makeReactor();
    sockscope::Resolver resolver(*reactor, workers);
    int done = 0;
    *failures = 0;
    std::string prefix = "w";
    prefix += std::to_string(workers);
    const auto start = Clock::now();
    for (int i = 0; i < names; ++i) {
        resolver.resolve(request(nameFor(prefix, i)),
                         [&](const sockscope::ResolveResult &result) {
                             ++done;
                             *failures += result.error ? 1 : 0;
                         });
    }
    runUntil(*reactor, [&] { return done == names; }, 120s);
    return done / seconds(Clock::now() - start);
}

} // namespace

int main(int argc, char **argv)
{
    const QString reason = TestNamespace::unavailableReason();
    if (!reason.isEmpty()) {
        std::printf("Resolver benchmark skipped: %s\n", qPrintable(reason));
        return 0;
    }
    const int parent = reexecInsideNamespace(argc, argv, QStringLiteral("benchresolver"), setUp);
    if (parent >= 0)
        return parent;
    QCoreApplication app(argc, argv);

    std::printf("Resolver: names from a DNS responder answering after %.0f ms (A queries, in a namespace)\n",
                kDelaySeconds * 1000);
    const double ceiling = responderCeiling();
    std::printf("  responder ceiling          %8.0f answers/s (256 queries outstanding)\n", ceiling);
    const double serial = serialGetaddrinfo();
    std::printf("  serial getaddrinfo         %8.0f names/s  (%d names)\n", serial, kSerialNames);
    const double getent = serialGetent();
    std::printf("  serial `getent ahostsv4`   %8.0f names/s  (%d names)\n", getent, kGetentNames);
    std::printf("  Resolver, %d names:\n", kNames);
    std::printf("  %8s %12s %12s %12s %14s\n", "workers", "names/s", "x serial", "x getent", "x serial/worker");
    double atDefault = 0;
    for (int workers : {1, 4, 16, 32}) {
        int failures = 0;
        const int names = workers == 1 ? kSerialNames : kNames;
        const double rate = resolverBatch(workers, names, &failures);
        if (workers == sockscope::Resolver::kDefaultWorkers)
            atDefault = rate;
        std::printf("  %8d %12.0f %11.1fx %11.1fx %13.2fx%s\n", workers, rate, rate / serial, rate / getent,
                    rate / serial / workers, failures ? "  (lookups failed!)" : "");
    }
    const bool met = atDefault / serial >= 10.0;
    std::printf("  target (default pool of %d at least 10x serial getaddrinfo): %s (%.1fx)\n",
                sockscope::Resolver::kDefaultWorkers, met ? "met" : "MISSED", atDefault / serial);
    return 0;
}
