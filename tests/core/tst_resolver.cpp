// The resolver against real name services, in a network namespace this test
// builds: a hosts file it writes, and a DNS responder that answers after a
// delay, so that concurrency, cancellation and a loop that never blocks can
// be seen. Without root the namespace cases skip and say why.
#include "reactor_helpers.h"
#include "test_namespace.h"

#include <sockscope/events/error.h>
#include <sockscope/resolve/resolver.h>
#include <sockscope/resolve/resolver_config.h>
#include <sockscope/reactor/unique_fd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryFile>
#include <QTest>
#include <netdb.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::ResolveRequest;
using sockscope::ResolveResult;
using sockscope::Resolver;

namespace {

constexpr double kDelaySeconds = 0.5; // the responder's delay per answer
const auto kDelay = std::chrono::milliseconds(500);
// Per run: the dev and sanitizer test runs may go at the same time. The
// namespace's parent names it; the run inside inherits the variable.
QString queryLog()
{
    return qEnvironmentVariable("SOCKSCOPE_QUERY_LOG");
}

const QByteArray kHosts = "127.0.0.1 localhost\n"
                          "::1 localhost\n"
                          "192.0.2.10 multi.test multi\n"
                          "2001:db8::10 multi.test\n"
                          "192.0.2.11 multi.test\n"
                          "2001:db8::11 multi.test\n";

bool setUp(TestNamespace &ns, QString *error)
{
    qputenv("SOCKSCOPE_QUERY_LOG", QStringLiteral("/tmp/sockscope-t%1-queries.log").arg(::getpid()).toLocal8Bit());
    QFile::remove(queryLog());
    return ns.writeEtc(QStringLiteral("hosts"), kHosts) &&
           ns.writeEtc(QStringLiteral("nsswitch.conf"), "hosts: files dns\n") &&
           // timeout:30: with glibc's usual 5 (or a test's 1) a slow answer
           // would simply time out and the test would prove nothing.
           ns.writeEtc(QStringLiteral("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:30 attempts:1\n") &&
           ns.writeEtc(QStringLiteral("gai.conf"), "# none\n") &&
           startSlowDns(ns, kDelaySeconds, queryLog(), error, {QStringLiteral("--fast-zone"), QStringLiteral("fast.test")});
}

ResolveRequest request(const std::string &host, int flags = AI_ADDRCONFIG)
{
    ResolveRequest r;
    r.host = host;
    r.hints.socktype = SOCK_STREAM;
    r.hints.flags = flags;
    return r;
}

int queriesLogged()
{
    QFile log(queryLog());
    return log.open(QIODevice::ReadOnly) ? static_cast<int>(log.readAll().count('\n')) : 0;
}

int threadCount()
{
    return static_cast<int>(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

// Workers of earlier cases may still be inside getaddrinfo, holding a UDP
// socket until their answer comes: wait until they are gone.
bool workersGone(sockscope::EpollReactor &reactor, int baseline)
{
    return runUntil(reactor, [&] { return threadCount() <= baseline; }, 10s);
}

int gBaselineThreads = 0;

} // namespace

class TestResolver : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { gBaselineThreads = threadCount(); } // QTest's watchdog included
    void init()
    {
        if (currentTestNamespace().isEmpty())
            QSKIP(qPrintable(TestNamespace::unavailableReason()));
    }

    void answersInGetaddrinfosOrder()
    {
        auto reactor = makeReactor();
        Resolver resolver(*reactor);
        std::optional<ResolveResult> result;
        resolver.resolve(request("multi.test", 0), [&](const ResolveResult &r) { result = r; });
        QVERIFY(runUntil(*reactor, [&] { return result.has_value(); }));
        QVERIFY2(!result->error, result->error.message().c_str());

        // The same question asked of libc directly, on this thread.
        addrinfo hints{};
        hints.ai_socktype = SOCK_STREAM;
        addrinfo *list = nullptr;
        QCOMPARE(::getaddrinfo("multi.test", nullptr, &hints, &list), 0);
        QStringList direct;
        for (addrinfo *entry = list; entry; entry = entry->ai_next)
            direct << QString::fromStdString(sockscope::SocketAddress::fromSockaddr(entry->ai_addr, entry->ai_addrlen)->host());
        ::freeaddrinfo(list);
        QStringList ours;
        for (const auto &entry : result->entries)
            ours << QString::fromStdString(entry.address.host());
        QCOMPARE(ours, direct);
        QCOMPARE(ours.size(), 4);
    }

    void oneFamilyWithAddrconfigAsALookupOfBoth()
    {
        // This namespace has loopback only: glibc refuses a lone family
        // under AI_ADDRCONFIG, where a lookup of both keeps both.
        auto reactor = makeReactor();
        ResolveRequest alone = request("multi.test");
        alone.hints.family = AF_INET6;
        QCOMPARE(sockscope::resolveBlocking(alone).error, sockscope::resolverError(EAI_NONAME, 0));
        alone.addrconfigAsBothFamilies = true;
        const ResolveResult result = sockscope::resolveBlocking(alone);
        QVERIFY2(!result.error, result.error.message().c_str());
        QCOMPARE(result.entries.front().address.family(), sockscope::Family::Inet6);
    }

    void reverseNamesGoAheadOfQueuedLookups()
    {
        // One worker, four slow lookups queued: the name of the first
        // answer is looked up before the third lookup starts, not after all.
        auto reactor = makeReactor();
        Resolver resolver(*reactor, 1);
        QStringList order;
        for (const char *name : {"a.slow.test", "b.slow.test", "c.slow.test", "d.slow.test"}) {
            resolver.resolve(request(name), [&, name](const ResolveResult &result) {
                order << QString::fromLatin1(name).left(1);
                if (order.size() == 1 && !result.error) {
                    resolver.reverse(result.entries.front().address, {NI_NUMERICHOST, false},
                                     [&](const sockscope::ReverseResult &) { order << QStringLiteral("reverse of a"); });
                }
            });
        }
        QVERIFY(runUntil(*reactor, [&] { return order.size() == 5; }, 30s));
        QVERIFY2(order.indexOf(QStringLiteral("reverse of a")) <= 2, qPrintable(order.join(QStringLiteral(", "))));
    }

    void slowAnswerArrivesWhileTheLoopTurns()
    {
        auto reactor = makeReactor();
        Resolver resolver(*reactor);
        std::optional<ResolveResult> result;
        const auto started = sockscope::Clock::now();
        resolver.resolve(request("one.slow.test"), [&](const ResolveResult &r) { result = r; });
        int ticks = 0;
        std::function<void()> tick = [&] {
            ++ticks;
            reactor->startTimer(10ms, tick);
        };
        reactor->startTimer(10ms, tick);
        QVERIFY(runUntil(*reactor, [&] { return result.has_value(); }, 20s));
        QVERIFY2(!result->error, result->error.message().c_str());
        QVERIFY(sockscope::Clock::now() - started >= kDelay);
        QVERIFY(result->elapsed >= kDelay);
        QCOMPARE(result->entries.front().address.host().rfind("192.0.2.", 0), std::size_t{0});
        QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks))); // the loop was never blocked
    }

    void cancelledRequestDeliversNothing()
    {
        auto reactor = makeReactor();
        Resolver resolver(*reactor);
        bool cancelledDelivered = false;
        bool laterDelivered = false;
        const auto id = resolver.resolve(request("cancelled.slow.test"), [&](const ResolveResult &) {
            cancelledDelivered = true;
        });
        QVERIFY(resolver.cancel(id));
        QVERIFY(!resolver.cancel(id));
        // Asked after the cancelled one, answered after it would have been.
        resolver.resolve(request("later.slow.test"), [&](const ResolveResult &) { laterDelivered = true; });
        QVERIFY(runUntil(*reactor, [&] { return laterDelivered; }, 20s));
        reactor->runFor(50ms);
        QVERIFY(!cancelledDelivered);
        QCOMPARE(resolver.pending(), std::size_t{0});
    }

    void concurrencyIsThePoolSize()
    {
        auto reactor = makeReactor();
        auto timeFor = [&](int workers, int lookups) {
            Resolver resolver(*reactor, workers);
            int done = 0;
            const auto started = sockscope::Clock::now();
            for (int i = 0; i < lookups; ++i) {
                const std::string name = "c" + std::to_string(workers) + "-" + std::to_string(i) + ".slow.test";
                resolver.resolve(request(name), [&](const ResolveResult &r) { done += r.error ? 0 : 1; });
            }
            runUntil(*reactor, [&] { return done == lookups; }, 30s);
            return std::make_pair(done, sockscope::Clock::now() - started);
        };
        // 8 slow lookups on 8 workers overlap: about one delay, not eight.
        const auto [wideDone, wide] = timeFor(8, 8);
        QCOMPARE(wideDone, 8);
        QVERIFY2(wide < 4 * kDelay, "8 workers did not run 8 lookups at once");
        // On 2 workers the same 8 take at least four delays in a row.
        const auto [narrowDone, narrow] = timeFor(2, 8);
        QCOMPARE(narrowDone, 8);
        QVERIFY2(narrow >= 4 * kDelay, "2 workers ran more than 2 lookups at once");
    }

    void destroyedWithLookupsInFlight()
    {
        auto reactor = makeReactor();
        int delivered = 0;
        const int asked = queriesLogged();
        {
            Resolver resolver(*reactor, 16);
            for (int i = 0; i < 40; ++i)
                resolver.resolve(request("gone" + std::to_string(i) + ".slow.test"), [&](const ResolveResult &) {
                    ++delivered;
                });
            // Wait until the workers are inside getaddrinfo, then go.
            QVERIFY(runUntil(*reactor, [&] { return queriesLogged() >= asked + 16; }, 20s));
        }
        reactor->runFor(kDelay + 300ms); // the answers come back to a pool that is closed
        QCOMPARE(delivered, 0);
    }

    void noDescriptorLeakAfterThousandLookups()
    {
        auto reactor = makeReactor();
        QVERIFY(workersGone(*reactor, gBaselineThreads));
        const int before = sockscope::openDescriptorCount();
        {
            Resolver resolver(*reactor);
            int done = 0;
            // Half of them through DNS (glibc's UDP socket per lookup), half
            // from the hosts file.
            int answeredByDns = 0;
            for (int i = 0; i < 1000; ++i) {
                const std::string name = i % 2 ? "n" + std::to_string(i) + ".fast.test" : "multi.test";
                resolver.resolve(request(name), [&, i](const ResolveResult &result) {
                    ++done;
                    answeredByDns += i % 2 && !result.error;
                });
            }
            QVERIFY(runUntil(*reactor, [&] { return done == 1000; }, 60s));
            QCOMPARE(answeredByDns, 500);
        }
        QVERIFY(workersGone(*reactor, gBaselineThreads));
        QCOMPARE(sockscope::openDescriptorCount(), before);
    }

    void reverseNamesAndConfirmation()
    {
        auto reactor = makeReactor();
        Resolver resolver(*reactor);
        std::optional<sockscope::ReverseResult> named, unnamed, required;
        resolver.reverse(*sockscope::SocketAddress::fromNumeric("192.0.2.10", 80), {0, true},
                         [&](const sockscope::ReverseResult &r) { named = r; });
        resolver.reverse(*sockscope::SocketAddress::fromNumeric("127.0.0.9", 80), {NI_NUMERICSERV, true},
                         [&](const sockscope::ReverseResult &r) { unnamed = r; });
        resolver.reverse(*sockscope::SocketAddress::fromNumeric("127.0.0.9", 80), {NI_NAMEREQD, true},
                         [&](const sockscope::ReverseResult &r) { required = r; });
        QVERIFY(runUntil(*reactor, [&] { return named && unnamed && required; }, 20s));
        QCOMPARE(QString::fromStdString(named->host), QStringLiteral("multi.test"));
        QVERIFY(named->confirmed);
        QCOMPARE(QString::fromStdString(named->service), QStringLiteral("http"));
        QCOMPARE(QString::fromStdString(unnamed->host), QStringLiteral("127.0.0.9")); // no name: itself
        QVERIFY(!unnamed->confirmed);
        QCOMPARE(QString::fromStdString(unnamed->service), QStringLiteral("80"));
        QVERIFY(required->error);
    }

    void explanationReadsTheNamespaceFiles()
    {
        auto reactor = makeReactor();
        Resolver resolver(*reactor);
        std::optional<sockscope::ResolverExplanation> e;
        resolver.explain("multi.test", {}, [&](const sockscope::ResolverExplanation &r) { e = r; });
        QVERIFY(runUntil(*reactor, [&] { return e.has_value(); }));
        QCOMPARE(QString::fromStdString(e->nsswitchHosts), QStringLiteral("files dns"));
        QCOMPARE(e->hostsMatches.size(), std::size_t{4});
        QCOMPARE(e->hostsMatches.front().line, 3);
        QCOMPARE(e->resolv.nameservers, std::vector<std::string>{"127.0.0.1"});
        QCOMPARE(e->resolv.timeout, 30);
        QCOMPARE(e->resolv.attempts, 1);
        QVERIFY(e->gaiConfFound);
        QVERIFY(e->gaiRules.empty());
        // Only lo here: glibc has no information and hides nothing.
        QVERIFY(!e->addrconfig.hidesIpv4());
        QVERIFY(!e->addrconfig.hidesIpv6());
    }
};

