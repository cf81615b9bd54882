#include "sockscope/reactor/epoll_reactor.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace sockscope {
namespace {

// epoll_event.data carries a token: a watch id, or one of these two.
constexpr std::uint64_t kTimerToken = ~std::uint64_t{0};
constexpr std::uint64_t kWakeToken = ~std::uint64_t{0} - 1;

std::uint32_t epollEventsFor(Interest interest)
{
    std::uint32_t events = 0;
    if (interest == Interest::None)
        return 0;
    if (wantsRead(interest))
        events |= EPOLLIN | EPOLLRDHUP;
    if (wantsWrite(interest))
        events |= EPOLLOUT;
    return events;
}

// Built from the interest at the moment of the call, not at collection: an
// earlier callback in the same batch may have changed it.
Readiness readinessFor(std::uint32_t events, Interest interest)
{
    Readiness ready;
    ready.hangup = (events & EPOLLHUP) != 0;
    ready.error = (events & EPOLLERR) != 0;
    ready.readClosed = wantsRead(interest) && (events & EPOLLRDHUP) != 0;
    const bool broken = ready.hangup || ready.error;
    ready.readable = wantsRead(interest) && ((events & (EPOLLIN | EPOLLRDHUP)) != 0 || broken);
    ready.writable = wantsWrite(interest) && ((events & EPOLLOUT) != 0 || broken);
    return ready;
}

bool anythingFor(const Readiness &ready)
{
    return ready.readable || ready.writable;
}

WatchId makeWatchId(std::uint32_t index, std::uint32_t generation)
{
    return (WatchId{generation} << 32) | index;
}

timespec toTimespec(Duration duration)
{
    using namespace std::chrono;
    const auto ns = duration_cast<nanoseconds>(duration).count();
    return {static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
}

std::error_code addToEpoll(int epollFd, int fd, std::uint64_t token, std::uint32_t events)
{
    epoll_event event{};
    event.events = events;
    event.data.u64 = token;
    if (::epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &event) != 0)
        return lastSystemError();
    return {};
}

} // namespace

std::unique_ptr<EpollReactor> EpollReactor::create(std::error_code &error)
{
    std::unique_ptr<EpollReactor> reactor(new EpollReactor);
    reactor->epoll_.reset(::epoll_create1(EPOLL_CLOEXEC));
    reactor->timerFd_.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    reactor->wakeFd_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (!reactor->epoll_ || !reactor->timerFd_ || !reactor->wakeFd_) {
        error = lastSystemError();
        return nullptr;
    }
    error = addToEpoll(reactor->epoll_.get(), reactor->timerFd_.get(), kTimerToken, EPOLLIN);
    if (!error)
        error = addToEpoll(reactor->epoll_.get(), reactor->wakeFd_.get(), kWakeToken, EPOLLIN);
    if (error)
        return nullptr;
    return reactor;
}

EpollReactor::~EpollReactor() = default;

std::error_code EpollReactor::watch(int fd, Interest interest, IoCallback callback, WatchId *id)
{
    if (fd < 0)
        return {EBADF, std::system_category()};
    // Checked here, not by epoll alone: a watch without interest is out of
    // the epoll set, and a second watch would pass epoll's own check.
    if (watchedFds_.count(fd))
        return {EEXIST, std::system_category()};
    std::uint32_t index;
    if (!freeSlots_.empty()) {
        index = freeSlots_.back();
        freeSlots_.pop_back();
    } else {
        index = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Slot &slot = slots_[index];
    const WatchId watchId = makeWatchId(index, slot.generation);
    // Added even without interest, so that an unpollable or already
    // watched descriptor is refused now, not at a later setInterest.
    if (std::error_code error = addToEpoll(epoll_.get(), fd, watchId, epollEventsFor(interest))) {
        freeSlots_.push_back(index);
        return error;
    }
    if (interest == Interest::None)
        ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
    slot.fd = fd;
    slot.interest = interest;
    slot.registered = interest != Interest::None;
    slot.active = true;
    slot.callback = std::move(callback);
    watchedFds_.insert(fd);
    ++watchCount_;
    if (id)
        *id = watchId;
    return {};
}

EpollReactor::Slot *EpollReactor::slotFor(WatchId id)
{
    const auto index = static_cast<std::uint32_t>(id & 0xffffffffu);
    const auto generation = static_cast<std::uint32_t>(id >> 32);
    if (index >= slots_.size())
        return nullptr;
    Slot &slot = slots_[index];
    if (!slot.active || slot.generation != generation)
        return nullptr;
    return &slot;
}

std::error_code EpollReactor::setInterest(WatchId id, Interest interest)
{
    Slot *slot = slotFor(id);
    if (!slot)
        return {ENOENT, std::system_category()};
    // With no interest the descriptor leaves the epoll set: epoll reports
    // EPOLLHUP/EPOLLERR whatever the mask, and a level-triggered hang-up
    // nobody asked about would spin the loop.
    epoll_event event{};
    event.events = epollEventsFor(interest);
    event.data.u64 = id;
    int op = EPOLL_CTL_MOD;
    if (interest == Interest::None)
        op = EPOLL_CTL_DEL;
    else if (!slot->registered)
        op = EPOLL_CTL_ADD;
    if (slot->registered || interest != Interest::None) {
        if (::epoll_ctl(epoll_.get(), op, slot->fd, &event) != 0)
            return lastSystemError();
    }
    slot->registered = interest != Interest::None;
    slot->interest = interest;
    return {};
}

void EpollReactor::unwatch(WatchId id)
{
    Slot *slot = slotFor(id);
    if (!slot)
        return;
    if (slot->registered)
        ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, slot->fd, nullptr);
    watchedFds_.erase(slot->fd);
    slot->active = false;
    slot->registered = false;
    ++slot->generation; // events already collected for this watch no longer match
    --watchCount_;
    const auto index = static_cast<std::uint32_t>(id & 0xffffffffu);
    // The callback may be the one running now: it is destroyed only after
    // the dispatch round, and its slot reused only then.
    if (dispatchDepth_ > 0)
        retiredSlots_.push_back(index);
    else
        releaseSlot(index);
}

