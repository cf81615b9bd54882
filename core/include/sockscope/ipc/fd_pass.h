// FdPass: descriptors passed over one end of a connected Unix socket
// (SCM_RIGHTS, as Perl's IO::FDPass does it), with credentials
// (SCM_CREDENTIALS) beside them, driven by the Reactor.
//
// Sending: send() passes up to 253 descriptors (SCM_MAX_FD) in one message,
// always with at least one data byte (a stream socket carries no control
// data without one; on a seqpacket socket an empty message would read as
// the end). A message the socket cannot take now (EAGAIN) is queued, with
// duplicates of its descriptors, and sent when the socket is writable, in
// order: IO::FDPass's "try again once the socket indicates writability",
// done for the caller. The caller's descriptors are only borrowed for the
// call. sendMessages() hands several messages to the kernel in one
// sendmmsg; on a stream socket a batch ends after a message of more than
// one byte, since only such a message can be taken in part, and the rest
// of its data must follow it before the next message.
//
// Receiving: recvmsg with MSG_CMSG_CLOEXEC into a control buffer sized
// exactly for `controlSpace` descriptors (plus credentials when asked).
// When a message carries more, the kernel sets MSG_CTRUNC and closes what
// did not fit: that is reported (control-truncated), and nothing leaks.
// Each received descriptor is held in a UniqueFd, for the owner to inspect
// or take(), and closed with the FdPass otherwise.
//
// Events (DESIGN.md): descriptor-sent and descriptor-received, one per
// descriptor, with `message` (the message's number on this end, from 0),
// `index` in it and `count` of it, `fd` (our number for it), `bytes` (the
// message's data bytes), and the identity (`dev`, `inode`, `mode`, `type`;
// with readDetails also `link`, `socktype`, `local_address`,
// `peer_address`; descriptor-sent without them when identifySent is off);
// control-truncated (`message`, `received`: how many
// arrived, `control_space`); credentials-received (`pid`, `uid`, `gid`
// from SCM_CREDENTIALS, `peer_pid`, `peer_uid`, `peer_gid` from
// SO_PEERCRED, and `agree`: a privileged sender may claim any pid in
// SCM_CREDENTIALS, SO_PEERCRED is the kernel's and the one to trust);
// ipc-failed (`op` "send" or "receive", `message`, the error); ipc-closed
// when the peer has gone (`reason` "peer-closed", or the error). Messages
// with descriptors or credentials are numbered on each end, in the order
// they are sent or read, so the two ends' numbers agree; data alone is
// neither numbered nor reported (a stream may glue such writes together).
//
// Lifetime: destroy it on the loop thread. The socket is unwatched before
// it closes, and the received descriptors still held close after it; the
// sink may destroy the FdPass from inside an event.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/ipc/descriptor_identity.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <system_error>

namespace sockscope {

/// A process's credentials, as SCM_CREDENTIALS and SO_PEERCRED carry them.
struct Credentials {
    int pid = 0;
    int uid = 0;
    int gid = 0;
    bool operator==(const Credentials &other) const = default;
};

/// Our own pid, uid and gid: what an unprivileged sender may claim.
Credentials ownCredentials();

struct FdPassOptions {
    /// How many descriptors a received message may carry before the rest
    /// are cut off (MSG_CTRUNC); 1 to kMaxDescriptorsPerMessage.
    std::size_t controlSpace = 253;
    /// SO_PASSCRED on this end: a credentials-received per message.
    bool passCredentials = false;
    /// Read each descriptor's /proc link and socket addresses too (a
    /// readlink and getsockname per descriptor: about half the rate).
    bool readDetails = false;
    /// Record each sent descriptor's identity (an fstat per descriptor) on
    /// its descriptor-sent; false leaves it out there (the receiving end
    /// records what arrived either way).
    bool identifySent = true;
    /// Hold received descriptors for received() and take(); false closes
    /// each once its identity is recorded.
    bool keepReceived = true;
    /// False for an end that only sends: it is not watched for reading, so
    /// the kernel need not wake it each time the peer takes a message (a
    /// twentieth of a pass's cost here). Its peer's going then shows as
    /// EPIPE on the next send, as a pipe's writer learns it.
    bool receives = true;
    /// Put on every event's `target`, naming this end; may stay empty.
    std::string target;
};

/// One message for FdPass::sendMessages(): what send() takes, borrowed
/// for the call.
struct FdPassMessage {
    std::span<const int> descriptors;
    std::span<const unsigned char> bytes; ///< one NUL byte when empty
    std::optional<Credentials> credentials;
};

/// One descriptor that arrived, held until taken or the FdPass goes.
struct ReceivedDescriptor {
    UniqueFd fd;
    DescriptorIdentity identity;
    std::uint64_t message = 0;
    int index = 0;
};

class FdPass {
public:
    static constexpr std::size_t kMaxDescriptorsPerMessage = 253; // SCM_MAX_FD in the kernel

    /// Drives `socket`, a connected Unix socket (stream, dgram or
    /// seqpacket; made nonblocking here). Null with `error` if it is not
    /// one (ENOTSOCK, EINVAL for a control space out of range) or cannot be
    /// watched.
    static std::unique_ptr<FdPass> start(Reactor &reactor, EventSink &events, UniqueFd socket, FdPassOptions options,
                                         std::error_code &error);
    ~FdPass();
    FdPass(const FdPass &) = delete;
    FdPass &operator=(const FdPass &) = delete;

    /// Sends `descriptors` (borrowed: open for this call only) in one
    /// message with `bytes` (one NUL byte when empty) and, when given,
    /// `credentials` (our own pass for anyone; others only for a
    /// privileged sender, else EPERM). Queued when the socket is full.
    /// EINVAL for more than kMaxDescriptorsPerMessage, EBADF for a
    /// descriptor that is not open (nothing sent then); a refusal of the
    /// kernel is an ipc-failed event, and returned too when it came at once.
    std::error_code send(std::span<const int> descriptors, std::span<const unsigned char> bytes = {},
                         const std::optional<Credentials> &credentials = std::nullopt);

    /// Sends each of `messages` as send() would, in order, with one system
    /// call for as many as the socket takes at once. All are checked
    /// first: EINVAL or EBADF for one of them sends none. Returns the first
    /// error that came at once (a refusal of the kernel is an ipc-failed
    /// event for its message, and the others still go; EMFILE while
    /// queueing stops at that message).
    std::error_code sendMessages(std::span<const FdPassMessage> messages);

    /// Messages waiting for the socket to take them.
    std::size_t queuedMessages() const;
    /// Messages with descriptors or credentials sent (or queued) and read.
    std::uint64_t messagesSent() const;
    std::uint64_t messagesReceived() const;
    /// The peer has gone (ipc-closed was reported).
    bool closed() const;
    /// Our end of the socket (for SO_PEERCRED, or to show it); -1 once closed.
    int socket() const;

    /// The received descriptors still held, oldest first.
    const std::deque<ReceivedDescriptor> &received() const;
    /// Hands over the descriptor received at `index` of `message`; an empty
    /// UniqueFd if there is none (or it was taken already).
    UniqueFd take(std::uint64_t message, int index);
    /// Closes every received descriptor still held.
    void closeReceived();

private:
    FdPass() = default;
    struct Private;
    std::unique_ptr<Private> d;
};

/// SO_PEERCRED of a Unix socket: who created or connected its peer end.
std::optional<Credentials> peerCredentials(int socket);

} // namespace sockscope
