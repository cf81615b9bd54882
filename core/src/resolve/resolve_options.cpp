#include "sockscope/resolve/resolve_options.h"

#include <array>
#include <cctype>
#include <netdb.h>
#include <netinet/in.h>
#include <utility>
#include <strings.h>

namespace sockscope {
namespace {

struct FlagName {
    const char *name;
    int flag;
};

constexpr std::array<FlagName, 8> kFlags = {{
    {"ADDRCONFIG", AI_ADDRCONFIG},
    {"PASSIVE", AI_PASSIVE},
    {"CANONNAME", AI_CANONNAME},
    {"NUMERICHOST", AI_NUMERICHOST},
    {"NUMERICSERV", AI_NUMERICSERV},
    {"V4MAPPED", AI_V4MAPPED},
    {"ALL", AI_ALL},
    {"IDN", AI_IDN},
}};

bool equalsIgnoringCase(std::string_view a, const char *b)
{
    return a.size() == std::char_traits<char>::length(b) && ::strncasecmp(a.data(), b, a.size()) == 0;
}

InputError optionError(InputErrorCode code, const char *field, std::string_view value, std::size_t position = 0)
{
    return InputError{code, field, std::string(value), position, 0};
}

std::optional<int> flagFor(std::string_view name)
{
    if (name.size() > 3 && ::strncasecmp(name.data(), "AI_", 3) == 0)
        name.remove_prefix(3);
    for (const FlagName &entry : kFlags) {
        if (equalsIgnoringCase(name, entry.name))
            return entry.flag;
    }
    return std::nullopt;
}

} // namespace

std::optional<InputError> parseFamilyOption(std::string_view text, int &family)
{
    if (equalsIgnoringCase(text, "any") || equalsIgnoringCase(text, "unspec"))
        family = AF_UNSPEC;
    else if (equalsIgnoringCase(text, "inet") || equalsIgnoringCase(text, "ipv4") || text == "4")
        family = AF_INET;
    else if (equalsIgnoringCase(text, "inet6") || equalsIgnoringCase(text, "ipv6") || text == "6")
        family = AF_INET6;
    else
        return optionError(InputErrorCode::UnknownName, "family", text);
    return std::nullopt;
}

std::optional<InputError> parseSocketTypeOption(std::string_view text, int &socktype)
{
    if (equalsIgnoringCase(text, "any"))
        socktype = 0;
    else if (equalsIgnoringCase(text, "stream") || equalsIgnoringCase(text, "tcp"))
        socktype = SOCK_STREAM;
    else if (equalsIgnoringCase(text, "dgram") || equalsIgnoringCase(text, "udp"))
        socktype = SOCK_DGRAM;
    else if (equalsIgnoringCase(text, "raw"))
        socktype = SOCK_RAW;
    else
        return optionError(InputErrorCode::UnknownName, "type", text);
    return std::nullopt;
}

std::optional<int> systemProtocolNumber(const std::string &name)
{
    protoent entry;
    protoent *found = nullptr;
    char buffer[1024];
    if (::getprotobyname_r(name.c_str(), &entry, buffer, sizeof buffer, &found) == 0 && found)
        return found->p_proto;
    return std::nullopt;
}

std::optional<InputError> parseProtocolOption(std::string_view text, int &protocol, bool askSystem)
{
    if (text.empty())
        return optionError(InputErrorCode::Empty, "protocol", text);
    if (text.find_first_not_of("0123456789") == std::string_view::npos) {
        if (text.size() > 3 || std::stoi(std::string(text)) > 255)
            return InputError{InputErrorCode::NumberOutOfRange, "protocol", std::string(text), 0, 255};
        protocol = std::stoi(std::string(text));
        return std::nullopt;
    }
    // The schema's names (protocolName) work even where /etc/protocols is
    // missing, in any case, and so does the common alias icmpv6.
    std::string lower(text);
    for (char &c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (auto number = protocolFromName(lower == "icmpv6" ? "ipv6-icmp" : lower)) {
        protocol = *number;
        return std::nullopt;
    }
    if (askSystem) {
        if (auto number = systemProtocolNumber(std::string(text))) {
            protocol = *number;
            return std::nullopt;
        }
    }
    return optionError(InputErrorCode::UnknownName, "protocol", text);
}

std::optional<InputError> parsePreferOption(std::string_view text, FamilyPreference &preference)
{
    if (equalsIgnoringCase(text, "sorted"))
        preference = FamilyPreference::Sorted;
    else if (equalsIgnoringCase(text, "inet6") || equalsIgnoringCase(text, "ipv6") || text == "6")
        preference = FamilyPreference::Inet6;
    else if (equalsIgnoringCase(text, "inet") || equalsIgnoringCase(text, "ipv4") || text == "4")
        preference = FamilyPreference::Inet;
    else
        return optionError(InputErrorCode::UnknownName, "prefer", text);
    return std::nullopt;
}

std::optional<InputError> parseFirstFamilyCountOption(std::string_view text, std::size_t &count)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos)
        return optionError(InputErrorCode::BadNumber, "first-family-count", text);
    if (text != "1" && text != "2")
        return InputError{InputErrorCode::NumberOutOfRange, "first-family-count", std::string(text), 0, 2, 1};
    count = text == "1" ? 1 : 2;
    return std::nullopt;
}

std::optional<InputError> parseFlagsOption(std::string_view text, int &flags)
{
    int result = flags;
    bool replaced = false;
    bool changed = false;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string_view item = text.substr(start, comma - start);
        const std::size_t position = start;
        start = comma + 1;
        if (item.empty())
            return optionError(InputErrorCode::UnknownName, "flags", item, position);
        const char sign = item.front();
        if (sign == '+' || sign == '-')
            item.remove_prefix(1);
        const std::optional<int> flag = flagFor(item);
        if (!flag)
            return optionError(InputErrorCode::UnknownName, "flags", item, position + (sign == '+' || sign == '-'));
        const bool signedItem = sign == '+' || sign == '-';
        if ((signedItem && replaced) || (!signedItem && changed))
            return optionError(InputErrorCode::Conflict, "flags", text, position);
        if (!signedItem && !replaced) {
            result = 0;
            replaced = true;
        }
        changed = changed || signedItem;
        if (sign == '-')
            result &= ~*flag;
        else
            result |= *flag;
    }
    flags = text.empty() ? 0 : result;
    return std::nullopt;
}

std::vector<std::string> flagNames(int flags)
{
    std::vector<std::string> names;
    for (const FlagName &entry : kFlags) {
        if (flags & entry.flag)
            names.push_back(std::string("AI_") + entry.name);
    }
    return names;
}

} // namespace sockscope
