// Behaviour: what a server does with a peer, one small class each, all
// event-driven (they are called on the loop thread and never block).
//
//   echo     RFC 862: everything back; stops reading while more than 1 MiB
//            waits to go out (a peer that never reads cannot grow memory)
//   discard  RFC 863: reads and drops
//   daytime  RFC 867: the date and time as text, then the server's end
//   chargen  RFC 864: the rotating 72-column pattern, as fast as the peer
//            reads; over UDP a datagram of 0 to 512 of it per datagram
//   time     RFC 868: seconds since 1900 as 32 bits big-endian, then the end
//   greeter  perlipc's: "Hello there, NAME, it's now TIME", then the end;
//            NAME is the peer's forward-confirmed reverse name, or its
//            address when the name is not confirmed or not known within 1 s
//   command  perlipc's "Command?" server: help, date, echo, stats, quit,
//            one line at a time (at most 1 KiB); it never runs a program
//   logger   Perl Cookbook's backsniff: a `peer-logged` event with the
//            peer's address, name and first bytes (at most 64, waited for
//            1 s), then the end
//   forward  Perl Cookbook's fwdport: each peer gets a connection of its
//            own to the target (the Connector: happy eyeballs and all, its
//            events tagged with the peer), bytes both ways with
//            back-pressure, half-closes passed on
//   manual   nothing by itself: a person answers each peer by hand
//
// Over datagrams (UDP, Unix datagram) each request is answered with one
// datagram: echo returns it, daytime, time and greeter answer with their
// message, chargen with the pattern, command with the command's answer,
// discard and logger say nothing (forward serves streams only).
#pragma once

#include "sockscope/connect/connector.h"
#include "sockscope/connect/stream_session.h"
#include "sockscope/events/event.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/resolve/resolver.h"
#include "sockscope/resolve/socket_address.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace sockscope {

/// Who a peer is, as far as the server knows yet.
struct PeerIdentity {
    std::uint64_t id = 0;
    SocketAddress address; ///< IPv4-mapped shown as IPv4; a Unix peer: the socket it came through
    std::optional<ReverseResult> name; ///< once the reverse lookup has answered
    bool namePending = false;          ///< a reverse lookup is on its way
    std::optional<int> pid, uid, gid;  ///< a Unix peer's credentials (SO_PEERCRED)
};

/// A peer as a behaviour sees it, whatever the transport.
class PeerChannel {
public:
    virtual ~PeerChannel() = default;
    const PeerIdentity &identity() const { return identity_; }
    /// The forward-confirmed reverse name, else the address as text.
    std::string displayName() const;
    /// Sends bytes to the peer (one datagram on a datagram peer), queued
    /// for what cannot go at once; false when nothing more can be sent
    /// (the server's end was sent, the peer is gone).
    virtual bool send(const unsigned char *data, std::size_t size) = 0;
    bool send(const std::vector<unsigned char> &bytes) { return send(bytes.data(), bytes.size()); }
    /// The server's end: the connection is closed once what is queued is
    /// written (streams; RFC 867 and 868 say the server closes).
    virtual void finish() = 0;
    /// Bytes waiting to go out.
    virtual std::size_t queued() const = 0;
    virtual void pauseReading() = 0;
    virtual void resumeReading() = 0;
    virtual bool datagram() const = 0;
    /// Sends FIN once what is queued is written; the peer may go on sending.
    virtual void halfClose() = 0;
    /// Ends the peer now.
    virtual void close() = 0;

protected:
    PeerIdentity identity_;
};

/// What a server offers its behaviours.
struct ServerStats {
    std::size_t openPeers = 0;
    std::uint64_t acceptedPeers = 0;
    std::uint64_t bytesIn = 0; ///< of peers closed, and of the open ones so far
    std::uint64_t bytesOut = 0;
    Duration uptime{};
};

struct BehaviourContext {
    Reactor *reactor = nullptr;
    EventSink *events = nullptr;   ///< for what a behaviour reports (peer-logged, the forwarder's connections)
    Resolver *resolver = nullptr;  ///< the forwarder's lookups
    std::optional<ConnectTarget> forwardTo;
    std::string forwardToText; ///< as typed: the forwarder's events say it as `target`
    std::function<ServerStats()> stats;
    /// Takes a connection a behaviour leaves behind still writing (the
    /// forwarder's, when its peer is done first), with the sink its events
    /// go to: the server keeps both until it has written what was queued
    /// and closed.
    std::function<void(std::unique_ptr<StreamSession>, std::unique_ptr<EventSink>)> linger;
};

class Behaviour {
public:
    virtual ~Behaviour() = default;
    /// A stream peer was accepted (datagram peers are opened by their
    /// first datagram, which comes as received()).
    virtual void opened(PeerChannel &peer);
    virtual void received(PeerChannel &peer, const std::vector<unsigned char> &bytes);
    /// What was queued for the peer fell low again after being high.
    virtual void drained(PeerChannel &peer);
    /// The peer's reverse name has arrived (identity().name), or failed.
    virtual void named(PeerChannel &peer);
    /// A stream peer sent its end (FIN); true keeps the connection open
    /// for what the behaviour still sends (it half-closes when done).
    virtual bool inputEnded(PeerChannel &peer);
};

/// A new behaviour for one peer: one of behaviourNames(); null for a name
/// that is none of them, or for `forward` without a target.
std::unique_ptr<Behaviour> makeBehaviour(std::string_view name, const BehaviourContext &context);
/// The names makeBehaviour() knows, in that order.
const std::vector<std::string_view> &behaviourNames();
bool knownBehaviour(std::string_view name);
/// Behaviours that serve streams only (forward).
bool streamOnlyBehaviour(std::string_view name);

/// RFC 864's pattern: `count` characters of its lines, from line `line` on.
std::vector<unsigned char> chargenLines(std::uint64_t line, std::size_t lines);
/// RFC 868's time: seconds since 1900-01-01 00:00 UTC, modulo 2^32.
std::uint32_t rfc868Time(std::int64_t unixSeconds);

} // namespace sockscope
