#include "sockscope/resolve/lookup.h"

#include "sockscope/events/error.h"
#include "sockscope/resolve/endpoint.h"
#include "sockscope/resolve/resolve_options.h"

#include <algorithm>
#include <netinet/in.h>

namespace sockscope {
namespace {

std::string hintFamilyName(int family)
{
    if (family == AF_INET)
        return "inet";
    if (family == AF_INET6)
        return "inet6";
    return "any";
}

std::string hintSocketTypeName(int socktype)
{
    const auto type = socketTypeFromNative(socktype);
    return type ? std::string(socketTypeName(*type)) : "any";
}

// The hints a lookup ran with, on `resolved` and `resolve-failed` alike, so
// a failure says what caused it.
void putHints(Event &event, const ResolveHints &hints)
{
    event.extra.emplace_back("flags", flagNames(hints.flags));
    event.extra.emplace_back("hint_family", hintFamilyName(hints.family));
    event.extra.emplace_back("hint_socktype", hintSocketTypeName(hints.socktype));
    if (hints.protocol != 0)
        event.extra.emplace_back("hint_protocol", protocolName(hints.protocol));
}

} // namespace

std::vector<int> connectRanks(const std::vector<ResolvedEntry> &entries, int socktype,
                              const ConnectOrderPolicy &policy, ConnectOrder &order)
{
    const int wanted = socktype == 0 ? SOCK_STREAM : socktype;
    std::vector<std::size_t> v6, v4;
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].socktype != wanted)
            continue;
        const std::string host = entries[i].address.host();
        if (std::find(seen.begin(), seen.end(), host) != seen.end())
            continue;
        seen.push_back(host);
        (entries[i].address.family() == Family::Inet6 ? v6 : v4).push_back(i);
    }
    order = {};
    order.rule = policy.prefer;
    order.firstFamilyCount = std::clamp<std::size_t>(policy.firstFamilyCount, 1, 2);
    order.bothFamilies = !v6.empty() && !v4.empty();
    std::vector<int> ranks(entries.size(), -1);
    if (v6.empty() && v4.empty())
        return ranks;
    const std::size_t firstCandidate = std::min(v6.empty() ? entries.size() : v6.front(),
                                                v4.empty() ? entries.size() : v4.front());
    const Family family =
        firstFamilyFor(policy.prefer, entries[firstCandidate].address.family(), !v6.empty(), !v4.empty());
    order.firstFamily = family;
    const std::vector<std::size_t> sequence = happyEyeballsOrder(v6, v4, family, order.firstFamilyCount);
    for (std::size_t rank = 0; rank < sequence.size(); ++rank)
        ranks[sequence[rank]] = static_cast<int>(rank);
    return ranks;
}

std::vector<std::pair<std::string, ExtraValue>> resolverConfigFields(const ResolverExplanation &e,
                                                                     const ResolveHints &hints)
{
    std::vector<std::string> hostsLines;
    for (const HostsLine &line : e.hostsMatches) {
        std::string text = std::to_string(line.line) + ": " + line.address;
        for (const std::string &name : line.names)
            text += " " + name;
        hostsLines.push_back(text);
    }
    std::vector<std::string> gaiRules;
    for (const GaiConfRule &rule : e.gaiRules)
        gaiRules.push_back(std::to_string(rule.line) + ": " + rule.text);
    const AddrConfigVerdict verdict = addrconfigVerdict(e.addrconfig, hints.flags, hints.family);
    return {{"nsswitch_hosts", e.nsswitchHosts},
            {"hosts_lines", hostsLines},
            {"nameservers", e.resolv.nameservers},
            {"ignored_nameservers", e.resolv.ignoredNameservers},
            {"search", e.resolv.search},
            {"ndots", std::int64_t{e.resolv.ndots}},
            {"resolv_timeout_s", std::int64_t{e.resolv.timeout}},
            {"resolv_attempts", std::int64_t{e.resolv.attempts}}, // not `attempts`: that is connect-failed's array
            {"search_order", e.searchOrder},
            {"addrconfig", std::string(addrconfigVerdictName(verdict))},
            {"addrconfig_ipv4", e.addrconfig.ipv4},
            {"addrconfig_ipv6", e.addrconfig.ipv6},
            {"gai_rules", gaiRules}};
}

