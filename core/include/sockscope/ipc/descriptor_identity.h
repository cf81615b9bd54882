// What a descriptor is: the identity a person compares to see that a
// descriptor passed over a Unix socket (fd_pass.h) is the same open file at
// both ends.
//
// Two levels, because they cost very differently:
// - DescriptorIdentity, from one fstat(): device, inode, mode and a type
//   name. Cheap enough to record for every descriptor that moves.
// - DescriptorDetails, read only when asked (it halves the rate of a
//   descriptor-passing loop): the /proc/self/fd link ("socket:[1234]",
//   "pipe:[56]", "/tmp/file"), and for a socket its type and its local and
//   peer addresses.
// Both are plain values: nothing here owns or keeps a descriptor.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/events/extra_writer.h"
#include "sockscope/resolve/socket_address.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace sockscope {

struct DescriptorIdentity {
    std::uint64_t dev = 0;   ///< st_dev: the file system (pipefs, sockfs, a disk)
    std::uint64_t inode = 0; ///< st_ino: a socket's inode is the N of "socket:[N]"
    std::uint32_t mode = 0;  ///< st_mode: type and permission bits
    bool anonymousPipe = false; ///< a FIFO on pipefs: a pipe() end, not a mkfifo() one

    /// Whether both name the same file (same device and inode); for a pipe
    /// or a socket that is the same object, whatever the descriptor number.
    bool sameFile(const DescriptorIdentity &other) const noexcept
    {
        return dev == other.dev && inode == other.inode;
    }
    bool operator==(const DescriptorIdentity &other) const = default;
};

/// "file", "dir", "pipe" (pipe()), "fifo" (mkfifo()), "socket", "char",
/// "block", "symlink" (an O_PATH descriptor of a link), or "unknown".
std::string_view descriptorTypeName(const DescriptorIdentity &identity) noexcept;

/// fstat() of `fd`; EBADF for a descriptor that is not open.
std::error_code readDescriptorIdentity(int fd, DescriptorIdentity &out) noexcept;

struct DescriptorDetails {
    std::string link; ///< readlink of /proc/self/fd/N; empty if it could not be read
    std::optional<SocketType> socketType;     ///< sockets only (SO_TYPE)
    std::optional<SocketAddress> localAddress; ///< sockets of a family SocketAddress knows
    std::optional<SocketAddress> peerAddress;  ///< connected sockets only
};

/// Reads the link and, for a socket (as `identity` says), its type and
/// addresses. What cannot be read is left empty: these are for showing.
DescriptorDetails readDescriptorDetails(int fd, const DescriptorIdentity &identity);

/// Puts `dev`, `inode`, `mode` (integers) and `type` (a string) next.
void putDescriptorIdentity(ExtraWriter &fields, const DescriptorIdentity &identity);

/// Puts `link`, `local_address` and `peer_address` (SocketAddress's form:
/// "127.0.0.1:80", "unix:/path", "unix:@name", "unix:" for an unnamed one)
/// next; fields not known are left out. The socket type is the caller's to
/// put on the event's `socktype`.
void putDescriptorDetails(ExtraWriter &fields, const DescriptorDetails &details);

} // namespace sockscope
