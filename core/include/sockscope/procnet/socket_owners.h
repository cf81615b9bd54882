// Socket owners: which processes hold a socket, found as `ss -p` finds
// them: every /proc/[pid]/fd link that reads "socket:[INODE]".
//
// Several processes can hold one socket (after a fork, or a descriptor
// passed over a Unix socket): all of them are listed. Without privileges,
// another user's /proc/[pid]/fd is closed to us (EACCES); a socket not
// found elsewhere then has an unknown owner, which is not the same as no
// owner, and the answer says so.
//
// Everything here is blocking (one directory per process): call it on a
// worker thread, never on the loop thread. Each function takes the /proc
// root, so a test can point it at a prepared directory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace sockscope {

/// A process that holds a socket.
struct SocketOwner {
    int pid = 0;
    std::string comm; ///< /proc/[pid]/comm: the program's name, at most 15 bytes

    bool operator==(const SocketOwner &) const = default;
};

enum class OwnerStatus : std::uint8_t {
    Found,    ///< `owners` holds every process seen holding it
    NotFound, ///< no process we can read holds it, and we could read them all
    Unknown,  ///< not found, but some processes could not be read: `error` says why (EACCES)
};

/// The answer to "who holds socket inode N?".
struct SocketOwners {
    OwnerStatus status = OwnerStatus::NotFound;
    std::vector<SocketOwner> owners; ///< by pid
    int unreadable = 0;              ///< processes whose descriptors we could not read
    std::error_code error;           ///< the first such error (or the /proc root's own)

    bool operator==(const SocketOwners &) const = default;
};

/// /proc/[pid]/comm without its newline; empty if the process is gone.
std::string processName(int pid, const std::string &procRoot = "/proc");

/// Scans every process under `procRoot` for descriptors of socket `inode`.
SocketOwners findSocketOwners(std::uint64_t inode, const std::string &procRoot = "/proc");

/// One socket descriptor of a process.
struct ProcessSocket {
    int fd = 0;
    std::uint64_t inode = 0;
};

/// The socket descriptors `pid` has open, by descriptor number (look their
/// inodes up in a SocketTable); ENOENT when there is no such process,
/// EACCES when its descriptors are closed to us.
std::variant<std::vector<ProcessSocket>, std::error_code> socketsOfProcess(int pid,
                                                                            const std::string &procRoot = "/proc");

/// Owners by socket inode, scanned once each: a server asks about every
/// loopback peer, and a rescan of /proc costs a directory per process.
/// An inode names one socket for that socket's life, so an answer (found,
/// not found or unknown alike) is kept until the socket closes: forget() it
/// then, as a later socket may get its inode. Safe to use from several
/// worker threads at once.
class SocketOwnerCache {
public:
    explicit SocketOwnerCache(std::string procRoot = "/proc") : procRoot_(std::move(procRoot)) {}

    /// The cached answer for `inode`, or a scan's (then kept). Blocking.
    SocketOwners lookup(std::uint64_t inode);
    /// Drops the answer for `inode` (its socket closed).
    void forget(std::uint64_t inode);
    void clear();
    std::size_t size() const;

private:
    const std::string procRoot_;
    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, SocketOwners> answers_;
};

} // namespace sockscope
