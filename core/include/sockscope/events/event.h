// Event: one typed record of something the engine saw.
//
// Events flow one way, from the engine to its observers (EventSink): the
// window turns them into model rows, the CLI into JSON Lines (json_lines.h).
// The fields follow the one schema of DESIGN.md; a field that does not apply
// stays empty and is left out of the JSON. Fields are data, never sentences:
// an error is a std::error_code, and words for people are made on the Qt
// side.
#pragma once

#include "sockscope/events/input_error.h"
#include "sockscope/reactor/reactor.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>
#include <vector>

namespace sockscope {

/// Every kind of event the engine emits, named in JSON in kebab-case
/// (eventName()). Only names something emits are here: DESIGN.md lists the
/// ones the capabilities still to come will add.
enum class EventKind : std::uint8_t {
    RunStart,
    BadInput,
    ResolverConfig,
    Address,
    ReverseResolved,
    Resolved,
    ResolveFailed,
    FamilyResolved,
    AttemptStart,
    AttemptFailed,
    AttemptCancelled,
    Connected,
    ConnectFailed,
    Data,
    Closed,
    Listening,
    PeerAccepted,
    PeerRefused,
    PeerClosed,
    PeerLogged,
    PeerOwner,
    AcceptPaused,
    AcceptResumed,
    WorkerStarted,
    WorkerExited,
    Restarted,
    ChildStarted,
    ChildExited,
    ServerError,
    ServerStopped,
    SignalReceived,
    SignalSent,
    IpcCreated,
    IpcOpened,
    IpcWaiting,
    IpcClosed,
    IpcRemoved,
    IpcFailed,
    IpcVerified,
    IpcOp,
    IpcObject,
    DescriptorSent,
    DescriptorReceived,
    CredentialsReceived,
    ControlTruncated,
    SocketAppeared,
    SocketGone,
};
inline constexpr int kEventKindCount = static_cast<int>(EventKind::SocketGone) + 1;

/// "run-start", "resolve-failed", ...
std::string_view eventName(EventKind kind) noexcept;
/// The kind named `name`, if there is one.
std::optional<EventKind> eventKindFromName(std::string_view name) noexcept;

enum class Family : std::uint8_t { Inet, Inet6, Unix };
enum class SocketType : std::uint8_t { Stream, Datagram, SeqPacket, Raw };

/// "inet", "inet6", "unix".
std::string_view familyName(Family family) noexcept;
/// "stream", "dgram", "seqpacket", "raw".
std::string_view socketTypeName(SocketType type) noexcept;
/// The schema's type for a SOCK_* value; nullopt for 0 (any) or others.
std::optional<SocketType> socketTypeFromNative(int socktype) noexcept;

struct ExtraObject;
/// An array of objects ("attempts", "options"), each with its own fields.
using ExtraObjects = std::vector<ExtraObject>;

/// A value of a field outside the fixed schema ("entries", "canonname"). An
/// error_code becomes an object with `error`, `errno` where there is one,
/// and `message`, the same form as a failed operation's own fields; inside
/// an ExtraObject, an error_code named "error" gives those fields to the
/// object itself (an attempt's outcome reads as an attempt-failed event's).
using ExtraValue =
    std::variant<std::int64_t, double, bool, std::string, std::vector<std::string>, std::error_code, ExtraObjects>;
using ExtraFields = std::vector<std::pair<std::string, ExtraValue>>;

struct ExtraObject {
    ExtraFields fields;
    bool operator==(const ExtraObject &other) const { return fields == other.fields; }
};

struct Event {
    EventKind kind = EventKind::Address;
    TimePoint time{};

    std::string target; ///< the input as typed; empty when not about one
    std::string address; ///< bare: "::1", "fe80::1%lo"
    std::optional<int> port;
    std::string path; ///< Unix socket path, "@name" for abstract
    std::optional<Family> family;
    std::optional<SocketType> socktype;
    std::optional<int> protocol; ///< IPPROTO_* number
    std::error_code error; ///< set on events that report a failure
    std::optional<InputError> input; ///< set on bad-input: what was typed wrong, and where
    std::optional<Duration> elapsed;
    std::optional<std::uint64_t> bytes;
    std::optional<std::vector<unsigned char>> payload; ///< raw, any bytes
    std::optional<std::uint64_t> peer;
    std::optional<int> attempt;
    std::optional<int> pid;
    std::optional<int> uid;
    std::optional<int> gid;
    std::optional<int> signal;
    std::optional<int> status;
    ExtraFields extra;
};

/// Receives events on the loop thread.
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void onEvent(const Event &event) = 0;
};

/// Hands every event to a function: a view's or a command's own handler,
/// without a class for each.
class FunctionSink final : public EventSink {
public:
    explicit FunctionSink(std::function<void(const Event &)> handle) : handle_(std::move(handle)) {}
    void onEvent(const Event &event) override { handle_(event); }

private:
    std::function<void(const Event &)> handle_;
};

/// Hands every event to several sinks, in the order they were added.
class EventFanout final : public EventSink {
public:
    void add(EventSink *sink) { sinks_.push_back(sink); }
    void remove(EventSink *sink);
    void onEvent(const Event &event) override
    {
        // A copy: a sink may remove itself (or another) while it is called.
        const std::vector<EventSink *> sinks = sinks_;
        for (EventSink *sink : sinks) {
            if (std::find(sinks_.begin(), sinks_.end(), sink) != sinks_.end())
                sink->onEvent(event);
        }
    }

private:
    std::vector<EventSink *> sinks_;
};

/// The payload as lowercase hex, two digits a byte: lossless.
std::string toHex(const std::vector<unsigned char> &bytes);

/// Bytes from hex digits, two a byte, spaces allowed between bytes;
/// nullopt for anything else (an odd digit out, a non-hex character).
std::optional<std::vector<unsigned char>> fromHex(std::string_view text);

/// Bytes from text with C escapes, as a person types a payload: \n \r \t
/// \0 \\ and \xHH. On a malformed escape returns nullopt and sets
/// `position` to its byte offset.
std::optional<std::vector<unsigned char>> fromEscapedText(std::string_view text, std::size_t *position = nullptr);

/// A printable preview of a payload: printable ASCII as is, \n \r \t and
/// backslash escaped, every other byte as \xNN. At most `limit` input bytes
/// are shown; a longer payload ends in "...".
std::string printablePreview(const std::vector<unsigned char> &bytes, std::size_t limit = 256);

/// "SIGUSR1", "SIGRTMIN+3"; "SIG<n>" for a number with no name.
std::string signalName(int signal);

/// The schema's name of an IP protocol: "tcp", "udp", "icmp", ... or the
/// number in decimal for one with no name here, so `protocol` is always a
/// string. Empty for 0 (the socket type's default): the field is left out.
std::string protocolName(int protocol);

/// The number protocolName() names; nullopt for a name it never gives.
std::optional<int> protocolFromName(std::string_view name);
/// The Family and SocketType that familyName() and socketTypeName() name.
std::optional<Family> familyFromName(std::string_view name);
std::optional<SocketType> socketTypeFromName(std::string_view name);

/// `run-start`, the first event of every stream: the wall-clock moment of
/// `start` (t_ms 0) as UTC ISO 8601 with microseconds, the version, the
/// arguments and the pid.
Event runStartEvent(TimePoint start, std::string version, std::vector<std::string> argv);

/// An event of `kind` about `target` (the input as typed), at `time`.
Event makeEvent(EventKind kind, TimePoint time, std::string target = {});

} // namespace sockscope
