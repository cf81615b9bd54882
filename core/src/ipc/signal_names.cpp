#include "sockscope/ipc/signal_names.h"

#include "sockscope/events/event.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <csignal>
#include <cstring>

namespace sockscope {
namespace {

constexpr int kLastClassicSignal = 31;
constexpr int kStatusSignalBase = 128;

std::string upper(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return result;
}

std::optional<int> parseDecimal(std::string_view text)
{
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

InputError outOfRange(const std::string &field, std::string_view text, int lowest, int highest)
{
    InputError error;
    error.code = InputErrorCode::NumberOutOfRange;
    error.field = field;
    error.value = std::string(text);
    error.lowest = static_cast<std::size_t>(lowest);
    error.limit = static_cast<std::size_t>(highest);
    return error;
}

InputError unknownName(const std::string &field, std::string_view text)
{
    InputError error;
    error.code = text.empty() ? InputErrorCode::Empty : InputErrorCode::UnknownName;
    error.field = field;
    error.value = std::string(text);
    return error;
}

// "RTMIN", "RTMIN+3", "RTMAX-1" (already upper case, SIG taken off).
std::optional<int> parseRealTime(std::string_view name, bool &isRealTime)
{
    const bool fromMin = name.substr(0, 5) == "RTMIN";
    const bool fromMax = name.substr(0, 5) == "RTMAX";
    isRealTime = fromMin || fromMax;
    if (!isRealTime)
        return std::nullopt;
    const std::string_view rest = name.substr(5);
    if (rest.empty())
        return fromMin ? SIGRTMIN : SIGRTMAX;
    if (rest.front() != (fromMin ? '+' : '-'))
        return std::nullopt;
    const std::optional<int> offset = parseDecimal(rest.substr(1));
    if (!offset || *offset < 0)
        return std::nullopt;
    if (*offset > SIGRTMAX - SIGRTMIN)
        return SIGRTMAX + 1; // out of range, said as such (and no overflow on the way)
    return fromMin ? SIGRTMIN + *offset : SIGRTMAX - *offset;
}

std::optional<int> classicByName(std::string_view name)
{
    for (int signal = 1; signal <= kLastClassicSignal; ++signal) {
        if (const char *abbrev = ::sigabbrev_np(signal); abbrev && name == abbrev)
            return signal;
    }
    // Names glibc knows under another abbreviation.
    if (name == "IOT")
        return SIGABRT;
    if (name == "POLL")
        return SIGIO;
    return std::nullopt;
}

// The signal again, let through in this thread for a moment: the kernel
// then does what its default would have done. That is a stop, or nothing
// in an orphaned process group (a session of its own, a shell gone),
// where no job control could ever continue a stopped process.
void stopAsTheKernelWould(int signal)
{
    sigset_t only;
    ::sigemptyset(&only);
    ::sigaddset(&only, signal);
    ::raise(signal); // pending on this thread, where it is blocked
    ::pthread_sigmask(SIG_UNBLOCK, &only, nullptr); // taken here: stopped, or dropped
    ::pthread_sigmask(SIG_BLOCK, &only, nullptr);
}

} // namespace

std::string_view signalDefaultName(SignalDefault action) noexcept
{
    switch (action) {
    case SignalDefault::Terminate: return "terminate";
    case SignalDefault::CoreDump: return "core";
    case SignalDefault::Stop: return "stop";
    case SignalDefault::Continue: return "continue";
    case SignalDefault::Ignore: return "ignore";
    }
    return "terminate";
}

// signal(7), "Standard signals".
SignalDefault defaultActionOf(int signal) noexcept
{
    switch (signal) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE: case SIGSEGV:
    case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return SignalDefault::CoreDump;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return SignalDefault::Stop;
    case SIGCONT:
        return SignalDefault::Continue;
    case SIGCHLD: case SIGURG: case SIGWINCH:
        return SignalDefault::Ignore;
    default:
        return SignalDefault::Terminate;
    }
}

std::vector<SignalEntry> signalTable()
{
    std::vector<SignalEntry> table;
    const auto add = [&table](int signal) {
        SignalEntry entry;
        entry.number = signal;
        entry.name = signalName(signal);
        entry.action = defaultActionOf(signal);
        entry.catchable = signal != SIGKILL && signal != SIGSTOP;
        table.push_back(std::move(entry));
    };
    for (int signal = 1; signal <= kLastClassicSignal; ++signal)
        add(signal);
    for (int signal = SIGRTMIN; signal <= SIGRTMAX; ++signal)
        add(signal);
    return table;
}

std::optional<int> parseSignal(std::string_view text, const std::string &field, bool allowZero, InputError &error)
{
    if (const std::optional<int> number = parseDecimal(text)) {
        const bool classic = *number >= 1 && *number <= kLastClassicSignal;
        const bool realTime = *number >= SIGRTMIN && *number <= SIGRTMAX;
        if (classic || realTime || (allowZero && *number == 0))
            return number;
        // 32 and 33 are glibc's own: no program may send them.
        error = outOfRange(field, text, allowZero ? 0 : 1, SIGRTMAX);
        return std::nullopt;
    }
    std::string name = upper(text);
    if (name.rfind("SIG", 0) == 0)
        name.erase(0, 3);
    bool isRealTime = false;
    if (const std::optional<int> signal = parseRealTime(name, isRealTime); isRealTime) {
        if (signal && *signal >= SIGRTMIN && *signal <= SIGRTMAX)
            return signal;
        error = signal ? outOfRange(field, text, SIGRTMIN, SIGRTMAX) : unknownName(field, text);
        return std::nullopt;
    }
    if (const std::optional<int> signal = classicByName(name))
        return signal;
    error = unknownName(field, text);
    return std::nullopt;
}

std::string signalCodeName(int signal, int code)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_KERNEL: return "SI_KERNEL";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TIMER: return "SI_TIMER";
    case SI_MESGQ: return "SI_MESGQ";
    case SI_ASYNCIO: return "SI_ASYNCIO";
    case SI_SIGIO: return "SI_SIGIO";
    case SI_TKILL: return "SI_TKILL";
    default: break;
    }
    if (signal == SIGCHLD) {
        switch (code) {
        case CLD_EXITED: return "CLD_EXITED";
        case CLD_KILLED: return "CLD_KILLED";
        case CLD_DUMPED: return "CLD_DUMPED";
        case CLD_TRAPPED: return "CLD_TRAPPED";
        case CLD_STOPPED: return "CLD_STOPPED";
        case CLD_CONTINUED: return "CLD_CONTINUED";
        default: break;
        }
    }
    return std::to_string(code);
}

