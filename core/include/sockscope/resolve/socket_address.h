// SocketAddress: an IPv4, IPv6 (with scope) or Unix (path or abstract)
// socket address, as the kernel takes it, with numeric formatting.
//
//   toString():  "127.0.0.1:80", "[::1]:80", "[fe80::1%lo]:80",
//                "unix:/tmp/s", "unix:@name"
//   host():      the bare address, as the event schema wants it: "::1",
//                "fe80::1%lo", "127.0.0.1"
#pragma once

#include "sockscope/events/event.h"

#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>

namespace sockscope {

class SocketAddress {
public:
    SocketAddress() = default;

    /// Copies a kernel address; nullopt for a family other than
    /// AF_INET, AF_INET6 and AF_UNIX, or a length that does not fit it.
    static std::optional<SocketAddress> fromSockaddr(const sockaddr *address, socklen_t length);
    /// A numeric IPv4 or IPv6 address (with optional "%scope"), no lookup.
    static std::optional<SocketAddress> fromNumeric(const std::string &host, int port);
    /// A Unix address; `abstract` puts `name` in the abstract namespace.
    /// nullopt if it does not fit sun_path.
    static std::optional<SocketAddress> unix(const std::string &name, bool abstract);

    Family family() const;
    /// The port of an IP address, 0 for Unix.
    int port() const;
    void setPort(int port);
    /// The bare address (IP) or the path ("@name" for abstract).
    std::string host() const;
    /// The numeric form with port: "[::1]:80", "127.0.0.1:80", "unix:@name".
    std::string toString() const;
    /// The IPv6 scope id (interface index), 0 if none.
    std::uint32_t scopeId() const;
    bool isLoopback() const;

    const sockaddr *data() const { return reinterpret_cast<const sockaddr *>(&storage_); }
    socklen_t size() const { return length_; }

    bool operator==(const SocketAddress &other) const;
    bool operator!=(const SocketAddress &other) const { return !(*this == other); }

private:
    sockaddr_storage storage_{};
    socklen_t length_ = 0;
};

/// Puts `where` on an event: `family`, and `address` and `port`, or
/// `path` for a Unix socket.
void putEndpoint(Event &event, const SocketAddress &where);

} // namespace sockscope
