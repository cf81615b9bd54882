// Channel: an IPC object whose two ends Sockscope holds (a pipe, a FIFO, a
// socketpair), shown as bytes move from one end to the other.
//
// Each end is a nonblocking descriptor on the Reactor. What is written at
// an end is queued and written as the descriptor takes it (`data`,
// direction "out", at that end); what arrives at an end is read at once
// (`data`, direction "in"). A stream end reads up to 64 KiB a time; a
// datagram or seqpacket end one message a time, so message boundaries
// show. A write the other end will never read reports EPIPE (`ipc-failed`,
// operation "write"), never a SIGPIPE. Closing an end is `ipc-closed`
// (reason "local"); the end that then reads EOF says `ipc-closed` (reason
// "eof"). Every event carries `ipc`, the channel's number, and `end`, the
// end's name ("read"/"write" for a pipe, "a"/"b" for a socketpair).
//
// Lifetime: destroying the Channel closes both ends, each unwatched first;
// a callback of the event sink may destroy it.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"

#include <array>
#include <memory>
#include <string>

namespace sockscope {

/// One end as it is handed to a Channel.
struct ChannelEnd {
    std::string name;       ///< "read", "write", "a", "b"
    UniqueFd fd;            ///< nonblocking
    bool reads = false;     ///< data arrives here
    bool writes = false;    ///< data may be written here
    bool messages = false;  ///< datagram or seqpacket: one read a message
    bool datagrams = false; ///< a read of 0 bytes is an empty datagram, never EOF
};

class Channel {
public:
    /// Takes both ends and starts reading where data arrives. `kind` is
    /// "pipe", "fifo" or "socketpair"; `id` numbers it in events.
    static std::unique_ptr<Channel> open(Reactor &reactor, EventSink &events, int id, std::string kind,
                                         std::array<ChannelEnd, 2> ends, std::error_code &error);
    ~Channel();

    Channel(const Channel &) = delete;
    Channel &operator=(const Channel &) = delete;

    int id() const;
    const std::string &kind() const;
    const std::string &endName(int end) const;
    /// The end's descriptor (-1 once closed): for its capacity, or to pass it.
    int fd(int end) const;
    bool isOpen(int end) const;
    bool writes(int end) const;
    /// Bytes written at `end` but not yet taken by the kernel.
    std::size_t queued(int end) const;

    /// Queues `size` bytes at `end`; false if that end cannot be written
    /// (closed, or the reading end of a pipe).
    bool write(int end, const unsigned char *data, std::size_t size);
    /// Closes `end` (what is queued there is dropped).
    void closeEnd(int end);
    /// Stops or resumes reading at every end (a slow consumer).
    void setReading(bool reading);

    /// An event about this channel, with `ipc` set (and `end` if >= 0).
    Event event(EventKind kind, int end = -1) const;

private:
    struct Private;
    explicit Channel(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace sockscope