namespace {

std::vector<std::string> hostSources(const ResolverExplanation &e)
{
    std::vector<std::string> sources;
    std::string text = e.nsswitchHosts.empty() ? "dns files" : e.nsswitchHosts; // glibc's default
    std::size_t start = 0;
    while ((start = text.find_first_not_of(" \t", start)) != std::string::npos) {
        const std::size_t end = std::min(text.find_first_of(" \t", start), text.size());
        sources.push_back(text.substr(start, end - start));
        start = end;
    }
    return sources;
}

bool filesBeforeDns(const std::vector<std::string> &sources)
{
    const auto files = std::find(sources.begin(), sources.end(), "files");
    const auto dns = std::find(sources.begin(), sources.end(), "dns");
    return files != sources.end() && files < dns;
}

AnswerVerdict::Kind failureKind(const std::error_code &error)
{
    using Kind = AnswerVerdict::Kind;
    if (error.category() != resolverCategory())
        return Kind::Failed;
    switch (error.value()) {
    case EAI_NONAME:
    case EAI_NODATA:
    case EAI_ADDRFAMILY: return Kind::NotFound;
    case EAI_AGAIN: return Kind::DnsFailed;
    case EAI_SERVICE: return Kind::ServiceUnknown;
    default: return Kind::Failed;
    }
}

// Whether a hosts line answers a request of `family`: glibc's files module
// gives IPv4 lines to an AF_INET6 request only with AI_V4MAPPED.
bool hostsLineServes(const HostsLine &line, int family, int flags)
{
    const auto address = SocketAddress::fromNumeric(line.address, 0);
    if (!address || family == AF_UNSPEC)
        return address.has_value();
    if (family == AF_INET)
        return address->family() == Family::Inet;
    return address->family() == Family::Inet6 || (flags & AI_V4MAPPED);
}

bool typeClashesWithProtocol(const ResolveHints &hints)
{
    return (hints.socktype == SOCK_STREAM && hints.protocol == IPPROTO_UDP) ||
           (hints.socktype == SOCK_DGRAM && hints.protocol == IPPROTO_TCP);
}

} // namespace

AnswerVerdict answerVerdict(const Lookup &lookup)
{
    using Kind = AnswerVerdict::Kind;
    AnswerVerdict verdict;
    const ResolveHints &hints = lookup.request.hints;
    const std::string &host = lookup.request.host;
    if (host.empty())
        verdict.kind = Kind::NoHost;
    else if (SocketAddress::fromNumeric(host, 0))
        verdict.kind = Kind::NumericAddress;
    else if (hints.flags & AI_NUMERICHOST)
        verdict.kind = Kind::NumericHostRequired;
    else if (typeClashesWithProtocol(hints))
        verdict.kind = Kind::TypeProtocolClash;
    if (verdict.kind != Kind::Unknown || !lookup.explanation || !lookup.explanation->read)
        return verdict;
    const ResolverExplanation &e = *lookup.explanation;
    if (addrconfigVerdict(e.addrconfig, hints.flags, hints.family) == AddrConfigVerdict::RefusesFamily) {
        verdict.kind = Kind::AddrConfigRefuses;
        return verdict;
    }
    const std::vector<std::string> sources = hostSources(e);
    verdict.filesFirst = filesBeforeDns(sources);
    verdict.dnsAsked = std::find(sources.begin(), sources.end(), "dns") != sources.end();
    for (const HostsLine &line : e.hostsMatches) {
        if (!hostsLineServes(line, hints.family, hints.flags))
            verdict.skippedHostsLines.push_back(line.line);
        else if (verdict.hostsLine == 0)
            verdict.hostsLine = line.line;
    }
    if (!lookup.result)
        return verdict;
    if (lookup.result->error)
        verdict.kind = failureKind(lookup.result->error);
    else if (verdict.hostsLine != 0)
        verdict.kind = verdict.filesFirst || !verdict.dnsAsked ? Kind::HostsFile : Kind::DnsBeforeHosts;
    else
        verdict.kind = verdict.dnsAsked ? Kind::Dns : Kind::OtherSource;
    return verdict;
}

std::string_view answerVerdictName(AnswerVerdict::Kind kind)
{
    using Kind = AnswerVerdict::Kind;
    switch (kind) {
    case Kind::NoHost: return "no-host";
    case Kind::NumericAddress: return "numeric-address";
    case Kind::NumericHostRequired: return "numeric-host-required";
    case Kind::TypeProtocolClash: return "type-protocol-clash";
    case Kind::AddrConfigRefuses: return "addrconfig-refuses";
    case Kind::HostsFile: return "hosts-file";
    case Kind::Dns: return "dns";
    case Kind::DnsBeforeHosts: return "dns-before-hosts";
    case Kind::OtherSource: return "other-source";
    case Kind::NotFound: return "not-found";
    case Kind::DnsFailed: return "dns-failed";
    case Kind::ServiceUnknown: return "service-unknown";
    case Kind::Failed: return "failed";
    case Kind::Unknown: break;
    }
    return "unknown";
}

LookupSession::LookupSession(Reactor &reactor, Resolver &resolver, EventSink &events, Observer *observer)
    : reactor_(reactor), resolver_(resolver), events_(events), observer_(observer)
{
}

