#include "sockscope/serve/listener.h"

#include "sockscope/events/error.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sockscope {
namespace {

constexpr int kPortTries = 16; // the other family may hold a port the first was given

int nativeFamily(Family family)
{
    return family == Family::Inet6 ? AF_INET6 : family == Family::Inet ? AF_INET : AF_UNIX;
}

std::optional<SocketAddress> boundAddress(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return std::nullopt;
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
}

// Whether somebody listens on the Unix socket file `path`: a stale file
// from a crashed run refuses the connection.
bool somebodyListens(const SocketAddress &address)
{
    UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!probe)
        return true; // cannot tell: do not remove anything
    const int status = ::connect(probe.get(), address.data(), address.size());
    return status == 0 || (errno != ECONNREFUSED && errno != ENOENT);
}

// A stale socket file at `path` is removed; anything else is left alone.
void removeIfStale(const std::string &path, const SocketAddress &address)
{
    struct stat info {};
    if (::lstat(path.c_str(), &info) == 0 && S_ISSOCK(info.st_mode) && !somebodyListens(address))
        ::unlink(path.c_str());
}

struct FileIdentity {
    std::uint64_t inode = 0;
    std::uint64_t device = 0;
};

// The socket file at `path` (0s when there is none, or it is no socket).
FileIdentity identityOf(const std::string &path)
{
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 || !S_ISSOCK(info.st_mode))
        return {};
    return {info.st_ino, info.st_dev};
}

// Binds a Unix socket path that is 0600 from the moment it exists: the
// socket's own mode is set first (Linux gives the file the socket inode's
// mode), so there is no moment another user could connect, and no staging
// name to move across filesystems. bind() never replaces a file: a path
// that exists (a live socket, any other file) is EADDRINUSE; only a stale
// socket file nobody listens on is removed first. A bare name goes in a
// private 0700 directory of our own.
std::error_code bindUnixPath(int fd, const std::string &name, ListeningSocket &out)
{
    std::string path = name;
    if (name.find('/') == std::string::npos) {
        auto directory = makePrivateDirectory();
        if (auto *error = std::get_if<std::error_code>(&directory))
            return *error;
        out.ownedDirectory = std::get<std::string>(directory);
        path = out.ownedDirectory + "/" + name;
    }
    const auto address = SocketAddress::unix(path, false);
    if (!address)
        return std::make_error_code(std::errc::filename_too_long);
    if (::fchmod(fd, 0600) != 0)
        return lastSystemError();
    removeIfStale(path, *address);
    if (::bind(fd, address->data(), address->size()) != 0)
        return lastSystemError();
    out.ownedPath = path;
    const FileIdentity identity = identityOf(path);
    out.ownedInode = identity.inode;
    out.ownedDevice = identity.device;
    return {};
}

