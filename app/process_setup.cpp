#include "process_setup.h"

#include <sockscope/ipc/signal_names.h>
#include <sockscope/ipc/signal_watcher.h>
#include <sockscope/proc/process_limits.h>

#include <fcntl.h>
#include <unistd.h>

void prepareProcess()
{
    // open() returns the lowest free descriptor, so going up from 0 fills
    // exactly the closed ones.
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) == -1)
            ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    }
    sockscope::raiseOpenFileLimit();
    sockscope::blockSignals(sockscope::blockableSignals());
}
