#include "sockscope/resolver_config.h"

#include "sockscope/socket_address.h"

#include <algorithm>
#include <fstream>
#include <ifaddrs.h>
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

std::string withoutComment(const std::string &line)
{
    return line.substr(0, line.find_first_of("#;"));
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

int optionValue(const std::string &option, const char *prefix, int fallback)
{
    const std::string digits = option.substr(std::string(prefix).size());
    if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos)
        return fallback;
    return std::stoi(digits);
}

void readNsswitch(const std::string &path, ResolverExplanation &out)
{
    std::ifstream file(path);
    out.nsswitchFound = file.is_open();
    for (std::string line; std::getline(file, line);) {
        const std::vector<std::string> fields = words(line.substr(0, line.find('#')));
        if (fields.empty() || fields.front() != "hosts:")
            continue;
        for (std::size_t i = 1; i < fields.size(); ++i)
            out.nsswitchHosts += (i > 1 ? " " : "") + fields[i];
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

ResolvConf readResolvConf(const std::string &path)
{
    ResolvConf conf;
    std::ifstream file(path);
    conf.found = file.is_open();
    for (std::string line; std::getline(file, line);) {
        const std::vector<std::string> fields = words(withoutComment(line));
        if (fields.empty())
            continue;
        const std::string &key = fields.front();
        if (key == "nameserver" && fields.size() > 1) {
            conf.nameservers.push_back(fields[1]);
        } else if (key == "search" || key == "domain") {
            // The last search or domain line wins (resolv.conf(5)).
            conf.search.assign(fields.begin() + 1, fields.end());
        } else if (key == "options") {
            for (std::size_t i = 1; i < fields.size(); ++i) {
                const std::string &option = fields[i];
                if (option.rfind("ndots:", 0) == 0)
                    conf.ndots = std::clamp(optionValue(option, "ndots:", conf.ndots), 0, 15);
                else if (option.rfind("timeout:", 0) == 0)
                    conf.timeout = std::clamp(optionValue(option, "timeout:", conf.timeout), 1, 30);
                else if (option.rfind("attempts:", 0) == 0)
                    conf.attempts = std::clamp(optionValue(option, "attempts:", conf.attempts), 1, 5);
                else
                    conf.otherOptions.push_back(option);
            }
        }
    }
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
    if (::getifaddrs(&list) != 0)
        return state;
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
    return (family == AF_INET && ipv4.empty()) || (family == AF_INET6 && ipv6.empty());
}

ResolverExplanation explainResolution(const std::string &name, const ResolverConfigPaths &paths)
{
    ResolverExplanation out;
    out.name = name;
    readNsswitch(paths.nsswitch, out);
    readHosts(paths.hosts, name, out);
    out.resolv = readResolvConf(paths.resolv);
    out.searchOrder = searchCandidates(name, out.resolv);
    out.addrconfig = readAddrConfig();
    readGaiConf(paths.gai, out);
    return out;
}

} // namespace sockscope
