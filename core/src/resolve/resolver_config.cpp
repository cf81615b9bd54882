#include "sockscope/resolve/resolver_config.h"

#include "sockscope/resolve/socket_address.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstdlib>
#include <unistd.h>
#include <fstream>
#include <ifaddrs.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sstream>
#include <strings.h>

namespace sockscope {
namespace {

std::vector<std::string> words(const std::string &line)
{
    std::istringstream stream(line);
    std::vector<std::string> result;
    for (std::string word; stream >> word;)
        result.push_back(word);
    return result;
}

bool sameName(const std::string &a, const std::string &b)
{
    auto strip = [](std::string s) {
        if (s.size() > 1 && s.back() == '.')
            s.pop_back();
        return s;
    };
    return ::strcasecmp(strip(a).c_str(), strip(b).c_str()) == 0;
}

// glibc reads option numbers with atoi: leading digits, else 0.
int optionValue(const std::string &option, std::size_t prefixLength)
{
    int value = 0;
    for (std::size_t i = prefixLength; i < option.size() && i < prefixLength + 4; ++i) {
        if (option[i] < '0' || option[i] > '9')
            break;
        value = value * 10 + (option[i] - '0');
    }
    return value;
}

void applyOptions(const std::vector<std::string> &options, ResolvConf &conf)
{
    for (const std::string &option : options) {
        if (option.rfind("ndots:", 0) == 0)
            conf.ndots = std::min(optionValue(option, 6), 15);
        else if (option.rfind("timeout:", 0) == 0)
            conf.timeout = std::min(optionValue(option, 8), 30);
        else if (option.rfind("attempts:", 0) == 0)
            conf.attempts = std::min(optionValue(option, 9), 5);
        else
            conf.otherOptions.push_back(option);
    }
}

// "hosts:" with or without spaces around the colon; the last line wins.
void readNsswitch(const std::string &path, ResolverExplanation &out)
{
    std::ifstream file(path);
    out.nsswitchFound = file.is_open();
    for (std::string line; std::getline(file, line);) {
        line = line.substr(0, line.find('#'));
        const std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line.compare(start, 5, "hosts") != 0)
            continue;
        const std::size_t colon = line.find_first_not_of(" \t", start + 5);
        if (colon == std::string::npos || line[colon] != ':')
            continue;
        std::string sources;
        for (const std::string &word : words(line.substr(colon + 1)))
            sources += (sources.empty() ? "" : " ") + word;
        out.nsswitchHosts = sources;
    }
}

void readHosts(const std::string &path, const std::string &name, ResolverExplanation &out)
{
    std::ifstream file(path);
    int number = 0;
    for (std::string line; std::getline(file, line);) {
        ++number;
        const std::vector<std::string> fields = words(line.substr(0, line.find('#')));
        if (fields.size() < 2)
            continue;
        const bool matches = std::any_of(fields.begin() + 1, fields.end(),
                                         [&](const std::string &field) { return sameName(field, name); });
        if (matches)
            out.hostsMatches.push_back({number, fields.front(), {fields.begin() + 1, fields.end()}});
    }
}

void readGaiConf(const std::string &path, ResolverExplanation &out)
{
    std::ifstream file(path);
    out.gaiConfFound = file.is_open();
    int number = 0;
    for (std::string line; std::getline(file, line);) {
        ++number;
        const std::vector<std::string> fields = words(line.substr(0, line.find('#')));
        if (fields.empty())
            continue;
        std::string text;
        for (const std::string &field : fields)
            text += (text.empty() ? "" : " ") + field;
        out.gaiRules.push_back({number, text});
    }
}

} // namespace

