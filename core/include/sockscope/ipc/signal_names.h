// Signal names and numbers, as a person types and reads them.
//
// Names follow the kernel's (SIGUSR1, SIGRTMIN+3); a person may type a name
// with or without its SIG prefix, in any case, a number, or a real-time
// offset (RTMIN+3, RTMAX-1). Real-time signals are counted from glibc's
// SIGRTMIN, which is above the two the threads library keeps for itself.
// What the kernel does to a signal nobody catches is data here, so that a
// program that blocks every signal can do the same itself (DESIGN.md).
#pragma once

#include "sockscope/events/input_error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sockscope {

/// What the kernel does with a signal whose disposition is the default.
enum class SignalDefault { Terminate, CoreDump, Stop, Continue, Ignore };

struct SignalEntry {
    int number = 0;
    std::string name; ///< "SIGUSR1", "SIGRTMIN+3"
    SignalDefault action = SignalDefault::Terminate;
    bool catchable = true; ///< false for SIGKILL and SIGSTOP
};

/// "terminate", "core", "stop", "continue", "ignore".
std::string_view signalDefaultName(SignalDefault action) noexcept;
SignalDefault defaultActionOf(int signal) noexcept;

/// Every signal a program can send: 1 to 31, then SIGRTMIN to SIGRTMAX.
std::vector<SignalEntry> signalTable();

/// The number `text` names ("USR1", "SIGUSR1", "usr1", "10", "RTMIN+3",
/// "SIGRTMAX-1"); with `allowZero`, "0" (the liveness check of kill(2)).
/// On failure `error` names `field` and says what is wrong.
std::optional<int> parseSignal(std::string_view text, const std::string &field, bool allowZero, InputError &error);

/// The name of a siginfo si_code, as DESIGN.md's `code` field carries it:
/// "SI_USER", "SI_QUEUE", "SI_TKILL", "SI_KERNEL", ...; a signal-specific
/// code (CLD_EXITED for SIGCHLD, ...) by its name where it has one, else
/// the number in decimal.
std::string signalCodeName(int signal, int code);

/// Whether a siginfo's value was set by its sender (sigqueue, a timer, a
/// message queue): only then does `value` mean anything.
bool signalCodeCarriesValue(int code) noexcept;

/// Every signal a thread can block and read from a signalfd: all but
/// SIGKILL and SIGSTOP, the synchronous ones (SIGSEGV, SIGBUS, SIGILL,
/// SIGFPE, SIGTRAP, SIGSYS: blocking those only hides a crash) and the two
/// the threads library keeps.
std::vector<int> blockableSignals();

/// What the kernel would have done with a signal that arrived while a
/// process that blocks every signal does not watch it. A stop is done
/// here, by the kernel's own default (so Ctrl-Z works, and an orphaned
/// process group is not stopped); ending is left to the caller, which ends
/// cleanly. SIGPIPE never ends: the write reports EPIPE.
enum class DefaultOutcome { Nothing, End };
DefaultOutcome actAsDefault(int signal);

/// The exit status of a program ended by a `signal` it did not watch:
/// SIGINT and SIGTERM, the requests to stop, end it with 0; others 128+N,
/// as a shell reports a death by signal.
int statusAfterSignal(int signal) noexcept;

} // namespace sockscope
