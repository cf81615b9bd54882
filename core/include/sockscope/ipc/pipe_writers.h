// PipeWriters: several writers filling one pipe at once, and FrameCheck,
// which reads back what they wrote.
//
// POSIX makes a write of at most PIPE_BUF bytes to a pipe atomic: its bytes
// are never cut by another writer's. To show it, each writer runs on a
// thread of its own (so they truly race) and writes frames of one size:
// [0xF5][writer][sequence, 4 bytes big-endian][a pattern of both]. The
// reader parses the stream frame by frame; every frame must be whole and
// each writer's in order. With frames above PIPE_BUF and several writers,
// the kernel may cut them, and the check says where it first found one cut.
//
// Lifetime: the writers stop and are joined when PipeWriters is destroyed;
// `done` is posted to the loop once all have written everything (or one
// failed: EPIPE when the reader went away).
#pragma once

#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace sockscope {

constexpr std::size_t kSmallestFrame = 8;

/// The bytes of writer `writer`'s frame number `sequence`, `size` long.
std::vector<unsigned char> pipeFrame(int writer, std::uint32_t sequence, std::size_t size);

class PipeWriters {
public:
    using Done = std::function<void(std::error_code)>;

    /// `writers` threads each write `framesEach` frames of `frameSize` bytes
    /// to `fd` (a duplicate of the pipe's write end, which this owns).
    /// Null, with `error` set, when a thread cannot be started.
    static std::unique_ptr<PipeWriters> start(Reactor &reactor, UniqueFd fd, int writers, std::size_t framesEach,
                                              std::size_t frameSize, Done done, std::error_code &error);
    ~PipeWriters();

    PipeWriters(const PipeWriters &) = delete;
    PipeWriters &operator=(const PipeWriters &) = delete;

private:
    PipeWriters() = default;
    std::error_code writeAll(int writer);

    UniqueFd fd_;
    std::size_t framesEach_ = 0;
    std::size_t frameSize_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> running_{0};
    std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(true);
    std::vector<std::thread> threads_;
};

/// What the reader found.
struct FrameCheckResult {
    std::uint64_t bytes = 0;
    std::uint64_t wholeFrames = 0;
    std::optional<std::uint64_t> firstCutAt; ///< the stream offset of the first frame found cut or out of order
    bool complete = false; ///< every frame of every writer, whole and in order
};

class FrameCheck {
public:
    FrameCheck(int writers, std::size_t framesEach, std::size_t frameSize);
    void feed(const unsigned char *data, std::size_t size);
    FrameCheckResult result() const;

private:
    void checkFrame();

    std::size_t frameSize_;
    std::size_t framesEach_;
    std::vector<std::uint32_t> nextSequence_;
    std::vector<unsigned char> frame_;
    FrameCheckResult result_;
};

} // namespace sockscope
