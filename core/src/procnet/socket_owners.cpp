#include "sockscope/procnet/socket_owners.h"

#include "sockscope/events/error.h"
#include "sockscope/reactor/unique_fd.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <string_view>
#include <unistd.h>

namespace sockscope {
namespace {

struct DirCloser {
    void operator()(DIR *directory) const { ::closedir(directory); }
};
using DirHandle = std::unique_ptr<DIR, DirCloser>;

// A name of digits only (a process or a descriptor); nullopt for ".",
// "self" and the other entries of /proc.
std::optional<int> numberOf(const char *name)
{
    const char *end = name + std::strlen(name);
    int value = 0;
    const auto [stop, error] = std::from_chars(name, end, value);
    if (name == end || *name == '-' || error != std::errc() || stop != end)
        return std::nullopt;
    return value;
}

// The inode of a "socket:[12345]" link; nullopt for any other file (a
// path, "pipe:[...]", "anon_inode:[eventfd]").
std::optional<std::uint64_t> socketInodeOf(std::string_view link)
{
    constexpr std::string_view prefix = "socket:[";
    if (!link.starts_with(prefix) || !link.ends_with(']'))
        return std::nullopt;
    const std::string_view digits = link.substr(prefix.size(), link.size() - prefix.size() - 1);
    std::uint64_t inode = 0;
    const auto [stop, error] = std::from_chars(digits.data(), digits.data() + digits.size(), inode);
    if (digits.empty() || error != std::errc() || stop != digits.data() + digits.size())
        return std::nullopt;
    return inode;
}

// A process that ended while we looked: it holds nothing now.
bool isGone(const std::error_code &error)
{
    return error == std::errc::no_such_file_or_directory || error == std::errc::no_such_process;
}

// Calls `each(fd, inode)` for every socket descriptor of `pid`. EACCES
// comes from the directory (another user's process) or from its links (a
// process we may list but not inspect, such as a setuid program's).
template <typename Each>
std::error_code forEachSocket(const std::string &procRoot, int pid, Each each)
{
    DirHandle directory(::opendir((procRoot + "/" + std::to_string(pid) + "/fd").c_str()));
    if (!directory)
        return lastSystemError();
    const int directoryFd = ::dirfd(directory.get());
    while (const dirent *entry = ::readdir(directory.get())) {
        const auto fd = numberOf(entry->d_name);
        if (!fd)
            continue;
        char link[64]; // "socket:[" and 20 digits fit; a longer link is no socket
        const ssize_t length = ::readlinkat(directoryFd, entry->d_name, link, sizeof link);
        if (length < 0 && errno != ENOENT) // ENOENT: closed since the listing
            return lastSystemError();
        if (length <= 0)
            continue;
        if (const auto inode = socketInodeOf({link, static_cast<std::size_t>(length)}))
            each(*fd, *inode);
    }
    return {};
}


OwnerStatus statusOf(const SocketOwners &answer)
{
    if (!answer.owners.empty())
        return OwnerStatus::Found;
    return answer.unreadable > 0 ? OwnerStatus::Unknown : OwnerStatus::NotFound;
}

} // namespace

SocketOwners findSocketOwners(std::uint64_t inode, const std::string &procRoot)
{
    SocketOwners answer;
    DirHandle processes(::opendir(procRoot.c_str()));
    if (!processes) {
        answer.status = OwnerStatus::Unknown;
        answer.error = lastSystemError();
        return answer;
    }
    while (const dirent *entry = ::readdir(processes.get())) {
        const auto pid = numberOf(entry->d_name);
        if (!pid)
            continue;
        bool holds = false;
        const std::error_code error = forEachSocket(procRoot, *pid, [&](int, std::uint64_t found) {
            holds = holds || found == inode;
        });
        if (holds) {
            answer.owners.push_back({*pid, processName(*pid, procRoot)});
        } else if (error && !isGone(error)) {
            ++answer.unreadable;
            if (!answer.error)
                answer.error = error;
        }
    }
    std::sort(answer.owners.begin(), answer.owners.end(),
              [](const SocketOwner &a, const SocketOwner &b) { return a.pid < b.pid; });
    answer.status = statusOf(answer);
    return answer;
}

std::variant<std::vector<ProcessSocket>, std::error_code> socketsOfProcess(int pid, const std::string &procRoot)
{
    std::vector<ProcessSocket> sockets;
    if (auto error = forEachSocket(procRoot, pid, [&](int fd, std::uint64_t inode) { sockets.push_back({fd, inode}); }))
        return error;
    std::sort(sockets.begin(), sockets.end(), [](const ProcessSocket &a, const ProcessSocket &b) { return a.fd < b.fd; });
    return sockets;
}

SocketOwners SocketOwnerCache::lookup(std::uint64_t inode)
{
    {
        std::lock_guard lock(mutex_);
        if (auto known = answers_.find(inode); known != answers_.end())
            return known->second;
    }
    // Scanned without the lock, so one slow scan holds up no other lookup;
    // two lookups of one new inode may both scan, and the first answer stays.
    SocketOwners answer = findSocketOwners(inode, procRoot_);
    std::lock_guard lock(mutex_);
    return answers_.try_emplace(inode, std::move(answer)).first->second;
}

void SocketOwnerCache::forget(std::uint64_t inode)
{
    std::lock_guard lock(mutex_);
    answers_.erase(inode);
}

void SocketOwnerCache::clear()
{
    std::lock_guard lock(mutex_);
    answers_.clear();
}

std::size_t SocketOwnerCache::size() const
{
    std::lock_guard lock(mutex_);
    return answers_.size();
}

std::string processName(int pid, const std::string &procRoot)
{
    const UniqueFd fd(::open((procRoot + "/" + std::to_string(pid) + "/comm").c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return {};
    char text[64]; // TASK_COMM_LEN is 16
    const ssize_t length = ::read(fd.get(), text, sizeof text);
    std::string comm(text, static_cast<std::size_t>(std::max<ssize_t>(length, 0)));
    if (!comm.empty() && comm.back() == '\n')
        comm.pop_back();
    return comm;
}

} // namespace sockscope
