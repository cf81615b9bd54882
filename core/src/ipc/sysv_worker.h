// SysvWorker: one System V call that may block (semop, msgsnd, msgrcv
// without IPC_NOWAIT), on a thread of its own that its owner can cancel.
//
// Why a thread each: these calls have no descriptor to watch, so only a
// thread can wait in them. A person waits on one or two at a time, so a
// thread each costs nothing that a pool would save.
//
// How a wait is cancelled, which differs by call because glibc does:
// - msgrcv and msgsnd are cancellation points (glibc makes them through
//   its cancellable-syscall path): pthread_cancel ends them. Since glibc
//   2.34 a call that is cancelled has had no effect (sourceware bug 12683):
//   a cancelled msgrcv took no message. The alternatives were worse: a
//   signal with a handler (EINTR) needs a process-wide disposition beside
//   the signalfd that reads every signal of the program.
// - semop is NOT a cancellation point in glibc (a plain syscall, declared
//   noexcept: a deferred cancel never reaches a thread waiting in it, as
//   a hanging test showed). Asynchronous cancellation around it would end
//   it, but with glibc's old race: a cancel that lands just after the
//   kernel completed the operation reports ECANCELED for a semaphore that
//   was taken. So a semop waits in semtimedop slices of kSemopSlice and
//   looks at a cancel flag between them: each slice is all or nothing, a
//   cancel takes effect within one slice, and the outcome is always true.
//   A slice that times out gives EAGAIN, as IPC_NOWAIT does for an
//   operation that cannot proceed; the two are told apart by time (an
//   IPC_NOWAIT failure comes at once).
//
// Cancellation (pthread_cancel's) is enabled only around the call itself,
// made in a function with nothing to clean up: glibc cancels by unwinding
// the stack, which must not pass a frame with cleanups around a call
// declared noexcept (that would be std::terminate). Everything else
// (keeping the result, calling `finished`, which posts to the Reactor: a
// lock and an eventfd write, itself a cancellation point) runs with
// cancellation disabled, so a cancel never leaves a lock held.
//
// Lifetime: made and destroyed on the owner's (loop) thread. `finished`
// runs on the worker thread once the call returned; the owner then calls
// join() and reads result(). requestCancel() asks a waiting call to end;
// join() after it returns within one semop slice at most. The destructor
// cancels and joins, so no thread outlives its worker and destroying one
// never waits for the call itself.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <pthread.h>
#include <sys/sem.h>
#include <system_error>
#include <vector>

namespace sockscope {

/// The call and what it needs; the buffers stay with the worker.
struct SysvCall {
    enum class Kind { Semop, Send, Receive };
    Kind kind = Kind::Semop;
    int id = -1;
    std::vector<sembuf> operations;      ///< semop
    std::vector<unsigned char> message;  ///< msgsnd: a long mtype, then the text; msgrcv: room for them
    std::size_t textBytes = 0;           ///< msgsnd: the text's size; msgrcv: the most to take
    long type = 0;                       ///< msgrcv: which type
    int flags = 0;                       ///< msgsnd / msgrcv flags
};

/// What the call returned.
struct SysvCallResult {
    long value = -1;         ///< the call's return value
    int error = 0;           ///< errno when value is -1
    bool cancelled = false;  ///< cancelled while in the call: it had no effect
};

/// How long one semtimedop of a waiting semop lasts before the cancel flag
/// is looked at again.
inline constexpr std::chrono::milliseconds kSemopSlice{100};

/// Makes `call` on the calling thread. With `cancelled` (a worker's), a
/// semop waits in slices until it completes or `cancelled` is set; without
/// it, the call is made once as it is.
SysvCallResult makeSysvCall(SysvCall &call, const std::atomic<bool> *cancelled = nullptr);

class SysvWorker {
public:
    /// Starts a thread for `call`; null (and `error`: EAGAIN) if the system
    /// refuses one. `finished` runs on that thread after the call.
    static std::unique_ptr<SysvWorker> start(SysvCall call, std::function<void()> finished, std::error_code &error);
    ~SysvWorker();
    SysvWorker(const SysvWorker &) = delete;
    SysvWorker &operator=(const SysvWorker &) = delete;

    /// Waits for the thread's end: call after `finished` ran.
    void join();
    /// Asks a call that still waits to end (ECANCELED, with no effect).
    void requestCancel();
    /// requestCancel(), then join().
    void cancel();
    /// What the call returned; valid after join() or cancel().
    const SysvCallResult &result() const { return result_; }
    const SysvCall &call() const { return call_; }

private:
    SysvWorker(SysvCall call, std::function<void()> finished);
    static void *threadMain(void *self);

    SysvCall call_;
    std::function<void()> finished_;
    SysvCallResult result_;
    std::atomic<bool> cancelRequested_{false};
    pthread_t thread_{};
    bool joinable_ = false;
};

} // namespace sockscope
