#include "sockscope/ipc/signal_watcher.h"

#include "sockscope/events/error.h"
#include "sockscope/ipc/signal_names.h"

#include <csignal>
#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace sockscope {
namespace {

sigset_t signalSet(const std::vector<int> &signalNumbers)
{
    sigset_t set;
    sigemptyset(&set);
    for (int signal : signalNumbers)
        sigaddset(&set, signal);
    return set;
}

std::error_code changeMask(int how, const std::vector<int> &signalNumbers)
{
    const sigset_t set = signalSet(signalNumbers);
    if (const int result = ::pthread_sigmask(how, &set, nullptr))
        return {result, std::system_category()};
    return {};
}

} // namespace

std::error_code blockSignals(const std::vector<int> &signalNumbers)
{
    return changeMask(SIG_BLOCK, signalNumbers);
}

std::error_code unblockSignals(const std::vector<int> &signalNumbers)
{
    return changeMask(SIG_UNBLOCK, signalNumbers);
}

Event signalReceivedEvent(const SignalInfo &info)
{
    Event event = makeEvent(EventKind::SignalReceived, info.time);
    event.signal = info.signal;
    event.extra.emplace_back("sender_pid", std::int64_t{info.senderPid});
    event.extra.emplace_back("sender_uid", std::int64_t{info.senderUid});
    event.extra.emplace_back("code", signalCodeName(info.signal, info.code));
    if (signalCodeCarriesValue(info.code))
        event.extra.emplace_back("value", std::int64_t{info.value});
    return event;
}

SignalWatcher::SignalWatcher(Reactor &reactor, Callback callback) : reactor_(reactor), callback_(std::move(callback)) {}

std::unique_ptr<SignalWatcher> SignalWatcher::create(Reactor &reactor, const std::vector<int> &signalNumbers,
                                                     Callback callback, std::error_code &error)
{
    std::unique_ptr<SignalWatcher> watcher(new SignalWatcher(reactor, std::move(callback)));
    const sigset_t set = signalSet(signalNumbers);
    UniqueFd fd(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!fd) {
        error = lastSystemError();
        return nullptr;
    }
    SignalWatcher *self = watcher.get();
    error = WatchedFd::start(reactor, std::move(fd), Interest::Read, [self](Readiness) { self->readSignals(); },
                             watcher->signals_);
    if (error)
        return nullptr;
    return watcher;
}

SignalWatcher::~SignalWatcher() = default;

void SignalWatcher::readSignals()
{
    // One signal per wake-up: the callback may destroy this watcher, and the
    // level-triggered watch brings the loop back for the next one.
    signalfd_siginfo raw;
    if (::read(signals_.get(), &raw, sizeof raw) != static_cast<ssize_t>(sizeof raw))
        return;
    SignalInfo info;
    info.signal = static_cast<int>(raw.ssi_signo);
    info.senderPid = static_cast<int>(raw.ssi_pid);
    info.senderUid = static_cast<int>(raw.ssi_uid);
    info.code = raw.ssi_code;
    info.value = raw.ssi_int;
    info.time = reactor_.now();
    // A copy runs: the callback may destroy this watcher, and with it
    // callback_ and everything it captured.
    const Callback callback = callback_;
    callback(info);
}

} // namespace sockscope
