// Connector: the connection race with real sockets, on the Reactor.
//
// It drives a RacePlan (race_plan.h): for each "start attempt k" it opens a
// nonblocking socket, reads the engine's clock immediately before
// connect() (so the attempt's start matches the SYN on the wire) and
// watches it for the outcome; an error connect() reports at once goes
// through the same completion path as a late one (libuv's way), so every
// attempt ends in exactly one outcome. A timer on the Reactor brings the
// plan's next deadline. The first socket to connect is handed to the
// caller; every other is closed at once.
//
// Events, built here for the CLI and the window alike (DESIGN.md):
// attempt-start (with the local address and port connect() chose, or the
// local path of a Unix socket that has one), attempt-failed (`reason` kernel, attempt-timeout, or
// socket-option with the `option` the kernel refused), attempt-cancelled
// (`reason` lost-race, overall-timeout or stopped), connected (with the
// `options` read back), connect-failed (the summary error of race_plan.h,
// and `attempts`: every attempt with its outcome).
//
// Transports: TCP; UDP, where connect() sends nothing and succeeds at once,
// so the first address in the order wins without a race; Unix stream,
// datagram and seqpacket sockets, by path or abstract name (one address,
// no lookup). SocketOptions (socket_options.h) are applied to every
// attempt's socket before it connects; a family they rule out is neither
// looked up nor tried.
//
// Addresses come from an explicit list, or from resolve(): one lookup per
// family run side by side (RFC 8305 §3), each answer reported as a
// family-resolved event and handed to the race as it arrives.
// Destroy it on the loop thread; it closes what it still has open. The
// done callback may destroy the Connector.
#pragma once

#include "sockscope/connect/race_plan.h"
#include "sockscope/events/event.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"
#include "sockscope/reactor/watched_fd.h"
#include "sockscope/resolve/endpoint.h"
#include "sockscope/resolve/resolver.h"
#include "sockscope/socket/socket_options.h"

#include <functional>
#include <memory>
#include <variant>
#include <optional>
#include <string>
#include <vector>

namespace sockscope {

/// A target of `connect` as a person types it: host:port, [v6]:port, an
/// address and port, or unix:/path and unix:@name. A numeric host and a
/// Unix address need no lookup.
struct ConnectTarget {
    Endpoint endpoint;
    std::optional<SocketAddress> address; ///< set when host and port are both numeric, or for Unix
};

/// Parses a connect target; a missing port is bad input (naming the field),
/// as is a malformed host, service or path.
std::variant<ConnectTarget, InputError> parseConnectTarget(const std::string &text);

/// Several targets raced as one list (IO::Socket::IP's PeerAddrInfo; the
/// CLI's TARGET given more than once): each must be an IP address and
/// port. One target may be anything parseConnectTarget() takes. On bad
/// input, `*bad` is the target at fault.
std::variant<std::vector<ConnectTarget>, InputError> parseConnectTargets(const std::vector<std::string> &texts,
                                                                        std::string *bad);

class Connector {
public:
    /// The race is over: `socket` is the winner's (connected, nonblocking),
    /// or invalid when it failed (then plan().failure() says why).
    using DoneCallback = std::function<void(UniqueFd socket)>;

    Connector(Reactor &reactor, EventSink &events, std::string target, RaceConfig config, SocketOptions options,
              DoneCallback done);
    ~Connector();
    Connector(const Connector &) = delete;
    Connector &operator=(const Connector &) = delete;

    /// Races over an explicit list (IO::Socket::IP's PeerAddrInfo).
    void connect(std::vector<SocketAddress> addresses);
    /// Races to `target`: its address, or its host's addresses as the
    /// lookups on `resolver` (which must outlive this) find them.
    void connect(Resolver &resolver, const ConnectTarget &target);
    /// Races to what parseConnectTargets() accepted: one target as above,
    /// several as an explicit list.
    void connect(Resolver &resolver, const std::vector<ConnectTarget> &targets);
    /// One family's answer, as it arrives; empty when it has none.
    void familyResolved(Family family, std::vector<SocketAddress> addresses);
    /// Resolves `request` (its family hint is ignored) as two lookups, one
    /// per family, on `resolver`, which must outlive this Connector.
    void resolve(Resolver &resolver, ResolveRequest request);
    /// Cancels the race: what runs is closed, reported as stopped.
    void stop();

    const RacePlan &plan() const { return plan_; }

private:
    void advance();
    void start(int attempt);
    void completed(int attempt);
    void close(int attempt);
    void armTimer();
    Event attemptEvent(EventKind kind, int attempt) const;
    void attemptFailed(int attempt, std::string reason, std::string option = {});
    void attemptEnded(EventKind kind, int attempt, std::string reason);
    void putLocal(ExtraFields &fields, int attempt) const;
    ExtraObjects attemptsReport() const;
    void reportFinished();

    void familyAnswered(Family family, const ResolveResult &result);

    Reactor &reactor_;
    EventSink &events_;
    Resolver *resolver_ = nullptr;
    std::vector<RequestId> lookups_;
    std::error_code resolutionError_; // the first family's failure, for a race with no address at all
    std::string target_;
    TimePoint start_;
    RacePlan plan_;
    DoneCallback done_;
    std::vector<WatchedFd> sockets_; // by attempt
    UniqueFd winnerSocket_;          // unwatched as soon as it won, handed over when the race ends
    SocketOptions options_;
    struct AttemptNote {
        std::string host;   // its address as text, written once, said by every event of the attempt
        std::string reason; // why it ended, as its event said
        std::string option; // the option the kernel refused, if that was why
        std::optional<SocketAddress> local; // the local end connect() chose
    };
    std::vector<AttemptNote> notes_; // by attempt
    TimerId timer_ = 0;
    std::optional<TimePoint> timerDeadline_; // what timer_ is set for
    bool advancing_ = false;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace sockscope
