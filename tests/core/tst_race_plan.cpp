// The connection race planned without sockets or sleeps: every scenario of
// RFC 8305 (and IO::Socket::IP's sequential order) driven with made-up
// times, checking which attempt starts when, exactly.
#include <sockscope/connect/race_plan.h>
#include <sockscope/events/error.h>

#include <QTest>
#include <cerrno>

using namespace std::chrono_literals;
using sockscope::AttemptOutcome;
using sockscope::Family;
using sockscope::RaceAction;
using sockscope::RaceConfig;
using sockscope::RacePlan;
using sockscope::SocketAddress;

namespace {

const sockscope::TimePoint kStart{std::chrono::seconds(1000)};

SocketAddress address(const char *text)
{
    return *SocketAddress::fromNumeric(text, 80);
}

std::vector<SocketAddress> addresses(std::initializer_list<const char *> texts)
{
    std::vector<SocketAddress> list;
    for (const char *text : texts)
        list.push_back(address(text));
    return list;
}

std::error_code errnoError(int value)
{
    return {value, std::system_category()};
}

// Drives a plan through its own deadlines, as the Connector does with
// timers, and writes down each start as "address@ms".
class Race {
public:
    explicit Race(RaceConfig config = {}) : plan(config, kStart) {}

    // Polls at `ms`, then at every deadline up to `untilMs`.
    void runUntil(int untilMs)
    {
        pollAt(now_);
        while (auto next = plan.nextDeadline()) {
            if (*next > kStart + std::chrono::milliseconds(untilMs))
                break;
            pollAt(*next);
        }
        now_ = kStart + std::chrono::milliseconds(untilMs);
        pollAt(now_);
    }
    void at(int ms) { now_ = kStart + std::chrono::milliseconds(ms); }
    sockscope::TimePoint now() const { return now_; }

    RacePlan plan;
    QStringList starts;
    QStringList others; // "timeout 0@1000", "cancel 1@260", "finished 1@260"

private:
    void pollAt(sockscope::TimePoint t)
    {
        const int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(t - kStart).count());
        for (const RaceAction &action : plan.poll(t)) {
            const QString at = QStringLiteral("@%1").arg(ms);
            switch (action.kind) {
            case RaceAction::Kind::StartAttempt:
                starts << QString::fromStdString(plan.attempts()[static_cast<std::size_t>(action.attempt)].address.host()) + at;
                break;
            case RaceAction::Kind::AttemptTimedOut: others << QStringLiteral("timeout %1").arg(action.attempt) + at; break;
            case RaceAction::Kind::CancelAttempt: others << QStringLiteral("cancel %1").arg(action.attempt) + at; break;
            case RaceAction::Kind::Finished: others << QStringLiteral("finished %1").arg(action.attempt) + at; break;
            }
        }
    }

    sockscope::TimePoint now_ = kStart;
};

} // namespace

class TestRacePlan : public QObject {
    Q_OBJECT
private slots:
    void refusedFirstStartsTheNextAtOnce()
    {
        Race race;
        race.plan.addressesGiven(addresses({"::1", "127.0.0.1"}), race.now());
        race.runUntil(0);
        race.plan.attemptFailed(0, errnoError(ECONNREFUSED), kStart + 3ms);
        race.at(3);
        race.runUntil(3);
        QCOMPARE(race.starts, (QStringList{QStringLiteral("::1@0"), QStringLiteral("127.0.0.1@3")}));
    }

    void silentFirstLetsTheNextStartAtTheDelay()
    {
        Race race;
        race.plan.addressesGiven(addresses({"::1", "127.0.0.1"}), race.now());
        race.runUntil(249);
        QCOMPARE(race.starts, QStringList{QStringLiteral("::1@0")});
        race.runUntil(250);
        QCOMPARE(race.starts, (QStringList{QStringLiteral("::1@0"), QStringLiteral("127.0.0.1@250")}));
        QCOMPARE(race.plan.attempts()[0].outcome, AttemptOutcome::Running); // earlier attempts keep running
    }

    void fiveSilentAddressesInterleaveAtEachDelay()
    {
        Race race;
        race.plan.familyResolved(Family::Inet6, addresses({"2001:db8::1", "2001:db8::2", "2001:db8::3"}), race.now());
        race.plan.familyResolved(Family::Inet, addresses({"192.0.2.1", "192.0.2.2"}), race.now());
        race.runUntil(1100);
        QCOMPARE(race.starts, (QStringList{QStringLiteral("2001:db8::1@0"), QStringLiteral("192.0.2.1@250"),
                                           QStringLiteral("2001:db8::2@500"), QStringLiteral("192.0.2.2@750"),
                                           QStringLiteral("2001:db8::3@1000")}));
    }

