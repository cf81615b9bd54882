// Fifo: a named pipe, and its open rendezvous made visible.
//
// mkfifo(3) makes the name; the ends come from open(2), which for a FIFO
// is a rendezvous: a blocking open for writing waits until someone opens it
// for reading (and the other way round); a nonblocking open for reading
// succeeds at once, and a nonblocking open for writing with no reader fails
// with ENXIO. Fifo walks through exactly that: openWriterNow() (ENXIO while
// no reader), openWriterWaiting() (a worker blocks in open: `ipc-waiting`),
// openReader() (nonblocking: `ipc-opened`, which releases the waiting
// writer: `ipc-opened` with `waited_ms`). Once both ends are open they form
// a Channel (ends "write" and "read").
//
// Without a path the FIFO is made in a private directory (mode 0700, under
// $TMPDIR or /tmp), so no other user can open it. Lifetime: destruction
// releases a writer still waiting (by opening the FIFO for reading), joins
// it, closes both ends, and removes the FIFO and the directory it made
// (`ipc-removed`).
#pragma once

#include "sockscope/ipc/channel.h"

#include <memory>
#include <string>

namespace sockscope {

class Fifo {
public:
    /// Makes the FIFO at `path`, or in a private directory when empty:
    /// `ipc-created` (kind "fifo", `path`, `mode`). EEXIST when `path` exists.
    static std::unique_ptr<Fifo> create(Reactor &reactor, EventSink &events, int id, const std::string &path,
                                        std::error_code &error);
    ~Fifo();

    Fifo(const Fifo &) = delete;
    Fifo &operator=(const Fifo &) = delete;

    const std::string &path() const;
    /// A nonblocking open for writing: ENXIO while nobody reads.
    void openWriterNow();
    /// A blocking open for writing, on a worker: it returns when a reader
    /// opens.
    void openWriterWaiting();
    /// A nonblocking open for reading: never waits.
    void openReader();
    /// Both ends, once both are open (null before).
    Channel *channel();

private:
    struct Private;
    explicit Fifo(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace sockscope
