// InputError: what is wrong with something a person typed.
//
// The engine never writes sentences: it says which field is wrong, how, at
// which byte, and the numbers involved (a length and its limit). The
// message catalogue (ui/message_catalog.h) turns that into translated text
// for the window and the CLI, and the window uses `position` to put the
// cursor on the offending part.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sockscope {

enum class InputErrorCode {
    Empty,               ///< nothing was typed
    NulByte,             ///< a NUL byte inside the text
    EmptyHost,           ///< "host" part missing (":80", "[]:80")
    HostTooLong,         ///< value > limit (253) characters
    LabelTooLong,        ///< one label > limit (63) characters
    EmptyLabel,          ///< "a..b", ".a"
    BadHostCharacter,    ///< a character no host name has (space, '/', ...)
    UnclosedBracket,     ///< "[::1" or "[::1:80"
    TextAfterBracket,    ///< "[::1]x" (only ":service" may follow)
    BadIpv6Literal,      ///< "[1::2::3]", or many colons that are no address
    EmptyScope,          ///< "fe80::1%"
    BadScope,            ///< a scope id that is no interface name or number
    EmptyService,        ///< "host:" or "host:()"
    BadServiceName,      ///< characters no service name has
    EmptyPort,           ///< "http()"
    BadPort,             ///< not a decimal number
    PortOutOfRange,      ///< decimal, but above 65535
    UnclosedParenthesis, ///< "http(80"
    TextAfterParenthesis, ///< "http(80)x"
    EmptyPath,           ///< "unix:" or "unix:@"
    PathTooLong,         ///< longer than sun_path allows (limit)
    BadNumber,           ///< a count, size or option value that is no number
    NumberOutOfRange,    ///< a number outside [limit bounds]
    UnknownName,         ///< a keyword that is not one of the accepted ones
    Conflict,            ///< parts that contradict each other
    GivenTwice,          ///< the same thing in the input and in an option
    UnixNotAllowed,      ///< a Unix address where only a host makes sense
    BadEscape,           ///< a backslash escape that is none (\q, \x4)
    NotNumeric,          ///< a name where only a numeric address is taken
    NameTooLong,         ///< a name longer than `limit` (an interface name)
    UseInstead,          ///< an option that does not apply here: `value` names the one that does
    Required,            ///< an option that must be given: `value` names what needs it
    OnlyFor,             ///< an option that applies only to `value`
    NotWatchable,        ///< a signal no process can watch (SIGKILL, SIGSTOP, a fault)
};

struct InputError {
    InputErrorCode code = InputErrorCode::Empty;
    std::string field;        ///< "host", "service", "port", "path", "scope", or an option's name
    std::string value;        ///< the offending part, as typed
    std::size_t position = 0; ///< byte offset of `value` in the whole input
    std::size_t limit = 0;    ///< the (upper) limit broken, where there is one
    std::size_t lowest = 0;   ///< the lowest value allowed, for NumberOutOfRange
};

/// "empty", "host-too-long", ... : a stable name for programs (JSON).
const char *inputErrorName(InputErrorCode code) noexcept;
/// The code inputErrorName() calls `name`.
std::optional<InputErrorCode> inputErrorCodeFromName(std::string_view name) noexcept;

} // namespace sockscope
