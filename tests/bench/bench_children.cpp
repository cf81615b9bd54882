// Child processes started and reaped per second, /bin/true each: a raw
// posix_spawn + waitpid loop and a raw fork + execve + waitpid loop, in
// this process, against ChildProcess (posix_spawn with its three pipes,
// an empty signal mask and default dispositions, the pidfd watched on the
// reactor and reaped with waitid, every event built), the same count in
// the same run, several rounds interleaved. Target: at least 0.9 of raw
// posix_spawn.
#include "bench_rounds.h"

#include <sockscope/proc/child_process.h>
#include <sockscope/reactor/epoll_reactor.h>

#include <algorithm>
#include <cstdio>
#include <csignal>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

using Clock = sockscope::Clock;
constexpr int kChildren = 2000;
constexpr int kRounds = 5;
constexpr int kInFlight = 16; // children running at once in every loop
const char *const kProgram = "/bin/true";

struct NullSink final : sockscope::EventSink {
    std::size_t events = 0;
    void onEvent(const sockscope::Event &) override { ++events; }
};

template <typename Start>
double rawLoop(Start start)
{
    const auto begin = Clock::now();
    int started = 0;
    int reaped = 0;
    while (reaped < kChildren) {
        while (started < kChildren && started - reaped < kInFlight) {
            if (start() <= 0)
                return 0;
            ++started;
        }
        if (::waitpid(-1, nullptr, 0) > 0)
            ++reaped;
    }
    return kChildren / std::chrono::duration<double>(Clock::now() - begin).count();
}

double rawSpawn()
{
    return rawLoop([] {
        pid_t pid = -1;
        char *argv[] = {const_cast<char *>(kProgram), nullptr};
        return ::posix_spawn(&pid, kProgram, nullptr, nullptr, argv, environ) == 0 ? pid : -1;
    });
}

double rawFork()
{
    return rawLoop([] {
        const pid_t pid = ::fork();
        if (pid == 0) {
            char *argv[] = {const_cast<char *>(kProgram), nullptr};
            ::execve(kProgram, argv, environ);
            ::_exit(127);
        }
        return pid;
    });
}

double throughChildProcess(sockscope::EpollReactor &reactor)
{
    NullSink sink;
    const auto begin = Clock::now();
    int started = 0;
    int ended = 0;
    std::vector<std::unique_ptr<sockscope::ChildProcess>> running;
    while (ended < kChildren) {
        while (started < kChildren && started - ended < kInFlight) {
            std::error_code error;
            sockscope::ChildOptions options;
            options.argv = {kProgram};
            auto child = sockscope::ChildProcess::start(reactor, sink, options,
                                                        [&](const sockscope::ChildExit &) {
                                                            ++ended;
                                                            reactor.stop(); // one started in its place at once
                                                        },
                                                        error);
            if (!child)
                return 0;
            running.push_back(std::move(child));
            ++started;
        }
        reactor.runFor(std::chrono::milliseconds(100));
        // Those that ended go (their pipes closed), as an owner would let them.
        running.erase(std::remove_if(running.begin(), running.end(), [](const auto &c) { return !c->running(); }),
                      running.end());
    }
    return kChildren / std::chrono::duration<double>(Clock::now() - begin).count();
}

} // namespace

int main()
{
    std::signal(SIGPIPE, SIG_IGN);
    std::error_code error;
    auto reactor = sockscope::EpollReactor::create(error);
    if (!reactor) {
        std::printf("no reactor: %s\n", error.message().c_str());
        return 1;
    }
    std::vector<double> spawnRates, forkRates, ourRates, ratios;
    for (int round = 0; round < kRounds; ++round) {
        spawnRates.push_back(rawSpawn());
        forkRates.push_back(rawFork());
        ourRates.push_back(throughChildProcess(*reactor));
        ratios.push_back(ourRates.back() / spawnRates.back());
    }
    std::printf("Child processes started and reaped, %s, %d a round, %d at once (median of %d interleaved rounds)\n",
                kProgram, kChildren, kInFlight, kRounds);
    std::printf("  raw posix_spawn + waitpid     %8.0f /s   1.00x\n", median(spawnRates));
    std::printf("  raw fork + execve + waitpid   %8.0f /s   %.2fx\n", median(forkRates),
                median(forkRates) / median(spawnRates));
    std::printf("  ChildProcess (3 pipes, pidfd) %8.0f /s   %.2fx (median of the rounds' own ratios)\n",
                median(ourRates), median(ratios));
    std::printf("  target (ChildProcess at least 0.90x raw posix_spawn): %s\n", median(ratios) >= 0.9 ? "met" : "MISSED");
    return 0;
}
