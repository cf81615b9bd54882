// The order in which a connector tries addresses (RFC 8305 §4).
//
// Given the resolver's IPv6 and IPv4 answers (each in getaddrinfo's order),
// take `firstFamilyCount` addresses of the preferred family, then alternate
// families one address at a time; when one family runs out, the rest of the
// other follows. This assumes both families' answers arrived within the
// resolution delay (RFC 8305 §3); the connector's planner also handles the
// case where they did not.
#pragma once

#include "sockscope/events/event.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace sockscope {

/// Which family a connector tries first (RFC 8305 §4).
enum class FamilyPreference : std::uint8_t {
    Sorted, ///< the family of the first address in the sorted answer (RFC 6724, gai.conf)
    Inet6,  ///< IPv6 first, whatever the sort said
    Inet,   ///< IPv4 first
};

struct ConnectOrderPolicy {
    FamilyPreference prefer = FamilyPreference::Sorted;
    std::size_t firstFamilyCount = 1; ///< RFC 8305 §4 "First Address Family Count": 1 or 2
};

/// The rule that ordered an answer's connect attempts, for explanations.
struct ConnectOrder {
    FamilyPreference rule = FamilyPreference::Sorted;
    std::optional<Family> firstFamily; ///< the family tried first; none without candidates
    std::size_t firstFamilyCount = 1;
    bool bothFamilies = false;         ///< both families among the candidates: they alternate
};

/// "sorted", "inet6", "inet": as --prefer takes them.
constexpr std::string_view familyPreferenceName(FamilyPreference preference)
{
    switch (preference) {
    case FamilyPreference::Inet6: return "inet6";
    case FamilyPreference::Inet: return "inet";
    case FamilyPreference::Sorted: break;
    }
    return "sorted";
}

/// The family that goes first: the preferred one while it has addresses,
/// else the other; for Sorted, the family of the first address.
constexpr Family firstFamilyFor(FamilyPreference preference, Family firstInAnswer, bool haveInet6, bool haveInet)
{
    if (preference == FamilyPreference::Inet6)
        return haveInet6 ? Family::Inet6 : Family::Inet;
    if (preference == FamilyPreference::Inet)
        return haveInet ? Family::Inet : Family::Inet6;
    return firstInAnswer;
}

/// RFC 8305 §4 interleaving. `T` is anything addresses come as (a
/// SocketAddress, a resolved entry, an index).
template <typename T>
std::vector<T> happyEyeballsOrder(const std::vector<T> &v6, const std::vector<T> &v4,
                                  Family preferredFamily = Family::Inet6, std::size_t firstFamilyCount = 1)
{
    const std::vector<T> &first = preferredFamily == Family::Inet ? v4 : v6;
    const std::vector<T> &second = preferredFamily == Family::Inet ? v6 : v4;
    std::vector<T> order;
    order.reserve(v6.size() + v4.size());
    // RFC 8305 §4: "First Address Family Count" is at least 1.
    const std::size_t lead = std::min(std::max<std::size_t>(firstFamilyCount, 1), first.size());
    order.insert(order.end(), first.begin(), first.begin() + static_cast<std::ptrdiff_t>(lead));
    std::size_t i = lead;
    std::size_t j = 0;
    while (i < first.size() || j < second.size()) {
        if (j < second.size())
            order.push_back(second[j++]);
        if (i < first.size())
            order.push_back(first[i++]);
    }
    return order;
}

} // namespace sockscope
