#include "sockscope/connect/connector.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
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
    if (endpoint.kind == Endpoint::Kind::Unix)
        return InputError{InputErrorCode::UnixNotAllowed, "host", text, 0, 0};
    if (endpoint.service.empty())
        return InputError{InputErrorCode::EmptyService, "service", "", text.size(), 0};
    const bool numericPort = endpoint.service.find_first_not_of("0123456789") == std::string::npos;
    if (auto address = SocketAddress::fromNumeric(endpoint.host, 0); address && numericPort) {
        address->setPort(std::stoi(endpoint.service));
        target.address = address;
    }
    return target;
}

Connector::Connector(Reactor &reactor, EventSink &events, std::string target, RaceConfig config, DoneCallback done)
    : reactor_(reactor), events_(events), target_(std::move(target)), start_(reactor.now()), plan_(config, start_),
      done_(std::move(done))
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
    request.hints.socktype = SOCK_STREAM;
    resolve(resolver, request);
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
    event.address = hosts_[static_cast<std::size_t>(attempt)];
    event.port = record.address.port();
    event.family = record.address.family();
    return event;
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
            case RaceAction::Kind::AttemptTimedOut: {
                Event event = attemptEvent(EventKind::AttemptFailed, action.attempt);
                event.error = engineError(EngineError::GaveUpWaiting);
                event.extra.emplace_back("reason", std::string("attempt-timeout"));
                events_.onEvent(event);
                close(action.attempt);
                break;
            }
            case RaceAction::Kind::CancelAttempt: {
                const AttemptRecord &record = plan_.attempts()[static_cast<std::size_t>(action.attempt)];
                Event event = attemptEvent(EventKind::AttemptCancelled, action.attempt);
                event.extra.emplace_back("reason", std::string(cancelReasonName(*record.cancelled)));
                events_.onEvent(event);
                close(action.attempt);
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
    hosts_.push_back(address.host()); // written once, said by every event of the attempt
    UniqueFd fd(::socket(nativeFamily(address.family()), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    // Read immediately before connect(): the attempt's start is its SYN's.
    Event started = attemptEvent(EventKind::AttemptStart, attempt);
    const int status = fd ? ::connect(fd.get(), address.data(), address.size()) : -1;
    const std::error_code error = status == 0 || errno == EINPROGRESS ? std::error_code{} : lastSystemError();
    events_.onEvent(started);
    if (!error) {
        const std::error_code watched =
            WatchedFd::start(reactor_, std::move(fd), Interest::Write,
                             [this, attempt](Readiness) { completed(attempt); }, sockets_[static_cast<std::size_t>(attempt)]);
        if (!watched)
            return;
        plan_.attemptFailed(attempt, watched, reactor_.now());
    } else {
        plan_.attemptFailed(attempt, error, reactor_.now());
    }
    // Refused at once (or no socket at all): the same outcome as a late one.
    Event failed = attemptEvent(EventKind::AttemptFailed, attempt);
    failed.error = plan_.attempts()[static_cast<std::size_t>(attempt)].error;
    failed.extra.emplace_back("reason", std::string("kernel"));
    events_.onEvent(failed);
    close(attempt);
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
            if (const auto local = localAddress(fd)) {
                event.extra.reserve(2);
                event.extra.emplace_back("local_address", local->host());
                event.extra.emplace_back("local_port", std::int64_t{local->port()});
            }
            sockets_[static_cast<std::size_t>(attempt)].setInterest(Interest::None);
            events_.onEvent(event);
        }
    } else {
        plan_.attemptFailed(attempt, {soError, std::system_category()}, now);
        Event event = attemptEvent(EventKind::AttemptFailed, attempt);
        event.error = {soError, std::system_category()};
        event.extra.emplace_back("reason", std::string("kernel"));
        events_.onEvent(event);
        close(attempt);
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

void Connector::reportFinished()
{
    reactor_.cancelTimer(std::exchange(timer_, 0));
    for (RequestId id : lookups_)
        resolver_->cancel(id); // the other family's answer is of no use now
    lookups_.clear();
    UniqueFd socket;
    if (const auto winner = plan_.winner()) {
        socket = sockets_[static_cast<std::size_t>(*winner)].release();
    } else {
        Event event = makeEvent(EventKind::ConnectFailed, reactor_.now(), target_);
        // No attempt at all: the lookups' own error, or no address to try.
        event.error = plan_.failure()      ? plan_.failure()
                      : resolutionError_ ? resolutionError_
                                         : resolverError(EAI_NODATA, 0);
        event.elapsed = reactor_.now() - start_;
        event.extra.emplace_back("attempt_count", static_cast<std::int64_t>(plan_.attempts().size()));
        events_.onEvent(event);
    }
    sockets_.clear();
    done_(std::move(socket)); // may destroy this: nothing after it
}

} // namespace sockscope
