#include "sockscope/procnet/socket_table.h"

#include "sockscope/events/error.h"
#include "sockscope/reactor/unique_fd.h"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <iterator>
#include <unistd.h>

namespace sockscope {
namespace {

constexpr std::uint32_t kUnixListening = 1u << 16; // __SO_ACCEPTCON in the Flags column

// The next run of non-space characters of `rest`; `rest` keeps what
// follows it, starting at the space after it.
std::string_view nextToken(std::string_view &rest)
{
    const std::size_t start = std::min(rest.find_first_not_of(' '), rest.size());
    const std::size_t end = std::min(rest.find(' ', start), rest.size());
    const std::string_view token = rest.substr(start, end - start);
    rest.remove_prefix(end);
    return token;
}

// The next line of `rest` (without its newline); `rest` keeps what follows.
std::string_view nextLine(std::string_view &rest)
{
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    return line;
}

// The whole of `text` as a number in `base`; false for anything else.
template <typename Number>
bool parseNumber(std::string_view text, Number &out, int base)
{
    if (text.empty())
        return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    return error == std::errc() && end == text.data() + text.size();
}

// The kernel prints each 32-bit word of an address as the number it reads
// in this machine's byte order (%08X of a __be32): storing each parsed
// word back in memory gives the network-order bytes again, on any host.
std::optional<SocketAddress> parseHexAddress(std::string_view hex, int port)
{
    std::array<std::uint32_t, 4> words{};
    const std::size_t count = hex.size() / 8;
    if (hex.size() != 8 && hex.size() != 32)
        return std::nullopt;
    for (std::size_t i = 0; i < count; ++i) {
        if (!parseNumber(hex.substr(i * 8, 8), words[i], 16))
            return std::nullopt;
    }
    if (count == 1) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        std::memcpy(&address.sin_addr, words.data(), sizeof address.sin_addr);
        return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&address), sizeof address);
    }
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_port = htons(static_cast<std::uint16_t>(port));
    std::memcpy(&address.sin6_addr, words.data(), sizeof address.sin6_addr);
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&address), sizeof address);
}

// "0100007F:0016": the address, a colon, the port in hex (host order).
std::optional<SocketAddress> parseEndpoint(std::string_view text)
{
    const std::size_t colon = text.find(':');
    std::uint16_t port = 0;
    if (colon == std::string_view::npos || !parseNumber(text.substr(colon + 1), port, 16))
        return std::nullopt;
    return parseHexAddress(text.substr(0, colon), port);
}

// One line of tcp/udp(6): "sl local remote st tx:rx tr:when retrnsmt uid
// timeout inode ...".
std::optional<InetSocketEntry> parseInetLine(std::string_view line, int protocol)
{
    std::array<std::string_view, 10> fields;
    for (std::string_view &field : fields)
        field = nextToken(line);
    InetSocketEntry entry;
    entry.protocol = protocol;
    const auto local = parseEndpoint(fields[1]);
    const auto remote = parseEndpoint(fields[2]);
    int state = 0;
    if (!local || !remote || !parseNumber(fields[3], state, 16) || !parseNumber(fields[7], entry.uid, 10) ||
        !parseNumber(fields[9], entry.inode, 10))
        return std::nullopt;
    entry.local = *local;
    entry.remote = *remote;
    entry.state = tcpStateName(state);
    return entry;
}

// A Unix socket's state: a listening one says so in its flags; the rest
// by their socket_state (SS_*) number.
std::optional<std::string> unixStateName(std::uint32_t flags, int state)
{
    if (flags & kUnixListening)
        return "LISTEN";
    static constexpr const char *kNames[] = {"FREE", "UNCONNECTED", "CONNECTING", "CONNECTED", "DISCONNECTING"};
    if (state < 0 || state >= static_cast<int>(std::size(kNames)))
        return std::nullopt;
    return kNames[state];
}

// One line of unix: "Num RefCount Protocol Flags Type St Inode Path". The
// path is the rest of the line after one space (it may hold spaces).
std::optional<UnixSocketEntry> parseUnixLine(std::string_view line)
{
    std::array<std::string_view, 7> fields;
    for (std::string_view &field : fields)
        field = nextToken(line);
    std::uint32_t flags = 0;
    int type = 0;
    int state = 0;
    UnixSocketEntry entry;
    if (!parseNumber(fields[3], flags, 16) || !parseNumber(fields[4], type, 16) ||
        !parseNumber(fields[5], state, 16) || !parseNumber(fields[6], entry.inode, 10))
        return std::nullopt;
    const auto socktype = socketTypeFromNative(type);
    auto stateName = unixStateName(flags, state);
    if (!socktype || !stateName)
        return std::nullopt;
    entry.type = *socktype;
    entry.state = std::move(*stateName);
    if (!line.empty())
        entry.path = line.substr(1);
    return entry;
}

