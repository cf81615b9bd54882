// FdPass's insides, shared by its files: fd_pass.cpp (starting, the public
// calls, readiness, the events every part builds, the end),
// fd_pass_send.cpp (sending in batches, and the queue of what the socket
// could not take yet), fd_pass_receive.cpp (recvmmsg, control messages,
// the descriptors that arrived), fd_pass_credentials.cpp (SCM_CREDENTIALS
// and SO_PEERCRED). Not a public header.
#pragma once

#include "sockscope/ipc/fd_pass.h"

#include "sockscope/events/extra_writer.h"
#include "sockscope/reactor/watched_fd.h"

#include <array>
#include <cstddef>
#include <memory>
#include <sys/socket.h>
#include <vector>

namespace sockscope {

// One recvmmsg reads up to this many messages, one sendmmsg sends up to
// this many: one system call for a burst, which pays for the fstat each
// received descriptor costs.
inline constexpr std::size_t kBatch = 64;
// Room for one received message's data. A datagram longer than this is cut
// (MSG_TRUNC, said as `data_truncated`); a stream just goes on.
inline constexpr std::size_t kDataPerMessage = 65536;
inline constexpr int kBatchesPerWakeUp = 4; // a busy sender cannot hold the loop
inline const unsigned char kFillerByte = 0;  // IO::FDPass sends one byte too

// Held by whoever runs code that emits events: the FdPass's destructor
// clears the flag they share, so that code stops touching what is gone.
class AliveGuard {
public:
    explicit AliveGuard(const std::shared_ptr<bool> &alive) : alive_(alive) {}
    bool dead() const { return !*alive_; }

private:
    std::shared_ptr<bool> alive_;
};

// Storage kept from call to call and lent to one user at a time: a call
// made from inside another (a sink that sends from an event) finds the
// storage out on loan and gets its own. What is lent stays valid for the
// borrower even if the sink destroys the FdPass meanwhile; it goes home
// only while the FdPass lives.
template <typename T>
class Lent {
public:
    Lent(std::unique_ptr<T> &home, const AliveGuard &guard)
        : home_(home), guard_(guard), value_(home ? std::move(home) : std::make_unique<T>())
    {
    }
    ~Lent()
    {
        if (!guard_.dead())
            home_ = std::move(value_);
    }
    Lent(const Lent &) = delete;
    Lent &operator=(const Lent &) = delete;
    T &operator*() const { return *value_; }
    T *operator->() const { return value_.get(); }

private:
    std::unique_ptr<T> &home_;
    const AliveGuard &guard_;
    std::unique_ptr<T> value_;
};

// A message the socket could not take yet: its descriptors duplicated, so
// the caller's may close meanwhile.
struct Pending {
    std::uint64_t message = 0;
    std::vector<UniqueFd> descriptors;
    std::vector<int> callerNumbers; // as the caller named them, for the events
    std::vector<DescriptorIdentity> identities;
    std::vector<unsigned char> bytes;
    std::size_t offset = 0;
    std::optional<Credentials> credentials;
    bool controlSent = false; // a stream took part of it: the rest is data only
};

// sendmmsg's headers and control data for one batch.
struct SendBatch {
    std::array<mmsghdr, kBatch> headers{};
    std::array<iovec, kBatch> vectors{};
    std::vector<cmsghdr> control; // cmsghdr elements keep every message's control data aligned
    std::vector<DescriptorIdentity> identities; // of every descriptor of the call, in order (identifySent)
};

// Received descriptors nobody keeps (keepReceived off), closed together
// once their batch is reported: a burst's numbers are mostly one run, and
// one close_range closes a run. Closes what it still holds when it goes.
class ClosingLater {
public:
    ClosingLater() = default;
    ~ClosingLater() { closeAll(); }
    ClosingLater(const ClosingLater &) = delete;
    ClosingLater &operator=(const ClosingLater &) = delete;
    void add(UniqueFd fd) { numbers_.push_back(fd.release()); }
    void closeAll() noexcept;

private:
    std::vector<int> numbers_;
};

// What a descriptor-sent or descriptor-received says besides the identity.
struct DescriptorReport {
    std::uint64_t message;
    std::size_t index;
    std::size_t count;
    int shown; // the number the event names
    int fd;    // where details are read from
    std::size_t bytes;
};

// Control data for one message sent: room for credentials and descriptors.
inline std::size_t sentControlSpace(std::size_t descriptors, bool credentials)
{
    return (credentials ? CMSG_SPACE(sizeof(ucred)) : 0) + (descriptors ? CMSG_SPACE(descriptors * sizeof(int)) : 0);
}

// Writes the SCM_CREDENTIALS header and data at `control`; the bytes used.
std::size_t putCredentialsControl(unsigned char *control, const Credentials &credentials);
// Writes the whole control data of one message at `control` (room for
// sentControlSpace()); the bytes used.
std::size_t putSentControl(unsigned char *control, std::span<const int> descriptors,
                           const std::optional<Credentials> &credentials);

inline bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK;
}

