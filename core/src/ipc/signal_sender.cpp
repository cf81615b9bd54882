#include "sockscope/ipc/signal_sender.h"

#include "sockscope/events/error.h"

#include <csignal>
#include <cstdint>

namespace sockscope {

Event sendSignal(const SignalTarget &target, int signal, std::optional<int> value, TimePoint now)
{
    Event event = makeEvent(EventKind::SignalSent, now);
    if (signal == 0)
        event.extra.emplace_back("check", true);
    else
        event.signal = signal;
    if (target.group)
        event.extra.emplace_back("group", std::int64_t{target.id});
    else
        event.pid = target.id;
    // kill(2) reads 0 as "my own group" and -1 as "everyone I may signal":
    // no pid or group names either, and group 1 would be kill(-1).
    if (target.id < (target.group ? 2 : 1)) {
        event.error = std::make_error_code(std::errc::invalid_argument);
        return event;
    }
    int result = 0;
    if (value && !target.group) {
        sigval sent{};
        sent.sival_int = *value;
        event.extra.emplace_back("value", std::int64_t{*value});
        result = ::sigqueue(target.id, signal, sent);
    } else {
        result = ::kill(target.group ? -target.id : target.id, signal);
    }
    if (result != 0)
        event.error = lastSystemError();
    return event;
}

} // namespace sockscope
