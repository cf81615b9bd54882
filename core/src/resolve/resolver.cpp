#include "sockscope/resolve/resolver.h"

#include "sockscope/resolve/endpoint.h"
#include "sockscope/resolve/resolve_options.h"
#include "sockscope/events/error.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace sockscope {

struct Resolver::Shared {
    struct Job {
        RequestId id;
        std::function<Delivery()> work;
    };

    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Job> queue;
    int threads = 0;
    int busy = 0;
    int maxThreads = 0;
    Reactor *reactor = nullptr;
    // Written on the loop thread only (under the mutex); read by workers
    // under the mutex and by posted deliveries on the loop thread.
    std::atomic<bool> open{true};
    Resolver *owner = nullptr;

    static void workerMain(std::shared_ptr<Shared> shared);
};

void Resolver::Shared::workerMain(std::shared_ptr<Shared> shared)
{
    std::unique_lock<std::mutex> lock(shared->mutex);
    for (;;) {
        shared->wake.wait(lock, [&] { return !shared->open || !shared->queue.empty(); });
        if (!shared->open)
            break;
        Job job = std::move(shared->queue.front());
        shared->queue.pop_front();
        ++shared->busy;
        lock.unlock();
        Delivery delivery = job.work(); // blocks: getaddrinfo, getnameinfo
        lock.lock();
        --shared->busy;
        if (!shared->open)
            break;
        // Posting under the lock: the Resolver (and so its Reactor) cannot
        // be destroyed meanwhile, as that takes this lock first.
        shared->reactor->post([shared, delivery = std::move(delivery)] {
            if (shared->open)
                delivery(*shared->owner);
        });
    }
    --shared->threads;
}

Resolver::Resolver(Reactor &reactor, int workers) : workers_(std::max(workers, 1)), shared_(std::make_shared<Shared>())
{
    shared_->reactor = &reactor;
    shared_->owner = this;
    shared_->maxThreads = workers_;
}

Resolver::~Resolver()
{
    std::lock_guard<std::mutex> lock(shared_->mutex);
    shared_->open = false;
    shared_->queue.clear();
    shared_->wake.notify_all();
}

// `failure` is delivered instead of the work's result when no worker can
// run it: the system refused a thread (EAGAIN) and none exists yet. Work
// `first` goes ahead of what is queued.
void Resolver::submit(RequestId id, std::function<Delivery()> work, Delivery failure, bool first)
{
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (first)
        shared_->queue.push_front({id, std::move(work)});
    else
        shared_->queue.push_back({id, std::move(work)});
    const int idle = shared_->threads - shared_->busy;
    if (static_cast<int>(shared_->queue.size()) > idle && shared_->threads < shared_->maxThreads) {
        try {
            // Detached: a worker stuck in a slow lookup must never hold up exit.
            std::thread(&Shared::workerMain, shared_).detach();
            ++shared_->threads;
        } catch (const std::system_error &) {
            if (shared_->threads == 0) {
                if (first)
                    shared_->queue.pop_front();
                else
                    shared_->queue.pop_back();
                shared_->reactor->post([shared = shared_, failure = std::move(failure)] {
                    if (shared->open)
                        failure(*shared->owner);
                });
                return;
            }
            // Otherwise the workers there are will get to it.
        }
    }
    shared_->wake.notify_one();
}

namespace {
const std::error_code kNoThread(EAGAIN, std::system_category());
}

// Runs `work` on a worker and hands its result (or `failed`, when no worker
// can run it) to `deliverTo` on the loop thread.
template <typename Result, typename Work>
void Resolver::submitWork(RequestId id, Work work, Result failed, void (Resolver::*deliverTo)(RequestId, const Result &),
                          bool first)
{
    submit(
        id,
        [id, work = std::move(work), deliverTo]() -> Delivery {
            Result result = work();
            return [id, result = std::move(result), deliverTo](Resolver &owner) { (owner.*deliverTo)(id, result); };
        },
        [id, failed = std::move(failed), deliverTo](Resolver &owner) { (owner.*deliverTo)(id, failed); }, first);
}

