#include "sockscope/socket/socket_options.h"

#include "sockscope/events/error.h"
#include "sockscope/resolve/endpoint.h"

#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/un.h>

namespace sockscope {
namespace {

struct NativeOption {
    int level;
    int name;
};

// The (level, name) pair of an integer option on a socket of `family`;
// nullopt when the option has no meaning there (v6only on IPv4).
std::optional<NativeOption> nativeOption(SocketOptionId id, Family family)
{
    const bool v6 = family == Family::Inet6;
    switch (id) {
    case SocketOptionId::ReuseAddress: return NativeOption{SOL_SOCKET, SO_REUSEADDR};
    case SocketOptionId::ReusePort: return NativeOption{SOL_SOCKET, SO_REUSEPORT};
    case SocketOptionId::Broadcast: return NativeOption{SOL_SOCKET, SO_BROADCAST};
    case SocketOptionId::KeepAlive: return NativeOption{SOL_SOCKET, SO_KEEPALIVE};
    case SocketOptionId::ReceiveBuffer: return NativeOption{SOL_SOCKET, SO_RCVBUF};
    case SocketOptionId::SendBuffer: return NativeOption{SOL_SOCKET, SO_SNDBUF};
    case SocketOptionId::NoDelay: return NativeOption{IPPROTO_TCP, TCP_NODELAY};
    case SocketOptionId::V6Only:
        return v6 ? std::optional<NativeOption>(NativeOption{IPPROTO_IPV6, IPV6_V6ONLY}) : std::nullopt;
    case SocketOptionId::Ttl:
        return v6 ? NativeOption{IPPROTO_IPV6, IPV6_UNICAST_HOPS} : NativeOption{IPPROTO_IP, IP_TTL};
    case SocketOptionId::Tos: return v6 ? NativeOption{IPPROTO_IPV6, IPV6_TCLASS} : NativeOption{IPPROTO_IP, IP_TOS};
    case SocketOptionId::LingerReset:
    case SocketOptionId::BindDevice: break;
    }
    return std::nullopt;
}

std::error_code setOption(int fd, Family family, const SocketOptionRequest &request)
{
    int status = 0;
    if (request.id == SocketOptionId::LingerReset) {
        const linger value{request.value, 0};
        status = ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &value, sizeof value);
    } else if (const auto native = nativeOption(request.id, family)) {
        status = ::setsockopt(fd, native->level, native->name, &request.value, sizeof request.value);
    }
    return status == 0 ? std::error_code{} : lastSystemError();
}

std::optional<std::int64_t> readOption(int fd, Family family, SocketOptionId id)
{
    if (id == SocketOptionId::LingerReset) {
        linger value{};
        socklen_t length = sizeof value;
        if (::getsockopt(fd, SOL_SOCKET, SO_LINGER, &value, &length) != 0)
            return std::nullopt;
        return value.l_onoff != 0 && value.l_linger == 0 ? 1 : 0;
    }
    const auto native = nativeOption(id, family);
    int value = 0;
    socklen_t length = sizeof value;
    if (!native || ::getsockopt(fd, native->level, native->name, &value, &length) != 0)
        return std::nullopt;
    return value;
}

std::error_code bindTo(int fd, Family family, const SocketOptions &options)
{
    std::optional<SocketAddress> local;
    if (options.bind) {
        local = options.bind->address ? options.bind->address
                                      : SocketAddress::fromNumeric(family == Family::Inet6 ? "::" : "0.0.0.0", 0);
        local->setPort(options.bind->port);
    }
    if (local)
        return ::bind(fd, local->data(), local->size()) == 0 ? std::error_code{} : lastSystemError();
    if (family == Family::Unix && options.socktype == SOCK_DGRAM) {
        const sockaddr_un autobind{AF_UNIX, {}};
        return ::bind(fd, reinterpret_cast<const sockaddr *>(&autobind), sizeof(sa_family_t)) == 0 ? std::error_code{}
                                                                                                 : lastSystemError();
    }
    return {};
}

} // namespace

