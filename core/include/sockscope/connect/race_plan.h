// RacePlan: when to start which connection attempt, as a pure state machine.
//
// The plan holds no socket and reads no clock: every input carries the time
// it happened, and poll(now) answers with what is due at `now` (start
// attempt k, an attempt's own timeout expired, cancel the rest) and when to
// ask again (nextDeadline). The Connector drives it with real sockets on the
// Reactor; tests drive it with made-up times, so every scenario of RFC 8305
// is checked exactly, without sockets or sleeps (as mozilla/happy-eyeballs
// and curl's unit tests do).
//
// Happy eyeballs (RFC 8305):
// - §3: the two families are resolved apart. The first family's answer
//   starts the race at once; an answer of the other family first waits up
//   to the Resolution Delay for it.
// - §4: the addresses are interleaved by family (happyEyeballsOrder),
//   `firstFamilyCount` of the first family before they alternate; an answer
//   that arrives later is merged into the addresses not yet tried, so the
//   families keep alternating, never appended at the end.
// - §5: the next attempt starts when the Connection Attempt Delay has passed
//   since the last start, or at once when an attempt fails; earlier attempts
//   keep running; the first to connect wins and the others are cancelled.
// Sequential (IO::Socket::IP): both families' answers first, then one
// attempt at a time in that order, the next only once the previous one
// failed or its own timeout passed.
//
// Every attempt is a record (attempts()): its address, when it started and
// ended, and how (connected, failed with its error, timed out, cancelled).
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/resolve/happy_eyeballs.h"
#include "sockscope/resolve/socket_address.h"

#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace sockscope {

enum class ConnectStrategy : std::uint8_t { HappyEyeballs, Sequential };

struct RaceConfig {
    ConnectStrategy strategy = ConnectStrategy::HappyEyeballs;
    Duration attemptDelay = std::chrono::milliseconds(250);   ///< RFC 8305 §5, 10 ms to 2 s
    Duration resolutionDelay = std::chrono::milliseconds(50); ///< RFC 8305 §3
    Duration attemptTimeout = std::chrono::seconds(5);        ///< zero: the kernel's own
    Duration overallTimeout = std::chrono::seconds(30);       ///< zero: none
    Family firstFamily = Family::Inet6;                       ///< the family tried first
    std::size_t firstFamilyCount = 1;                         ///< RFC 8305 §4
};

/// How an attempt ended, or that it has not.
enum class AttemptOutcome : std::uint8_t { Running, Connected, Failed, TimedOut, Cancelled };
std::string_view attemptOutcomeName(AttemptOutcome outcome); ///< "running", "connected", "failed", "timed-out", "cancelled"

/// Why an attempt was cancelled (the schema's `reason`).
enum class CancelReason : std::uint8_t { LostRace, OverallTimeout, Stopped };
std::string_view cancelReasonName(CancelReason reason); ///< "lost-race", "overall-timeout", "stopped"

struct AttemptRecord {
    int index = 0;
    SocketAddress address;
    TimePoint started{};
    std::optional<TimePoint> ended;
    AttemptOutcome outcome = AttemptOutcome::Running;
    std::error_code error;                ///< Failed: the kernel's error
    std::optional<CancelReason> cancelled; ///< Cancelled: why
};

/// Something the driver must do now.
struct RaceAction {
    enum class Kind : std::uint8_t {
        StartAttempt,   ///< connect to attempts()[attempt].address (its start time is set)
        AttemptTimedOut, ///< close attempt: its own timeout passed (recorded as TimedOut)
        CancelAttempt,  ///< close attempt: cancelled (recorded with its reason)
        Finished,       ///< the race is over: won() says whether and by which attempt
    };
    Kind kind;
    int attempt = -1;
};

class RacePlan {
public:
    RacePlan(RaceConfig config, TimePoint start);

    /// A family's answer (its addresses in the resolver's order; empty if
    /// the lookup failed or found none).
    void familyResolved(Family family, std::vector<SocketAddress> addresses, TimePoint now);
    /// An explicit address list: both families at once, no resolution.
    void addressesGiven(std::vector<SocketAddress> addresses, TimePoint now);
    void attemptFailed(int attempt, std::error_code error, TimePoint now);
    void attemptConnected(int attempt, TimePoint now);
    /// Stops the race (a person cancelled): everything running is cancelled.
    void stop(TimePoint now);

    /// What is due at `now`, in the order to do it. Call after every input
    /// and when nextDeadline() is reached.
    std::vector<RaceAction> poll(TimePoint now);
    /// When poll() next has something to do by itself; none while only
    /// inputs can move the race on.
    std::optional<TimePoint> nextDeadline() const;

    const std::vector<AttemptRecord> &attempts() const { return attempts_; }
    bool finished() const { return finished_; }
    /// The winning attempt, once finished with a connection.
    std::optional<int> winner() const { return winner_; }
    /// Why the race failed as a whole, once finished without a winner
    /// (summaryError() over the attempts, or the engine's ETIMEDOUT for the
    /// overall timeout, or ECANCELED when stopped).
    std::error_code failure() const { return failure_; }
    /// Addresses still to try, in the order they will be tried.
    const std::vector<SocketAddress> &queue() const { return queue_; }

private:
    bool resolving(Family family) const;
    bool waitingForFirstFamily(TimePoint now) const;
    void merge(std::vector<SocketAddress> addresses);
    int running() const;
    bool mayStartNext(TimePoint now) const;
    void startNext(TimePoint now, std::vector<RaceAction> &actions);
    void expireAttempts(TimePoint now, std::vector<RaceAction> &actions);
    void cancelRunning(CancelReason reason, TimePoint now, std::vector<RaceAction> &actions);
    void finish(std::vector<RaceAction> &actions);
    AttemptRecord *attempt(int index);

    RaceConfig config_;
    TimePoint start_;
    bool inetResolved_ = false;
    bool inet6Resolved_ = false;
    std::optional<TimePoint> otherFamilyArrived_; // when an answer of the family tried second came first
    std::vector<SocketAddress> queue_;
    std::vector<AttemptRecord> attempts_;
    std::optional<TimePoint> lastStart_;
    bool failedSinceLastStart_ = false;
    bool stopped_ = false;
    bool finished_ = false;
    bool finishReported_ = false;
    std::optional<int> winner_;
    std::error_code failure_;
};

/// One error for a race that failed, the most informative of the attempts'
/// errors: a refusal (someone answered: nothing listens there) before an
/// unreachable host or network, before any other error, before the
/// kernel's timeout, before an attempt's own timeout (we gave up waiting).
/// Among equals, the first attempt's. ETIMEDOUT when there were no
/// attempts at all is the caller's to decide: this returns an empty code.
std::error_code summaryError(const std::vector<AttemptRecord> &attempts);

} // namespace sockscope