bool signalCodeCarriesValue(int code) noexcept
{
    return code == SI_QUEUE || code == SI_TIMER || code == SI_MESGQ;
}

std::vector<int> blockableSignals()
{
    std::vector<int> signals;
    for (int signal = 1; signal <= kLastClassicSignal; ++signal) {
        switch (signal) {
        case SIGKILL: case SIGSTOP:
        case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP: case SIGSYS:
            continue;
        default:
            signals.push_back(signal);
        }
    }
    for (int signal = SIGRTMIN; signal <= SIGRTMAX; ++signal)
        signals.push_back(signal);
    return signals;
}

DefaultOutcome actAsDefault(int signal)
{
    switch (defaultActionOf(signal)) {
    case SignalDefault::Terminate:
    case SignalDefault::CoreDump:
        return signal == SIGPIPE ? DefaultOutcome::Nothing : DefaultOutcome::End;
    case SignalDefault::Stop:
        stopAsTheKernelWould(signal);
        return DefaultOutcome::Nothing;
    case SignalDefault::Continue:
    case SignalDefault::Ignore:
        return DefaultOutcome::Nothing;
    }
    return DefaultOutcome::Nothing;
}

int statusAfterSignal(int signal) noexcept
{
    return signal == SIGINT || signal == SIGTERM ? 0 : kStatusSignalBase + signal;
}

} // namespace sockscope
