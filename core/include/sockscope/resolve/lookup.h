// Lookup: what one resolution reports, decided once for the CLI and the
// window.
//
// A LookupSession takes targets as a person typed them, parses them, runs
// getaddrinfo (and, when asked, reverse lookups and the resolver
// configuration) on the Resolver, and emits the schema's events to an
// EventSink as things happen, each stamped with the engine's clock at the
// moment it happened:
//
//   bad-input        the target (or an option) is malformed; nothing is run
//   resolver-config  with `explain`: what shaped the answer
//   address          one per entry of the answer; `connect_order` on the
//                    entries a connector would try
//   resolved         the answer's summary, or
//   resolve-failed   getaddrinfo's error, with the hints that caused it
//   reverse-resolved with `reverse`: one per distinct address, streamed as
//                    each name arrives (after `resolved`), never folded into
//                    the address event
//
// The command line writes these events as JSON Lines and the window logs
// them; both render the same Lookup records, so an export of the window's
// log equals `sockscope resolve --json` for the same targets.
//
// Observers are called on the loop thread after the events of each step.
// Destroy the session on the loop thread, before its Resolver; an observer
// may not destroy the session.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/events/input_error.h"
#include "sockscope/resolve/happy_eyeballs.h"
#include "sockscope/resolve/resolver.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace sockscope {

struct LookupOptions {
    ResolveHints hints;
    std::string service;         ///< given apart from the target (--service): name, port or name(port)
    bool reverse = false;        ///< look up every distinct address's name
    ReverseOptions reverseOptions;
    bool explain = false;        ///< read what shapes the answer (resolver-config)
    /// A protocol given by a name only the system's list knows: looked up
    /// on a worker first (its number then replaces hints.protocol); an
    /// unknown one is bad input.
    std::string protocolName;
    ConnectOrderPolicy order;
};

/// One distinct address of an answer.
struct LookupAddress {
    SocketAddress address;
    std::optional<ReverseResult> reverse; ///< once its name has arrived
};

struct Lookup {
    std::string target; ///< as typed
    int line = 0;       ///< 1-based line of the input file; 0 when typed directly
    LookupOptions options;
    std::optional<InputError> badInput;
    ResolveRequest request;
    std::optional<ResolveResult> result;
    /// Per entry of the answer: its rank in the connect order, or -1 for an
    /// entry a connector would not try (another socket type, a repeat).
    std::vector<int> connectRank;
    /// Per entry: its position in `addresses`.
    std::vector<std::size_t> addressOf;
    std::vector<LookupAddress> addresses; ///< distinct, in the answer's order
    ConnectOrder order;                   ///< which rule ordered the connect attempts
    std::optional<ResolverExplanation> explanation;
    int pending = 0; ///< requests still running for it
    bool finished = false;

    bool failed() const { return badInput || !result || result->error; }
};

class LookupSession {
public:
    class Observer {
    public:
        virtual ~Observer() = default;
        /// The answer (or its failure) arrived.
        virtual void lookupResolved(std::size_t) {}
        /// The name of `lookup(index).addresses[address]` arrived.
        virtual void lookupReversed(std::size_t /*index*/, std::size_t /*address*/) {}
        /// The resolver configuration arrived.
        virtual void lookupExplained(std::size_t) {}
        /// Nothing more will arrive for it (also after bad input).
        virtual void lookupFinished(std::size_t) {}
    };

    LookupSession(Reactor &reactor, Resolver &resolver, EventSink &events, Observer *observer = nullptr);
    ~LookupSession();
    LookupSession(const LookupSession &) = delete;
    LookupSession &operator=(const LookupSession &) = delete;

    /// Starts resolving `target`; returns its index. Bad input is reported
    /// (bad-input event, lookupFinished) before this returns.
    std::size_t start(std::string target, const LookupOptions &options, int line = 0);
    /// Drops what is still running for a lookup: it reports nothing more.
    void cancel(std::size_t index);

    const Lookup &lookup(std::size_t index) const { return lookups_[index]; }
    std::size_t size() const { return lookups_.size(); }
    /// Lookups not finished yet.
    std::size_t unfinished() const { return unfinished_; }

private:
    void parse(Lookup &lookup);
    void protocolFound(std::size_t index, const std::optional<int> &number);
    void begin(std::size_t index);
    void refuse(std::size_t index, const InputError &error);
    void resolved(std::size_t index, const ResolveResult &result);
    void reversed(std::size_t index, std::size_t address, const ReverseResult &result);
    void explained(std::size_t index, const ResolverExplanation &explanation);
    void requestDone(std::size_t index);
    void emitAnswer(const Lookup &lookup);
    void emitFailure(const Lookup &lookup);
    Event eventFor(const Lookup &lookup, EventKind kind, TimePoint time) const;

    Reactor &reactor_;
    Resolver &resolver_;
    EventSink &events_;
    Observer *observer_;
    std::deque<Lookup> lookups_; // a deque: records keep their address as lookups are added
    std::vector<std::vector<RequestId>> requests_;
    std::size_t unfinished_ = 0;
};

/// Ranks a connector's candidates in `entries`: the entries of `socktype`
/// (SOCK_STREAM when 0), first of each distinct address, ordered by RFC
/// 8305 §4 under `policy`. Returns the rank per entry (-1: not a candidate)
/// and stores the rule that applied in `order`.
std::vector<int> connectRanks(const std::vector<ResolvedEntry> &entries, int socktype,
                              const ConnectOrderPolicy &policy, ConnectOrder &order);

/// What decided an answer: the first line of "why this answer".
struct AnswerVerdict {
    enum class Kind : std::uint8_t {
        Unknown,             ///< the resolver configuration could not be read
        NoHost,              ///< no host: the wildcard (AI_PASSIVE) or loopback addresses, no lookup
        NumericAddress,      ///< a literal address: nothing is looked up
        NumericHostRequired, ///< AI_NUMERICHOST with a name: EAI_NONAME, nothing looked up
        TypeProtocolClash,   ///< a socket type and a protocol that do not go together
        AddrConfigRefuses,   ///< AI_ADDRCONFIG and no address of the requested family
        HostsFile,           ///< answered by the hosts file; DNS not asked
        Dns,                 ///< DNS answered (the hosts file had no line for it)
        DnsBeforeHosts,      ///< nsswitch.conf asks DNS before a hosts line that would answer
        OtherSource,         ///< answered, but neither by the hosts file nor by DNS (myhostname, mdns)
        NotFound,            ///< no source knows the name (EAI_NONAME, EAI_NODATA)
        DnsFailed,           ///< DNS did not answer (EAI_AGAIN)
        ServiceUnknown,      ///< the service is not known for the socket type (EAI_SERVICE)
        Failed,              ///< getaddrinfo failed otherwise: the error says how
    };
    Kind kind = Kind::Unknown;
    int hostsLine = 0;                   ///< HostsFile: the first line that answered
    std::vector<int> skippedHostsLines;  ///< lines naming it, skipped: another family than requested
    bool filesFirst = true;              ///< nsswitch.conf asks the hosts file before DNS
    bool dnsAsked = true;                ///< DNS is among nsswitch.conf's sources
};

/// Decides the verdict from what the lookup learnt (hints, answer, and the
/// resolver configuration where it was read).
AnswerVerdict answerVerdict(const Lookup &lookup);
std::string_view answerVerdictName(AnswerVerdict::Kind kind);

/// The resolver-config event's facts, with stable keys for programs.
std::vector<std::pair<std::string, ExtraValue>> resolverConfigFields(const ResolverExplanation &explanation,
                                                                     const ResolveHints &hints);

} // namespace sockscope