RequestId Resolver::resolve(ResolveRequest request, ResolveCallback callback)
{
    const RequestId id = nextId_++;
    callbacks_.emplace(id, std::move(callback));
    ResolveResult failed;
    failed.error = kNoThread;
    failed.finished = Clock::now(); // delivered only when no worker can start, now
    submitWork(id, [request = std::move(request)] { return resolveBlocking(request); }, failed,
               &Resolver::deliverResolve);
    return id;
}

RequestId Resolver::reverse(const SocketAddress &address, ReverseOptions options, ReverseCallback callback)
{
    const RequestId id = nextId_++;
    reverseCallbacks_.emplace(id, std::move(callback));
    ReverseResult failed;
    failed.error = kNoThread;
    failed.finished = Clock::now();
    // Ahead of queued lookups: an answer waiting only for its names
    // completes before new lookups start (`--file --reverse` prints early).
    submitWork(id, [address, options] { return reverseBlocking(address, options); }, failed,
               &Resolver::deliverReverse, true);
    return id;
}

RequestId Resolver::explain(std::string name, ResolverConfigPaths paths, ExplainCallback callback)
{
    const RequestId id = nextId_++;
    explainCallbacks_.emplace(id, std::move(callback));
    ResolverExplanation unread;
    unread.name = name;
    submitWork(id, [name = std::move(name), paths = std::move(paths)] { return explainResolution(name, paths); },
               unread, &Resolver::deliverExplain);
    return id;
}

RequestId Resolver::protocol(std::string name, ProtocolCallback callback)
{
    const RequestId id = nextId_++;
    protocolCallbacks_.emplace(id, std::move(callback));
    submitWork(id, [name = std::move(name)] { return systemProtocolNumber(name); }, std::optional<int>{},
               &Resolver::deliverProtocol);
    return id;
}

bool Resolver::cancel(RequestId id)
{
    const bool known = callbacks_.erase(id) + reverseCallbacks_.erase(id) + explainCallbacks_.erase(id) +
                           protocolCallbacks_.erase(id) >
                       0;
    if (known) {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        std::erase_if(shared_->queue, [id](const Shared::Job &job) { return job.id == id; });
    }
    return known;
}

template <typename Map, typename Result>
void Resolver::deliver(Map &callbacks, RequestId id, const Result &result)
{
    auto found = callbacks.find(id);
    if (found == callbacks.end())
        return; // cancelled
    auto callback = std::move(found->second);
    callbacks.erase(found);
    callback(result); // may destroy this Resolver: nothing after it
}

void Resolver::deliverResolve(RequestId id, const ResolveResult &result)
{
    deliver(callbacks_, id, result);
}

void Resolver::deliverReverse(RequestId id, const ReverseResult &result)
{
    deliver(reverseCallbacks_, id, result);
}

void Resolver::deliverExplain(RequestId id, const ResolverExplanation &result)
{
    deliver(explainCallbacks_, id, result);
}

void Resolver::deliverProtocol(RequestId id, const std::optional<int> &result)
{
    deliver(protocolCallbacks_, id, result);
}

namespace {

int callGetaddrinfo(const ResolveRequest &request, const std::string &service, addrinfo **list, int *savedErrno)
{
    addrinfo hints{};
    hints.ai_family = request.hints.family;
    hints.ai_socktype = request.hints.socktype;
    hints.ai_protocol = request.hints.protocol;
    hints.ai_flags = request.hints.flags;
    if (isInternationalName(request.host))
        hints.ai_flags |= AI_IDN; // UTF-8 names go to DNS in their ASCII (punycode) form
    errno = 0;
    const int status = ::getaddrinfo(request.host.empty() ? nullptr : request.host.c_str(),
                                     service.empty() ? nullptr : service.c_str(), &hints, list);
    *savedErrno = errno;
    return status;
}

} // namespace

namespace {

// Whether AI_ADDRCONFIG, applied to a lookup of both families, would drop
// the answers of `family` (resolver_config.h has glibc's rule).
bool hiddenByAddrconfig(int family)
{
    const AddrConfigState state = readAddrConfig();
    return family == AF_INET6 ? state.hidesIpv6() : state.hidesIpv4();
}

} // namespace

