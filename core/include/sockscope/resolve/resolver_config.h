// What shapes an answer of the system resolver, read from the system:
// the hosts line of nsswitch.conf, the /etc/hosts lines that match the name,
// resolv.conf (nameservers, search domains, ndots/timeout/attempts) with the
// fully qualified names a resolver tries in order (resolv.conf(5)), whether
// AI_ADDRCONFIG hides a family (and which configured addresses decide it),
// and the RFC 6724 ordering rules /etc/gai.conf changes.
//
// Plain data: the window and the CLI put it into words. Reading it touches
// small local files and getifaddrs; the Resolver runs it on a worker.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sockscope/events/event.h"

namespace sockscope {

struct ResolverConfigPaths {
    std::string nsswitch = "/etc/nsswitch.conf";
    std::string hosts = "/etc/hosts";
    std::string resolv = "/etc/resolv.conf";
    std::string gai = "/etc/gai.conf";
};

struct HostsLine {
    int line = 0;             ///< 1-based line number in the hosts file
    std::string address;
    std::vector<std::string> names;
};

/// resolv.conf as glibc's resolver reads it (res_init): comments only at the
/// start of a line; the last search or domain line wins (domain keeps one
/// word, an empty search line is ignored); without either, the domain of
/// the host name; LOCALDOMAIN and RES_OPTIONS from the environment on top.
struct ResolvConf {
    bool found = false;
    std::vector<std::string> nameservers;        ///< the ones used: at most 3 (MAXNS)
    std::vector<std::string> ignoredNameservers; ///< listed after the third
    std::vector<std::string> search;
    enum class SearchSource { None, File, HostName, Environment } searchSource = SearchSource::None;
    int ndots = 1;    ///< resolv.conf(5) defaults; capped at 15
    int timeout = 5;  ///< seconds, capped at 30
    int attempts = 2; ///< capped at 5
    std::vector<std::string> otherOptions;
};

/// What glibc's AI_ADDRCONFIG decides from the configured addresses. As
/// glibc's check_pf: every address counts (link-local ones too) except
/// exactly 127.0.0.1 and ::1 (so 127.0.0.2 counts as IPv4).
struct AddrConfigState {
    bool known = true;              ///< false if the addresses could not be read (glibc then assumes both)
    std::vector<std::string> ipv4;  ///< counted IPv4 addresses, "addr (ifname)"
    std::vector<std::string> ipv6;  ///< counted IPv6 addresses

    /// For AF_UNSPEC: one family is hidden when only the other is seen;
    /// with neither, glibc has "no information" and hides nothing.
    bool hidesIpv4() const { return known && ipv4.empty() && !ipv6.empty(); }
    bool hidesIpv6() const { return known && ipv6.empty() && !ipv4.empty(); }
    /// For a request of one family (AF_INET, AF_INET6): glibc answers
    /// EAI_NONAME at once when that family is not seen, even with no
    /// information at all.
    bool refuses(int family) const;
};

/// What AI_ADDRCONFIG does to one request, decided in one place for the
/// window, the text output and the resolver-config event.
enum class AddrConfigVerdict : std::uint8_t {
    Off,              ///< the flag is not set: every family is kept
    Unknown,          ///< the addresses could not be read: glibc assumes both
    RefusesFamily,    ///< one family was asked for and none of its addresses is configured
    FamilyConfigured, ///< one family was asked for and it is configured
    HidesInet,        ///< only IPv6 is configured: IPv4 answers are dropped
    HidesInet6,       ///< only IPv4 is configured: IPv6 answers are dropped
    NoInformation,    ///< no address but 127.0.0.1 and ::1: glibc hides nothing
    KeepsBoth,        ///< both families are configured
};

AddrConfigVerdict addrconfigVerdict(const AddrConfigState &state, int flags, int family);
/// "off", "unknown", "refuses-family", ...: stable names for programs.
std::string_view addrconfigVerdictName(AddrConfigVerdict verdict);

struct GaiConfRule {
    int line = 0;
    std::string text; ///< "precedence ::ffff:0:0/96 100"
};

struct ResolverExplanation {
    std::string name;
    bool read = false;                      ///< false: nothing could be read (no worker thread)
    bool nsswitchFound = false;
    std::string nsswitchHosts;              ///< the last hosts line: "files dns" (empty: glibc's default, DNS then files)
    std::vector<HostsLine> hostsMatches;    ///< lines of the hosts file naming `name`
    ResolvConf resolv;
    std::vector<std::string> searchOrder;   ///< the names DNS is asked, in order
    AddrConfigState addrconfig;
    bool gaiConfFound = false;
    std::vector<GaiConfRule> gaiRules;      ///< empty: RFC 6724's default policy
};

/// The gai.conf rules of `path` (none if it cannot be read).
std::vector<GaiConfRule> readGaiRules(const std::string &path = "/etc/gai.conf");
/// The family that RFC 6724's sort puts first for a name with a global
/// address of each family, under glibc's precedence table: its default, or
/// only the `precedence` lines of gai.conf where there are any (glibc then
/// drops the defaults). The connector's "sorted" order starts with it.
Family sortedFirstFamily(const std::vector<GaiConfRule> &rules);

/// Reads `path`; `hostName` (gethostname() when empty) gives the search
/// domain when the file names none.
ResolvConf readResolvConf(const std::string &path, const std::string &hostName = {});
/// resolv.conf(5): a name ending in '.' is tried as is; one with at least
/// `ndots` dots is tried as is first, then with each search domain; one
/// with fewer, with each search domain first and as is last.
std::vector<std::string> searchCandidates(const std::string &name, const ResolvConf &conf);
AddrConfigState readAddrConfig();
ResolverExplanation explainResolution(const std::string &name, const ResolverConfigPaths &paths = {});

} // namespace sockscope
