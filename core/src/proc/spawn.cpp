#include "sockscope/proc/spawn.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
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

// posix_spawn's file actions run in order: a dup2 onto a number that is
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

ChildExit exitOf(const siginfo_t &info)
{
    ChildExit out;
    if (info.si_code == CLD_EXITED)
        out.status = info.si_status;
    else
        out.signal = info.si_status;
    return out;
}

} // namespace

std::variant<SpawnedProcess, std::error_code> spawnProcess(const SpawnRequest &request)
{
    auto copied = copiesAboveTargets(request);
    if (auto *error = std::get_if<std::error_code>(&copied))
        return *error;
    const auto &copies = std::get<std::vector<UniqueFd>>(copied);

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attributes);
    for (std::size_t i = 0; i < copies.size(); ++i) // dup2 clears close-on-exec on the child's number
        ::posix_spawn_file_actions_adddup2(&actions, copies[i].get(), request.descriptors[i].first);
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    ::posix_spawnattr_setsigmask(&attributes, &none);
    ::posix_spawnattr_setsigdefault(&attributes, &all);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (request.newProcessGroup) {
        flags |= POSIX_SPAWN_SETPGROUP;
        ::posix_spawnattr_setpgroup(&attributes, 0); // its own pid
    }
    ::posix_spawnattr_setflags(&attributes, flags);
    if (!request.directory.empty())
        ::posix_spawn_file_actions_addchdir_np(&actions, request.directory.c_str());

    std::vector<std::string> arguments = request.argv;
    std::vector<std::string> environment = childEnvironment(request);
    std::vector<char *> argv = pointers(arguments);
    std::vector<char *> envp = pointers(environment);
    pid_t pid = -1;
    const int failed = ::posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attributes);
    if (failed != 0)
        return std::error_code(failed, std::system_category());

    SpawnedProcess spawned;
    spawned.pid = pid;
    spawned.pidfd = UniqueFd(::pidfd_open(pid, 0)); // our child cannot be reaped by anyone else: the pid is still it
    if (!spawned.pidfd) {
        const std::error_code error = lastSystemError();
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        return error;
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
