#include "sockscope/connect/stream_session.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>

namespace sockscope {
namespace {

constexpr std::size_t kReadChunk = 64 * 1024;
constexpr int kReadsPerWakeUp = 16; // one fast peer cannot hold the loop

// The schema's `reason` for an error on the socket.
std::string reasonFor(int error)
{
    switch (error) {
    case ECONNRESET:
    case EPIPE: return "reset";
    case ECONNREFUSED: return "refused"; // UDP: an ICMP port unreachable came back
    default: return "error";
    }
}

int socketType(int fd)
{
    int type = 0;
    socklen_t length = sizeof type;
    return ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 ? type : 0;
}

} // namespace

StreamSession::StreamSession(Reactor &reactor, EventSink &events, std::string target, Duration idleTimeout,
                             Callbacks callbacks)
    : reactor_(reactor), events_(events), target_(std::move(target)), idleTimeout_(idleTimeout),
      callbacks_(std::move(callbacks))
{
}

std::unique_ptr<StreamSession> StreamSession::start(Reactor &reactor, EventSink &events, std::string target,
                                                    UniqueFd socket, Duration idleTimeout, Callbacks callbacks,
                                                    std::error_code &error)
{
    std::unique_ptr<StreamSession> session(
        new StreamSession(reactor, events, std::move(target), idleTimeout, std::move(callbacks)));
    StreamSession *self = session.get();
    const int type = socketType(socket.get());
    session->datagram_ = type == SOCK_DGRAM;
    session->messages_ = type == SOCK_DGRAM || type == SOCK_SEQPACKET;
    error = WatchedFd::start(reactor, std::move(socket), Interest::Read,
                             [self](Readiness readiness) { self->ready(readiness); }, session->socket_);
    if (error)
        return nullptr;
    session->touch();
    return session;
}

StreamSession::~StreamSession()
{
    *alive_ = false;
    reactor_.cancelTimer(idleTimer_);
}

void StreamSession::ready(Readiness readiness)
{
    if (readiness.readable && !readSome())
        return;
    if (readiness.writable && !writeSome())
        return;
    updateInterest();
}

Event StreamSession::dataEvent(const std::string &direction, const unsigned char *bytes, std::size_t size) const
{
    Event event = makeEvent(EventKind::Data, reactor_.now(), target_);
    event.peer = peer_;
    event.bytes = size;
    event.payload = std::vector<unsigned char>(bytes, bytes + size);
    event.extra.emplace_back("direction", direction);
    return event;
}

bool StreamSession::readSome()
{
    std::vector<unsigned char> buffer(kReadChunk);
    for (int round = 0; round < kReadsPerWakeUp && !readingPaused_ && !closed_; ++round) {
        // MSG_TRUNC: a message longer than the buffer says its whole length.
        ssize_t got = ::recv(socket_.get(), buffer.data(), buffer.size(), MSG_DONTWAIT | (messages_ ? MSG_TRUNC : 0));
        if (got > 0 || (got == 0 && datagram_)) { // an empty datagram is a datagram, not the end
            const std::size_t whole = static_cast<std::size_t>(got);
            got = static_cast<ssize_t>(std::min(whole, buffer.size()));
            bytesIn_ += static_cast<std::uint64_t>(got);
            touch();
            Event event = dataEvent("in", buffer.data(), static_cast<std::size_t>(got));
            if (whole > buffer.size()) // the kernel dropped the rest: said, not hidden
                event.extra.emplace_back("truncated_bytes", static_cast<std::int64_t>(whole - buffer.size()));
            events_.onEvent(event);
            if (callbacks_.onData)
                callbacks_.onData(*event.payload); // the event's own copy: one copy a chunk, not two
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (got < 0) {
            finish(reasonFor(errno), lastSystemError());
            return false;
        }
        peerDone_ = true; // EOF: the peer will send nothing more
        if (!holdAfterPeerDone_ && callbacks_.onEndOfInput) {
            const std::shared_ptr<bool> alive = alive_;
            holdAfterPeerDone_ = callbacks_.onEndOfInput();
            if (!*alive || closed_)
                return false;
        }
        if (holdAfterPeerDone_ && !writeShut_) {
            updateInterest();
            return true;
        }
        if (outgoing_.empty()) {
            finish("peer-closed");
            return false;
        }
        return true;
    }
    return !closed_;
}

bool StreamSession::writeSome()
{
    if (pendingError_) {
        const std::error_code error = pendingError_;
        finish(reasonFor(error.value()), error);
        return false;
    }
    while (!outgoing_.empty()) {
        const std::vector<unsigned char> &chunk = outgoing_.front();
        const ssize_t sent = ::send(socket_.get(), chunk.data() + outgoingOffset_, chunk.size() - outgoingOffset_,
                                    MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (sent < 0) {
            finish(reasonFor(errno), lastSystemError());
            return false;
        }
        events_.onEvent(dataEvent("out", chunk.data() + outgoingOffset_, static_cast<std::size_t>(sent)));
        bytesOut_ += static_cast<std::uint64_t>(sent);
        outgoingOffset_ += static_cast<std::size_t>(sent);
        queued_ -= static_cast<std::size_t>(sent);
        touch();
        if (outgoingOffset_ == chunk.size()) {
            outgoing_.pop_front();
            outgoingOffset_ = 0;
        }
    }
    // Low again, and more can still be sent: tell the source (not once the
    // write side is shutting or the peer is done: nothing more would go).
    if (aboveHighWater_ && queued_ < kLowWater && !shutdownWanted_ && (!peerDone_ || holdAfterPeerDone_)) {
        aboveHighWater_ = false;
        const std::shared_ptr<bool> alive = alive_;
        if (callbacks_.onDrained)
            callbacks_.onDrained();
        if (!*alive)
            return false;
    }
    if (shutdownWanted_ && !writeShut_) {
        ::shutdown(socket_.get(), SHUT_WR);
        writeShut_ = true;
    }
    if (peerDone_ && (!holdAfterPeerDone_ || writeShut_)) {
        finish("peer-closed");
        return false;
    }
    if (closeWanted_) {
        finish("local");
        return false;
    }
    return true;
}

void StreamSession::updateInterest()
{
    const bool read = !readingPaused_ && !peerDone_;
    const bool write = !outgoing_.empty() || (shutdownWanted_ && !writeShut_) || pendingError_ || closeWanted_;
    socket_.setInterest(read && write ? Interest::ReadWrite
                        : read        ? Interest::Read
                        : write       ? Interest::Write
                                      : Interest::None);
}

bool StreamSession::send(std::vector<unsigned char> bytes)
{
    return send(bytes.data(), bytes.size());
}

bool StreamSession::send(const unsigned char *data, std::size_t size)
{
    if (closed_ || shutdownWanted_ || (size == 0 && !datagram_))
        return false;
    // Nothing waiting: hand it to the kernel now (an echo answers in the
    // same wake-up, with no interest change and no copy). An error is left
    // for the queued path to meet and report from ready(): a caller inside
    // one of our callbacks must not see the session end under it.
    if (outgoing_.empty() && size > 0 && !pendingError_) {
        const ssize_t sent = ::send(socket_.get(), data, size, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            pendingError_ = lastSystemError(); // the kernel gave it once: kept for ready() to report
        if (sent > 0) {
            events_.onEvent(dataEvent("out", data, static_cast<std::size_t>(sent)));
            bytesOut_ += static_cast<std::uint64_t>(sent);
            touch();
            if (static_cast<std::size_t>(sent) == size)
                return true;
            data += sent;
            size -= static_cast<std::size_t>(sent);
        }
    }
    queued_ += size;
    aboveHighWater_ = aboveHighWater_ || queued_ >= kHighWater;
    outgoing_.emplace_back(data, data + size);
    updateInterest();
    return true;
}

void StreamSession::shutdownWrite()
{
    if (closed_)
        return;
    shutdownWanted_ = true;
    // Nothing left to write: FIN now, as a write now goes at once too. With
    // the peer done already, the end of the session is ready()'s to report.
    if (outgoing_.empty() && !writeShut_ && !peerDone_) {
        ::shutdown(socket_.get(), SHUT_WR);
        writeShut_ = true;
    }
    updateInterest();
}

void StreamSession::closeAfterWrite()
{
    if (closed_)
        return;
    closeWanted_ = true; // writeSome() closes once the queue is written: never from inside a caller's callback
    shutdownWrite();
}

// While we do not read, the peer is not idle: the idle clock stops.
void StreamSession::pauseReading()
{
    readingPaused_ = true;
    reactor_.cancelTimer(std::exchange(idleTimer_, 0));
    if (!closed_)
        updateInterest();
}

void StreamSession::resumeReading()
{
    readingPaused_ = false;
    if (closed_)
        return;
    touch();
    updateInterest();
}

void StreamSession::close(const std::string &reason)
{
    if (!closed_)
        finish(reason);
}

void StreamSession::identifyAsPeer(std::uint64_t peer)
{
    peer_ = peer;
}

void StreamSession::abort()
{
    if (closed_)
        return;
    const linger reset{1, 0};
    ::setsockopt(socket_.get(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    finish("aborted");
}

void StreamSession::touch()
{
    if (idleTimeout_ == Duration::zero())
        return;
    reactor_.cancelTimer(idleTimer_);
    idleTimer_ = reactor_.startTimer(idleTimeout_, [this] {
        idleTimer_ = 0;
        finish("idle-timeout");
    });
}

void StreamSession::finish(const std::string &reason, std::error_code error)
{
    closed_ = true;
    reactor_.cancelTimer(std::exchange(idleTimer_, 0));
    socket_.reset();
    Event event = makeEvent(peer_ ? EventKind::PeerClosed : EventKind::Closed, reactor_.now(), target_);
    event.peer = peer_;
    event.error = error;
    event.extra = {{"reason", reason},
                   {"bytes_in", static_cast<std::int64_t>(bytesIn_)},
                   {"bytes_out", static_cast<std::int64_t>(bytesOut_)}};
    events_.onEvent(event);
    if (callbacks_.onClosed)
        callbacks_.onClosed(reason); // may destroy this: nothing after it
}

} // namespace sockscope
