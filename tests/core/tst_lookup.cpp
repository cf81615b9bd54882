// What a lookup reports, decided in core: the connect order's ranks and
// rule (RFC 8305 §4 over the sorted answer), and the verdict that leads
// "why this answer", from made-up answers and configurations (pure
// functions: no sockets, no resolver).
#include <sockscope/events/error.h>
#include <sockscope/resolve/lookup.h>

#include <QTest>
#include <netdb.h>

using sockscope::AnswerVerdict;
using sockscope::ConnectOrder;
using sockscope::ConnectOrderPolicy;
using sockscope::FamilyPreference;
using sockscope::ResolvedEntry;

namespace {

ResolvedEntry entry(const char *address, int socktype = SOCK_STREAM)
{
    return {*sockscope::SocketAddress::fromNumeric(address, 80), socktype, 0};
}

// The entries' addresses in rank order; "-" where none is ranked.
QStringList byRank(const std::vector<ResolvedEntry> &entries, const std::vector<int> &ranks)
{
    QStringList order(static_cast<qsizetype>(entries.size()), QStringLiteral("-"));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (ranks[i] >= 0)
            order[ranks[i]] = QString::fromStdString(entries[i].address.host());
    }
    order.removeAll(QStringLiteral("-"));
    return order;
}

sockscope::Lookup answered(const std::string &host, const std::vector<sockscope::HostsLine> &hostsLines,
                           const std::string &nsswitch = "files dns")
{
    sockscope::Lookup lookup;
    lookup.request.host = host;
    lookup.result = sockscope::ResolveResult{};
    lookup.result->entries = {entry("192.0.2.1")};
    sockscope::ResolverExplanation explanation;
    explanation.read = true;
    explanation.nsswitchFound = true;
    explanation.nsswitchHosts = nsswitch;
    explanation.hostsMatches = hostsLines;
    explanation.addrconfig.ipv4 = {"192.0.2.2 (eth0)"};
    explanation.addrconfig.ipv6 = {"2001:db8::2 (eth0)"};
    lookup.explanation = explanation;
    return lookup;
}

} // namespace

class TestLookup : public QObject {
    Q_OBJECT
private slots:
    void connectOrder_data()
    {
        QTest::addColumn<int>("prefer");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("first");
        // The answer, sorted with IPv4 first (as gai.conf may make it).
        QTest::newRow("sorted") << int(FamilyPreference::Sorted) << 1
                                << QStringList{QStringLiteral("192.0.2.1"), QStringLiteral("2001:db8::1"), QStringLiteral("192.0.2.2"), QStringLiteral("2001:db8::2")}
                                << QStringLiteral("inet");
        QTest::newRow("prefer inet6") << int(FamilyPreference::Inet6) << 1
                                      << QStringList{QStringLiteral("2001:db8::1"), QStringLiteral("192.0.2.1"), QStringLiteral("2001:db8::2"), QStringLiteral("192.0.2.2")}
                                      << QStringLiteral("inet6");
        QTest::newRow("prefer inet6, two first") << int(FamilyPreference::Inet6) << 2
                                                 << QStringList{QStringLiteral("2001:db8::1"), QStringLiteral("2001:db8::2"), QStringLiteral("192.0.2.1"), QStringLiteral("192.0.2.2")}
                                                 << QStringLiteral("inet6");
    }

    void connectOrder()
    {
        QFETCH(int, prefer);
        QFETCH(int, count);
        QFETCH(QStringList, expected);
        QFETCH(QString, first);
        // Each address in three socket types, and one stream repeat: only
        // the first stream entry of each address is a candidate.
        std::vector<ResolvedEntry> entries;
        for (const char *address : {"192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2"}) {
            entries.push_back(entry(address));
            entries.push_back(entry(address, SOCK_DGRAM));
            entries.push_back(entry(address, SOCK_RAW));
        }
        entries.push_back(entry("192.0.2.1"));
        ConnectOrder order;
        const auto ranks = sockscope::connectRanks(
            entries, 0, ConnectOrderPolicy{static_cast<FamilyPreference>(prefer), static_cast<std::size_t>(count)}, order);
        QCOMPARE(byRank(entries, ranks), expected);
        QCOMPARE(std::count_if(ranks.begin(), ranks.end(), [](int rank) { return rank >= 0; }), 4);
        QCOMPARE(QString::fromLatin1(sockscope::familyName(*order.firstFamily).data()), first);
        QVERIFY(order.bothFamilies);
        QCOMPARE(order.firstFamilyCount, static_cast<std::size_t>(count));
    }

