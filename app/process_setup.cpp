#include "process_setup.h"

#include <sockscope/proc/process_limits.h>
#include <sockscope/ipc/signal_watcher.h>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

std::vector<int> watchedSignals()
{
    return {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};
}

void prepareProcess()
{
    // open() returns the lowest free descriptor, so going up from 0 fills
    // exactly the closed ones.
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) == -1)
            ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    }
    std::signal(SIGPIPE, SIG_IGN);
    sockscope::raiseOpenFileLimit();
    sockscope::blockSignals(watchedSignals());
}
