// Real sockets for the /proc tests (tst_procnet: the tables;
// tst_procnet_owners: who holds a socket): made, connected and accepted on
// loopback, each one's inode and addresses, and owners in one line.
#pragma once

#include <sockscope/procnet/socket_owners.h>
#include <sockscope/reactor/unique_fd.h>
#include <sockscope/resolve/socket_address.h>

#include <cstdint>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <vector>

inline std::uint64_t inodeOf(int fd)
{
    struct stat info {};
    return ::fstat(fd, &info) == 0 ? info.st_ino : 0;
}

inline sockscope::SocketAddress localOf(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    return sockscope::SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&storage), length)
        .value_or(sockscope::SocketAddress{});
}

inline sockscope::SocketAddress remoteOf(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    ::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    return sockscope::SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&storage), length)
        .value_or(sockscope::SocketAddress{});
}

// A socket of `type` for `address`; an IPv6 one takes IPv4-mapped
// addresses too (bindv6only may say otherwise).
inline sockscope::UniqueFd ipSocket(const sockscope::SocketAddress &address, int type)
{
    sockscope::UniqueFd fd(::socket(address.data()->sa_family, type | SOCK_CLOEXEC, 0));
    const int off = 0;
    if (fd && address.data()->sa_family == AF_INET6)
        ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    return fd;
}

// A socket of `type` bound to `host`, port chosen by the kernel; a TCP one
// listens. Invalid if the system refuses (no IPv6).
inline sockscope::UniqueFd boundTo(const std::string &host, int type)
{
    const auto address = sockscope::SocketAddress::fromNumeric(host, 0);
    sockscope::UniqueFd fd = address ? ipSocket(*address, type) : sockscope::UniqueFd{};
    if (!fd || ::bind(fd.get(), address->data(), address->size()) != 0 ||
        (type == SOCK_STREAM && ::listen(fd.get(), 8) != 0))
        return {};
    return fd;
}

// A blocking connect: on loopback it completes at once, into the
// listener's backlog, so acceptOne() never waits.
inline sockscope::UniqueFd connectTo(const std::string &host, int port, int type = SOCK_STREAM)
{
    const auto address = sockscope::SocketAddress::fromNumeric(host, port);
    sockscope::UniqueFd fd = address ? ipSocket(*address, type) : sockscope::UniqueFd{};
    if (!fd || ::connect(fd.get(), address->data(), address->size()) != 0)
        return {};
    return fd;
}

inline sockscope::UniqueFd acceptOne(int listener)
{
    return sockscope::UniqueFd(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC));
}

inline std::string ownString(const std::vector<sockscope::SocketOwner> &owners)
{
    std::string text;
    for (const sockscope::SocketOwner &owner : owners)
        text += std::to_string(owner.pid) + ":" + owner.comm + " ";
    return text;
}
