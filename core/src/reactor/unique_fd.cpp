#include "sockscope/reactor/unique_fd.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sockscope {

void UniqueFd::reset(int fd) noexcept
{
    // close() is not retried on EINTR: on Linux the descriptor is released
    // even then, and a retry could close a descriptor another thread opened.
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = fd;
}

std::error_code makePipe(PipeEnds &out)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        return {errno, std::system_category()};
    out.read.reset(fds[0]);
    out.write.reset(fds[1]);
    return {};
}

std::error_code makeSocketPair(int type, UniqueFd &first, UniqueFd &second)
{
    int fds[2];
    if (::socketpair(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0)
        return {errno, std::system_category()};
    first.reset(fds[0]);
    second.reset(fds[1]);
    return {};
}

int openDescriptorCount()
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    int count = 0;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    ::closedir(dir);
    return count - 1; // the directory stream's own descriptor
}

} // namespace sockscope
