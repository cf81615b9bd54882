#include "sockscope/proc/spawn.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/close_range.h>
#include <sys/wait.h>
#include <unistd.h>

// glibc 2.36 declares these without extern "C".
extern "C" {
#include <sys/pidfd.h>
}

extern char **environ;

namespace sockscope {
namespace {

// Our environment with the request's variables put in.
std::vector<std::string> childEnvironment(const SpawnRequest &request)
{
    std::vector<std::string> out;
    for (char **entry = environ; entry && *entry; ++entry) {
        const std::string text(*entry);
        const std::string name = text.substr(0, text.find('='));
        const bool replaced = std::any_of(request.environment.begin(), request.environment.end(),
                                          [&](const auto &variable) { return variable.first == name; });
        if (!replaced)
            out.push_back(text);
    }
    for (const auto &[name, value] : request.environment)
        out.push_back(name + "=" + value);
    return out;
}

std::vector<char *> pointers(std::vector<std::string> &strings)
{
    std::vector<char *> out;
    for (std::string &text : strings)
        out.push_back(text.data());
    out.push_back(nullptr);
    return out;
}

// The child's dup2s run in order: a dup2 onto a number that is
// still another source would clobber it. So every source is first copied
// above all the targets, and the children's numbers come from those copies.
std::variant<std::vector<UniqueFd>, std::error_code> copiesAboveTargets(const SpawnRequest &request)
{
    int highest = 2;
    for (const auto &[target, source] : request.descriptors)
        highest = std::max(highest, target);
    std::vector<UniqueFd> copies;
    for (const auto &[target, source] : request.descriptors) {
        UniqueFd copy(::fcntl(source, F_DUPFD_CLOEXEC, highest + 1));
        if (!copy)
            return lastSystemError();
        copies.push_back(std::move(copy));
    }
    return copies;
}

// What the child does between clone and exec, made ready by the parent.
struct ChildPlan {
    char **argv = nullptr;
    char **envp = nullptr;
    const std::pair<int, int> *moves = nullptr; // {ours, its number}
    std::size_t moveCount = 0;
    const char *directory = nullptr;
    bool newProcessGroup = false;
    bool newSession = false;
    int failure = 0; // errno of the step that failed; written by the child
};

// The child's stack: it runs on its own while we wait (CLONE_VFORK).
struct ChildStack {
    static constexpr std::size_t kSize = 256 * 1024;
    ChildStack()
    {
        void *mapped = ::mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
        base = mapped == MAP_FAILED ? nullptr : static_cast<char *>(mapped);
    }
    ~ChildStack()
    {
        if (base)
            ::munmap(base, kSize);
    }
    ChildStack(const ChildStack &) = delete;
    ChildStack &operator=(const ChildStack &) = delete;
    void *top() const { return base + kSize; } // stacks grow down here
    char *base = nullptr;
};

// The kernel's sigaction and mask, for raw system calls: glibc refuses to
// touch the two signals it keeps for itself (32 and 33), and its
// posix_spawn leaves them ignored in the child, which a program then sees
// in /proc/PID/status. Here every signal the kernel lets us set goes back
// to its default.
struct KernelSigaction {
    void (*handler)(int) = SIG_DFL;
    unsigned long flags = 0;
    void (*restorer)() = nullptr;
    unsigned long mask = 0;
};
constexpr int kKernelSignals = _NSIG - 1;
constexpr std::size_t kKernelMaskSize = _NSIG / 8;
// The layout above (handler, flags, restorer, mask) is the kernel's on these.
static_assert(sizeof(unsigned long) == kKernelMaskSize, "a kernel signal mask of one unsigned long");
#if !defined(__x86_64__) && !defined(__aarch64__)
#error "KernelSigaction's layout is checked on x86-64 and AArch64 only"
#endif

// Every descriptor but the child's own numbers gets close-on-exec: one
// Sockscope inherited without it, or a library opened without it, must not
// reach the program (it gets exactly what it was handed).
__attribute__((no_sanitize("address", "undefined"))) void closeOnExecAllBut(const ChildPlan &plan)
{
    int highest = 2;
    for (std::size_t i = 0; i < plan.moveCount; ++i)
        highest = std::max(highest, plan.moves[i].second);
    for (int fd = 3; fd <= highest; ++fd) {
        bool handed = false;
        for (std::size_t i = 0; i < plan.moveCount; ++i)
            handed = handed || plan.moves[i].second == fd;
        if (!handed)
            ::syscall(SYS_close_range, fd, fd, CLOSE_RANGE_CLOEXEC);
    }
    ::syscall(SYS_close_range, highest + 1, ~0U, CLOSE_RANGE_CLOEXEC);
}

// Runs in the child, on its own stack and in our memory: system calls only
// (no allocation, no lock, nothing a sanitizer would watch).
__attribute__((no_sanitize("address", "undefined"))) int runChild(void *argument)
{
    auto *plan = static_cast<ChildPlan *>(argument);
    const KernelSigaction byDefault;
    bool ok = true;
    for (int signal = 1; ok && signal <= kKernelSignals; ++signal) {
        if (signal != SIGKILL && signal != SIGSTOP) // a handler of ours must not run here, in our memory
            ok = ::syscall(SYS_rt_sigaction, signal, &byDefault, nullptr, kKernelMaskSize) == 0;
    }
    for (std::size_t i = 0; ok && i < plan->moveCount; ++i) // dup2 clears close-on-exec on the child's number
        ok = ::dup2(plan->moves[i].first, plan->moves[i].second) >= 0;
    ok = ok && (!plan->directory || ::chdir(plan->directory) == 0);
    if (ok)
        closeOnExecAllBut(*plan);
    // setsid() makes a process group too, and fails in a group's leader.
    ok = ok && (plan->newSession ? ::setsid() >= 0 : !plan->newProcessGroup || ::setpgid(0, 0) == 0);
    const unsigned long noSignals = 0;
    ok = ok && ::syscall(SYS_rt_sigprocmask, SIG_SETMASK, &noSignals, nullptr, kKernelMaskSize) == 0;
    if (ok)
        ::execve(plan->argv[0], plan->argv, plan->envp);
    plan->failure = errno;
    ::_exit(127);
}

ChildExit exitOf(const siginfo_t &info)
{
    ChildExit out;
    if (info.si_code == CLD_EXITED)
        out.status = info.si_status;
    else
        out.signal = info.si_status;
    return out;
}

// waitid(P_PIDFD) came in Linux 5.4, a release after CLONE_PIDFD: on 5.2
// and 5.3 a child could be started and followed but never reaped, its
// readable pidfd waking the loop for ever. Asked once: for a descriptor
// that is not open, a kernel that knows P_PIDFD says EBADF, one that does
// not says EINVAL.
bool kernelReapsByPidfd()
{
    static const bool known = [] {
        siginfo_t info{};
        return ::waitid(P_PIDFD, static_cast<id_t>(INT_MAX), &info, WEXITED | WNOHANG) == 0 || errno != EINVAL;
    }();
    return known;
}

} // namespace

std::variant<SpawnedProcess, std::error_code> spawnProcess(const SpawnRequest &request)
{
    if (!kernelReapsByPidfd())
        return std::make_error_code(std::errc::function_not_supported); // Linux 5.4 or later is needed
    auto copied = copiesAboveTargets(request);
    if (auto *error = std::get_if<std::error_code>(&copied))
        return *error;
    const auto &copies = std::get<std::vector<UniqueFd>>(copied);

    // Everything the child needs is made here: between clone and exec it
    // may only make system calls.
    ChildPlan plan;
    std::vector<std::string> arguments = request.argv;
    std::vector<std::string> environment = childEnvironment(request);
    std::vector<char *> argv = pointers(arguments);
    std::vector<char *> envp = pointers(environment);
    std::vector<std::pair<int, int>> moves;
    for (std::size_t i = 0; i < copies.size(); ++i)
        moves.emplace_back(copies[i].get(), request.descriptors[i].first);
    plan.argv = argv.data();
    plan.envp = envp.data();
    plan.moves = moves.data();
    plan.moveCount = moves.size();
    plan.directory = request.directory.empty() ? nullptr : request.directory.c_str();
    plan.newProcessGroup = request.newProcessGroup;
    plan.newSession = request.newSession;

    ChildStack stack;
    if (!stack.base)
        return lastSystemError();
    // No signal handler of ours may run in the child, which shares our
    // memory until it executes: every signal is held until then (as glibc's
    // posix_spawn does), and the child sets its own mask to empty.
    // A raw call: glibc's pthread_sigmask leaves its own two unblocked.
    const unsigned long all = ~0UL;
    unsigned long before = 0;
    ::syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &before, kKernelMaskSize);
    int pidfd = -1;
    // CLONE_VFORK: we go on once the child has executed (or given up);
    // CLONE_PIDFD: its pidfd comes with it, with no moment in which the
    // pid could name another process.
    const pid_t pid = ::clone(runChild, stack.top(), CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD, &plan, &pidfd);
    const int cloneError = errno;
    ::syscall(SYS_rt_sigprocmask, SIG_SETMASK, &before, nullptr, kKernelMaskSize);
    if (pid < 0)
        return std::error_code(cloneError, std::system_category());
    SpawnedProcess spawned;
    spawned.pid = pid;
    spawned.pidfd = UniqueFd(pidfd);
    if (plan.failure != 0) { // it never ran the program: reap what is left of it
        waitForChild(spawned.pidfd.get(), std::chrono::seconds(5));
        return std::error_code(plan.failure, std::system_category());
    }
    return spawned;
}

std::optional<ChildExit> reapChild(int pidfd)
{
    siginfo_t info{};
    for (;;) {
        if (::waitid(P_PIDFD, static_cast<id_t>(pidfd), &info, WEXITED | WNOHANG) == 0)
            break;
        if (errno == ECHILD)
            return ChildExit{}; // ended and reaped by someone else: no status to tell
        if (errno != EINTR)
            return std::nullopt;
    }
    if (info.si_pid == 0)
        return std::nullopt; // still running
    return exitOf(info);
}

std::optional<ChildExit> waitForChild(int pidfd, Duration timeout)
{
    const TimePoint deadline = Clock::now() + timeout;
    for (;;) {
        if (auto ended = reapChild(pidfd))
            return ended;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return std::nullopt;
        pollfd watch{pidfd, POLLIN, 0};
        ::poll(&watch, 1, static_cast<int>(std::min<long long>(left, 1000)) + 1);
    }
}

std::error_code signalChild(int pidfd, int signal)
{
    if (::pidfd_send_signal(pidfd, signal, nullptr, 0) != 0)
        return lastSystemError();
    return {};
}

} // namespace sockscope