class TestResolverConfig : public QObject {
    Q_OBJECT
private slots:
    void searchOrderFollowsNdots_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("ndots");
        QTest::addColumn<QString>("order");
        QTest::newRow("short name: search first") << "www" << 1 << "www.a.example www.b.example www";
        QTest::newRow("enough dots: as is first") << "www.x" << 1 << "www.x www.x.a.example www.x.b.example";
        QTest::newRow("ndots 2") << "www.x" << 2 << "www.x.a.example www.x.b.example www.x";
        QTest::newRow("rooted") << "www.x." << 1 << "www.x.";
    }
    void searchOrderFollowsNdots()
    {
        QFETCH(QString, name);
        QFETCH(int, ndots);
        QFETCH(QString, order);
        sockscope::ResolvConf conf;
        conf.search = {"a.example", "b.example"};
        conf.ndots = ndots;
        QStringList got;
        for (const std::string &candidate : sockscope::searchCandidates(name.toStdString(), conf))
            got << QString::fromStdString(candidate);
        QCOMPARE(got.join(u' '), order);
    }

    void resolvConfParsing()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("# comment\nnameserver 10.0.0.1\nnameserver ::1 ; trailing\n"
                   "domain old.example\nsearch a.example b.example\noptions ndots:3 timeout:2 attempts:9 rotate\n");
        file.close();
        const sockscope::ResolvConf conf = sockscope::readResolvConf(file.fileName().toStdString());
        QVERIFY(conf.found);
        QCOMPARE(conf.nameservers, (std::vector<std::string>{"10.0.0.1", "::1"}));
        QCOMPARE(conf.search, (std::vector<std::string>{"a.example", "b.example"}));
        QCOMPARE(conf.ndots, 3);
        QCOMPARE(conf.timeout, 2);
        QCOMPARE(conf.attempts, 5); // glibc's ceiling
        QCOMPARE(conf.otherOptions, std::vector<std::string>{"rotate"});
        QVERIFY(!sockscope::readResolvConf("/nonexistent/resolv.conf").found);
    }

    void resolvConfAsGlibcReadsIt()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("nameserver 10.0.0.1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nnameserver 10.0.0.4\n"
                   "search a.example # b.example\nsearch\ndomain d.example e.example\n"
                   "options ndots:1000 timeout:abc\n  # indented, not a comment to res_init\n");
        file.close();
        const sockscope::ResolvConf conf = sockscope::readResolvConf(file.fileName().toStdString(), "host.local");
        QCOMPARE(conf.nameservers.size(), std::size_t{3}); // MAXNS
        QCOMPARE(conf.ignoredNameservers, std::vector<std::string>{"10.0.0.4"});
        QCOMPARE(conf.search, std::vector<std::string>{"d.example"}); // the last line; domain keeps one word
        QCOMPARE(conf.ndots, 15);
        QCOMPARE(conf.timeout, 0); // atoi("abc")

        QTemporaryFile bare;
        QVERIFY(bare.open());
        bare.write("nameserver 10.0.0.1\n");
        bare.close();
        const sockscope::ResolvConf fromHost = sockscope::readResolvConf(bare.fileName().toStdString(), "box.lab.example");
        QCOMPARE(fromHost.search, std::vector<std::string>{"lab.example"});
        QCOMPARE(fromHost.searchSource, sockscope::ResolvConf::SearchSource::HostName);
    }
};

int main(int argc, char **argv)
{
    const int parent = reexecInsideNamespace(argc, argv, QStringLiteral("resolver"), setUp);
    if (parent >= 0) {
        QFile::remove(queryLog()); // the run inside is over
        return parent;
    }
    QCoreApplication app(argc, argv);
    TestResolverConfig config;
    TestResolver resolver;
    return QTest::qExec(&config, argc, argv) | QTest::qExec(&resolver, argc, argv);
}

#include "tst_resolver.moc"
