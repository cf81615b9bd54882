// Loopback sockets for tests and benchmarks of the connecting code.
#pragma once

#include <sockscope/reactor/unique_fd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

/// A TCP listener on 127.0.0.1, port chosen by the kernel; invalid (and
/// `*port` untouched) if the system refuses.
inline sockscope::UniqueFd loopbackListener(int backlog, int *port)
{
    sockscope::UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd.get(), reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(fd.get(), backlog) != 0 ||
        ::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    *port = ntohs(address.sin_port);
    return fd;
}