LookupSession::~LookupSession()
{
    for (std::size_t i = 0; i < lookups_.size(); ++i)
        cancel(i);
}

Event LookupSession::eventFor(const Lookup &lookup, EventKind kind, TimePoint time) const
{
    Event event = makeEvent(kind, time, lookup.target);
    if (lookup.line > 0)
        event.extra.emplace_back("line", std::int64_t{lookup.line});
    return event;
}

void LookupSession::parse(Lookup &lookup)
{
    // With AI_PASSIVE and no host, getaddrinfo answers the wildcard
    // addresses: ":80" is then a whole target.
    EndpointParseOptions parseOptions;
    parseOptions.allowEmptyHost = (lookup.options.hints.flags & AI_PASSIVE) != 0;
    if (parseOptions.allowEmptyHost && lookup.target.empty() && !lookup.options.service.empty()) {
        lookup.request.hints = lookup.options.hints;
        if (auto error = parseService(lookup.options.service, lookup.request.service, lookup.request.fallbackPort))
            lookup.badInput = *error;
        return;
    }
    auto parsed = parseEndpoint(lookup.target, parseOptions);
    if (auto *error = std::get_if<InputError>(&parsed)) {
        lookup.badInput = *error;
        return;
    }
    const auto &endpoint = std::get<Endpoint>(parsed);
    if (endpoint.kind == Endpoint::Kind::Unix) {
        lookup.badInput = InputError{InputErrorCode::UnixNotAllowed, "host", lookup.target, 0, 0};
        return;
    }
    lookup.request.host = endpoint.host;
    lookup.request.service = endpoint.service;
    lookup.request.fallbackPort = endpoint.fallbackPort;
    lookup.request.hints = lookup.options.hints;
    if (lookup.options.service.empty())
        return;
    if (!endpoint.service.empty()) {
        lookup.badInput = InputError{InputErrorCode::GivenTwice, "service", endpoint.service,
                                     lookup.target.rfind(':') + 1, 0};
        return;
    }
    if (auto error = parseService(lookup.options.service, lookup.request.service, lookup.request.fallbackPort))
        lookup.badInput = *error;
}

std::size_t LookupSession::start(std::string target, const LookupOptions &options, int line)
{
    const std::size_t index = lookups_.size();
    Lookup &lookup = lookups_.emplace_back();
    requests_.emplace_back();
    lookup.target = std::move(target);
    lookup.line = line;
    lookup.options = options;
    ++unfinished_;
    parse(lookup);
    if (lookup.badInput) {
        refuse(index, *lookup.badInput);
    } else if (!options.protocolName.empty()) {
        lookup.pending = 1;
        requests_[index].push_back(resolver_.protocol(
            options.protocolName, [this, index](const std::optional<int> &number) { protocolFound(index, number); }));
    } else {
        begin(index);
    }
    return index;
}

void LookupSession::refuse(std::size_t index, const InputError &error)
{
    Lookup &lookup = lookups_[index];
    lookup.badInput = error;
    Event event = eventFor(lookup, EventKind::BadInput, reactor_.now());
    event.input = error;
    events_.onEvent(event);
    requestDone(index);
}

void LookupSession::protocolFound(std::size_t index, const std::optional<int> &number)
{
    Lookup &lookup = lookups_[index];
    lookup.pending = 0;
    if (!number) {
        refuse(index, InputError{InputErrorCode::UnknownName, "protocol", lookup.options.protocolName, 0, 0});
        return;
    }
    lookup.request.hints.protocol = *number;
    begin(index);
}

void LookupSession::begin(std::size_t index)
{
    Lookup &lookup = lookups_[index];
    const LookupOptions &options = lookup.options;
    lookup.pending = 1;
    requests_[index].push_back(
        resolver_.resolve(lookup.request, [this, index](const ResolveResult &result) { resolved(index, result); }));
    if (options.explain && !lookup.request.host.empty()) {
        ++lookup.pending;
        requests_[index].push_back(resolver_.explain(
            lookup.request.host, {}, [this, index](const ResolverExplanation &e) { explained(index, e); }));
    }
}

void LookupSession::cancel(std::size_t index)
{
    for (RequestId id : requests_[index])
        resolver_.cancel(id);
    requests_[index].clear();
    Lookup &lookup = lookups_[index];
    if (!lookup.finished) {
        lookup.finished = true;
        lookup.pending = 0;
        --unfinished_;
    }
}

