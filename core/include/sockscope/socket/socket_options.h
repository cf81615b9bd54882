// SocketOptions: the options `connect` and `serve` share (DESIGN.md, "The
// command line"), applied to a new socket before it connects or listens,
// and read back afterwards.
//
// Applying stops at the first option the kernel refuses and names it with
// the kernel's error, so nothing asked for is ignored silently. Reading
// back shows what the kernel made of each request: it doubles SO_RCVBUF and
// SO_SNDBUF and caps them at net.core.{r,w}mem_max without a word.
// Options that belong to one IP version (IPV6_V6ONLY; TTL and TOS, which
// are IP_TTL/IP_TOS for IPv4 and IPV6_UNICAST_HOPS/IPV6_TCLASS for IPv6)
// are set on the sockets of the family they belong to; v6only is not asked
// of an IPv4 socket, but TTL on a Unix socket is, and the kernel refuses it.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/events/input_error.h"
#include "sockscope/resolve/socket_address.h"

#include <optional>
#include <sys/socket.h>
#include <variant>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace sockscope {

enum class SocketOptionId : std::uint8_t {
    ReuseAddress,
    ReusePort,
    Broadcast,
    V6Only,
    NoDelay,
    KeepAlive,
    LingerReset,
    ReceiveBuffer,
    SendBuffer,
    BindDevice,
    Ttl,
    Tos,
};

/// The option's name in the schema and on the command line ("reuseaddr",
/// "v6only", "linger-rst", "rcvbuf", "bind-device", ...).
std::string_view socketOptionName(SocketOptionId id) noexcept;

struct SocketOptionRequest {
    SocketOptionId id;
    int value = 1; ///< on/off as 1/0, or the number (bytes, hops, TOS)
};

/// Where to bind before connecting (IO::Socket::IP's LocalHost and
/// LocalService): an address, a port, or both.
struct LocalBind {
    std::optional<SocketAddress> address; ///< its port is `port`
    int port = 0;
};

struct SocketOptions {
    int socktype = SOCK_STREAM;             ///< SOCK_STREAM, SOCK_DGRAM (UDP) or SOCK_SEQPACKET (Unix)
    std::optional<Family> family;           ///< --family: only this IP version
    std::optional<LocalBind> bind;
    std::vector<SocketOptionRequest> requests; ///< in the order given
    std::string bindDevice;                 ///< SO_BINDTODEVICE, when not empty
};

/// `--bind` as typed: "127.0.0.1", "[::1]:5000", "::1", ":5000" (a port
/// alone) or "5000"; only numeric addresses (a local name could mean
/// several, and the race binds one per attempt).
std::variant<LocalBind, InputError> parseLocalBind(const std::string &text);

/// The families the options allow: `family`, or the bound address's; both
/// when neither is set. A conflict between the two is bad input.
std::optional<InputError> checkFamilies(const SocketOptions &options);
bool familyAllowed(const SocketOptions &options, Family family);

/// An option (or the bind, named "bind") the kernel refused.
struct SocketOptionFailure {
    std::string option;
    std::error_code error;
};

/// Sets every requested option on `fd` (a new socket of `family`), then
/// binds it if asked, or autobinds a Unix datagram client (without a name
/// of its own, the server could not answer it).
std::optional<SocketOptionFailure> applySocketOptions(int fd, Family family, const SocketOptions &options);

/// What the kernel made of each request, read back with getsockopt: one
/// object per option, with `option`, `requested` and `effective` (integers;
/// `device` strings for bind-device), for the `options` field of an event.
ExtraObjects readBackSocketOptions(int fd, Family family, const SocketOptions &options);

} // namespace sockscope
