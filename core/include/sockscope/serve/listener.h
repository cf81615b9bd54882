// Listener: the listening sockets of one server, opened together.
//
// One server may listen on several endpoints at once (a multi-homed server,
// Perl Cookbook 17.14): every address a name resolves to, or `::` and
// `0.0.0.0` together. With none given it listens on loopback, 127.0.0.1 and
// ::1 on one port the kernel picks for both (retried with a new port when
// the other family has that one taken). A port 0 is reported as the port
// the kernel chose. IP sockets get SO_REUSEADDR, as servers do.
//
// Unix sockets: a name without a slash ("unix:echo") is created in a
// private 0700 directory of our own; a path the person names is used as
// given. Either way the socket file is 0600 from the moment it exists (the
// socket's mode is set before bind()) and is removed when the listener
// goes, if it is still ours. A stale socket file from a crashed run
// (nobody listens: connect() is refused) is replaced; one somebody listens
// on, or any other file, is EADDRINUSE.
#pragma once

#include "sockscope/reactor/unique_fd.h"
#include "sockscope/resolve/socket_address.h"
#include "sockscope/socket/socket_options.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>
#include <vector>

namespace sockscope {

struct ListenConfig {
    std::vector<SocketAddress> endpoints; ///< empty: 127.0.0.1 and ::1, one port
    int defaultPort = 0;                  ///< the port of that default
    SocketOptions options;                ///< socktype included
    int backlog = 128;
};

/// One bound (and, for streams, listening) socket.
struct ListeningSocket {
    UniqueFd fd;
    SocketAddress address; ///< as bound: the kernel's port, the final path
    std::string ownedPath; ///< a socket file to remove when done
    std::uint64_t ownedInode = 0;  ///< that file's inode and device: removed only while it is still ours
    std::uint64_t ownedDevice = 0;
    std::string ownedDirectory; ///< our private directory to remove when done
};

/// Why a listener could not be opened: which endpoint, which step
/// ("socket", "bind", "listen", an option's name), and the kernel's error.
struct ListenFailure {
    SocketAddress address;
    std::string step;
    std::error_code error;
};

using ListenResult = std::variant<std::vector<ListeningSocket>, ListenFailure>;

/// Opens every endpoint of `config`, nonblocking and close-on-exec; all or
/// none (what was opened is closed again on a failure).
ListenResult openListeners(const ListenConfig &config);

/// Removes the socket file and private directory of `socket`, if they are
/// still the ones it made; closes it.
void closeListener(ListeningSocket &socket);

/// A listening socket opened by someone else (our parent before a
/// restart, a prefork parent), taken as it is: nonblocking and
/// close-on-exec again, its address read back from the kernel.
/// Nothing is owned: closing it removes no file. nullopt for a
/// descriptor that is not a socket.
std::optional<ListeningSocket> adoptListener(UniqueFd fd);

/// For a restart: the sockets made inheritable (close-on-exec cleared)
/// and described in one line of text for the restarted program, which
/// takes them back with takeHandedOver(), ownership of their files and
/// directories included. The sockets are released: they live on in the
/// restarted image.
std::string handOver(std::vector<ListeningSocket> sockets);
std::vector<ListeningSocket> takeHandedOver(std::string_view description);

/// The directory for a Unix socket without a path of its own: a fresh 0700
/// directory under $XDG_RUNTIME_DIR (else /tmp).
std::variant<std::string, std::error_code> makePrivateDirectory();

} // namespace sockscope
