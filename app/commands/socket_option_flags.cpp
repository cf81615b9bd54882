#include "socket_option_flags.h"

#include "command_context.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <climits>
#include <net/if.h>

using sockscope::InputError;
using sockscope::InputErrorCode;
using sockscope::SocketOptionId;

namespace {

struct FlagHelp {
    Q_DECLARE_TR_FUNCTIONS(SocketOptionFlags)
};

// On/off flags, each one setsockopt with the value 1.
constexpr std::pair<const char *, SocketOptionId> kSwitches[] = {
    {"reuseaddr", SocketOptionId::ReuseAddress}, {"reuseport", SocketOptionId::ReusePort},
    {"broadcast", SocketOptionId::Broadcast},    {"nodelay", SocketOptionId::NoDelay},
    {"keepalive", SocketOptionId::KeepAlive},    {"linger-rst", SocketOptionId::LingerReset},
};

struct NumberFlag {
    const char *name;
    SocketOptionId id;
    long lowest;
    long highest;
};
constexpr NumberFlag kNumbers[] = {
    {"rcvbuf", SocketOptionId::ReceiveBuffer, 1, INT_MAX / 2}, // the kernel doubles it
    {"sndbuf", SocketOptionId::SendBuffer, 1, INT_MAX / 2},
    {"ttl", SocketOptionId::Ttl, 1, 255},
    {"tos", SocketOptionId::Tos, 0, 255},
};

InputError badChoice(const char *name, const QString &value)
{
    return InputError{InputErrorCode::UnknownName, std::string("--") + name, value.toStdString(), 0, 0};
}

InputError conflict(const char *name, const QString &value)
{
    return InputError{InputErrorCode::Conflict, std::string("--") + name, value.toStdString(), 0, 0};
}

std::optional<InputError> readFamily(const QCommandLineParser &parser, bool unixTarget,
                                     sockscope::SocketOptions &options)
{
    const QString family = parser.value(QStringLiteral("family"));
    // A Unix socket has no IP version and no IP address to bind.
    if (unixTarget && parser.isSet(QStringLiteral("family")))
        return conflict("family", family);
    if (unixTarget && parser.isSet(QStringLiteral("bind")))
        return conflict("bind", parser.value(QStringLiteral("bind")));
    if (family == QLatin1String("inet"))
        options.family = sockscope::Family::Inet;
    else if (family == QLatin1String("inet6"))
        options.family = sockscope::Family::Inet6;
    else if (family != QLatin1String("any"))
        return badChoice("family", family);
    if (!parser.isSet(QStringLiteral("bind")))
        return std::nullopt;
    auto bind = sockscope::parseLocalBind(parser.value(QStringLiteral("bind")).toStdString());
    if (auto *error = std::get_if<InputError>(&bind)) {
        error->field = "--bind";
        return *error;
    }
    options.bind = std::get<sockscope::LocalBind>(bind);
    if (auto error = sockscope::checkFamilies(options)) {
        error->field = "--bind";
        return error;
    }
    return std::nullopt;
}

std::optional<InputError> readSocketType(const QCommandLineParser &parser, bool unixTarget,
                                         sockscope::SocketOptions &options)
{
    const bool udp = parser.isSet(QStringLiteral("udp"));
    const QString unixType = parser.value(QStringLiteral("unix-type"));
    if (unixTarget && udp)
        return conflict("udp", QStringLiteral("--udp"));
    if (!unixTarget && parser.isSet(QStringLiteral("unix-type")))
        return conflict("unix-type", unixType);
    if (unixType == QLatin1String("dgram"))
        options.socktype = SOCK_DGRAM;
    else if (unixType == QLatin1String("seqpacket"))
        options.socktype = SOCK_SEQPACKET;
    else if (unixType != QLatin1String("stream"))
        return badChoice("unix-type", unixType);
    if (udp)
        options.socktype = SOCK_DGRAM;
    return std::nullopt;
}

// An interface name as the kernel takes it: the kernel itself would cut a
// long one short without a word, and ignore an empty one.
std::optional<InputError> readDevice(const QString &name, sockscope::SocketOptions &options)
{
    const std::string device = name.toStdString();
    if (device.empty())
        return InputError{InputErrorCode::Empty, "--bind-device", device, 0, 0};
    if (device.size() >= IFNAMSIZ)
        return InputError{InputErrorCode::NameTooLong, "--bind-device", device, 0, IFNAMSIZ - 1};
    if (const auto bad = device.find_first_of("/ \t:"); bad != std::string::npos)
        return InputError{InputErrorCode::BadHostCharacter, "--bind-device", device.substr(bad, 1), bad, 0};
    options.bindDevice = device;
    return std::nullopt;
}

} // namespace