ResolvConf readResolvConf(const std::string &path, const std::string &hostName)
{
    ResolvConf conf;
    std::ifstream file(path);
    conf.found = file.is_open();
    for (std::string line; std::getline(file, line);) {
        if (line.empty() || line.front() == '#' || line.front() == ';')
            continue; // res_init: comments only at the start of a line
        const std::vector<std::string> fields = words(line);
        if (fields.empty())
            continue;
        const std::string &key = fields.front();
        if (key == "nameserver" && fields.size() > 1) {
            (conf.nameservers.size() < 3 ? conf.nameservers : conf.ignoredNameservers).push_back(fields[1]);
        } else if (key == "domain" && fields.size() > 1) {
            conf.search = {fields[1]};
            conf.searchSource = ResolvConf::SearchSource::File;
        } else if (key == "search" && fields.size() > 1) {
            conf.search.assign(fields.begin() + 1, fields.end());
            conf.searchSource = ResolvConf::SearchSource::File;
        } else if (key == "options") {
            applyOptions({fields.begin() + 1, fields.end()}, conf);
        }
    }
    if (conf.search.empty()) {
        std::string name = hostName;
        if (name.empty()) {
            char buffer[256] = {};
            if (::gethostname(buffer, sizeof buffer - 1) == 0)
                name = buffer;
        }
        if (const std::size_t dot = name.find('.'); dot != std::string::npos && dot + 1 < name.size()) {
            conf.search = {name.substr(dot + 1)};
            conf.searchSource = ResolvConf::SearchSource::HostName;
        }
    }
    if (const char *local = std::getenv("LOCALDOMAIN")) {
        conf.search = words(local);
        conf.searchSource = ResolvConf::SearchSource::Environment;
    }
    if (const char *options = std::getenv("RES_OPTIONS"))
        applyOptions(words(options), conf);
    return conf;
}

std::vector<std::string> searchCandidates(const std::string &name, const ResolvConf &conf)
{
    if (name.empty())
        return {};
    if (name.back() == '.')
        return {name};
    const auto dots = static_cast<int>(std::count(name.begin(), name.end(), '.'));
    std::vector<std::string> withSearch;
    for (const std::string &domain : conf.search)
        withSearch.push_back(name + "." + domain);
    std::vector<std::string> order;
    if (dots >= conf.ndots) {
        order.push_back(name);
        order.insert(order.end(), withSearch.begin(), withSearch.end());
    } else {
        order = withSearch;
        order.push_back(name);
    }
    return order;
}

AddrConfigState readAddrConfig()
{
    AddrConfigState state;
    ifaddrs *list = nullptr;
    if (::getifaddrs(&list) != 0) {
        state.known = false;
        return state;
    }
    for (const ifaddrs *entry = list; entry; entry = entry->ifa_next) {
        if (!entry->ifa_addr)
            continue;
        const int family = entry->ifa_addr->sa_family;
        if (family != AF_INET && family != AF_INET6)
            continue;
        const socklen_t length = family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
        const auto address = SocketAddress::fromSockaddr(entry->ifa_addr, length);
        if (!address)
            continue;
        const std::string host = address->host();
        if (host == "127.0.0.1" || host == "::1")
            continue; // the only two glibc's check_pf leaves out
        const std::string text = address->host() + " (" + entry->ifa_name + ")";
        (family == AF_INET ? state.ipv4 : state.ipv6).push_back(text);
    }
    ::freeifaddrs(list);
    return state;
}

bool AddrConfigState::refuses(int family) const
{
    return known && ((family == AF_INET && ipv4.empty()) || (family == AF_INET6 && ipv6.empty()));
}

std::vector<GaiConfRule> readGaiRules(const std::string &path)
{
    ResolverExplanation explanation;
    readGaiConf(path, explanation);
    return explanation.gaiRules;
}

