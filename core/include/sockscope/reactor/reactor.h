// Reactor: the seam through which the engine is driven.
//
// The engine never blocks and never owns a loop. It tells a Reactor which
// descriptors to watch (read, write or both), starts and cancels one-shot
// timers, and posts functions to run on the loop thread; the Reactor calls
// back when something is ready. This is c-ares' "tell the caller which
// sockets to watch" and libuv's embeddable backend in one small interface.
//
// One implementation exists, EpollReactor (epoll_reactor.h). It is run by
// its own loop in the CLI, tests and benchmarks, and inside Qt's event loop
// by ui/QtReactor through one notifier on its epoll descriptor.
//
// Lifetime rules, which every implementation guarantees:
// - Callbacks run on the loop thread only, one at a time.
// - A callback may unwatch or cancel anything, including its own watch, and
//   may destroy the object that owns it: a watch that was removed is never
//   called again, not even for an event already collected in the same batch.
// - Unwatch a descriptor before closing it (UniqueFd closes on destruction),
//   so that a reused descriptor number can never reach a stale callback.
//   WatchedFd (watched_fd.h) owns both and keeps that order by construction.
// - post() is the only member that may be called from other threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <system_error>

namespace sockscope {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = Clock::duration;

/// What a watch waits for.
enum class Interest : unsigned { None = 0, Read = 1, Write = 2, ReadWrite = 3 };

constexpr bool wantsRead(Interest interest) noexcept
{
    return (static_cast<unsigned>(interest) & 1u) != 0;
}
constexpr bool wantsWrite(Interest interest) noexcept
{
    return (static_cast<unsigned>(interest) & 2u) != 0;
}

/// What a descriptor was found ready for. A hang-up or error also marks the
/// directions the watch asked for, so that the read or write that follows
/// reports EOF or the error itself (as libuv does). Only directions the
/// watch asks for at the moment of the call are ever reported.
struct Readiness {
    bool readable = false;
    bool writable = false;
    bool readClosed = false; ///< the peer shut down its writing side (EOF ahead); writing may still work
    bool hangup = false;     ///< both directions are closed
    bool error = false;
};

/// Names a watch; 0 is never a valid watch.
using WatchId = std::uint64_t;
/// Names a timer; 0 is never a valid timer.
using TimerId = std::uint64_t;

class Reactor {
public:
    using IoCallback = std::function<void(Readiness)>;
    using Callback = std::function<void()>;

    virtual ~Reactor() = default;

    /// Starts watching `fd`. On success stores the watch's id in `*id`.
    /// Fails with EPERM for a descriptor that cannot be polled (a regular
    /// file) and EEXIST for one that is already watched.
    virtual std::error_code watch(int fd, Interest interest, IoCallback callback, WatchId *id) = 0;

    /// Changes what a watch waits for. Interest::None keeps the watch but
    /// reports nothing, not even a hang-up, until interest is set again.
    virtual std::error_code setInterest(WatchId id, Interest interest) = 0;

    /// Stops a watch. Unknown or already removed ids are ignored.
    virtual void unwatch(WatchId id) = 0;

    /// Calls `callback` once, `delay` from now (a negative delay is zero, a
    /// huge one saturates). Timers due at the same time run in the order
    /// they were started.
    virtual TimerId startTimer(Duration delay, Callback callback) = 0;

    /// Cancels a timer that has not run yet; returns whether it was pending.
    virtual bool cancelTimer(TimerId id) = 0;

    /// Runs `callback` on the loop thread soon. Thread-safe; functions posted
    /// from one thread run in the order they were posted.
    virtual void post(Callback callback) = 0;

    /// The monotonic clock every timestamp of the engine is read from.
    virtual TimePoint now() const = 0;
};

} // namespace sockscope
