// Parsing resolver hints as people type them (the CLI's --family, --type,
// --protocol and --flags, and the window's fields), with InputErrors that
// name the option.
#pragma once

#include "sockscope/events/input_error.h"
#include "sockscope/resolve/happy_eyeballs.h"
#include "sockscope/resolve/resolver.h"

#include <optional>
#include <string_view>

namespace sockscope {

/// "any", "inet", "inet6" (also "4", "6", "ipv4", "ipv6").
std::optional<InputError> parseFamilyOption(std::string_view text, int &family);
/// "stream", "dgram", "raw", "any" (also "tcp"/"udp" for stream/dgram).
std::optional<InputError> parseSocketTypeOption(std::string_view text, int &socktype);
/// "tcp", "udp", a name from /etc/protocols, or a number 0-255. With
/// `askSystem` false only numbers and the common names are known: the
/// system's list is an NSS call (getprotobyname_r), which the window makes
/// on a worker (LookupOptions::protocolName), never on its own thread.
std::optional<InputError> parseProtocolOption(std::string_view text, int &protocol, bool askSystem = true);
/// getprotobyname_r: the number of a protocol the system knows by `name`.
std::optional<int> systemProtocolNumber(const std::string &name);
/// --prefer: "sorted", "inet6" or "inet" (also "ipv6"/"6", "ipv4"/"4").
std::optional<InputError> parsePreferOption(std::string_view text, FamilyPreference &preference);
/// --first-family-count: 1 or 2 (RFC 8305 §4).
std::optional<InputError> parseFirstFamilyCountOption(std::string_view text, std::size_t &count);
/// getaddrinfo flags: names case-insensitive, with or without "AI_",
/// separated by commas. "+name" and "-name" change `flags` (which holds the
/// defaults); a list without signs replaces it; "" is none.
std::optional<InputError> parseFlagsOption(std::string_view text, int &flags);
/// The names of `flags`, upper case with "AI_", in a fixed order.
std::vector<std::string> flagNames(int flags);

} // namespace sockscope
