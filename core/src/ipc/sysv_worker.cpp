#include "sysv_worker.h"

#include <cerrno>
#include <sys/msg.h>

namespace sockscope {

namespace {

using SliceClock = std::chrono::steady_clock;

timespec sliceTimeout()
{
    const auto slice = std::chrono::duration_cast<std::chrono::nanoseconds>(kSemopSlice);
    return timespec{static_cast<time_t>(slice.count() / 1000000000), static_cast<long>(slice.count() % 1000000000)};
}

// semop until it completes, fails, or `cancelled` is set between slices.
SysvCallResult waitingSemop(SysvCall &call, const std::atomic<bool> &cancelled)
{
    const timespec slice = sliceTimeout();
    bool waited = false;
    for (;;) {
        if (cancelled.load())
            return SysvCallResult{-1, ECANCELED, true};
        const SliceClock::time_point start = SliceClock::now();
        SysvCallResult result;
        result.value = ::semtimedop(call.id, call.operations.data(), call.operations.size(), &slice);
        if (result.value < 0)
            result.error = errno;
        // Removed between two slices: what a sleeper in semop is told (a
        // set that was there for the first slice is not a bad id).
        if (result.error == EINVAL && waited)
            result.error = EIDRM;
        const bool timedOut = result.error == EAGAIN && SliceClock::now() - start >= kSemopSlice / 2;
        if (!timedOut && result.error != EINTR)
            return result;
        waited = true;
    }
}

} // namespace

// No object with a destructor lives here, nor in threadMain: a cancel
// unwinds through both (see the header).
SysvCallResult makeSysvCall(SysvCall &call, const std::atomic<bool> *cancelled)
{
    SysvCallResult result;
    switch (call.kind) {
    case SysvCall::Kind::Semop:
        if (cancelled)
            return waitingSemop(call, *cancelled);
        result.value = ::semop(call.id, call.operations.data(), call.operations.size());
        break;
    case SysvCall::Kind::Send:
        result.value = ::msgsnd(call.id, call.message.data(), call.textBytes, call.flags);
        break;
    case SysvCall::Kind::Receive:
        result.value = ::msgrcv(call.id, call.message.data(), call.textBytes, call.type, call.flags);
        break;
    }
    if (result.value < 0)
        result.error = errno;
    return result;
}

SysvWorker::SysvWorker(SysvCall call, std::function<void()> finished)
    : call_(std::move(call)), finished_(std::move(finished))
{
}

std::unique_ptr<SysvWorker> SysvWorker::start(SysvCall call, std::function<void()> finished, std::error_code &error)
{
    std::unique_ptr<SysvWorker> worker(new SysvWorker(std::move(call), std::move(finished)));
    const int failed = ::pthread_create(&worker->thread_, nullptr, &SysvWorker::threadMain, worker.get());
    if (failed != 0) {
        error = std::error_code(failed, std::system_category());
        return nullptr;
    }
    worker->joinable_ = true;
    return worker;
}

void *SysvWorker::threadMain(void *self)
{
    auto *worker = static_cast<SysvWorker *>(self);
    int previous = 0;
    ::pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &previous);
    worker->result_ = makeSysvCall(worker->call_, &worker->cancelRequested_);
    ::pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &previous);
    worker->finished_();
    return nullptr;
}

void SysvWorker::join()
{
    if (!joinable_)
        return;
    void *returned = nullptr;
    ::pthread_join(thread_, &returned);
    joinable_ = false;
    if (returned == PTHREAD_CANCELED)
        result_ = SysvCallResult{-1, ECANCELED, true};
}

void SysvWorker::requestCancel()
{
    if (!joinable_)
        return;
    cancelRequested_ = true; // semop's slices
    ::pthread_cancel(thread_); // msgsnd, msgrcv
}

void SysvWorker::cancel()
{
    requestCancel();
    join();
}

SysvWorker::~SysvWorker()
{
    cancel();
}

} // namespace sockscope
