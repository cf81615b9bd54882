// Resolver: getaddrinfo and getnameinfo without blocking the loop.
//
// Both calls block and cannot be cancelled, so they run on a bounded pool
// of worker threads (started on demand, at most `workers`; concurrency is
// the pool's size) and their results come back to the loop thread through
// Reactor::post, as libuv's threadpool does. A cancelled request delivers
// nothing. Workers hold only the pool's shared state, never a reference into
// the Resolver: destroying the Resolver (even with lookups in flight) drops
// what is queued, and a worker still inside getaddrinfo finds the pool
// closed when it returns and exits without touching anything that is gone.
// The process may exit at any time; nothing waits for a stuck lookup.
//
// Destroy the Resolver before its Reactor, on the loop thread. Callbacks
// may destroy the Resolver.
#pragma once

#include "sockscope/reactor/reactor.h"
#include "sockscope/resolve/resolver_config.h"
#include "sockscope/resolve/socket_address.h"

#include <functional>
#include <memory>
#include <netdb.h>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace sockscope {

/// getaddrinfo's hints. The default flags are IO::Socket::IP's:
/// AI_ADDRCONFIG, so a family the machine has no address in is not offered.
struct ResolveHints {
    int family = AF_UNSPEC; ///< AF_UNSPEC, AF_INET or AF_INET6
    int socktype = 0;       ///< 0 (any), SOCK_STREAM, SOCK_DGRAM, SOCK_RAW
    int protocol = 0;       ///< 0 or an IPPROTO_* number
    int flags = AI_ADDRCONFIG;
};

struct ResolveRequest {
    std::string host;         ///< empty: none (with AI_PASSIVE, the wildcard)
    std::string service;      ///< empty: none
    std::string fallbackPort; ///< tried when `service` is unknown (name(port))
    ResolveHints hints;
    /// For one family of a pair of lookups (RFC 8305 §3): AI_ADDRCONFIG
    /// hides this family only where one lookup of both families would.
    /// glibc's own flag refuses a lone family outright when that family has
    /// no configured address, even on a machine with loopback only, where
    /// a lookup of both keeps both.
    bool addrconfigAsBothFamilies = false;
};

struct ResolvedEntry {
    SocketAddress address;
    int socktype = 0;
    int protocol = 0;
};

struct ResolveResult {
    std::error_code error;              ///< resolverCategory(), or errno for EAI_SYSTEM
    std::vector<ResolvedEntry> entries; ///< in getaddrinfo's order
    std::string canonicalName;          ///< with AI_CANONNAME
    Duration elapsed{};
    TimePoint finished{};               ///< when getaddrinfo returned (Clock)
    bool usedFallbackPort = false;      ///< the service name was unknown
};

struct ReverseOptions {
    int flags = 0;        ///< NI_NUMERICHOST, NI_NAMEREQD, NI_DGRAM, NI_NUMERICSERV, ...
    bool confirm = true;  ///< look the name up again: does it give the address back?
};

struct ReverseResult {
    std::error_code error;
    std::string host;
    std::string service;
    /// Forward confirmation (Perl Cookbook 17.7): the name resolves back to
    /// the address. False when not asked, when numeric, or when it does not.
    bool confirmed = false;
    std::error_code confirmError; ///< why the forward lookup failed, if it did
    Duration elapsed{};
    TimePoint finished{}; ///< when the name (and its confirmation) was known (Clock)
};

/// A reverse lookup's answer on a `reverse-resolved` event: `address`
/// and `family`, and `name` and `confirmed` (with `confirm_error`), or
/// the error.
void describeReverse(Event &event, const SocketAddress &address, const ReverseResult &result);

using RequestId = std::uint64_t;

class Resolver {
public:
    using ResolveCallback = std::function<void(const ResolveResult &)>;
    using ReverseCallback = std::function<void(const ReverseResult &)>;
    using ExplainCallback = std::function<void(const ResolverExplanation &)>;
    using ProtocolCallback = std::function<void(const std::optional<int> &)>;
    static constexpr int kDefaultWorkers = 16;

    explicit Resolver(Reactor &reactor, int workers = kDefaultWorkers);
    ~Resolver();
    Resolver(const Resolver &) = delete;
    Resolver &operator=(const Resolver &) = delete;

    /// Starts getaddrinfo; `callback` runs on the loop thread with the result.
    RequestId resolve(ResolveRequest request, ResolveCallback callback);
    /// Starts getnameinfo (and the forward confirmation) for `address`,
    /// ahead of the lookups still queued.
    RequestId reverse(const SocketAddress &address, ReverseOptions options, ReverseCallback callback);
    /// Reads what shapes the answer for `name` (resolver_config.h).
    RequestId explain(std::string name, ResolverConfigPaths paths, ExplainCallback callback);
    /// Looks a protocol name up in the system's list (getprotobyname_r, an
    /// NSS call); nullopt for a name it does not know.
    RequestId protocol(std::string name, ProtocolCallback callback);
    /// Drops a request: its callback will not run. False if it already ran.
    bool cancel(RequestId id);

    /// Requests whose callback has not run yet.
    std::size_t pending() const
    {
        return callbacks_.size() + reverseCallbacks_.size() + explainCallbacks_.size() + protocolCallbacks_.size();
    }
    int workers() const { return workers_; }

private:
    struct Shared;
    using Delivery = std::function<void(Resolver &)>;
    void submit(RequestId id, std::function<Delivery()> work, Delivery failure, bool first);
    template <typename Result, typename Work>
    void submitWork(RequestId id, Work work, Result failed, void (Resolver::*deliverTo)(RequestId, const Result &),
                    bool first = false);
    void deliverResolve(RequestId id, const ResolveResult &result);
    void deliverReverse(RequestId id, const ReverseResult &result);
    void deliverExplain(RequestId id, const ResolverExplanation &result);
    void deliverProtocol(RequestId id, const std::optional<int> &result);
    template <typename Map, typename Result>
    void deliver(Map &callbacks, RequestId id, const Result &result);

    int workers_;
    std::shared_ptr<Shared> shared_;
    RequestId nextId_ = 1;
    std::unordered_map<RequestId, ResolveCallback> callbacks_;
    std::unordered_map<RequestId, ReverseCallback> reverseCallbacks_;
    std::unordered_map<RequestId, ExplainCallback> explainCallbacks_;
    std::unordered_map<RequestId, ProtocolCallback> protocolCallbacks_;
};

/// getaddrinfo itself, blocking, with the fallback to `fallbackPort` and
/// AI_IDN added for an internationalised name. For
/// workers, and for benchmarks that compare against serial lookups.
ResolveResult resolveBlocking(const ResolveRequest &request);
/// getnameinfo (and forward confirmation), blocking.
ReverseResult reverseBlocking(const SocketAddress &address, const ReverseOptions &options);

} // namespace sockscope
