#include "sockscope/ipc/quiet_write.h"

#include <cerrno>
#include <csignal>
#include <pthread.h>
#include <unistd.h>

namespace sockscope {

ssize_t writeWithoutSigpipe(int fd, const unsigned char *data, std::size_t size)
{
    sigset_t pipeSignal;
    sigset_t before;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipeSignal, &before);
    const ssize_t wrote = ::write(fd, data, size);
    const int error = errno;
    // Taken back only when it was not blocked before: a blocked SIGPIPE may
    // be someone's to read from a signalfd.
    if (wrote < 0 && error == EPIPE && !sigismember(&before, SIGPIPE)) {
        const timespec now{};
        ::sigtimedwait(&pipeSignal, nullptr, &now);
    }
    ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
    errno = error;
    return wrote;
}

} // namespace sockscope