    void firstFamilyWithinTheResolutionDelayGoesFirst()
    {
        Race race;
        race.plan.familyResolved(Family::Inet, addresses({"192.0.2.1"}), race.now());
        race.runUntil(29);
        QVERIFY(race.starts.isEmpty()); // waiting for AAAA (RFC 8305 §3)
        QCOMPARE(*race.plan.nextDeadline(), kStart + 50ms);
        race.plan.familyResolved(Family::Inet6, addresses({"2001:db8::1"}), kStart + 30ms);
        race.at(30);
        race.runUntil(300);
        QCOMPARE(race.starts, (QStringList{QStringLiteral("2001:db8::1@30"), QStringLiteral("192.0.2.1@280")}));
    }

    void firstFamilyAfterTheResolutionDelayIsMergedNotAppended()
    {
        Race race;
        race.plan.familyResolved(Family::Inet, addresses({"192.0.2.1", "192.0.2.2"}), race.now());
        race.runUntil(79);
        QCOMPARE(race.starts, QStringList{QStringLiteral("192.0.2.1@50")});
        race.plan.familyResolved(Family::Inet6, addresses({"2001:db8::1", "2001:db8::2"}), kStart + 80ms);
        race.at(80);
        race.runUntil(1000);
        QCOMPARE(race.starts, (QStringList{QStringLiteral("192.0.2.1@50"), QStringLiteral("2001:db8::1@300"),
                                           QStringLiteral("192.0.2.2@550"), QStringLiteral("2001:db8::2@800")}));
    }

    void lateFamilyJoinsTheAlternation()
    {
        Race race;
        race.plan.familyResolved(Family::Inet6, addresses({"2001:db8::1", "2001:db8::2"}), race.now());
        race.runUntil(0);
        race.plan.familyResolved(Family::Inet, addresses({"192.0.2.1", "192.0.2.2"}), kStart + 100ms);
        QCOMPARE(race.plan.queue(), addresses({"192.0.2.1", "2001:db8::2", "192.0.2.2"}));
    }

    void firstFamilyCountOfTwo()
    {
        RaceConfig config;
        config.firstFamilyCount = 2;
        config.firstFamily = Family::Inet;
        Race race(config);
        race.plan.familyResolved(Family::Inet6, addresses({"2001:db8::1", "2001:db8::2"}), race.now());
        race.plan.familyResolved(Family::Inet, addresses({"192.0.2.1", "192.0.2.2"}), race.now());
        race.runUntil(800);
        QCOMPARE(race.starts, (QStringList{QStringLiteral("192.0.2.1@0"), QStringLiteral("192.0.2.2@250"),
                                           QStringLiteral("2001:db8::1@500"), QStringLiteral("2001:db8::2@750")}));
    }

    void twoWinnersKeepOne()
    {
        Race race;
        race.plan.addressesGiven(addresses({"::1", "127.0.0.1"}), race.now());
        race.runUntil(250);
        // Both report in the same batch, before the plan is asked again.
        race.plan.attemptConnected(1, kStart + 260ms);
        race.plan.attemptConnected(0, kStart + 261ms);
        race.at(261);
        race.runUntil(261);
        QCOMPARE(race.plan.winner(), std::optional<int>(1));
        QCOMPARE(race.others, (QStringList{QStringLiteral("cancel 0@261"), QStringLiteral("finished 1@261")}));
        QCOMPARE(race.plan.attempts()[0].cancelled, std::optional(sockscope::CancelReason::LostRace));
        QCOMPARE(race.plan.nextDeadline(), std::nullopt);
    }

    void stoppedAfterFiveMilliseconds()
    {
        Race race;
        race.plan.addressesGiven(addresses({"::1", "127.0.0.1"}), race.now());
        race.runUntil(0);
        race.plan.stop(kStart + 5ms);
        race.at(5);
        race.runUntil(5);
        QCOMPARE(race.others, (QStringList{QStringLiteral("cancel 0@5"), QStringLiteral("finished -1@5")}));
        QCOMPARE(race.plan.failure(), errnoError(ECANCELED));
        QCOMPARE(race.starts.size(), 1);
    }

    void sequentialWaitsForTheAttemptTimeout()
    {
        RaceConfig config;
        config.strategy = sockscope::ConnectStrategy::Sequential;
        config.attemptTimeout = 1s;
        Race race(config);
        race.plan.addressesGiven(addresses({"::1", "::2", "127.0.0.1"}), race.now());
        race.runUntil(1500);
        QCOMPARE(race.starts, (QStringList{QStringLiteral("::1@0"), QStringLiteral("::2@1000")}));
        QCOMPARE(race.others, QStringList{QStringLiteral("timeout 0@1000")});
        QCOMPARE(race.plan.attempts()[0].outcome, AttemptOutcome::TimedOut);
        race.plan.attemptFailed(1, errnoError(ECONNREFUSED), kStart + 1501ms);
        race.at(1501);
        race.runUntil(1501);
        QCOMPARE(race.starts.last(), QStringLiteral("127.0.0.1@1501"));
    }

