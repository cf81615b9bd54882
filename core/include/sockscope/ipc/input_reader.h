// InputReader: bytes from a descriptor, as they arrive, without blocking.
//
// Reads a pipe, a FIFO, a terminal or a socket as the Reactor reports it
// readable, so that input which arrives later (`<(sleep 1; echo x)`, a FIFO
// whose writer comes a second later) is read when it comes and only the
// end of the input (every writer gone) ends it. A descriptor epoll cannot
// watch (a regular file, /dev/null) is read directly, a chunk per loop
// turn, since reading it never waits. The reader can be paused while its
// consumer cannot take more.
//
// It owns its descriptor and its watch together (WatchedFd). The descriptor
// is made nonblocking and given back its flags when the reader goes, since
// it may share its open file with other processes (standard input).
// Callbacks must not destroy the reader: destroy it after onEnd, from a
// posted function.
#pragma once

#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"
#include "sockscope/reactor/watched_fd.h"

#include <functional>
#include <memory>
#include <string_view>
#include <system_error>

namespace sockscope {

/// Standard input as a descriptor of our own to read without blocking: a
/// new open file for a pipe, FIFO or terminal (the shell's own must not
/// become nonblocking), a duplicate for a regular file (which keeps the
/// offset the shell left it at). Invalid, with `error`, if neither works.
UniqueFd openStandardInput(std::error_code &error);

class InputReader {
public:
    /// Some bytes of the input, in order.
    using ChunkCallback = std::function<void(std::string_view bytes)>;
    /// The end of the input: no error at EOF, else why reading failed.
    using EndCallback = std::function<void(std::error_code error)>;

    /// Starts reading `fd`. Null, with `error` set, if it can be neither
    /// watched nor read.
    static std::unique_ptr<InputReader> start(Reactor &reactor, UniqueFd fd, ChunkCallback onChunk, EndCallback onEnd,
                                              std::error_code &error);
    ~InputReader();
    InputReader(const InputReader &) = delete;
    InputReader &operator=(const InputReader &) = delete;

    /// Stops and resumes reading (the consumer's back-pressure).
    void pause();
    void resume();

private:
    InputReader(Reactor &reactor, ChunkCallback onChunk, EndCallback onEnd);
    void readAvailable();
    void readDirectly();
    void scheduleDirectRead();
    void finish(std::error_code error);

    Reactor &reactor_;
    WatchedFd input_;
    bool direct_ = false; // not pollable: read in chunks on zero-delay timers
    int originalFlags_ = -1;
    ChunkCallback onChunk_;
    EndCallback onEnd_;
    TimerId directRead_ = 0;
    bool paused_ = false;
    bool ended_ = false;
};

} // namespace sockscope