void LookupSession::resolved(std::size_t index, const ResolveResult &result)
{
    Lookup &lookup = lookups_[index];
    lookup.result = result;
    if (result.error) {
        emitFailure(lookup);
    } else {
        for (const ResolvedEntry &entry : result.entries) {
            auto known = std::find_if(lookup.addresses.begin(), lookup.addresses.end(),
                                      [&](const LookupAddress &a) { return a.address.host() == entry.address.host(); });
            lookup.addressOf.push_back(static_cast<std::size_t>(known - lookup.addresses.begin()));
            if (known == lookup.addresses.end())
                lookup.addresses.push_back({entry.address, std::nullopt});
        }
        lookup.connectRank = connectRanks(result.entries, lookup.request.hints.socktype, lookup.options.order,
                                          lookup.order);
        emitAnswer(lookup);
        if (lookup.options.reverse) {
            for (std::size_t a = 0; a < lookup.addresses.size(); ++a) {
                ++lookup.pending;
                requests_[index].push_back(resolver_.reverse(
                    lookup.addresses[a].address, lookup.options.reverseOptions,
                    [this, index, a](const ReverseResult &reverse) { reversed(index, a, reverse); }));
            }
        }
    }
    if (observer_)
        observer_->lookupResolved(index);
    requestDone(index);
}

void LookupSession::emitAnswer(const Lookup &lookup)
{
    const ResolveResult &result = *lookup.result;
    for (std::size_t i = 0; i < result.entries.size(); ++i) {
        const ResolvedEntry &entry = result.entries[i];
        Event event = eventFor(lookup, EventKind::Address, result.finished);
        event.address = entry.address.host();
        event.port = entry.address.port();
        event.family = entry.address.family();
        event.socktype = socketTypeFromNative(entry.socktype);
        event.protocol = entry.protocol;
        if (lookup.connectRank[i] >= 0)
            event.extra.emplace_back("connect_order", std::int64_t{lookup.connectRank[i]});
        events_.onEvent(event);
    }
    Event done = eventFor(lookup, EventKind::Resolved, result.finished);
    done.elapsed = result.elapsed;
    std::vector<std::string> addresses;
    for (const LookupAddress &address : lookup.addresses)
        addresses.push_back(address.address.host());
    done.extra.emplace_back("addresses", addresses);
    done.extra.emplace_back("entries", static_cast<std::int64_t>(result.entries.size()));
    putHints(done, lookup.request.hints);
    if (!result.canonicalName.empty())
        done.extra.emplace_back("canonname", result.canonicalName);
    if (result.usedFallbackPort)
        done.extra.emplace_back("fallback_port", true);
    if (lookup.order.firstFamily) {
        done.extra.emplace_back("connect_order_rule", std::string(familyPreferenceName(lookup.order.rule)));
        done.extra.emplace_back("connect_first_family", std::string(familyName(*lookup.order.firstFamily)));
        done.extra.emplace_back("first_family_count", static_cast<std::int64_t>(lookup.order.firstFamilyCount));
    }
    events_.onEvent(done);
}

void LookupSession::emitFailure(const Lookup &lookup)
{
    const ResolveResult &result = *lookup.result;
    Event event = eventFor(lookup, EventKind::ResolveFailed, result.finished);
    event.error = result.error;
    event.elapsed = result.elapsed;
    putHints(event, lookup.request.hints);
    events_.onEvent(event);
}

void LookupSession::reversed(std::size_t index, std::size_t address, const ReverseResult &result)
{
    Lookup &lookup = lookups_[index];
    lookup.addresses[address].reverse = result;
    const SocketAddress &where = lookup.addresses[address].address;
    Event event = eventFor(lookup, EventKind::ReverseResolved, result.finished);
    describeReverse(event, where, result);
    events_.onEvent(event);
    if (observer_)
        observer_->lookupReversed(index, address);
    requestDone(index);
}

void LookupSession::explained(std::size_t index, const ResolverExplanation &explanation)
{
    Lookup &lookup = lookups_[index];
    lookup.explanation = explanation;
    Event event = eventFor(lookup, EventKind::ResolverConfig, reactor_.now());
    if (!explanation.read) {
        // No worker could read it: say so rather than present defaults as facts.
        event.error = std::make_error_code(std::errc::resource_unavailable_try_again);
    } else {
        for (auto &field : resolverConfigFields(explanation, lookup.request.hints))
            event.extra.push_back(std::move(field));
    }
    events_.onEvent(event);
    if (observer_)
        observer_->lookupExplained(index);
    requestDone(index);
}

void LookupSession::requestDone(std::size_t index)
{
    Lookup &lookup = lookups_[index];
    if (lookup.pending > 0)
        --lookup.pending;
    if (lookup.pending > 0 || lookup.finished)
        return;
    lookup.finished = true;
    requests_[index].clear();
    --unfinished_;
    if (observer_)
        observer_->lookupFinished(index);
}

} // namespace sockscope
