#include "sockscope/resolve/endpoint.h"

#include <arpa/inet.h>
#include <cstring>
#include <net/if.h>

namespace sockscope {
namespace {

InputError makeError(InputErrorCode code, std::string field, std::string_view value, std::size_t position,
                     std::size_t limit = 0)
{
    return InputError{code, std::move(field), std::string(value), position, limit};
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Host names: letters, digits, '-', '_' (common in real zones and hosts
// files), '.', and bytes of UTF-8 names (getaddrinfo's AI_IDN converts
// them). Anything else is a typing mistake.
bool isHostCharacter(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return isAlpha(c) || isDigit(c) || c == '-' || c == '_' || c == '.' || byte >= 0x80;
}

bool isServiceCharacter(char c)
{
    return isAlpha(c) || isDigit(c) || c == '-' || c == '_' || c == '.' || c == '+';
}

// The length of the valid UTF-8 sequence at `text[i]`, or 0 if it is not one.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i)
{
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (lead >= 0xc2 && lead <= 0xdf)
        length = 2;
    else if (lead >= 0xe0 && lead <= 0xef)
        length = 3;
    else if (lead >= 0xf0 && lead <= 0xf4)
        length = 4;
    if (length == 0 || i + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
            return 0;
    }
    return length;
}

bool allDigits(std::string_view text)
{
    if (text.empty())
        return false;
    for (char c : text) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

std::optional<InputError> checkPort(std::string_view text, std::size_t position)
{
    if (text.empty())
        return makeError(InputErrorCode::EmptyPort, "port", text, position);
    if (!allDigits(text))
        return makeError(InputErrorCode::BadPort, "port", text, position);
    // Leading zeros are harmless; compare the significant digits only.
    const std::size_t first = std::min(text.find_first_not_of('0'), text.size());
    const std::string_view digits = text.substr(first);
    if (digits.size() > 5 || (digits.size() == 5 && digits > "65535"))
        return makeError(InputErrorCode::PortOutOfRange, "port", text, position, 65535);
    return std::nullopt;
}

std::optional<InputError> checkServiceName(std::string_view text, std::size_t position)
{
    if (text.empty())
        return makeError(InputErrorCode::EmptyService, "service", text, position);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!isServiceCharacter(text[i]))
            return makeError(InputErrorCode::BadServiceName, "service", text.substr(i, 1), position + i);
    }
    return std::nullopt;
}

std::optional<InputError> checkHostName(std::string_view name, std::size_t position)
{
    bool ascii = true;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (static_cast<unsigned char>(name[i]) >= 0x80) {
            // An internationalised name: valid UTF-8, which AI_IDN turns
            // into its ASCII form; the length limits apply to that form.
            const std::size_t length = utf8SequenceLength(name, i);
            if (length == 0)
                return makeError(InputErrorCode::BadHostCharacter, "host", name.substr(i, 1), position + i);
            ascii = false;
            i += length - 1;
        } else if (!isHostCharacter(name[i])) {
            return makeError(InputErrorCode::BadHostCharacter, "host", name.substr(i, 1), position + i);
        }
    }
    // One trailing dot names the root; it does not count against the limit.
    std::string_view body = name;
    if (body.size() > 1 && body.back() == '.')
        body.remove_suffix(1);
    if (ascii && body.size() > kMaxHostName)
        return makeError(InputErrorCode::HostTooLong, "host", name, position, kMaxHostName);
    std::size_t start = 0;
    while (start <= body.size()) {
        const std::size_t dot = std::min(body.find('.', start), body.size());
        const std::string_view label = body.substr(start, dot - start);
        if (label.empty())
            return makeError(InputErrorCode::EmptyLabel, "host", name, position + start);
        if (ascii && label.size() > kMaxLabel)
            return makeError(InputErrorCode::LabelTooLong, "host", label, position + start, kMaxLabel);
        start = dot + 1;
    }
    return std::nullopt;
}

// An interface name (as `ip link` shows it) or an interface index.
std::optional<InputError> checkScope(std::string_view scope, std::size_t position)
{
    if (scope.empty())
        return makeError(InputErrorCode::EmptyScope, "scope", scope, position);
    if (scope.size() >= IF_NAMESIZE)
        return makeError(InputErrorCode::BadScope, "scope", scope, position, IF_NAMESIZE - 1);
    for (char c : scope) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f || c == '/' || c == '%' || c == ':')
            return makeError(InputErrorCode::BadScope, "scope", scope, position);
    }
    return std::nullopt;
}

