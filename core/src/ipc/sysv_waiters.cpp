// SysvObjects' waiting operations: a semop, msgsnd or msgrcv that would
// have waited goes to a worker thread (sysv_worker.h), and its outcome comes
// back to the loop with Reactor::post; it ends exactly once, completed,
// failed or cancelled. sysv_objects_private.h says how the files share the
// registry.
#include "sysv_objects_private.h"

namespace sockscope {

using sysv_detail::integer;
using sysv_detail::systemError;

SysvOutcome SysvObjects::Private::wait(SysvKind kind, int id, std::string operation, ExtraFields request, SysvCall call,
                                       Completion done)
{
    const SysvWaiterId waiterId = nextWaiter++;
    std::weak_ptr<Private> self = weak_from_this();
    Reactor *loop = &reactor;
    // Runs on the worker's thread: only the post, which is thread-safe.
    auto finished = [self, loop, waiterId] {
        loop->post([self, waiterId] {
            if (const std::shared_ptr<Private> alive = self.lock())
                alive->finish(waiterId, false);
        });
    };
    request.emplace_back("waiter", integer(static_cast<long long>(waiterId)));
    std::error_code error;
    Waiter waiter;
    waiter.kind = kind;
    waiter.id = id;
    waiter.operation = operation;
    waiter.request = request;
    waiter.done = std::move(done);
    waiter.worker = SysvWorker::start(std::move(call), finished, error);
    if (!waiter.worker)
        return opFailed(opEvent(kind, id, operation, request), error);
    waiters.emplace(waiterId, std::move(waiter));
    Event waiting = event(EventKind::IpcWaiting, kind, id);
    waiting.extra.emplace_back("operation", operation);
    waiting.extra.insert(waiting.extra.end(), request.begin(), request.end());
    events.onEvent(waiting);
    SysvOutcome outcome;
    outcome.waiter = waiterId;
    return outcome;
}

SysvOutcome SysvObjects::Private::report(const Waiter &waiter)
{
    const SysvCallResult &result = waiter.worker->result();
    Event done = opEvent(waiter.kind, waiter.id, waiter.operation, waiter.request);
    if (result.cancelled)
        done.extra.emplace_back("reason", std::string("cancelled"));
    const std::error_code error = result.value < 0 ? systemError(result.error) : std::error_code();
    const SysvCall &call = waiter.worker->call();
    switch (call.kind) {
    case SysvCall::Kind::Semop:
        return semaphoresNow(waiter.id, std::move(done), error);
    case SysvCall::Kind::Send:
        done.bytes = call.textBytes;
        done.payload = std::vector<unsigned char>(call.message.begin() + sizeof(long), call.message.end());
        if (error)
            return opFailed(std::move(done), error);
        events.onEvent(done);
        return {};
    case SysvCall::Kind::Receive:
        break;
    }
    if (error)
        return opFailed(std::move(done), error);
    return received(std::move(done), call.message, result.value);
}

// A waiter ends: its thread finished (posted) or is being cancelled. The
// one that comes second finds nothing: one outcome per operation.
void SysvObjects::Private::finish(SysvWaiterId waiterId, bool cancelling)
{
    const auto at = waiters.find(waiterId);
    if (at == waiters.end())
        return;
    // A semop sees the request only at its next slice: rather than the
    // loop waiting for that, the worker's own post ends it (ECANCELED).
    if (cancelling && at->second.worker->call().kind == SysvCall::Kind::Semop) {
        at->second.worker->requestCancel();
        return;
    }
    Waiter waiter = std::move(at->second);
    waiters.erase(at);
    if (cancelling)
        waiter.worker->cancel();
    else
        waiter.worker->join();
    const SysvOutcome outcome = report(waiter);
    if (waiter.done)
        waiter.done(outcome); // may destroy us: nothing after this
}

bool SysvObjects::cancel(SysvWaiterId waiter)
{
    if (d->waiters.find(waiter) == d->waiters.end())
        return false;
    const std::shared_ptr<Private> keep = d; // a completion may destroy us
    keep->finish(waiter, true);
    return true;
}

std::size_t SysvObjects::waiting() const
{
    return d->waiters.size();
}

} // namespace sockscope
