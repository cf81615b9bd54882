// StreamSession: what happens on a connected socket after the race.
//
// Made for streams (TCP, Unix stream), it serves message sockets too: on a
// Unix seqpacket socket each send() is one message and recv() of zero is
// the end, as on a stream; on a datagram socket (UDP, Unix datagram) each
// chunk sent is one datagram, an empty one included, a datagram of zero
// bytes is reported as such, nothing marks the end (the idle timeout or a
// local close ends it), and ECONNREFUSED from a UDP peer's port
// unreachable ends the session with `reason` refused. A message longer than
// the 64 KiB read buffer keeps what fits and says in `truncated_bytes` how
// much the kernel dropped.
//
// Bytes from the peer are read as the Reactor reports them, reported as
// `data` events (direction "in") and handed to the consumer; bytes to send
// are queued and written as the socket takes them (`data`, direction
// "out"). The consumer can pause reading while it cannot take more (a slow
// standard output): the socket then simply stays unread, nothing is
// dropped, and the kernel's flow control slows the peer. shutdownWrite()
// sends FIN once the queue is written (a half-close, Perl Cookbook 17.9);
// the session ends with one `closed` event: the peer closed (`peer-closed`),
// reset it (`reset`), refused a datagram (`refused`), another error
// (`error`, with it), it was idle too
// long (`idle-timeout`), or we closed it (`local`), with the byte totals.
// Bytes queued for the peer are counted (queued()); `onDrained` says when
// they fell below kLowWater after passing kHighWater, so a source can pause.
//
// Destroy it on the loop thread; the consumer's callbacks may not destroy
// it (post that), except onClosed.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"
#include "sockscope/reactor/watched_fd.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sockscope {

class StreamSession {
public:
    struct Callbacks {
        std::function<void(const std::vector<unsigned char> &bytes)> onData; ///< bytes from the peer
        std::function<void(const std::string &reason)> onClosed;             ///< the session is over
        std::function<void()> onDrained; ///< the queue for the peer is low again
        /// The peer sent its end (FIN). True keeps the session open for
        /// what we still send, until shutdownWrite() (a forwarder passes
        /// the half-close on, Perl Cookbook 17.9); unset or false ends it
        /// once the queue is written.
        std::function<bool()> onEndOfInput;
    };

    /// Takes the connected socket. `idleTimeout` zero: none.
    static std::unique_ptr<StreamSession> start(Reactor &reactor, EventSink &events, std::string target, UniqueFd socket,
                                                Duration idleTimeout, Callbacks callbacks, std::error_code &error);
    ~StreamSession();
    StreamSession(const StreamSession &) = delete;
    StreamSession &operator=(const StreamSession &) = delete;

    /// Queues bytes for the peer; false (nothing queued) once the session
    /// is closed or its write side shut down (shutdownWrite()).
    bool send(std::vector<unsigned char> bytes);
    /// The same from memory the caller keeps: written at once when nothing
    /// waits, copied only for what the kernel does not take yet.
    bool send(const unsigned char *data, std::size_t size);
    /// Sends FIN once everything queued is written.
    void shutdownWrite();
    /// Closes once everything queued is written (reason `local`): a server
    /// that has said all it will (daytime, time) ends the connection.
    void closeAfterWrite();
    /// Stops and resumes reading from the peer (back-pressure).
    void pauseReading();
    void resumeReading();
    /// New callbacks, for a session whose consumer goes before it does (a
    /// forwarder's connection finishing what was queued for the target).
    void setCallbacks(Callbacks callbacks) { callbacks_ = std::move(callbacks); }
    /// Makes this a server's peer: its events carry `peer` and its end is
    /// `peer-closed` (call before the loop runs again).
    void identifyAsPeer(std::uint64_t peer);
    /// Closes now, reporting `reason` (`local` unless said: a server that
    /// stops says `stopped`).
    void close(const std::string &reason = "local");
    /// Closes now with RST instead of FIN (SO_LINGER 0; reason `aborted`):
    /// what was queued is dropped, as the peer is told.
    void abort();

    static constexpr std::size_t kHighWater = 1 << 20;
    static constexpr std::size_t kLowWater = 1 << 18;
    /// Bytes queued for the peer and not written yet.
    std::size_t queued() const { return queued_; }

    std::uint64_t bytesIn() const { return bytesIn_; }
    std::uint64_t bytesOut() const { return bytesOut_; }
    bool closed() const { return closed_; }
    /// shutdownWrite() was asked: nothing more is sent.
    bool writeShut() const { return shutdownWanted_; }

private:
    StreamSession(Reactor &reactor, EventSink &events, std::string target, Duration idleTimeout, Callbacks callbacks);
    void ready(Readiness readiness);
    // Each returns false once the session has ended (and may be gone).
    bool readSome();
    bool writeSome();
    void updateInterest();
    void touch();
    void finish(const std::string &reason, std::error_code error = {});
    Event dataEvent(const std::string &direction, const unsigned char *bytes, std::size_t size) const;

    Reactor &reactor_;
    EventSink &events_;
    std::string target_;
    Duration idleTimeout_;
    Callbacks callbacks_;
    WatchedFd socket_;
    std::deque<std::vector<unsigned char>> outgoing_;
    std::size_t outgoingOffset_ = 0; // into outgoing_.front()
    bool datagram_ = false; // SOCK_DGRAM: zero bytes is a datagram, not EOF
    bool messages_ = false; // SOCK_DGRAM or SOCK_SEQPACKET: read with MSG_TRUNC
    std::error_code pendingError_; // met by a write made at once: reported from ready()
    bool readingPaused_ = false;
    bool shutdownWanted_ = false;
    bool closeWanted_ = false;
    bool writeShut_ = false;
    bool peerDone_ = false;
    bool holdAfterPeerDone_ = false; // onEndOfInput kept us open
    bool closed_ = false;
    std::size_t queued_ = 0;
    bool aboveHighWater_ = false;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::optional<std::uint64_t> peer_; // set for a server's peer
    TimerId idleTimer_ = 0;
    std::uint64_t bytesIn_ = 0;
    std::uint64_t bytesOut_ = 0;
};

} // namespace sockscope
