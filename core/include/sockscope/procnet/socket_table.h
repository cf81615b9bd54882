// SocketTable: the kernel's list of sockets, as `ss` and `netstat` read it
// from /proc/net/{tcp,tcp6,udp,udp6,unix}.
//
// A SocketTable is plain data that any source can fill. This file is the
// /proc source; a NETLINK_SOCK_DIAG source (faster with many sockets, more
// fields) can fill the same struct beside it later. Each entry carries the
// socket's inode: the key to the processes that hold it (socket_owners.h).
//
// What /proc cannot say: an IPv6 address's scope id (link-local addresses
// come without one), and a Unix path with a newline in it (it splits the
// line; that entry is left out or cut). /proc/net is the network namespace
// of the thread that reads it.
//
// Reading is blocking file I/O: call the read functions on a worker
// thread, never on the loop thread. The parse functions are pure.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/resolve/socket_address.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace sockscope {

/// One TCP or UDP socket.
struct InetSocketEntry {
    int protocol = 0;     ///< IPPROTO_TCP or IPPROTO_UDP
    SocketAddress local;  ///< as the file has it: a tcp6 IPv4 peer stays ::ffff:a.b.c.d
    SocketAddress remote; ///< 0.0.0.0:0 or [::]:0 when not connected
    std::string state;    ///< tcpStateName(): UDP says "CLOSE" unconnected, "ESTABLISHED" connected
    std::uint32_t uid = 0;
    std::uint64_t inode = 0; ///< 0 once no descriptor holds it (TIME_WAIT, orphaned)
};

/// One Unix socket.
struct UnixSocketEntry {
    std::string path; ///< "/run/x.sock", "@name" (abstract), "" (unnamed)
    SocketType type = SocketType::Stream;
    std::string state; ///< "LISTEN", "UNCONNECTED", "CONNECTING", "CONNECTED", "DISCONNECTING"
    std::uint64_t inode = 0;
};

/// Every socket of the network namespace, whichever source filled it.
struct SocketTable {
    std::vector<InetSocketEntry> inetSockets;
    std::vector<UnixSocketEntry> unixSockets;
};

/// The files of the /proc source, under <procRoot>/net.
enum class ProcNetFile : std::uint8_t { Tcp, Tcp6, Udp, Udp6, Unix };

/// "tcp", "tcp6", "udp", "udp6", "unix".
std::string_view procNetFileName(ProcNetFile file) noexcept;

/// The kernel's name of TCP state `state` (include/net/tcp_states.h):
/// 1 "ESTABLISHED", 10 "LISTEN", ...; a number it has no name for here in
/// decimal.
std::string tcpStateName(int state);

/// Appends the entries of the text of /proc/net/tcp, tcp6, udp or udp6
/// (`file` says the protocol). The header line and any line that does not
/// parse are left out. Addresses are read as the kernel wrote them: each
/// 32-bit word in this machine's byte order.
void parseInetTable(std::string_view text, ProcNetFile file, std::vector<InetSocketEntry> &out);

/// Appends the entries of the text of /proc/net/unix; the header line and
/// any line that does not parse are left out.
void parseUnixTable(std::string_view text, std::vector<UnixSocketEntry> &out);

/// Reads <procRoot>/net/<file> and appends its entries to `table`. ENOENT
/// for tcp6/udp6 means a kernel without IPv6.
std::error_code readProcNetFile(ProcNetFile file, SocketTable &table, const std::string &procRoot = "/proc");

/// Reads all five files into `table`; a missing file (no IPv6) is skipped.
/// Another error is returned, with `table` holding what was read before.
std::error_code readSocketTable(SocketTable &table, const std::string &procRoot = "/proc");

/// The other end of a TCP connection on this host: the entry whose local
/// end is `ourRemote` and whose remote end is `ourLocal`, as a server sees
/// an accepted peer. IPv4 and IPv4-mapped IPv6 compare equal, either side,
/// in either table; scope ids are ignored (/proc has none). An entry no
/// descriptor holds (inode 0) is passed over. nullptr when there is none.
const InetSocketEntry *findTcpPeer(const SocketTable &table, const SocketAddress &ourLocal,
                                   const SocketAddress &ourRemote);

/// For servers: the inode of the other end of an accepted connection,
/// read from <procRoot>/net/tcp and tcp6, to find its owner with
/// socket_owners.h. nullopt when that end is not on this host (or in this
/// network namespace), is gone, or the tables cannot be read. Blocking.
std::optional<std::uint64_t> findTcpPeerInode(const SocketAddress &ourLocal, const SocketAddress &ourRemote,
                                              const std::string &procRoot = "/proc");

} // namespace sockscope