std::variant<ListeningSocket, ListenFailure> openOne(const SocketAddress &address, const ListenConfig &config)
{
    ListeningSocket socket;
    const Family family = address.family();
    socket.fd.reset(::socket(nativeFamily(family), config.options.socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!socket.fd)
        return ListenFailure{address, "socket", lastSystemError()};
    // SO_REUSEADDR always, as servers do (QTcpServer too): a restarted
    // server binds its port again while earlier connections sit in
    // TIME_WAIT on it. It never lets two listeners share a port.
    const int on = 1;
    if (family != Family::Unix && ::setsockopt(socket.fd.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0)
        return ListenFailure{address, "reuseaddr", lastSystemError()};
    SocketOptions options = config.options;
    options.bind.reset(); // the endpoint itself is bound below
    if (auto refused = applySocketOptions(socket.fd.get(), family, options))
        return ListenFailure{address, refused->option, refused->error};
    std::error_code error;
    if (family == Family::Unix && address.host().front() != '@')
        error = bindUnixPath(socket.fd.get(), address.host(), socket);
    else if (::bind(socket.fd.get(), address.data(), address.size()) != 0)
        error = lastSystemError();
    if (error) {
        closeListener(socket);
        return ListenFailure{address, "bind", error};
    }
    if (config.options.socktype != SOCK_DGRAM && ::listen(socket.fd.get(), config.backlog) != 0) {
        error = lastSystemError();
        closeListener(socket);
        return ListenFailure{address, "listen", error};
    }
    socket.address = family == Family::Unix ? *SocketAddress::unix(socket.ownedPath.empty() ? address.host().substr(1)
                                                                                             : socket.ownedPath,
                                                                   socket.ownedPath.empty())
                                            : boundAddress(socket.fd.get()).value_or(address);
    return socket;
}

ListenResult openAll(const std::vector<SocketAddress> &endpoints, const ListenConfig &config)
{
    std::vector<ListeningSocket> sockets;
    for (const SocketAddress &endpoint : endpoints) {
        auto one = openOne(endpoint, config);
        if (auto *failure = std::get_if<ListenFailure>(&one)) {
            for (ListeningSocket &socket : sockets)
                closeListener(socket);
            return *failure;
        }
        sockets.push_back(std::move(std::get<ListeningSocket>(one)));
    }
    return sockets;
}

// 127.0.0.1 and ::1 on one port: the first family's port, then the same
// for the second; a port the second family has taken starts again. Where
// the machine has no IPv6, 127.0.0.1 alone (the listening events say so).
ListenResult openLoopbackPair(const ListenConfig &config)
{
    ListenResult result = ListenFailure{};
    for (int attempt = 0; attempt < kPortTries; ++attempt) {
        auto first = openAll({*SocketAddress::fromNumeric("127.0.0.1", config.defaultPort)}, config);
        if (std::holds_alternative<ListenFailure>(first))
            return first;
        auto sockets = std::move(std::get<std::vector<ListeningSocket>>(first));
        const int port = sockets.front().address.port();
        result = openAll({*SocketAddress::fromNumeric("::1", port)}, config);
        if (auto *second = std::get_if<std::vector<ListeningSocket>>(&result)) {
            sockets.push_back(std::move(second->front()));
            return sockets;
        }
        const std::error_code error = std::get<ListenFailure>(result).error;
        if (error == std::errc::address_not_available || error == std::errc::address_family_not_supported)
            return sockets; // no IPv6 here (disable_ipv6, a container): loopback is 127.0.0.1 alone
        closeListener(sockets.front());
        if (config.defaultPort != 0 || error != std::errc::address_in_use)
            return result;
    }
    return result;
}

} // namespace

std::variant<std::string, std::error_code> makePrivateDirectory()
{
    const char *runtime = std::getenv("XDG_RUNTIME_DIR");
    std::string pattern = std::string(runtime && *runtime ? runtime : "/tmp") + "/sockscope-XXXXXX";
    if (!::mkdtemp(pattern.data())) // mkdtemp makes it 0700
        return lastSystemError();
    return pattern;
}

ListenResult openListeners(const ListenConfig &config)
{
    if (config.endpoints.empty())
        return openLoopbackPair(config);
    return openAll(config.endpoints, config);
}

void closeListener(ListeningSocket &socket)
{
    // Ours only while the file is still the one we bound (same inode): a
    // later server's socket at the same path is left alone.
    const FileIdentity now = socket.ownedPath.empty() ? FileIdentity{} : identityOf(socket.ownedPath);
    if (socket.ownedInode != 0 && now.inode == socket.ownedInode && now.device == socket.ownedDevice)
        ::unlink(socket.ownedPath.c_str());
    if (!socket.ownedDirectory.empty())
        ::rmdir(socket.ownedDirectory.c_str());
    socket.ownedPath.clear();
    socket.ownedInode = 0;
    socket.ownedDevice = 0;
    socket.ownedDirectory.clear();
    socket.fd.reset();
}

namespace {

std::string hexOf(const std::string &text)
{
    return toHex(std::vector<unsigned char>(text.begin(), text.end()));
}

std::string textOfHex(std::string_view hex)
{
    const auto bytes = fromHex(hex).value_or(std::vector<unsigned char>{});
    return {bytes.begin(), bytes.end()};
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

} // namespace

std::optional<ListeningSocket> adoptListener(UniqueFd fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (!fd || ::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return std::nullopt;
    auto address = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&storage), length);
    if (!address)
        return std::nullopt;
    ::fcntl(fd.get(), F_SETFD, FD_CLOEXEC);
    ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) | O_NONBLOCK);
    ListeningSocket socket;
    socket.fd = std::move(fd);
    socket.address = *address;
    return socket;
}

// One socket a field group: fd, inode, device, path and directory in hex
// (a path may hold any byte but NUL).
std::string handOver(std::vector<ListeningSocket> sockets)
{
    std::string out;
    for (ListeningSocket &socket : sockets) {
        const int fd = socket.fd.release();
        ::fcntl(fd, F_SETFD, 0);
        if (!out.empty())
            out += ';';
        out += std::to_string(fd) + ',' + std::to_string(socket.ownedInode) + ',' + std::to_string(socket.ownedDevice) +
               ',' + hexOf(socket.ownedPath) + ',' + hexOf(socket.ownedDirectory);
    }
    return out;
}

std::vector<ListeningSocket> takeHandedOver(std::string_view description)
{
    std::vector<ListeningSocket> sockets;
    for (std::string_view entry : split(description, ';')) {
        const std::vector<std::string_view> fields = split(entry, ',');
        if (fields.size() != 5)
            continue;
        auto socket = adoptListener(UniqueFd(std::atoi(std::string(fields[0]).c_str())));
        if (!socket)
            continue;
        socket->ownedInode = std::strtoull(std::string(fields[1]).c_str(), nullptr, 10);
        socket->ownedDevice = std::strtoull(std::string(fields[2]).c_str(), nullptr, 10);
        socket->ownedPath = textOfHex(fields[3]);
        socket->ownedDirectory = textOfHex(fields[4]);
        sockets.push_back(std::move(*socket));
    }
    return sockets;
}

} // namespace sockscope
