// Endpoint: one parser for every address a person types, in every
// subcommand and every input field of the window.
//
// Accepted forms (as Perl's IO::Socket::IP, plus Unix sockets):
//   host                      name (UTF-8 allowed) or IPv4 literal
//   host:service              service: a name from /etc/services or 0-65535
//   [v6addr]  [v6addr]:service
//   ::1   fe80::1%lo          bare IPv6 literal (with scope id); no service:
//                             put the address in brackets to add one
//   host:name(port)           "try the service name, fall back to the port"
//   unix:/path   unix:@name   Unix socket path, or abstract name
// Whether a name or service exists is for the resolver to say; this checks
// the form and reports what is wrong as an InputError.
#pragma once

#include "sockscope/events/input_error.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sockscope {

struct Endpoint {
    enum class Kind { Host, Unix };
    Kind kind = Kind::Host;

    std::string host;          ///< without brackets; with "%scope" for IPv6
    bool ipv6Literal = false;  ///< host is an IPv6 address
    std::string service;       ///< name or decimal port; empty if none given
    std::string fallbackPort;  ///< from "name(port)": used if `service` is unknown

    std::string path;          ///< Unix: the path, or the abstract name without '@'
    bool abstract = false;     ///< Unix: in the abstract namespace

    /// The Unix address as typed in the schema ("/tmp/s", "@name").
    std::string unixDisplayPath() const { return abstract ? "@" + path : path; }
};

struct EndpointParseOptions {
    /// Listeners may leave the host out (":7000" = every address).
    bool allowEmptyHost = false;
};

using EndpointParseResult = std::variant<Endpoint, InputError>;

EndpointParseResult parseEndpoint(std::string_view input, EndpointParseOptions options = {});

/// Checks a service on its own (an option such as --service): a name,
/// 0-65535, or name(port). `position` is added to error positions.
std::optional<InputError> parseService(std::string_view text, std::string &service, std::string &fallbackPort,
                                       std::size_t position = 0);

/// Checks a host on its own: a name, an IPv4 literal or an IPv6 literal
/// (brackets optional). Stores it without brackets.
std::optional<InputError> parseHost(std::string_view text, std::string &host, bool &ipv6Literal,
                                    std::size_t position = 0);

/// Whether `text` names a Unix socket ("unix:/path", "unix:@name"), as
/// parseEndpoint() would take it; leading spaces allowed.
bool isUnixTarget(std::string_view text);

/// Whether `host` has non-ASCII bytes: an internationalised name, for which
/// getaddrinfo needs AI_IDN.
bool isInternationalName(std::string_view host);

/// Longest Unix path (without the terminating NUL) and abstract name.
inline constexpr std::size_t kMaxUnixPath = 107;
/// RFC 1035 limits, as resolvers apply them.
inline constexpr std::size_t kMaxHostName = 253;
inline constexpr std::size_t kMaxLabel = 63;

} // namespace sockscope
