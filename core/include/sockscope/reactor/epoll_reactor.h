// EpollReactor: the Reactor, on Linux epoll.
//
// Everything it waits for is inside one epoll set: the watched descriptors,
// a timerfd armed for the earliest timer (absolute CLOCK_MONOTONIC, so timers
// have nanosecond resolution) and an eventfd that post() and stop() signal.
// The epoll descriptor alone therefore says "something is ready", which is
// what lets another event loop drive this one (ui/QtReactor) by watching
// epollFd() and calling dispatchReady().
//
// Watches are level-triggered. Each epoll_wait collects at most kBatchSize
// events, so one busy loop turn never starves the loop that embeds it.
//
// A callback may turn the loop itself (runFor from a callback): timers due
// or started meanwhile still fire in that nested loop.
//
// A failure of the loop's own machinery (epoll_wait, the timerfd, the
// eventfd: EBADF, EINVAL, ENOMEM) is not retried: it ends run()/runFor(),
// which return it, and failure() keeps the first one for a driver that only
// calls dispatchReady().
//
// Create it with create(); destroy it on the thread that runs it, after
// every object that watches through it.
#pragma once

#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <queue>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct epoll_event;
struct timespec;

namespace sockscope {

class EpollReactor final : public Reactor {
public:
    static constexpr int kBatchSize = 256;

    /// Opens the epoll set, timerfd and eventfd; null (and `error` set) if
    /// the system refuses one of them (EMFILE, ENOMEM).
    static std::unique_ptr<EpollReactor> create(std::error_code &error);
    ~EpollReactor() override;

    std::error_code watch(int fd, Interest interest, IoCallback callback, WatchId *id) override;
    std::error_code setInterest(WatchId id, Interest interest) override;
    void unwatch(WatchId id) override;
    TimerId startTimer(Duration delay, Callback callback) override;
    bool cancelTimer(TimerId id) override;
    void post(Callback callback) override;
    TimePoint now() const override;

    /// Runs until stop() is called; returns failure(), empty on a normal stop.
    std::error_code run();
    /// Runs until `duration` has passed or stop() is called; returns
    /// failure(), empty on a normal return.
    std::error_code runFor(Duration duration);
    /// Makes run()/runFor() return once the current batch of callbacks has
    /// run. Thread-safe. Called while no loop runs, it makes the next
    /// run()/runFor() return after one batch (as libuv's uv_stop does).
    void stop();
    /// Runs what is ready now, one batch, without waiting; returns how many
    /// callbacks ran. For an outside loop that watches epollFd(); it checks
    /// failure() afterwards, since a failed epoll set may stay readable.
    int dispatchReady();
    /// The first failure of the loop itself, empty while it works. Once set,
    /// run() and runFor() return at once. Thread-safe.
    std::error_code failure() const noexcept;

    /// The descriptor that is readable whenever anything here is ready.
    int epollFd() const noexcept { return epoll_.get(); }
    /// How many descriptors are watched (not counting the internal two).
    std::size_t watchCount() const noexcept { return watchCount_; }
    /// How many timers are pending.
    std::size_t timerCount() const noexcept { return timers_.size(); }
    /// How many entries the timer queue holds, cancelled ones included: for
    /// tests and diagnostics that check cancelling keeps it bounded.
    std::size_t timerQueueSize() const noexcept { return timerQueue_.size(); }

private:
    struct Slot {
        int fd = -1;
        Interest interest = Interest::None;
        bool registered = false; // in the epoll set (not while interest is None)
        bool active = false;
        std::uint32_t generation = 1;
        IoCallback callback;
    };
    struct TimerEntry {
        TimePoint deadline;
        TimerId id;
        bool operator>(const TimerEntry &other) const
        {
            return deadline != other.deadline ? deadline > other.deadline : id > other.id;
        }
    };

    EpollReactor() = default;
    int dispatch(const timespec *timeout);
    int wait(epoll_event *events, const timespec *timeout);
    int dispatchEvent(std::uint64_t token, std::uint32_t events);
    int runDueTimers();
    bool takeDueTimer(TimePoint dueBy, TimerId startedBefore, Callback &callback);
    void dropCancelledTimers();
    int runPosted();
    void armTimerFd();
    void syncTimerFd();
    void wake();
    void fail(std::error_code error) noexcept;
    void releaseSlot(std::uint32_t index);
    Slot *slotFor(WatchId id);

    UniqueFd epoll_;
    UniqueFd timerFd_;
    UniqueFd wakeFd_;

    std::deque<Slot> slots_; // a deque: callbacks keep their address while slots are added
    std::vector<std::uint32_t> freeSlots_;
    std::vector<std::uint32_t> retiredSlots_; // unwatched during a dispatch round
    std::size_t watchCount_ = 0;
    std::unordered_set<int> watchedFds_; // a descriptor is watched once
    int dispatchDepth_ = 0; // > 1 when a callback turns the loop itself

    std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<>> timerQueue_;
    std::unordered_map<TimerId, Callback> timers_;
    TimerId nextTimerId_ = 1;
    TimePoint armedDeadline_ = TimePoint::max();
    bool timerFdStale_ = false; // armedDeadline_ may not match the queue: arm before waiting

    std::mutex postMutex_;
    std::vector<Callback> posted_;
    bool wakePending_ = false;
    std::atomic<bool> stopRequested_{false};
    std::atomic<int> failure_{0}; // errno of the first failure; every one is a system error
    bool usePwait2_ = true; // epoll_pwait2 (ns timeouts) where the kernel has it
};

} // namespace sockscope