// The whole of a /proc file. Its size says 0, so read until the end.
std::error_code readWholeFile(const std::string &path, std::string &out)
{
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return lastSystemError();
    char buffer[65536];
    std::error_code error;
    for (;;) {
        const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            error = lastSystemError();
        if (got <= 0)
            break;
        out.append(buffer, static_cast<std::size_t>(got));
    }
    return error;
}

// An IP address as IPv6 (IPv4 as ::ffff:a.b.c.d) and its port, so either
// form of one endpoint compares equal.
struct Endpoint6 {
    in6_addr address{};
    int port = 0;
};

Endpoint6 asEndpoint6(const SocketAddress &address)
{
    Endpoint6 endpoint;
    endpoint.port = address.port();
    if (address.family() == Family::Inet6) {
        endpoint.address = reinterpret_cast<const sockaddr_in6 *>(address.data())->sin6_addr;
    } else if (address.family() == Family::Inet) {
        endpoint.address.s6_addr[10] = 0xff;
        endpoint.address.s6_addr[11] = 0xff;
        std::memcpy(&endpoint.address.s6_addr[12], &reinterpret_cast<const sockaddr_in *>(address.data())->sin_addr, 4);
    }
    return endpoint;
}

bool sameEndpoint(const SocketAddress &a, const SocketAddress &b)
{
    const Endpoint6 x = asEndpoint6(a);
    const Endpoint6 y = asEndpoint6(b);
    return x.port == y.port && std::memcmp(&x.address, &y.address, sizeof x.address) == 0;
}

} // namespace

std::string_view procNetFileName(ProcNetFile file) noexcept
{
    switch (file) {
    case ProcNetFile::Tcp: return "tcp";
    case ProcNetFile::Tcp6: return "tcp6";
    case ProcNetFile::Udp: return "udp";
    case ProcNetFile::Udp6: return "udp6";
    case ProcNetFile::Unix: return "unix";
    }
    return {};
}

std::string tcpStateName(int state)
{
    static constexpr const char *kNames[] = {
        nullptr,     "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",    "TIME_WAIT",
        "CLOSE",     "CLOSE_WAIT",  "LAST_ACK", "LISTEN",   "CLOSING",   "NEW_SYN_RECV", "BOUND_INACTIVE",
    };
    if (state > 0 && state < static_cast<int>(std::size(kNames)))
        return kNames[state];
    return std::to_string(state);
}

void parseInetTable(std::string_view text, ProcNetFile file, std::vector<InetSocketEntry> &out)
{
    const int protocol = file == ProcNetFile::Udp || file == ProcNetFile::Udp6 ? IPPROTO_UDP : IPPROTO_TCP;
    while (!text.empty()) {
        if (auto entry = parseInetLine(nextLine(text), protocol))
            out.push_back(std::move(*entry));
    }
}

void parseUnixTable(std::string_view text, std::vector<UnixSocketEntry> &out)
{
    while (!text.empty()) {
        if (auto entry = parseUnixLine(nextLine(text)))
            out.push_back(std::move(*entry));
    }
}

std::error_code readProcNetFile(ProcNetFile file, SocketTable &table, const std::string &procRoot)
{
    std::string text;
    if (auto error = readWholeFile(procRoot + "/net/" + std::string(procNetFileName(file)), text))
        return error;
    if (file == ProcNetFile::Unix)
        parseUnixTable(text, table.unixSockets);
    else
        parseInetTable(text, file, table.inetSockets);
    return {};
}

std::error_code readSocketTable(SocketTable &table, const std::string &procRoot)
{
    for (ProcNetFile file : {ProcNetFile::Tcp, ProcNetFile::Tcp6, ProcNetFile::Udp, ProcNetFile::Udp6,
                             ProcNetFile::Unix}) {
        const std::error_code error = readProcNetFile(file, table, procRoot);
        if (error && error != std::errc::no_such_file_or_directory)
            return error;
    }
    return {};
}

const InetSocketEntry *findTcpPeer(const SocketTable &table, const SocketAddress &ourLocal,
                                   const SocketAddress &ourRemote)
{
    for (const InetSocketEntry &entry : table.inetSockets) {
        if (entry.protocol == IPPROTO_TCP && entry.inode != 0 && sameEndpoint(entry.local, ourRemote) &&
            sameEndpoint(entry.remote, ourLocal))
            return &entry;
    }
    return nullptr;
}

std::optional<std::uint64_t> findTcpPeerInode(const SocketAddress &ourLocal, const SocketAddress &ourRemote,
                                              const std::string &procRoot)
{
    SocketTable table;
    // Either table may hold the peer: an IPv4 client of our dual-stack
    // socket is in tcp, an IPv4-mapped client of our IPv4 one in tcp6.
    for (ProcNetFile file : {ProcNetFile::Tcp, ProcNetFile::Tcp6}) {
        readProcNetFile(file, table, procRoot); // a missing tcp6 (no IPv6) holds nobody
        if (const InetSocketEntry *peer = findTcpPeer(table, ourLocal, ourRemote))
            return peer->inode;
    }
    return std::nullopt;
}

} // namespace sockscope