    void datagramCandidatesForDatagramHints()
    {
        const std::vector<ResolvedEntry> entries{entry("::1", SOCK_STREAM), entry("::1", SOCK_DGRAM)};
        ConnectOrder order;
        const auto ranks = sockscope::connectRanks(entries, SOCK_DGRAM, {}, order);
        QCOMPARE(ranks, (std::vector<int>{-1, 0}));
        QVERIFY(!order.bothFamilies);
    }

    void sortedFirstFamilyFollowsGaiConf()
    {
        using sockscope::Family;
        QCOMPARE(sockscope::sortedFirstFamily({}), Family::Inet6); // RFC 6724's default table
        QCOMPARE(sockscope::sortedFirstFamily({{1, "precedence ::ffff:0:0/96 100"}}), Family::Inet);
        QCOMPARE(sockscope::sortedFirstFamily({{1, "label ::1/128 0"}}), Family::Inet6); // no precedence line
        QCOMPARE(sockscope::sortedFirstFamily({{1, "precedence ::/0 40"}, {2, "precedence ::ffff:0:0/96 10"}}),
                 Family::Inet6);
        QCOMPARE(sockscope::sortedFirstFamily({{1, "precedence ::/0 40"}, {2, "precedence ::ffff:0:0/96 45"}}),
                 Family::Inet);
    }

    void verdicts()
    {
        using Kind = AnswerVerdict::Kind;
        const sockscope::HostsLine v4Line{3, "192.0.2.1", {"name.test"}};
        QCOMPARE(sockscope::answerVerdict(answered("192.0.2.1", {})).kind, Kind::NumericAddress);
        QCOMPARE(sockscope::answerVerdict(answered("", {})).kind, Kind::NoHost);

        auto lookup = answered("name.test", {v4Line});
        AnswerVerdict verdict = sockscope::answerVerdict(lookup);
        QCOMPARE(verdict.kind, Kind::HostsFile);
        QCOMPARE(verdict.hostsLine, 3);

        lookup.request.hints.family = AF_INET6; // the IPv4 line does not serve it
        verdict = sockscope::answerVerdict(lookup);
        QCOMPARE(verdict.kind, Kind::Dns);
        QCOMPARE(verdict.skippedHostsLines, std::vector<int>{3});

        QCOMPARE(sockscope::answerVerdict(answered("name.test", {v4Line}, "dns files")).kind, Kind::DnsBeforeHosts);
        QCOMPARE(sockscope::answerVerdict(answered("name.test", {}, "files myhostname")).kind, Kind::OtherSource);

        lookup = answered("name.test", {});
        lookup.request.hints.flags |= AI_NUMERICHOST;
        QCOMPARE(sockscope::answerVerdict(lookup).kind, Kind::NumericHostRequired);
        lookup = answered("name.test", {});
        lookup.request.hints.socktype = SOCK_STREAM;
        lookup.request.hints.protocol = IPPROTO_UDP;
        QCOMPARE(sockscope::answerVerdict(lookup).kind, Kind::TypeProtocolClash);

        lookup = answered("name.test", {});
        lookup.request.hints.family = AF_INET6;
        lookup.explanation->addrconfig.ipv6.clear();
        lookup.request.hints.flags = AI_ADDRCONFIG;
        QCOMPARE(sockscope::answerVerdict(lookup).kind, Kind::AddrConfigRefuses);

        const std::pair<int, Kind> failures[] = {{EAI_NONAME, Kind::NotFound}, {EAI_AGAIN, Kind::DnsFailed},
                                                 {EAI_SERVICE, Kind::ServiceUnknown}, {EAI_FAMILY, Kind::Failed}};
        for (const auto &[code, kind] : failures) {
            lookup = answered("name.test", {});
            lookup.result->error = sockscope::resolverError(code, 0);
            QCOMPARE(sockscope::answerVerdict(lookup).kind, kind);
        }
        lookup = answered("name.test", {});
        lookup.explanation->read = false; // no worker could read it
        QCOMPARE(sockscope::answerVerdict(lookup).kind, Kind::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestLookup)
#include "tst_lookup.moc"
