// OutputWriter: bytes for standard output, written by a thread of its own.
//
// A slow reader (`| slow-consumer`) then never blocks the loop, and no
// O_NONBLOCK is set on a descriptor the terminal or the shell shares. The
// loop queues; the thread writes. Above kHighWater queued bytes the caller
// pauses its source; `drained` runs on the loop once the queue is below
// kLowWater again. A failed write is reported once through `failed` on the
// loop (EPIPE: the reader went away); nothing more is written after it.
#pragma once

#include <sockscope/reactor/reactor.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>

class OutputWriter {
public:
    static constexpr std::size_t kHighWater = 1 << 20;
    static constexpr std::size_t kLowWater = 1 << 18;

    OutputWriter(sockscope::Reactor &reactor, int fd, std::function<void()> drained,
                 std::function<void(std::error_code)> failed);
    /// Writes what is still queued (unless a write failed or it was
    /// abandoned), then stops.
    ~OutputWriter();
    OutputWriter(const OutputWriter &) = delete;
    OutputWriter &operator=(const OutputWriter &) = delete;

    void write(std::string bytes);
    /// Bytes queued and not written yet.
    std::size_t queued() const;
    /// Waits up to `limit` for everything queued to be written; false if
    /// some is still waiting (a reader that stopped reading).
    bool waitWritten(std::chrono::milliseconds limit);
    /// Drops what is queued and lets the thread go without waiting for it
    /// (interrupted: a reader that stopped reading must not hold up exit).
    void abandon();

private:
    struct Shared;
    static void run(std::shared_ptr<Shared> shared);

    std::shared_ptr<Shared> shared_;
    std::thread thread_;
};
