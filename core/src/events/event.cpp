#include "sockscope/events/event.h"

#include <array>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sockscope {
namespace {

constexpr std::array<std::string_view, kEventKindCount> kEventNames = {
    "run-start",     "bad-input",      "resolver-config",   "address",   "reverse-resolved", "resolved",
    "resolve-failed", "family-resolved", "attempt-start", "attempt-failed", "attempt-cancelled", "connected",
    "connect-failed", "data", "closed", "listening", "peer-accepted", "peer-refused", "peer-closed", "peer-logged", "peer-owner",
    "accept-paused", "accept-resumed", "worker-started", "worker-exited", "restarted", "child-started", "child-exited", "server-error", "server-stopped",
    "signal-received", "signal-sent", "ipc-created", "ipc-opened", "ipc-waiting", "ipc-closed", "ipc-removed",
    "ipc-failed", "ipc-verified", "ipc-op", "ipc-object", "descriptor-sent", "descriptor-received",
    "credentials-received", "control-truncated", "socket-appeared", "socket-gone",
};

} // namespace

std::string_view eventName(EventKind kind) noexcept
{
    return kEventNames[static_cast<std::size_t>(kind)];
}

std::optional<EventKind> eventKindFromName(std::string_view name) noexcept
{
    for (std::size_t i = 0; i < kEventNames.size(); ++i) {
        if (kEventNames[i] == name)
            return static_cast<EventKind>(i);
    }
    return std::nullopt;
}

std::string_view familyName(Family family) noexcept
{
    switch (family) {
    case Family::Inet: return "inet";
    case Family::Inet6: return "inet6";
    case Family::Unix: return "unix";
    }
    return "unknown";
}

std::string_view socketTypeName(SocketType type) noexcept
{
    switch (type) {
    case SocketType::Stream: return "stream";
    case SocketType::Datagram: return "dgram";
    case SocketType::SeqPacket: return "seqpacket";
    case SocketType::Raw: return "raw";
    }
    return "unknown";
}

void EventFanout::remove(EventSink *sink)
{
    std::erase(sinks_, sink);
}

std::optional<SocketType> socketTypeFromNative(int socktype) noexcept
{
    switch (socktype) {
    case SOCK_STREAM: return SocketType::Stream;
    case SOCK_DGRAM: return SocketType::Datagram;
    case SOCK_SEQPACKET: return SocketType::SeqPacket;
    case SOCK_RAW: return SocketType::Raw;
    default: return std::nullopt;
    }
}

std::string toHex(const std::vector<unsigned char> &bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (unsigned char byte : bytes) {
        hex.push_back(kDigits[byte >> 4]);
        hex.push_back(kDigits[byte & 0x0f]);
    }
    return hex;
}

std::optional<std::vector<unsigned char>> fromHex(std::string_view text)
{
    std::vector<unsigned char> bytes;
    int high = -1;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (high >= 0)
                return std::nullopt; // a byte split by a space
            continue;
        }
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
        const int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                                      : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
        if (high < 0) {
            high = digit;
        } else {
            bytes.push_back(static_cast<unsigned char>(high * 16 + digit));
            high = -1;
        }
    }
    if (high >= 0)
        return std::nullopt;
    return bytes;
}

std::optional<std::vector<unsigned char>> fromEscapedText(std::string_view text, std::size_t *position)
{
    std::vector<unsigned char> bytes;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            bytes.push_back(static_cast<unsigned char>(text[i]));
            continue;
        }
        const std::size_t at = i++;
        const char kind = i < text.size() ? text[i] : '\0';
        switch (kind) {
        case 'n': bytes.push_back('\n'); continue;
        case 'r': bytes.push_back('\r'); continue;
        case 't': bytes.push_back('\t'); continue;
        case '0': bytes.push_back(0); continue;
        case '\\': bytes.push_back('\\'); continue;
        case 'x':
            if (i + 2 < text.size()) { // two hex digits follow
                if (auto value = fromHex(text.substr(i + 1, 2)); value && value->size() == 1) {
                    bytes.push_back(value->front());
                    i += 2;
                    continue;
                }
            }
            break;
        default: break;
        }
        if (position)
            *position = at;
        return std::nullopt;
    }
    return bytes;
}

