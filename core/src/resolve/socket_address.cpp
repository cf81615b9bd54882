#include "sockscope/resolve/socket_address.h"

#include <arpa/inet.h>
#include <cstring>
#include <net/if.h>
#include <netdb.h>

namespace sockscope {
namespace {

const sockaddr_in &asInet(const sockaddr_storage &storage)
{
    return reinterpret_cast<const sockaddr_in &>(storage);
}
const sockaddr_in6 &asInet6(const sockaddr_storage &storage)
{
    return reinterpret_cast<const sockaddr_in6 &>(storage);
}
const sockaddr_un &asUnix(const sockaddr_storage &storage)
{
    return reinterpret_cast<const sockaddr_un &>(storage);
}

std::string scopeName(std::uint32_t scope)
{
    char name[IF_NAMESIZE];
    if (::if_indextoname(scope, name))
        return name;
    return std::to_string(scope);
}

} // namespace

std::optional<SocketAddress> SocketAddress::fromSockaddr(const sockaddr *address, socklen_t length)
{
    if (!address || length < static_cast<socklen_t>(sizeof(sa_family_t)) || length > sizeof(sockaddr_storage))
        return std::nullopt;
    switch (address->sa_family) {
    case AF_INET:
        if (length < static_cast<socklen_t>(sizeof(sockaddr_in)))
            return std::nullopt;
        break;
    case AF_INET6:
        if (length < static_cast<socklen_t>(sizeof(sockaddr_in6)))
            return std::nullopt;
        break;
    case AF_UNIX:
        break;
    default:
        return std::nullopt;
    }
    SocketAddress result;
    std::memcpy(&result.storage_, address, length);
    result.length_ = length;
    return result;
}

std::optional<SocketAddress> SocketAddress::fromNumeric(const std::string &host, int port)
{
    addrinfo hints{};
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *list = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list) != 0)
        return std::nullopt;
    auto result = fromSockaddr(list->ai_addr, list->ai_addrlen);
    ::freeaddrinfo(list);
    return result;
}

std::optional<SocketAddress> SocketAddress::unix(const std::string &name, bool abstract)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::size_t room = sizeof(address.sun_path) - 1; // a NUL ends a path or starts an abstract name
    if (name.empty() || name.size() > room)
        return std::nullopt;
    std::memcpy(address.sun_path + (abstract ? 1 : 0), name.data(), name.size());
    // An abstract name is exactly its bytes: the length says where it ends.
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size() + 1);
    return fromSockaddr(reinterpret_cast<const sockaddr *>(&address), length);
}

Family SocketAddress::family() const
{
    switch (storage_.ss_family) {
    case AF_INET: return Family::Inet;
    case AF_INET6: return Family::Inet6;
    default: return Family::Unix;
    }
}

int SocketAddress::port() const
{
    switch (storage_.ss_family) {
    case AF_INET: return ntohs(asInet(storage_).sin_port);
    case AF_INET6: return ntohs(asInet6(storage_).sin6_port);
    default: return 0;
    }
}

void SocketAddress::setPort(int port)
{
    const auto network = htons(static_cast<std::uint16_t>(port));
    if (storage_.ss_family == AF_INET)
        reinterpret_cast<sockaddr_in &>(storage_).sin_port = network;
    else if (storage_.ss_family == AF_INET6)
        reinterpret_cast<sockaddr_in6 &>(storage_).sin6_port = network;
}

std::uint32_t SocketAddress::scopeId() const
{
    return storage_.ss_family == AF_INET6 ? asInet6(storage_).sin6_scope_id : 0;
}

bool SocketAddress::isLoopback() const
{
    if (storage_.ss_family == AF_INET)
        return (ntohl(asInet(storage_).sin_addr.s_addr) >> 24) == 127;
    if (storage_.ss_family == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(&asInet6(storage_).sin6_addr);
    return false;
}

std::string SocketAddress::host() const
{
    char text[INET6_ADDRSTRLEN];
    if (storage_.ss_family == AF_INET) {
        // By hand: glibc's inet_ntop formats IPv4 with sprintf, the most
        // of what an attempt's events cost in a connect storm.
        const auto *bytes = reinterpret_cast<const unsigned char *>(&asInet(storage_).sin_addr);
        std::string dotted;
        dotted.reserve(15);
        for (int i = 0; i < 4; ++i) {
            if (i > 0)
                dotted.push_back('.');
            const unsigned value = bytes[i];
            if (value >= 100)
                dotted.push_back(static_cast<char>('0' + value / 100));
            if (value >= 10)
                dotted.push_back(static_cast<char>('0' + value / 10 % 10));
            dotted.push_back(static_cast<char>('0' + value % 10));
        }
        return dotted;
    }
    if (storage_.ss_family == AF_INET6) {
        ::inet_ntop(AF_INET6, &asInet6(storage_).sin6_addr, text, sizeof text);
        std::string result = text;
        if (const std::uint32_t scope = scopeId())
            result += "%" + scopeName(scope);
        return result;
    }
    if (storage_.ss_family != AF_UNIX || length_ <= offsetof(sockaddr_un, sun_path))
        return {};
    const sockaddr_un &address = asUnix(storage_);
    const std::size_t pathLength = length_ - offsetof(sockaddr_un, sun_path);
    if (address.sun_path[0] == '\0')
        return "@" + std::string(address.sun_path + 1, pathLength - 1);
    return std::string(address.sun_path, strnlen(address.sun_path, pathLength));
}

std::string SocketAddress::toString() const
{
    switch (storage_.ss_family) {
    case AF_INET: return host() + ":" + std::to_string(port());
    case AF_INET6: return "[" + host() + "]:" + std::to_string(port());
    case AF_UNIX: return "unix:" + host();
    default: return {};
    }
}

bool SocketAddress::operator==(const SocketAddress &other) const
{
    return length_ == other.length_ && std::memcmp(&storage_, &other.storage_, length_) == 0;
}

void putEndpoint(Event &event, const SocketAddress &where)
{
    event.family = where.family();
    if (where.family() == Family::Unix) {
        event.path = where.host();
    } else {
        event.address = where.host();
        event.port = where.port();
    }
}

} // namespace sockscope