struct FdPass::Private {
    Private(Reactor &reactor, EventSink &events, FdPassOptions options)
        : reactor(reactor), events(events), options(std::move(options))
    {
    }

    // Events (fd_pass.cpp).
    Event event(EventKind kind, TimePoint time, std::uint64_t message) const;
    // False when the sink destroyed us while it was told.
    bool emit(const Event &event, const AliveGuard &guard)
    {
        events.onEvent(event);
        return !guard.dead();
    }
    // Refills `out` (a lent event) as a descriptor event; the identity when
    // given, with the details when asked. Later fields go on in `fields`.
    void describeDescriptor(Event &out, ExtraWriter &fields, EventKind kind, TimePoint time,
                            const DescriptorReport &report, const DescriptorIdentity *identity) const;
    void ready(Readiness readiness);
    void peerClosed(std::error_code error, const AliveGuard &guard);
    Interest interest() const; // read unless send-only, write while messages wait
    void updateInterest();

    // Sending (fd_pass_send.cpp).
    std::error_code sendMessages(std::span<const FdPassMessage> messages, const AliveGuard &guard);
    std::error_code identify(std::span<const FdPassMessage> messages, std::vector<DescriptorIdentity> &out) const;
    std::size_t prepareBatch(SendBatch &batch, std::span<const FdPassMessage> messages) const;
    std::error_code queue(std::uint64_t message, const FdPassMessage &what,
                          std::span<const DescriptorIdentity> identities);
    void queueRest(std::uint64_t message, std::span<const unsigned char> bytes, std::size_t offset);
    bool reportSent(std::uint64_t message, std::span<const int> shown, std::span<const int> sentFrom,
                    std::span<const DescriptorIdentity> sentIdentities, std::size_t bytes,
                    const std::optional<Credentials> &credentials, TimePoint now, const AliveGuard &guard);
    bool sendFailed(std::uint64_t message, std::error_code error, const AliveGuard &guard);
    void flush(const AliveGuard &guard);

    // Receiving (fd_pass_receive.cpp).
    void setUpReceiving();
    void receive(const AliveGuard &guard);
    bool receivedMessage(const msghdr &header, std::size_t length, TimePoint now, const AliveGuard &guard);
    bool reportDescriptors(std::span<int> descriptors, std::uint64_t message, std::size_t bytes, bool cut,
                           TimePoint now, const AliveGuard &guard);

    // Credentials (fd_pass_credentials.cpp).
    bool reportCredentials(const ucred &claimed, std::uint64_t message, TimePoint now, const AliveGuard &guard);

    Reactor &reactor;
    EventSink &events;
    FdPassOptions options;
    int socketType = SOCK_STREAM;
    std::optional<Credentials> peer; // SO_PEERCRED, read once: it never changes
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
    bool closed = false;
    std::shared_ptr<bool> alive = std::make_shared<bool>(true); // false once the FdPass is destroyed
    std::deque<Pending> pending;
    std::deque<ReceivedDescriptor> held;
    ClosingLater unkept; // received with keepReceived off, closed once their batch is told
    // Lent storage (Lent): refilled for each report, so a burst allocates nothing per descriptor.
    std::unique_ptr<SendBatch> sendBatch;
    std::unique_ptr<Event> sentEvent;
    std::unique_ptr<Event> receivedEvent;
    // recvmmsg's headers and buffers, set up once.
    std::array<mmsghdr, kBatch> headers{};
    std::array<iovec, kBatch> vectors{};
    std::unique_ptr<unsigned char[]> data; // untouched until the kernel writes: no cost for room unused
    std::vector<cmsghdr> control;          // cmsghdr elements keep every slot aligned
    std::size_t controlBytes = 0;          // msg_controllen: exactly the room asked for
    WatchedFd socket;                      // last: unwatched and closed first (see ~FdPass)
};

} // namespace sockscope
