#include "sockscope/connect/connector.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <netdb.h>
#include <sys/socket.h>

namespace sockscope {
namespace {

int nativeFamily(Family family)
{
    return family == Family::Inet6 ? AF_INET6 : family == Family::Inet ? AF_INET : AF_UNIX;
}

std::optional<SocketAddress> localAddress(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return std::nullopt;
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
}

} // namespace

std::variant<ConnectTarget, InputError> parseConnectTarget(const std::string &text)
{
    auto parsed = parseEndpoint(text);
    if (auto *error = std::get_if<InputError>(&parsed))
        return *error;
    ConnectTarget target{std::get<Endpoint>(parsed), std::nullopt};
    const Endpoint &endpoint = target.endpoint;
    if (endpoint.kind == Endpoint::Kind::Unix) {
        target.address = SocketAddress::unix(endpoint.path, endpoint.abstract);
        return target;
    }
    if (endpoint.service.empty())
        return InputError{InputErrorCode::EmptyService, "service", "", text.size(), 0};
    const bool numericPort = endpoint.service.find_first_not_of("0123456789") == std::string::npos;
    if (auto address = SocketAddress::fromNumeric(endpoint.host, 0); address && numericPort) {
        address->setPort(std::stoi(endpoint.service));
        target.address = address;
    }
    return target;
}

std::variant<std::vector<ConnectTarget>, InputError> parseConnectTargets(const std::vector<std::string> &texts,
                                                                        std::string *bad)
{
    std::vector<ConnectTarget> targets;
    for (const std::string &text : texts) {
        auto one = parseConnectTarget(text);
        std::optional<InputError> error;
        if (auto *input = std::get_if<InputError>(&one))
            error = *input;
        else if (texts.size() > 1 && !std::get<ConnectTarget>(one).address)
            error = InputError{InputErrorCode::Conflict, "host", std::get<ConnectTarget>(one).endpoint.host, 0, 0};
        else if (texts.size() > 1 && std::get<ConnectTarget>(one).endpoint.kind == Endpoint::Kind::Unix)
            error = InputError{InputErrorCode::Conflict, "host", text, 0, 0}; // one Unix socket: nothing to race
        if (error) {
            if (bad)
                *bad = text;
            return *error;
        }
        targets.push_back(std::get<ConnectTarget>(one));
    }
    if (targets.empty())
        return InputError{InputErrorCode::Empty, "host", "", 0, 0};
    return targets;
}

Connector::Connector(Reactor &reactor, EventSink &events, std::string target, RaceConfig config,
                     SocketOptions options, DoneCallback done)
    : reactor_(reactor), events_(events), target_(std::move(target)), start_(reactor.now()), plan_(config, start_),
      done_(std::move(done)), options_(std::move(options))
{
}

Connector::~Connector()
{
    *alive_ = false;
    reactor_.cancelTimer(timer_);
    for (RequestId id : lookups_)
        resolver_->cancel(id);
}

void Connector::resolve(Resolver &resolver, ResolveRequest request)
{
    resolver_ = &resolver;
    for (const Family family : {Family::Inet6, Family::Inet}) {
        if (!familyAllowed(options_, family)) {
            plan_.familyResolved(family, {}, reactor_.now()); // ruled out: no lookup, nothing to wait for
            continue;
        }
        ResolveRequest one = request;
        one.hints.family = family == Family::Inet6 ? AF_INET6 : AF_INET;
        one.addrconfigAsBothFamilies = true;
        lookups_.push_back(
            resolver.resolve(one, [this, family](const ResolveResult &result) { familyAnswered(family, result); }));
    }
}

// A family's answer: reported as it is, then given to the race (addresses
// once each, in the resolver's order; none when the lookup failed).
void Connector::familyAnswered(Family family, const ResolveResult &result)
{
    Event event = makeEvent(EventKind::FamilyResolved, result.finished, target_);
    event.family = family;
    event.elapsed = result.elapsed;
    std::vector<SocketAddress> addresses;
    std::vector<std::string> names;
    for (const ResolvedEntry &entry : result.entries) {
        const std::string host = entry.address.host();
        if (std::find(names.begin(), names.end(), host) != names.end())
            continue;
        names.push_back(host);
        addresses.push_back(entry.address);
    }
    if (result.error) {
        event.error = result.error;
        if (!resolutionError_)
            resolutionError_ = result.error;
    }
    else
        event.extra.emplace_back("addresses", names);
    events_.onEvent(event);
    familyResolved(family, std::move(addresses));
}

void Connector::connect(std::vector<SocketAddress> addresses)
{
    const std::size_t given = addresses.size();
    addresses.erase(std::remove_if(addresses.begin(), addresses.end(),
                                   [this](const SocketAddress &a) { return !familyAllowed(options_, a.family()); }),
                    addresses.end());
    if (addresses.empty() && given != 0)
        resolutionError_ = resolverError(EAI_ADDRFAMILY, 0);
    plan_.addressesGiven(std::move(addresses), reactor_.now());
    advance();
}

void Connector::connect(Resolver &resolver, const ConnectTarget &target)
{
    if (target.address) {
        connect(std::vector<SocketAddress>{*target.address});
        return;
    }
    ResolveRequest request;
    request.host = target.endpoint.host;
    request.service = target.endpoint.service;
    request.fallbackPort = target.endpoint.fallbackPort;
    request.hints.socktype = options_.socktype;
    resolve(resolver, request);
}

void Connector::connect(Resolver &resolver, const std::vector<ConnectTarget> &targets)
{
    if (targets.size() == 1) {
        connect(resolver, targets.front());
        return;
    }
    std::vector<SocketAddress> addresses;
    for (const ConnectTarget &target : targets)
        addresses.push_back(*target.address);
    connect(std::move(addresses));
}

void Connector::familyResolved(Family family, std::vector<SocketAddress> addresses)
{
    plan_.familyResolved(family, std::move(addresses), reactor_.now());
    advance();
}

void Connector::stop()
{
    plan_.stop(reactor_.now());
    advance();
}

Event Connector::attemptEvent(EventKind kind, int attempt) const
{
    const AttemptRecord &record = plan_.attempts()[static_cast<std::size_t>(attempt)];
    Event event = makeEvent(kind, reactor_.now(), target_);
    event.attempt = attempt;
    event.family = record.address.family();
    event.socktype = socketTypeFromNative(options_.socktype);
    if (record.address.family() == Family::Unix) {
        event.path = notes_[static_cast<std::size_t>(attempt)].host;
    } else {
        event.address = notes_[static_cast<std::size_t>(attempt)].host;
        event.port = record.address.port();
    }
    return event;
}

// An attempt that failed (the plan knows already) is reported and closed.
void Connector::attemptFailed(int attempt, std::string reason, std::string option)
{
    AttemptNote &note = notes_[static_cast<std::size_t>(attempt)];
    note.option = std::move(option);
    Event event = attemptEvent(EventKind::AttemptFailed, attempt);
    const AttemptRecord &record = plan_.attempts()[static_cast<std::size_t>(attempt)];
    event.error = record.outcome == AttemptOutcome::TimedOut ? engineError(EngineError::GaveUpWaiting) : record.error;
    event.extra.emplace_back("reason", reason);
    if (!note.option.empty())
        event.extra.emplace_back("option", note.option);
    note.reason = std::move(reason);
    events_.onEvent(event);
    close(attempt);
}

// The attempt's local end: address and port, or a Unix socket's own path
// (autobound datagram clients have one, stream clients none).
void Connector::putLocal(ExtraFields &fields, int attempt) const
{
    const std::optional<SocketAddress> &local = notes_[static_cast<std::size_t>(attempt)].local;
    if (local && local->family() != Family::Unix) {
        fields.emplace_back("local_address", local->host());
        fields.emplace_back("local_port", std::int64_t{local->port()});
    } else if (local && !local->host().empty()) {
        fields.emplace_back("local_path", local->host());
    }
}

void Connector::attemptEnded(EventKind kind, int attempt, std::string reason)
{
    Event event = attemptEvent(kind, attempt);
    event.extra.emplace_back("reason", reason);
    notes_[static_cast<std::size_t>(attempt)].reason = std::move(reason);
    events_.onEvent(event);
    close(attempt);
}

// Asks the plan what is due until it has nothing more, then waits for its
// next deadline. Inputs that arrive while it works (an attempt that fails
// at once) are taken by the next round of the same loop.
void Connector::advance()
{
    if (advancing_)
        return;
    advancing_ = true;
    for (;;) {
        const std::vector<RaceAction> actions = plan_.poll(reactor_.now());
        if (actions.empty())
            break;
        for (const RaceAction &action : actions) {
            switch (action.kind) {
            case RaceAction::Kind::StartAttempt: start(action.attempt); break;
            case RaceAction::Kind::AttemptTimedOut: attemptFailed(action.attempt, "attempt-timeout"); break;
            case RaceAction::Kind::CancelAttempt: {
                const AttemptRecord &record = plan_.attempts()[static_cast<std::size_t>(action.attempt)];
                attemptEnded(EventKind::AttemptCancelled, action.attempt,
                             std::string(cancelReasonName(*record.cancelled)));
                break;
            }
            case RaceAction::Kind::Finished: reportFinished(); return; // the callback may have destroyed this
            }
        }
    }
    advancing_ = false;
    armTimer();
}

void Connector::start(int attempt)
{
    const SocketAddress address = plan_.attempts()[static_cast<std::size_t>(attempt)].address;
    sockets_.resize(static_cast<std::size_t>(attempt) + 1);
    notes_.push_back({address.host(), {}, {}, {}});
    UniqueFd fd(::socket(nativeFamily(address.family()), options_.socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    std::error_code error = fd ? std::error_code{} : lastSystemError();
    std::optional<SocketOptionFailure> refused;
    if (fd) {
        refused = applySocketOptions(fd.get(), address.family(), options_);
        if (refused)
            error = refused->error;
    }
    // Read immediately before connect(): the attempt's start is its SYN's.
    Event started = attemptEvent(EventKind::AttemptStart, attempt);
    if (!error && ::connect(fd.get(), address.data(), address.size()) != 0 && errno != EINPROGRESS)
        error = lastSystemError();
    if (!error) {
        notes_.back().local = localAddress(fd.get()); // bound by connect(): the attempt's own end
        putLocal(started.extra, attempt);
    }
    events_.onEvent(started);
    if (!error) {
        error = WatchedFd::start(reactor_, std::move(fd), Interest::Write,
                                 [this, attempt](Readiness) { completed(attempt); },
                                 sockets_[static_cast<std::size_t>(attempt)]);
        if (!error)
            return;
    }
    // Refused at once (or no socket at all): the same outcome as a late one.
    plan_.attemptFailed(attempt, error, reactor_.now());
    if (refused)
        attemptFailed(attempt, "socket-option", refused->option);
    else
        attemptFailed(attempt, "kernel");
}

// The kernel's outcome of attempt `attempt`: writable means connected or
// failed, SO_ERROR says which.
void Connector::completed(int attempt)
{
    const int fd = sockets_[static_cast<std::size_t>(attempt)].get();
    int soError = 0;
    socklen_t length = sizeof soError;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length) != 0)
        soError = errno;
    const TimePoint now = reactor_.now();
    if (soError == 0) {
        plan_.attemptConnected(attempt, now);
        if (plan_.winner() == attempt) {
            Event event = attemptEvent(EventKind::Connected, attempt);
            event.elapsed = now - start_;
            putLocal(event.extra, attempt);
            if (!options_.requests.empty() || !options_.bindDevice.empty())
                event.extra.emplace_back("options", readBackSocketOptions(fd, plan_.attempts()[static_cast<std::size_t>(attempt)].address.family(), options_));
            winnerSocket_ = sockets_[static_cast<std::size_t>(attempt)].release(); // no more readiness: it is won
            events_.onEvent(event);
        }
    } else {
        plan_.attemptFailed(attempt, {soError, std::system_category()}, now);
        attemptFailed(attempt, "kernel");
    }
    advance();
}

void Connector::close(int attempt)
{
    if (static_cast<std::size_t>(attempt) < sockets_.size())
        sockets_[static_cast<std::size_t>(attempt)].reset();
}

// One timer for the plan's next deadline, moved only when the deadline does
// (most steps of a race leave it where it was).
void Connector::armTimer()
{
    const std::optional<TimePoint> deadline = plan_.nextDeadline();
    if (timer_ != 0 && deadline == timerDeadline_)
        return;
    reactor_.cancelTimer(std::exchange(timer_, 0));
    timerDeadline_ = deadline;
    if (deadline) {
        timer_ = reactor_.startTimer(*deadline - reactor_.now(), [this] {
            timer_ = 0;
            advance();
        });
    }
}

// Every attempt with its outcome, for connect-failed: the fields its own
// events had, so a reader of this one event needs no other.
ExtraObjects Connector::attemptsReport() const
{
    ExtraObjects report;
    for (const AttemptRecord &record : plan_.attempts()) {
        const AttemptNote &note = notes_[static_cast<std::size_t>(record.index)];
        ExtraObject object;
        ExtraFields &fields = object.fields;
        fields.emplace_back("attempt", std::int64_t{record.index});
        if (record.address.family() == Family::Unix) {
            fields.emplace_back("path", note.host);
        } else {
            fields.emplace_back("address", note.host);
            fields.emplace_back("port", std::int64_t{record.address.port()});
        }
        fields.emplace_back("family", std::string(familyName(record.address.family())));
        putLocal(fields, record.index);
        fields.emplace_back("outcome", std::string(attemptOutcomeName(record.outcome)));
        if (record.outcome == AttemptOutcome::TimedOut)
            fields.emplace_back("error", engineError(EngineError::GaveUpWaiting));
        else if (record.error)
            fields.emplace_back("error", record.error);
        if (!note.reason.empty())
            fields.emplace_back("reason", note.reason);
        if (!note.option.empty())
            fields.emplace_back("option", note.option);
        if (record.ended)
            fields.emplace_back("elapsed_ms", std::round(std::chrono::duration<double, std::micro>(*record.ended - record.started).count()) / 1000.0);
        report.push_back(std::move(object));
    }
    return report;
}

void Connector::reportFinished()
{
    reactor_.cancelTimer(std::exchange(timer_, 0));
    for (RequestId id : lookups_)
        resolver_->cancel(id); // the other family's answer is of no use now
    lookups_.clear();
    UniqueFd socket;
    if (plan_.winner()) {
        socket = std::move(winnerSocket_);
    } else {
        Event event = makeEvent(EventKind::ConnectFailed, reactor_.now(), target_);
        // No attempt at all: the lookups' own error, or no address to try.
        event.error = plan_.failure()      ? plan_.failure()
                      : resolutionError_ ? resolutionError_
                                         : resolverError(EAI_NODATA, 0);
        event.elapsed = reactor_.now() - start_;
        event.extra.emplace_back("attempts", attemptsReport());
        events_.onEvent(event);
    }
    sockets_.clear();
    done_(std::move(socket)); // may destroy this: nothing after it
}

} // namespace sockscope