ResolveResult resolveBlocking(const ResolveRequest &request)
{
    if (request.addrconfigAsBothFamilies && (request.hints.flags & AI_ADDRCONFIG) &&
        request.hints.family != AF_UNSPEC) {
        ResolveResult result;
        const TimePoint start = Clock::now();
        if (hiddenByAddrconfig(request.hints.family)) {
            result.error = resolverError(EAI_ADDRFAMILY, 0);
            result.finished = Clock::now();
            result.elapsed = result.finished - start;
            return result;
        }
        ResolveRequest plain = request;
        plain.addrconfigAsBothFamilies = false;
        plain.hints.flags &= ~AI_ADDRCONFIG;
        return resolveBlocking(plain);
    }
    ResolveResult result;
    const TimePoint start = Clock::now();
    addrinfo *list = nullptr;
    int savedErrno = 0;
    int status = callGetaddrinfo(request, request.service, &list, &savedErrno);
    if (status == EAI_SERVICE && !request.fallbackPort.empty()) {
        status = callGetaddrinfo(request, request.fallbackPort, &list, &savedErrno);
        result.usedFallbackPort = status == 0;
    }
    result.finished = Clock::now();
    result.elapsed = result.finished - start;
    if (status != 0) {
        result.error = resolverError(status, savedErrno);
        return result;
    }
    if (list && list->ai_canonname)
        result.canonicalName = list->ai_canonname;
    for (const addrinfo *entry = list; entry; entry = entry->ai_next) {
        if (auto address = SocketAddress::fromSockaddr(entry->ai_addr, entry->ai_addrlen))
            result.entries.push_back({*address, entry->ai_socktype, entry->ai_protocol});
    }
    ::freeaddrinfo(list);
    return result;
}

ReverseResult reverseBlocking(const SocketAddress &address, const ReverseOptions &options)
{
    ReverseResult result;
    const TimePoint start = Clock::now();
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    errno = 0;
    const int status = ::getnameinfo(address.data(), address.size(), host, sizeof host, service, sizeof service,
                                     options.flags);
    const int savedErrno = errno;
    if (status != 0) {
        result.error = resolverError(status, savedErrno);
        result.finished = Clock::now();
        result.elapsed = result.finished - start;
        return result;
    }
    result.host = host;
    result.service = service;
    // Without NI_NAMEREQD an address with no name comes back as itself:
    // that is no name, and nothing to confirm.
    const bool isName = !SocketAddress::fromNumeric(result.host, 0);
    if (options.confirm && isName) {
        // Compared without the scope (forward answers carry none), and a
        // v4-mapped address as the IPv4 address it stands for.
        std::string wanted = address.host().substr(0, address.host().find('%'));
        const bool mapped = wanted.rfind("::ffff:", 0) == 0 && wanted.find('.') != std::string::npos;
        if (mapped)
            wanted = wanted.substr(7);
        ResolveRequest forward;
        forward.host = result.host;
        forward.hints.family = address.family() == Family::Inet || mapped ? AF_INET : AF_INET6;
        forward.hints.socktype = SOCK_STREAM;
        forward.hints.flags = 0;
        const ResolveResult back = resolveBlocking(forward);
        result.confirmError = back.error;
        for (const ResolvedEntry &entry : back.entries) {
            const std::string host = entry.address.host();
            result.confirmed = result.confirmed || host.substr(0, host.find('%')) == wanted;
        }
    }
    result.finished = Clock::now();
    result.elapsed = result.finished - start;
    return result;
}

void describeReverse(Event &event, const SocketAddress &address, const ReverseResult &result)
{
    event.address = address.host();
    event.family = address.family();
    event.elapsed = result.elapsed;
    if (result.error) {
        event.error = result.error;
        return;
    }
    event.extra.emplace_back("name", result.host);
    event.extra.emplace_back("confirmed", result.confirmed);
    if (result.confirmError)
        event.extra.emplace_back("confirm_error", result.confirmError);
}

} // namespace sockscope