std::optional<InputError> checkIpv6Literal(std::string_view text, std::size_t position)
{
    const std::size_t percent = text.find('%');
    const std::string_view address = text.substr(0, percent);
    if (address.empty())
        return makeError(InputErrorCode::EmptyHost, "host", text, position);
    in6_addr parsed;
    if (::inet_pton(AF_INET6, std::string(address).c_str(), &parsed) != 1)
        return makeError(InputErrorCode::BadIpv6Literal, "host", address, position);
    if (percent != std::string_view::npos)
        return checkScope(text.substr(percent + 1), position + percent + 1);
    return std::nullopt;
}

std::optional<InputError> parseUnix(std::string_view rest, std::size_t position, Endpoint &out)
{
    out.kind = Endpoint::Kind::Unix;
    out.abstract = !rest.empty() && rest.front() == '@';
    const std::string_view path = out.abstract ? rest.substr(1) : rest;
    const std::size_t pathPosition = position + (out.abstract ? 1 : 0);
    if (path.empty())
        return makeError(InputErrorCode::EmptyPath, "path", rest, position);
    if (path.size() > kMaxUnixPath)
        return makeError(InputErrorCode::PathTooLong, "path", path, pathPosition, kMaxUnixPath);
    out.path = std::string(path);
    return std::nullopt;
}

std::optional<InputError> parseBracketed(std::string_view input, Endpoint &out)
{
    const std::size_t close = input.find(']');
    if (close == std::string_view::npos)
        return makeError(InputErrorCode::UnclosedBracket, "host", input, 0);
    const std::string_view inside = input.substr(1, close - 1);
    if (inside.empty())
        return makeError(InputErrorCode::EmptyHost, "host", input.substr(0, close + 1), 0);
    if (auto error = checkIpv6Literal(inside, 1))
        return error;
    out.host = std::string(inside);
    out.ipv6Literal = true;
    const std::string_view after = input.substr(close + 1);
    if (after.empty())
        return std::nullopt;
    if (after.front() != ':')
        return makeError(InputErrorCode::TextAfterBracket, "host", after, close + 1);
    return parseService(after.substr(1), out.service, out.fallbackPort, close + 2);
}

} // namespace

const char *inputErrorName(InputErrorCode code) noexcept
{
    switch (code) {
    case InputErrorCode::Empty: return "empty";
    case InputErrorCode::NulByte: return "nul-byte";
    case InputErrorCode::EmptyHost: return "empty-host";
    case InputErrorCode::HostTooLong: return "host-too-long";
    case InputErrorCode::LabelTooLong: return "label-too-long";
    case InputErrorCode::EmptyLabel: return "empty-label";
    case InputErrorCode::BadHostCharacter: return "bad-host-character";
    case InputErrorCode::UnclosedBracket: return "unclosed-bracket";
    case InputErrorCode::TextAfterBracket: return "text-after-bracket";
    case InputErrorCode::BadIpv6Literal: return "bad-ipv6-literal";
    case InputErrorCode::EmptyScope: return "empty-scope";
    case InputErrorCode::BadScope: return "bad-scope";
    case InputErrorCode::EmptyService: return "empty-service";
    case InputErrorCode::BadServiceName: return "bad-service-name";
    case InputErrorCode::EmptyPort: return "empty-port";
    case InputErrorCode::BadPort: return "bad-port";
    case InputErrorCode::PortOutOfRange: return "port-out-of-range";
    case InputErrorCode::UnclosedParenthesis: return "unclosed-parenthesis";
    case InputErrorCode::TextAfterParenthesis: return "text-after-parenthesis";
    case InputErrorCode::EmptyPath: return "empty-path";
    case InputErrorCode::PathTooLong: return "path-too-long";
    case InputErrorCode::BadNumber: return "bad-number";
    case InputErrorCode::NumberOutOfRange: return "number-out-of-range";
    case InputErrorCode::UnknownName: return "unknown-name";
    case InputErrorCode::Conflict: return "conflict";
    case InputErrorCode::GivenTwice: return "given-twice";
    case InputErrorCode::UnixNotAllowed: return "unix-not-allowed";
    case InputErrorCode::BadEscape: return "bad-escape";
    case InputErrorCode::NotNumeric: return "not-numeric";
    case InputErrorCode::NameTooLong: return "name-too-long";
    case InputErrorCode::UseInstead: return "use-instead";
    case InputErrorCode::Required: return "required";
    case InputErrorCode::OnlyFor: return "only-for";
    case InputErrorCode::NotWatchable: return "not-watchable";
    }
    return "unknown";
}