void EpollReactor::releaseSlot(std::uint32_t index)
{
    slots_[index].callback = nullptr;
    freeSlots_.push_back(index);
}

TimerId EpollReactor::startTimer(Duration delay, Callback callback)
{
    const TimerId id = nextTimerId_++;
    const TimePoint current = now();
    delay = std::clamp(delay, Duration::zero(), TimePoint::max() - current);
    const TimePoint deadline = current + delay;
    timers_.emplace(id, std::move(callback));
    timerQueue_.push({deadline, id});
    if (deadline < armedDeadline_) {
        // Inside a dispatch round the timerfd is armed once, before the loop
        // waits again; outside one, now, or an outside loop would sleep on.
        if (dispatchDepth_ > 0)
            timerFdStale_ = true;
        else
            armTimerFd();
    }
    return id;
}

bool EpollReactor::cancelTimer(TimerId id)
{
    // The queue entry stays until it comes up; it is skipped then. Compact
    // when cancelled entries dominate, so cancel-heavy use stays bounded.
    if (timers_.erase(id) == 0)
        return false;
    if (timerQueue_.size() > 64 && timerQueue_.size() > 4 * timers_.size()) {
        decltype(timerQueue_) live;
        while (!timerQueue_.empty()) {
            if (timers_.count(timerQueue_.top().id))
                live.push(timerQueue_.top());
            timerQueue_.pop();
        }
        timerQueue_ = std::move(live);
    }
    return true;
}

void EpollReactor::dropCancelledTimers()
{
    while (!timerQueue_.empty() && !timers_.count(timerQueue_.top().id))
        timerQueue_.pop();
}

void EpollReactor::armTimerFd()
{
    dropCancelledTimers();
    timerFdStale_ = false;
    itimerspec spec{};
    if (timerQueue_.empty()) {
        armedDeadline_ = TimePoint::max();
    } else {
        armedDeadline_ = timerQueue_.top().deadline;
        spec.it_value = toTimespec(armedDeadline_.time_since_epoch());
        if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0)
            spec.it_value.tv_nsec = 1; // zero would disarm
    }
    if (::timerfd_settime(timerFd_.get(), TFD_TIMER_ABSTIME, &spec, nullptr) != 0)
        fail(lastSystemError()); // timers would never fire again
}

void EpollReactor::syncTimerFd()
{
    if (timerFdStale_)
        armTimerFd();
}

void EpollReactor::post(Callback callback)
{
    bool wake = false;
    {
        std::lock_guard<std::mutex> lock(postMutex_);
        posted_.push_back(std::move(callback));
        wake = !std::exchange(wakePending_, true);
    }
    if (wake)
        this->wake();
}

void EpollReactor::wake()
{
    const std::uint64_t one = 1;
    // EAGAIN means the counter is full: the eventfd is readable already.
    if (::write(wakeFd_.get(), &one, sizeof one) < 0 && errno != EAGAIN)
        fail(lastSystemError());
}

void EpollReactor::fail(std::error_code error) noexcept
{
    int none = 0;
    failure_.compare_exchange_strong(none, error.value(), std::memory_order_acq_rel);
}

std::error_code EpollReactor::failure() const noexcept
{
    if (const int error = failure_.load(std::memory_order_acquire))
        return {error, std::system_category()};
    return {};
}

TimePoint EpollReactor::now() const
{
    return Clock::now();
}

void EpollReactor::stop()
{
    stopRequested_.store(true, std::memory_order_release);
    wake();
}

std::error_code EpollReactor::run()
{
    while (!stopRequested_.load(std::memory_order_acquire) && !failure())
        dispatch(nullptr);
    stopRequested_.store(false, std::memory_order_release);
    return failure();
}

