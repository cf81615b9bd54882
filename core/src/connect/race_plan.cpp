#include "sockscope/connect/race_plan.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <limits>

namespace sockscope {
namespace {

Family otherFamily(Family family)
{
    return family == Family::Inet6 ? Family::Inet : Family::Inet6;
}

// summaryError's order: lower is more informative.
int informativeness(const AttemptRecord &attempt)
{
    if (attempt.outcome == AttemptOutcome::TimedOut)
        return 4; // we gave up waiting: the least said
    switch (attempt.error.value()) {
    case ECONNREFUSED: return 0;
    case EHOSTUNREACH:
    case ENETUNREACH: return 1;
    case ETIMEDOUT: return 3;
    default: return 2;
    }
}

} // namespace

std::string_view attemptOutcomeName(AttemptOutcome outcome)
{
    switch (outcome) {
    case AttemptOutcome::Running: return "running";
    case AttemptOutcome::Connected: return "connected";
    case AttemptOutcome::Failed: return "failed";
    case AttemptOutcome::TimedOut: return "timed-out";
    case AttemptOutcome::Cancelled: return "cancelled";
    }
    return "unknown";
}

std::string_view cancelReasonName(CancelReason reason)
{
    switch (reason) {
    case CancelReason::LostRace: return "lost-race";
    case CancelReason::OverallTimeout: return "overall-timeout";
    case CancelReason::Stopped: break;
    }
    return "stopped";
}

std::error_code summaryError(const std::vector<AttemptRecord> &attempts)
{
    const AttemptRecord *best = nullptr;
    for (const AttemptRecord &attempt : attempts) {
        if (attempt.outcome != AttemptOutcome::Failed && attempt.outcome != AttemptOutcome::TimedOut)
            continue;
        if (!best || informativeness(attempt) < informativeness(*best))
            best = &attempt;
    }
    return best ? best->error : std::error_code{};
}

RacePlan::RacePlan(RaceConfig config, TimePoint start) : config_(config), start_(start) {}

bool RacePlan::resolving(Family family) const
{
    return family == Family::Inet6 ? !inet6Resolved_ : !inetResolved_;
}

void RacePlan::familyResolved(Family family, std::vector<SocketAddress> addresses, TimePoint now)
{
    (family == Family::Inet6 ? inet6Resolved_ : inetResolved_) = true;
    // RFC 8305 §3: the family tried second answering first waits (a while)
    // for the first.
    if (family != config_.firstFamily && resolving(config_.firstFamily) && !otherFamilyArrived_)
        otherFamilyArrived_ = now;
    merge(std::move(addresses));
}

void RacePlan::addressesGiven(std::vector<SocketAddress> addresses, TimePoint)
{
    inetResolved_ = inet6Resolved_ = true;
    if (config_.strategy == ConnectStrategy::Sequential)
        queue_ = std::move(addresses); // IO::Socket::IP's PeerAddrInfo: in the order given
    else
        merge(std::move(addresses));
}

// Interleaves the addresses not tried yet with `addresses`, each family
// keeping its own order, so that the families go on alternating from
// where the attempts have got to (RFC 8305 §4).
void RacePlan::merge(std::vector<SocketAddress> addresses)
{
    if (finished_)
        return; // an answer after the end changes nothing
    std::vector<SocketAddress> v6, v4;
    for (std::vector<SocketAddress> *list : {&queue_, &addresses}) {
        for (SocketAddress &address : *list)
            (address.family() == Family::Inet6 ? v6 : v4).push_back(std::move(address));
    }
    Family next = config_.firstFamily;
    std::size_t lead = config_.firstFamilyCount;
    if (config_.strategy == ConnectStrategy::Sequential) {
        lead = std::numeric_limits<std::size_t>::max(); // a family whole, then the other
    } else if (!attempts_.empty()) {
        const auto firstOfFirst = static_cast<std::size_t>(
            std::count_if(attempts_.begin(), attempts_.end(),
                          [&](const AttemptRecord &a) { return a.address.family() == config_.firstFamily; }));
        const bool leadDone = firstOfFirst >= config_.firstFamilyCount || firstOfFirst < attempts_.size();
        next = leadDone ? otherFamily(attempts_.back().address.family()) : config_.firstFamily;
        lead = leadDone ? 1 : config_.firstFamilyCount - firstOfFirst;
    }
    queue_ = happyEyeballsOrder(v6, v4, next, lead);
}

int RacePlan::running() const
{
    return static_cast<int>(std::count_if(attempts_.begin(), attempts_.end(), [](const AttemptRecord &a) {
        return a.outcome == AttemptOutcome::Running;
    }));
}

bool RacePlan::waitingForFirstFamily(TimePoint now) const
{
    return resolving(config_.firstFamily) && otherFamilyArrived_ && now < *otherFamilyArrived_ + config_.resolutionDelay;
}

bool RacePlan::mayStartNext(TimePoint now) const
{
    if (finished_ || stopped_ || winner_ || queue_.empty())
        return false;
    // Sequential tries the whole sorted answer in order, as one lookup of
    // both families would give it: it starts once both have answered.
    if (config_.strategy == ConnectStrategy::Sequential)
        return running() == 0 && !resolving(Family::Inet) && !resolving(Family::Inet6);
    if (attempts_.empty())
        return !waitingForFirstFamily(now);
    return failedSinceLastStart_ || now >= *lastStart_ + config_.attemptDelay;
}

void RacePlan::startNext(TimePoint now, std::vector<RaceAction> &actions)
{
    AttemptRecord record;
    record.index = static_cast<int>(attempts_.size());
    record.address = queue_.front();
    record.started = now;
    queue_.erase(queue_.begin());
    attempts_.push_back(record);
    lastStart_ = now;
    failedSinceLastStart_ = false;
    actions.push_back({RaceAction::Kind::StartAttempt, record.index});
}

AttemptRecord *RacePlan::attempt(int index)
{
    if (index < 0 || index >= static_cast<int>(attempts_.size()))
        return nullptr;
    AttemptRecord &record = attempts_[static_cast<std::size_t>(index)];
    return record.outcome == AttemptOutcome::Running ? &record : nullptr;
}

void RacePlan::attemptFailed(int index, std::error_code error, TimePoint now)
{
    AttemptRecord *record = attempt(index);
    if (!record)
        return; // already ended (cancelled before the kernel said so)
    record->outcome = AttemptOutcome::Failed;
    record->error = error;
    record->ended = now;
    failedSinceLastStart_ = true;
}

void RacePlan::attemptConnected(int index, TimePoint now)
{
    AttemptRecord *record = attempt(index);
    if (!record || winner_)
        return; // a later winner stays running: the next poll cancels it as a loser
    record->outcome = AttemptOutcome::Connected;
    record->ended = now;
    winner_ = index;
}

void RacePlan::stop(TimePoint)
{
    stopped_ = true;
}

void RacePlan::expireAttempts(TimePoint now, std::vector<RaceAction> &actions)
{
    if (config_.attemptTimeout == Duration::zero())
        return;
    for (AttemptRecord &record : attempts_) {
        if (record.outcome != AttemptOutcome::Running || now < record.started + config_.attemptTimeout)
            continue;
        record.outcome = AttemptOutcome::TimedOut;
        record.error = engineError(EngineError::GaveUpWaiting);
        record.ended = now;
        failedSinceLastStart_ = true;
        actions.push_back({RaceAction::Kind::AttemptTimedOut, record.index});
    }
}

void RacePlan::cancelRunning(CancelReason reason, TimePoint now, std::vector<RaceAction> &actions)
{
    for (AttemptRecord &record : attempts_) {
        if (record.outcome != AttemptOutcome::Running)
            continue;
        record.outcome = AttemptOutcome::Cancelled;
        record.cancelled = reason;
        record.ended = now;
        actions.push_back({RaceAction::Kind::CancelAttempt, record.index});
    }
}

void RacePlan::finish(std::vector<RaceAction> &actions)
{
    finished_ = true;
    queue_.clear();
    actions.push_back({RaceAction::Kind::Finished, winner_.value_or(-1)});
}

std::vector<RaceAction> RacePlan::poll(TimePoint now)
{
    std::vector<RaceAction> actions;
    if (finished_)
        return actions;
    if (winner_) {
        cancelRunning(CancelReason::LostRace, now, actions);
        finish(actions);
        return actions;
    }
    if (stopped_ || (config_.overallTimeout != Duration::zero() && now >= start_ + config_.overallTimeout)) {
        cancelRunning(stopped_ ? CancelReason::Stopped : CancelReason::OverallTimeout, now, actions);
        failure_ = stopped_ ? std::error_code(ECANCELED, std::system_category())
                            : engineError(EngineError::GaveUpWaiting);
        finish(actions);
        return actions;
    }
    expireAttempts(now, actions);
    while (mayStartNext(now))
        startNext(now, actions);
    if (!resolving(Family::Inet) && !resolving(Family::Inet6) && queue_.empty() && running() == 0) {
        failure_ = summaryError(attempts_);
        finish(actions);
    }
    return actions;
}

std::optional<TimePoint> RacePlan::nextDeadline() const
{
    if (finished_)
        return std::nullopt;
    std::optional<TimePoint> next;
    const auto consider = [&next](TimePoint t) { next = next ? std::min(*next, t) : t; };
    if (config_.overallTimeout != Duration::zero())
        consider(start_ + config_.overallTimeout);
    if (config_.attemptTimeout != Duration::zero()) {
        for (const AttemptRecord &record : attempts_) {
            if (record.outcome == AttemptOutcome::Running)
                consider(record.started + config_.attemptTimeout);
        }
    }
    if (config_.strategy == ConnectStrategy::HappyEyeballs && !queue_.empty()) {
        if (attempts_.empty() && otherFamilyArrived_ && resolving(config_.firstFamily))
            consider(*otherFamilyArrived_ + config_.resolutionDelay);
        else if (lastStart_)
            consider(*lastStart_ + config_.attemptDelay);
    }
    return next;
}

} // namespace sockscope
