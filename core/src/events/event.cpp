#include "sockscope/events/event.h"

#include <array>
#include <csignal>
#include <cstring>
#include <sys/socket.h>

namespace sockscope {
namespace {

constexpr std::array<std::string_view, kEventKindCount> kEventNames = {
    "attempt-start",   "attempt-failed", "attempt-succeeded", "attempt-cancelled",
    "address",         "resolved",       "resolve-failed",    "listening",
    "peer-accepted",   "peer-closed",    "bytes-in",          "bytes-out",
    "signal-received", "child-started",  "child-exited",      "descriptor-received",
    "reverse-resolved", "resolver-config", "bad-input",
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