std::string_view socketOptionName(SocketOptionId id) noexcept
{
    switch (id) {
    case SocketOptionId::ReuseAddress: return "reuseaddr";
    case SocketOptionId::ReusePort: return "reuseport";
    case SocketOptionId::Broadcast: return "broadcast";
    case SocketOptionId::V6Only: return "v6only";
    case SocketOptionId::NoDelay: return "nodelay";
    case SocketOptionId::KeepAlive: return "keepalive";
    case SocketOptionId::LingerReset: return "linger-rst";
    case SocketOptionId::ReceiveBuffer: return "rcvbuf";
    case SocketOptionId::SendBuffer: return "sndbuf";
    case SocketOptionId::BindDevice: return "bind-device";
    case SocketOptionId::Ttl: return "ttl";
    case SocketOptionId::Tos: return "tos";
    }
    return "unknown";
}

std::variant<LocalBind, InputError> parseLocalBind(const std::string &text)
{
    LocalBind bind;
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
        std::string service, fallback;
        if (auto error = parseService(text, service, fallback))
            return *error;
        bind.port = std::stoi(text);
        return bind;
    }
    auto parsed = parseEndpoint(text, EndpointParseOptions{true});
    if (auto *error = std::get_if<InputError>(&parsed))
        return *error;
    const Endpoint &endpoint = std::get<Endpoint>(parsed);
    if (endpoint.kind == Endpoint::Kind::Unix)
        return InputError{InputErrorCode::UnixNotAllowed, "bind", text, 0, 0};
    if (!endpoint.service.empty()) {
        if (endpoint.service.find_first_not_of("0123456789") != std::string::npos)
            return InputError{InputErrorCode::BadPort, "bind", endpoint.service, text.rfind(endpoint.service), 0};
        bind.port = std::stoi(endpoint.service);
    }
    if (!endpoint.host.empty()) {
        bind.address = SocketAddress::fromNumeric(endpoint.host, bind.port);
        if (!bind.address)
            return InputError{InputErrorCode::NotNumeric, "bind", endpoint.host, text.find(endpoint.host), 0};
    }
    return bind;
}

std::optional<InputError> checkFamilies(const SocketOptions &options)
{
    if (options.family && options.bind && options.bind->address && options.bind->address->family() != *options.family)
        return InputError{InputErrorCode::Conflict, "bind", options.bind->address->host(), 0, 0};
    return std::nullopt;
}

bool familyAllowed(const SocketOptions &options, Family family)
{
    if (family == Family::Unix)
        return true;
    if (options.bind && options.bind->address)
        return options.bind->address->family() == family;
    return !options.family || *options.family == family;
}

std::optional<SocketOptionFailure> applySocketOptions(int fd, Family family, const SocketOptions &options)
{
    for (const SocketOptionRequest &request : options.requests) {
        if (const std::error_code error = setOption(fd, family, request))
            return SocketOptionFailure{std::string(socketOptionName(request.id)), error};
    }
    if (!options.bindDevice.empty()
        && ::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, options.bindDevice.c_str(),
                        static_cast<socklen_t>(options.bindDevice.size()))
               != 0)
        return SocketOptionFailure{std::string(socketOptionName(SocketOptionId::BindDevice)), lastSystemError()};
    if (const std::error_code error = bindTo(fd, family, options))
        return SocketOptionFailure{"bind", error};
    return std::nullopt;
}

ExtraObjects readBackSocketOptions(int fd, Family family, const SocketOptions &options)
{
    ExtraObjects objects;
    for (const SocketOptionRequest &request : options.requests) {
        const auto effective = readOption(fd, family, request.id);
        if (!effective && request.id == SocketOptionId::V6Only)
            continue; // not asked of this family's socket
        ExtraObject object;
        object.fields.emplace_back("option", std::string(socketOptionName(request.id)));
        object.fields.emplace_back("requested", std::int64_t{request.value});
        if (effective)
            object.fields.emplace_back("effective", *effective);
        objects.push_back(std::move(object));
    }
    if (!options.bindDevice.empty()) {
        char name[IFNAMSIZ] = {};
        socklen_t length = sizeof name;
        ExtraObject object;
        object.fields.emplace_back("option", std::string(socketOptionName(SocketOptionId::BindDevice)));
        object.fields.emplace_back("requested_device", options.bindDevice);
        if (::getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &length) == 0)
            object.fields.emplace_back("device", std::string(name, strnlen(name, sizeof name)));
        objects.push_back(std::move(object));
    }
    return objects;
}

} // namespace sockscope