namespace {

struct Precedence {
    in6_addr prefix{};
    int length = 0;
    int value = 0;
};

bool inPrefix(const in6_addr &address, const Precedence &rule)
{
    for (int bit = 0; bit < rule.length; ++bit) {
        const int mask = 0x80 >> (bit % 8);
        if ((address.s6_addr[bit / 8] & mask) != (rule.prefix.s6_addr[bit / 8] & mask))
            return false;
    }
    return true;
}

// The longest matching prefix decides; no match at all is precedence 0.
int precedenceOf(const char *address, const std::vector<Precedence> &table)
{
    in6_addr parsed{};
    ::inet_pton(AF_INET6, address, &parsed);
    const Precedence *best = nullptr;
    for (const Precedence &rule : table) {
        if (inPrefix(parsed, rule) && (!best || rule.length > best->length))
            best = &rule;
    }
    return best ? best->value : 0;
}

std::vector<Precedence> precedenceTable(const std::vector<GaiConfRule> &rules)
{
    std::vector<Precedence> table;
    for (const GaiConfRule &rule : rules) {
        std::istringstream words(rule.text);
        std::string keyword, prefix;
        int value = 0;
        if (!(words >> keyword >> prefix >> value) || keyword != "precedence")
            continue;
        const std::size_t slash = prefix.find('/');
        Precedence entry;
        entry.value = value;
        entry.length = slash == std::string::npos ? 128 : std::atoi(prefix.c_str() + slash + 1);
        if (::inet_pton(AF_INET6, prefix.substr(0, slash).c_str(), &entry.prefix) == 1 && entry.length >= 0 &&
            entry.length <= 128)
            table.push_back(entry);
    }
    if (table.empty()) {
        // RFC 6724 §2.1 as glibc has it.
        for (const auto &[prefix, value] : {std::pair<const char *, int>{"::1/128", 50}, {"::/0", 40},
                                            {"::ffff:0:0/96", 35}, {"2002::/16", 30}, {"2001::/32", 5},
                                            {"fc00::/7", 3}, {"::/96", 1}, {"fec0::/10", 1}, {"3ffe::/16", 1}}) {
            std::vector<GaiConfRule> line{{0, std::string("precedence ") + prefix + " " + std::to_string(value)}};
            table.push_back(precedenceTable(line).front());
        }
    }
    return table;
}

} // namespace

Family sortedFirstFamily(const std::vector<GaiConfRule> &rules)
{
    const std::vector<Precedence> table = precedenceTable(rules);
    // A global address of each family; an IPv4 address is sorted as its
    // IPv4-mapped form.
    return precedenceOf("::ffff:192.0.2.1", table) > precedenceOf("2001:db8::1", table) ? Family::Inet
                                                                                      : Family::Inet6;
}

AddrConfigVerdict addrconfigVerdict(const AddrConfigState &state, int flags, int family)
{
    if (!(flags & AI_ADDRCONFIG))
        return AddrConfigVerdict::Off;
    if (!state.known)
        return AddrConfigVerdict::Unknown;
    if (state.refuses(family))
        return AddrConfigVerdict::RefusesFamily;
    if (family != AF_UNSPEC)
        return AddrConfigVerdict::FamilyConfigured;
    if (state.hidesIpv4())
        return AddrConfigVerdict::HidesInet;
    if (state.hidesIpv6())
        return AddrConfigVerdict::HidesInet6;
    if (state.ipv4.empty())
        return AddrConfigVerdict::NoInformation;
    return AddrConfigVerdict::KeepsBoth;
}

std::string_view addrconfigVerdictName(AddrConfigVerdict verdict)
{
    switch (verdict) {
    case AddrConfigVerdict::Off: return "off";
    case AddrConfigVerdict::Unknown: return "unknown";
    case AddrConfigVerdict::RefusesFamily: return "refuses-family";
    case AddrConfigVerdict::FamilyConfigured: return "family-configured";
    case AddrConfigVerdict::HidesInet: return "hides-inet";
    case AddrConfigVerdict::HidesInet6: return "hides-inet6";
    case AddrConfigVerdict::NoInformation: return "no-information";
    case AddrConfigVerdict::KeepsBoth: break;
    }
    return "keeps-both";
}

ResolverExplanation explainResolution(const std::string &name, const ResolverConfigPaths &paths)
{
    ResolverExplanation out;
    out.name = name;
    out.read = true;
    readNsswitch(paths.nsswitch, out);
    readHosts(paths.hosts, name, out);
    out.resolv = readResolvConf(paths.resolv);
    out.searchOrder = searchCandidates(name, out.resolv);
    out.addrconfig = readAddrConfig();
    readGaiConf(paths.gai, out);
    return out;
}

} // namespace sockscope
