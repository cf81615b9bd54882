#include "sockscope/proc/thread_syscall.h"

#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <memory>
#include <string>

namespace sockscope {
namespace {

// The first field of /proc/self/task/TID/syscall: the call's number, or
// "running" (which reads as no number).
bool taskInSyscall(const char *task, long number)
{
    const std::string path = std::string("/proc/self/task/") + task + "/syscall";
    std::unique_ptr<FILE, int (*)(FILE *)> file(std::fopen(path.c_str(), "re"), &std::fclose);
    long current = -1;
    return file && std::fscanf(file.get(), "%ld", &current) == 1 && current == number;
}

} // namespace

bool threadOfOursInSyscall(long number)
{
    std::unique_ptr<DIR, int (*)(DIR *)> tasks(::opendir("/proc/self/task"), &::closedir);
    if (!tasks)
        return false;
    while (const dirent *entry = ::readdir(tasks.get())) {
        if (entry->d_name[0] != '.' && taskInSyscall(entry->d_name, number))
            return true;
    }
    return false;
}

} // namespace sockscope