std::error_code EpollReactor::runFor(Duration duration)
{
    const TimePoint start = now();
    const TimePoint deadline = start + std::clamp(duration, Duration::zero(), TimePoint::max() - start);
    while (!stopRequested_.load(std::memory_order_acquire) && !failure()) {
        const Duration left = deadline - now();
        if (left <= Duration::zero())
            break;
        const timespec timeout = toTimespec(left);
        dispatch(&timeout);
    }
    stopRequested_.store(false, std::memory_order_release);
    return failure();
}

int EpollReactor::dispatchReady()
{
    const timespec zero{};
    return dispatch(&zero);
}

int EpollReactor::wait(epoll_event *events, const timespec *timeout)
{
    if (usePwait2_) {
        const int count = ::epoll_pwait2(epoll_.get(), events, kBatchSize, timeout, nullptr);
        if (count >= 0 || (errno != ENOSYS && errno != EPERM))
            return count;
        usePwait2_ = false; // kernel before 5.11, or a seccomp filter that predates it
    }
    // Millisecond timeouts, rounded up: timers keep their precision anyway,
    // since they wake us through the timerfd.
    int ms = -1;
    if (timeout) {
        const long long ns = static_cast<long long>(timeout->tv_sec) * 1'000'000'000 + timeout->tv_nsec;
        ms = static_cast<int>(std::min<long long>((ns + 999'999) / 1'000'000, 1'000'000'000));
    }
    return ::epoll_wait(epoll_.get(), events, kBatchSize, ms);
}

int EpollReactor::dispatch(const timespec *timeout)
{
    // A round in progress (this is a loop turned inside a callback) may
    // have consumed the timerfd: without this its pending timers never fire.
    syncTimerFd();
    epoll_event events[kBatchSize];
    const int count = wait(events, timeout);
    if (count < 0 && errno != EINTR) {
        // Not a condition a retry fixes (EBADF, EINVAL): end the loop rather
        // than spin on it, and say why.
        fail(lastSystemError());
        return 0;
    }
    if (count <= 0)
        return 0;
    // The round ends even if a callback throws (bad_alloc): a depth left
    // above zero would retire every later unwatch for good.
    struct RoundEnd {
        EpollReactor &reactor;
        ~RoundEnd()
        {
            if (--reactor.dispatchDepth_ == 0) {
                for (std::uint32_t index : reactor.retiredSlots_)
                    reactor.releaseSlot(index);
                reactor.retiredSlots_.clear();
            }
            reactor.syncTimerFd();
        }
    };
    ++dispatchDepth_;
    const RoundEnd roundEnd{*this};
    int callbacks = 0;
    for (int i = 0; i < count; ++i)
        callbacks += dispatchEvent(events[i].data.u64, events[i].events);
    return callbacks;
}

int EpollReactor::dispatchEvent(std::uint64_t token, std::uint32_t events)
{
    if (token == kTimerToken)
        return runDueTimers();
    if (token == kWakeToken)
        return runPosted();
    Slot *slot = slotFor(token);
    if (!slot)
        return 0; // unwatched earlier in this batch
    const Readiness ready = readinessFor(events, slot->interest);
    if (!anythingFor(ready))
        return 0; // interest changed earlier in this batch
    slot->callback(ready);
    return 1;
}

int EpollReactor::runDueTimers()
{
    std::uint64_t expirations;
    // EAGAIN: a loop turned inside a callback of this batch got here first.
    if (::read(timerFd_.get(), &expirations, sizeof expirations) < 0 && errno != EAGAIN)
        fail(lastSystemError());
    // Expired means disarmed: whatever runs next must arm it again.
    armedDeadline_ = TimePoint::max();
    timerFdStale_ = true;
    // The round runs the timers due when it starts and started before it: a
    // zero-delay timer started by one of them waits for the next round
    // instead of starving the loop. They are taken from the queue one at a
    // time, so a loop turned inside one of them finds the others there.
    const TimePoint roundStart = now();
    const TimerId startedBefore = nextTimerId_;
    int ran = 0;
    Callback callback;
    while (takeDueTimer(roundStart, startedBefore, callback)) {
        callback();
        ++ran;
    }
    return ran;
}

bool EpollReactor::takeDueTimer(TimePoint dueBy, TimerId startedBefore, Callback &callback)
{
    dropCancelledTimers();
    if (timerQueue_.empty())
        return false;
    const TimerEntry next = timerQueue_.top();
    // The queue's order (deadline, then start order) keeps every older due
    // timer ahead of one started in this round.
    if (next.deadline > dueBy || next.id >= startedBefore)
        return false;
    timerQueue_.pop();
    auto found = timers_.find(next.id);
    callback = std::move(found->second);
    timers_.erase(found);
    return true;
}

int EpollReactor::runPosted()
{
    std::uint64_t count;
    // EAGAIN: a loop turned inside a callback of this batch got here first.
    if (::read(wakeFd_.get(), &count, sizeof count) < 0 && errno != EAGAIN)
        fail(lastSystemError());
    std::vector<Callback> batch;
    {
        std::lock_guard<std::mutex> lock(postMutex_);
        batch.swap(posted_);
        wakePending_ = false;
    }
    for (Callback &callback : batch)
        callback();
    return static_cast<int>(batch.size());
}

} // namespace sockscope
