#include "sockscope/proc/background_reaper.h"

#include <cerrno>
#include <system_error>
#include <sys/wait.h>
#include <thread>

namespace sockscope {
namespace {

// Until it is reaped the pid stays ours, so waiting by number is safe.
void reap(pid_t pid) noexcept
{
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
}

} // namespace

void reapInBackground(pid_t pid)
{
    // The thread inherits this thread's signal mask: every signal main()
    // blocked for the signalfd stays blocked there.
    try {
        std::thread([pid] { reap(pid); }).detach();
    } catch (const std::system_error &) {
        reap(pid);
    }
}

} // namespace sockscope