std::string printablePreview(const std::vector<unsigned char> &bytes, std::size_t limit)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    const std::size_t shown = std::min(bytes.size(), limit);
    text.reserve(shown + 8);
    for (std::size_t i = 0; i < shown; ++i) {
        const unsigned char byte = bytes[i];
        switch (byte) {
        case '\n': text += "\\n"; break;
        case '\r': text += "\\r"; break;
        case '\t': text += "\\t"; break;
        case '\\': text += "\\\\"; break;
        default:
            if (byte >= 0x20 && byte < 0x7f) {
                text.push_back(static_cast<char>(byte));
            } else {
                text += "\\x";
                text.push_back(kDigits[byte >> 4]);
                text.push_back(kDigits[byte & 0x0f]);
            }
        }
    }
    if (shown < bytes.size())
        text += "...";
    return text;
}

std::string signalName(int signal)
{
    if (signal >= SIGRTMIN && signal <= SIGRTMAX) {
        const int offset = signal - SIGRTMIN;
        return offset == 0 ? "SIGRTMIN" : "SIGRTMIN+" + std::to_string(offset);
    }
    if (const char *abbrev = ::sigabbrev_np(signal))
        return std::string("SIG") + abbrev;
    return "SIG" + std::to_string(signal);
}

} // namespace sockscope

namespace sockscope {

std::string protocolName(int protocol)
{
    switch (protocol) {
    case 0: return {};
    case IPPROTO_ICMP: return "icmp";
    case IPPROTO_TCP: return "tcp";
    case IPPROTO_UDP: return "udp";
    case IPPROTO_IPV6: return "ipv6";
    case IPPROTO_ICMPV6: return "ipv6-icmp";
    case IPPROTO_SCTP: return "sctp";
    case IPPROTO_UDPLITE: return "udplite";
    case IPPROTO_RAW: return "raw";
    default: return std::to_string(protocol);
    }
}

std::optional<int> protocolFromName(std::string_view name)
{
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string_view::npos && name.size() <= 3)
        return std::stoi(std::string(name));
    for (int protocol = 1; protocol < 256; ++protocol) {
        if (name == protocolName(protocol))
            return protocol;
    }
    return std::nullopt;
}

std::optional<Family> familyFromName(std::string_view name)
{
    for (Family family : {Family::Inet, Family::Inet6, Family::Unix}) {
        if (name == familyName(family))
            return family;
    }
    return std::nullopt;
}

std::optional<SocketType> socketTypeFromName(std::string_view name)
{
    for (SocketType type : {SocketType::Stream, SocketType::Datagram, SocketType::SeqPacket, SocketType::Raw}) {
        if (name == socketTypeName(type))
            return type;
    }
    return std::nullopt;
}

namespace {

std::string isoUtc(std::chrono::system_clock::time_point when)
{
    using namespace std::chrono;
    const auto micros = duration_cast<microseconds>(when.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[40];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + length, sizeof text - length, ".%06lldZ", static_cast<long long>(micros % 1'000'000));
    return text;
}

} // namespace

Event runStartEvent(TimePoint start, std::string version, std::vector<std::string> argv)
{
    // The wall clock at `start`: now, less what the monotonic clock has
    // counted since.
    const auto sinceStart = Clock::now() - start;
    const auto wallAtStart = std::chrono::system_clock::now() -
                             std::chrono::duration_cast<std::chrono::system_clock::duration>(sinceStart);
    Event event = makeEvent(EventKind::RunStart, start);
    event.pid = static_cast<int>(::getpid());
    event.extra = {{"time", isoUtc(wallAtStart)}, {"version", std::move(version)}, {"argv", std::move(argv)}};
    return event;
}

Event makeEvent(EventKind kind, TimePoint time, std::string target)
{
    Event event;
    event.kind = kind;
    event.time = time;
    event.target = std::move(target);
    return event;
}

} // namespace sockscope
