// UniqueFd: the one owner of a file descriptor.
//
// Every descriptor the engine opens lives in exactly one UniqueFd. It is
// move-only and closes its descriptor exactly once, when it is destroyed or
// reset. Whoever watches a descriptor on a Reactor must unwatch it before the
// UniqueFd closes it (see reactor.h); WatchedFd does that for its owner.
#pragma once

#include <system_error>
#include <utility>

namespace sockscope {

class UniqueFd {
public:
    UniqueFd() noexcept = default;
    explicit UniqueFd(int fd) noexcept : fd_(fd) {}
    ~UniqueFd() { reset(); }

    UniqueFd(UniqueFd &&other) noexcept : fd_(other.release()) {}
    UniqueFd &operator=(UniqueFd &&other) noexcept
    {
        if (this != &other)
            reset(other.release());
        return *this;
    }
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;

    int get() const noexcept { return fd_; }
    bool valid() const noexcept { return fd_ >= 0; }
    explicit operator bool() const noexcept { return valid(); }

    /// Gives up ownership without closing; returns the descriptor.
    int release() noexcept { return std::exchange(fd_, -1); }

    /// Closes the current descriptor (if any) and takes ownership of `fd`.
    void reset(int fd = -1) noexcept;

private:
    int fd_ = -1;
};

/// A pipe's two ends, both O_CLOEXEC | O_NONBLOCK.
struct PipeEnds {
    UniqueFd read;
    UniqueFd write;
};
std::error_code makePipe(PipeEnds &out);

/// A connected pair of Unix sockets, both SOCK_CLOEXEC | SOCK_NONBLOCK.
/// `type` is SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET.
std::error_code makeSocketPair(int type, UniqueFd &first, UniqueFd &second);

/// Counts the descriptors this process has open (from /proc/self/fd), for
/// tests that prove nothing leaks. Returns -1 if /proc cannot be read.
int openDescriptorCount();

} // namespace sockscope