void addSocketOptionFlags(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("family"), FlagHelp::tr("Only this IP version: any, inet or inet6."), FlagHelp::tr("family"),
         QStringLiteral("any")},
        {QStringLiteral("bind"), FlagHelp::tr("Local address and/or port to bind first: 127.0.0.1, [::1]:5000, :5000."),
         FlagHelp::tr("local")},
        {QStringLiteral("reuseaddr"), FlagHelp::tr("Set SO_REUSEADDR.")},
        {QStringLiteral("reuseport"), FlagHelp::tr("Set SO_REUSEPORT.")},
        {QStringLiteral("broadcast"), FlagHelp::tr("Set SO_BROADCAST.")},
        {QStringLiteral("v6only"), FlagHelp::tr("IPV6_V6ONLY on IPv6 sockets: on or off."), FlagHelp::tr("on|off")},
        {QStringLiteral("nodelay"), FlagHelp::tr("Set TCP_NODELAY (no Nagle delay).")},
        {QStringLiteral("keepalive"), FlagHelp::tr("Set SO_KEEPALIVE.")},
        {QStringLiteral("linger-rst"), FlagHelp::tr("SO_LINGER 0: closing sends RST.")},
        {QStringLiteral("rcvbuf"), FlagHelp::tr("SO_RCVBUF in bytes (the kernel doubles and caps it)."),
         FlagHelp::tr("bytes")},
        {QStringLiteral("sndbuf"), FlagHelp::tr("SO_SNDBUF in bytes (the kernel doubles and caps it)."),
         FlagHelp::tr("bytes")},
        {QStringLiteral("bind-device"), FlagHelp::tr("SO_BINDTODEVICE: use only this interface."),
         FlagHelp::tr("ifname")},
        {QStringLiteral("ttl"), FlagHelp::tr("TTL (IPv4) or hop limit (IPv6), 1 to 255."), FlagHelp::tr("hops")},
        {QStringLiteral("tos"), FlagHelp::tr("TOS (IPv4) or traffic class (IPv6), 0 to 255."), FlagHelp::tr("value")},
        {QStringLiteral("udp"), FlagHelp::tr("UDP instead of TCP.")},
        {QStringLiteral("unix-type"), FlagHelp::tr("For a Unix socket: stream, dgram or seqpacket."),
         FlagHelp::tr("type"), QStringLiteral("stream")},
    });
}

std::optional<InputError> readSocketOptionFlags(const QCommandLineParser &parser, bool unixTarget,
                                                sockscope::SocketOptions &options)
{
    if (auto error = readFamily(parser, unixTarget, options))
        return error;
    if (auto error = readSocketType(parser, unixTarget, options))
        return error;
    for (const auto &[name, id] : kSwitches) {
        if (parser.isSet(QLatin1String(name)))
            options.requests.push_back({id, 1});
    }
    if (parser.isSet(QStringLiteral("v6only"))) {
        const QString value = parser.value(QStringLiteral("v6only"));
        if (value != QLatin1String("on") && value != QLatin1String("off"))
            return badChoice("v6only", value);
        options.requests.push_back({SocketOptionId::V6Only, value == QLatin1String("on") ? 1 : 0});
    }
    for (const NumberFlag &flag : kNumbers) {
        long value = 0;
        if (!parser.isSet(QLatin1String(flag.name)))
            continue;
        if (auto error = readNumberOption(parser, flag.name, flag.lowest, flag.highest, value))
            return error;
        options.requests.push_back({flag.id, static_cast<int>(value)});
    }
    if (parser.isSet(QStringLiteral("bind-device")))
        return readDevice(parser.value(QStringLiteral("bind-device")), options);
    return std::nullopt;
}