    void sequentialKeepsAGivenListInItsOrder()
    {
        RaceConfig config;
        config.strategy = sockscope::ConnectStrategy::Sequential;
        Race race(config);
        race.plan.addressesGiven(addresses({"127.0.0.1", "::1", "127.0.0.2"}), race.now());
        QCOMPARE(race.plan.queue(), addresses({"127.0.0.1", "::1", "127.0.0.2"})); // PeerAddrInfo's order
    }

    void sequentialWaitsForBothFamilies()
    {
        RaceConfig config;
        config.strategy = sockscope::ConnectStrategy::Sequential;
        Race race(config);
        race.plan.familyResolved(Family::Inet, addresses({"192.0.2.1"}), race.now());
        race.runUntil(100);
        QVERIFY(race.starts.isEmpty()); // no resolution delay: the whole answer first
        race.plan.familyResolved(Family::Inet6, addresses({"2001:db8::1"}), kStart + 120ms);
        race.at(120);
        race.runUntil(120);
        QCOMPARE(race.starts, QStringList{QStringLiteral("2001:db8::1@120")});
    }

    void overallTimeoutCancelsWhatIsLeft()
    {
        RaceConfig config;
        config.overallTimeout = 600ms;
        config.attemptTimeout = sockscope::Duration::zero(); // the kernel's own
        Race race(config);
        race.plan.addressesGiven(addresses({"::1", "127.0.0.1", "::2", "127.0.0.2"}), race.now());
        race.runUntil(700);
        QCOMPARE(race.starts.size(), 3); // at 0, 250, 500
        QCOMPARE(race.others, (QStringList{QStringLiteral("cancel 0@600"), QStringLiteral("cancel 1@600"),
                                           QStringLiteral("cancel 2@600"), QStringLiteral("finished -1@600")}));
        QCOMPARE(race.plan.failure(), sockscope::engineError(sockscope::EngineError::GaveUpWaiting));
        QCOMPARE(race.plan.attempts()[2].cancelled, std::optional(sockscope::CancelReason::OverallTimeout));
    }

    void allFailedReportsTheMostInformativeError()
    {
        RaceConfig config;
        config.attemptTimeout = 100ms;
        Race race(config);
        race.plan.addressesGiven(addresses({"::1", "127.0.0.1", "::2", "127.0.0.2"}), race.now());
        race.runUntil(100); // attempt 0 times out; attempt 1 starts at once
        race.plan.attemptFailed(1, errnoError(ETIMEDOUT), kStart + 110ms); // the kernel's
        race.at(110);
        race.runUntil(110);
        race.plan.attemptFailed(2, errnoError(ECONNREFUSED), kStart + 120ms);
        race.at(120);
        race.runUntil(120);
        race.plan.attemptFailed(3, errnoError(EHOSTUNREACH), kStart + 130ms);
        race.at(130);
        race.runUntil(130);
        QVERIFY(race.plan.finished());
        QCOMPARE(race.plan.failure(), errnoError(ECONNREFUSED));
        QCOMPARE(race.starts.size(), 4);
        QCOMPARE(race.others.last(), QStringLiteral("finished -1@130"));
    }

    void summaryErrorOrder()
    {
        std::vector<sockscope::AttemptRecord> attempts(3);
        attempts[0].outcome = AttemptOutcome::TimedOut;
        attempts[0].error = sockscope::engineError(sockscope::EngineError::GaveUpWaiting);
        attempts[1].outcome = AttemptOutcome::Failed;
        attempts[1].error = errnoError(ETIMEDOUT);
        attempts[2].outcome = AttemptOutcome::Cancelled;
        QCOMPARE(sockscope::summaryError(attempts), errnoError(ETIMEDOUT)); // the kernel's, not our own
        attempts[2].outcome = AttemptOutcome::Failed;
        attempts[2].error = errnoError(ENETUNREACH);
        QCOMPARE(sockscope::summaryError(attempts), errnoError(ENETUNREACH));
        QCOMPARE(sockscope::summaryError({}), std::error_code{});
    }

    void noAddressesFinishesWithoutAttempts()
    {
        Race race;
        race.plan.familyResolved(Family::Inet6, {}, race.now());
        race.runUntil(10);
        QVERIFY(!race.plan.finished()); // IPv4 may still answer
        race.plan.familyResolved(Family::Inet, {}, kStart + 20ms);
        race.at(20);
        race.runUntil(20);
        QVERIFY(race.plan.finished());
        QVERIFY(race.plan.attempts().empty());
        QCOMPARE(race.plan.failure(), std::error_code{});
    }
};

QTEST_GUILESS_MAIN(TestRacePlan)
#include "tst_race_plan.moc"
