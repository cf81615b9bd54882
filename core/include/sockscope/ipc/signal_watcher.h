// SignalWatcher: signals as readable descriptors.
//
// Signals are delivered through a signalfd watched on the Reactor, never
// through a handler. For that the signals must be blocked in every thread,
// which is why main() (and a test binary's own main()) calls
// blockSignals() before any thread exists: a thread started later inherits
// the mask. The watcher reports the sender's pid and uid, which the kernel
// fills in.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/reactor/unique_fd.h"
#include "sockscope/reactor/watched_fd.h"

#include <functional>
#include <memory>
#include <vector>

namespace sockscope {

/// One delivered signal.
struct SignalInfo {
    int signal = 0;
    int senderPid = 0;
    int senderUid = 0;
    int code = 0;  ///< si_code: SI_USER for kill(), SI_QUEUE for sigqueue(), ...
    int value = 0; ///< sigqueue()'s sival_int; meaningful only where the code says so
    TimePoint time{}; ///< when the loop read it
};

/// `signal-received`: the signal, its sender, its si_code name and, where
/// the code carries one, its value (a kill() is no sigqueue() of 0).
Event signalReceivedEvent(const SignalInfo &info);

/// Blocks `signalNumbers` in the calling thread (and in threads it starts later).
std::error_code blockSignals(const std::vector<int> &signalNumbers);
/// Unblocks them again in the calling thread (their dispositions then act).
std::error_code unblockSignals(const std::vector<int> &signalNumbers);

class SignalWatcher {
public:
    using Callback = std::function<void(const SignalInfo &)>;

    /// Watches `signalNumbers`, which the caller has blocked. Null (and `error`
    /// set) if the signalfd cannot be made or watched.
    static std::unique_ptr<SignalWatcher> create(Reactor &reactor, const std::vector<int> &signalNumbers,
                                                 Callback callback, std::error_code &error);
    ~SignalWatcher();

    SignalWatcher(const SignalWatcher &) = delete;
    SignalWatcher &operator=(const SignalWatcher &) = delete;

private:
    SignalWatcher(Reactor &reactor, Callback callback);
    void readSignals();

    Reactor &reactor_;
    Callback callback_;
    WatchedFd signals_; // the signalfd and its watch
};

} // namespace sockscope
