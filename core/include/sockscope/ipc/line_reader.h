// LineReader: lines from a descriptor, as they arrive, without blocking.
//
// Reads a pipe, a FIFO, a terminal or a socket as the Reactor reports it
// readable, so that input which arrives later (`--file <(sleep 1; echo x)`,
// a FIFO whose writer comes a second later) is read when it comes and only
// the end of the input (every writer gone) ends it. A descriptor epoll
// cannot watch (a regular file, /dev/null) is read directly, a chunk per
// loop turn, since reading it never waits.
//
// Lines end at '\n' (a '\r' before it is dropped); a last line without one
// is delivered at the end. The reader owns its descriptor and its watch
// together (WatchedFd). Its descriptor is made nonblocking and given back
// its flags when the reader goes, since it may share its open file with
// other processes (standard input). Callbacks must not destroy the reader:
// destroy it after onEnd, from a posted function.
#pragma once

#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"
#include "sockscope/reactor/watched_fd.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

namespace sockscope {

class LineReader {
public:
    /// One line, without its end, and its 1-based number.
    using LineCallback = std::function<void(std::string_view line, int number)>;
    /// The end of the input: no error at EOF, else why reading failed.
    using EndCallback = std::function<void(std::error_code error)>;

    /// Starts reading `fd`. Null, with `error` set, if it can be neither
    /// watched nor read.
    static std::unique_ptr<LineReader> start(Reactor &reactor, UniqueFd fd, LineCallback onLine, EndCallback onEnd,
                                             std::error_code &error);
    ~LineReader();
    LineReader(const LineReader &) = delete;
    LineReader &operator=(const LineReader &) = delete;

    /// Longest line kept; longer ones are cut there (the rest is dropped).
    static constexpr std::size_t kMaxLine = 64 * 1024;

private:
    LineReader(Reactor &reactor, LineCallback onLine, EndCallback onEnd);
    void readAvailable();
    void readDirectly();
    void consume(const char *data, std::size_t size);
    void finish(std::error_code error);

    Reactor &reactor_;
    WatchedFd input_;
    int originalFlags_ = -1;
    LineCallback onLine_;
    EndCallback onEnd_;
    std::string partial_;
    int lineNumber_ = 0;
    TimerId directRead_ = 0;
    bool ended_ = false;
};

} // namespace sockscope