std::optional<InputErrorCode> inputErrorCodeFromName(std::string_view name) noexcept
{
    for (int code = 0; code <= static_cast<int>(InputErrorCode::NotWatchable); ++code) {
        if (name == inputErrorName(static_cast<InputErrorCode>(code)))
            return static_cast<InputErrorCode>(code);
    }
    return std::nullopt;
}

bool isUnixTarget(std::string_view text)
{
    const auto start = text.find_first_not_of(" \t");
    return start != std::string_view::npos && text.substr(start).rfind("unix:", 0) == 0;
}

bool isInternationalName(std::string_view host)
{
    for (char c : host) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    }
    return false;
}

std::optional<InputError> parseService(std::string_view text, std::string &service, std::string &fallbackPort,
                                       std::size_t position)
{
    if (text.empty())
        return makeError(InputErrorCode::EmptyService, "service", text, position);
    const std::size_t open = text.find('(');
    if (open == std::string_view::npos) {
        if (allDigits(text)) {
            if (auto error = checkPort(text, position))
                return error;
        } else if (auto error = checkServiceName(text, position)) {
            return error;
        }
        service = std::string(text);
        return std::nullopt;
    }
    // name(port): IO::Socket::IP's "try the name, fall back to the port".
    const std::string_view name = text.substr(0, open);
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos)
        return makeError(InputErrorCode::UnclosedParenthesis, "service", text.substr(open), position + open);
    if (close + 1 != text.size())
        return makeError(InputErrorCode::TextAfterParenthesis, "service", text.substr(close + 1),
                         position + close + 1);
    if (name.empty())
        return makeError(InputErrorCode::EmptyService, "service", text, position);
    if (auto error = checkServiceName(name, position))
        return error;
    const std::string_view port = text.substr(open + 1, close - open - 1);
    if (auto error = checkPort(port, position + open + 1))
        return error;
    service = std::string(name);
    fallbackPort = std::string(port);
    return std::nullopt;
}

std::optional<InputError> parseHost(std::string_view text, std::string &host, bool &ipv6Literal, std::size_t position)
{
    if (text.empty())
        return makeError(InputErrorCode::EmptyHost, "host", text, position);
    const bool bracketed = text.front() == '[';
    if (bracketed) {
        if (text.back() != ']')
            return makeError(InputErrorCode::UnclosedBracket, "host", text, position);
        if (text.size() == 2)
            return makeError(InputErrorCode::EmptyHost, "host", text, position);
        text = text.substr(1, text.size() - 2);
        ++position;
    }
    // Brackets hold IPv6 addresses only.
    ipv6Literal = bracketed || text.find(':') != std::string_view::npos;
    if (ipv6Literal) {
        if (auto error = checkIpv6Literal(text, position))
            return error;
    } else if (auto error = checkHostName(text, position)) {
        return error;
    }
    host = std::string(text);
    return std::nullopt;
}

EndpointParseResult parseEndpoint(std::string_view input, EndpointParseOptions options)
{
    Endpoint endpoint;
    if (input.empty())
        return makeError(InputErrorCode::Empty, "input", input, 0);
    if (const std::size_t nul = input.find('\0'); nul != std::string_view::npos)
        return makeError(InputErrorCode::NulByte, "input", std::string_view(), nul);

    std::optional<InputError> error;
    constexpr std::string_view kUnixPrefix = "unix:";
    if (input.substr(0, kUnixPrefix.size()) == kUnixPrefix) {
        error = parseUnix(input.substr(kUnixPrefix.size()), kUnixPrefix.size(), endpoint);
    } else if (input.front() == '[') {
        error = parseBracketed(input, endpoint);
    } else if (const std::size_t colon = input.find(':'); colon == std::string_view::npos) {
        error = parseHost(input, endpoint.host, endpoint.ipv6Literal, 0);
    } else if (input.find(':', colon + 1) != std::string_view::npos) {
        // Two or more colons: a bare IPv6 literal, never host:port.
        error = checkIpv6Literal(input, 0);
        endpoint.host = std::string(input);
        endpoint.ipv6Literal = true;
    } else {
        const std::string_view host = input.substr(0, colon);
        if (host.empty() && !options.allowEmptyHost)
            return makeError(InputErrorCode::EmptyHost, "host", host, 0);
        if (!host.empty())
            error = parseHost(host, endpoint.host, endpoint.ipv6Literal, 0);
        if (!error)
            error = parseService(input.substr(colon + 1), endpoint.service, endpoint.fallbackPort, colon + 1);
    }
    if (error)
        return *error;
    return endpoint;
}

} // namespace sockscope
