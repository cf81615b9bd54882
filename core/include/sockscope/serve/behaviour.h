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
//   manual   nothing by itself: a person answers each peer by hand
//
// Over datagrams (UDP, Unix datagram) each request is answered with one
// datagram: echo returns it, daytime and time answer with the time, chargen
// with the pattern, discard says nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace sockscope {

/// A peer as a behaviour sees it, whatever the transport.
class PeerChannel {
public:
    virtual ~PeerChannel() = default;
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
};

/// A new behaviour for one peer: "echo", "discard", "daytime", "chargen",
/// "time", "manual"; null for a name that is none of them.
std::unique_ptr<Behaviour> makeBehaviour(std::string_view name);
/// The names makeBehaviour() knows, in that order.
const std::vector<std::string_view> &behaviourNames();

/// RFC 864's pattern: `count` characters of its lines, from line `line` on.
std::vector<unsigned char> chargenLines(std::uint64_t line, std::size_t lines);
/// RFC 868's time: seconds since 1900-01-01 00:00 UTC, modulo 2^32.
std::uint32_t rfc868Time(std::int64_t unixSeconds);

} // namespace sockscope
