// SysvObjects' insides, shared by its files: sysv_objects.cpp (the kinds'
// names and the registry: what was created, removal, the object's life),
// sysv_shared_memory.cpp, sysv_semaphores.cpp, sysv_message_queues.cpp
// (each kind's calls) and sysv_waiters.cpp (operations that wait on a
// worker, their one ending each, cancel). Not a public header.
#pragma once

#include "sockscope/ipc/sysv_objects.h"

#include "sysv_worker.h"

#include <map>
#include <optional>
#include <string>
#include <sys/sem.h>
#include <sys/shm.h>
#include <vector>

namespace sockscope {
namespace sysv_detail {

// glibc leaves semctl's fourth argument for the caller to declare.
union SemctlArgument {
    int value;
    semid_ds *status;
    unsigned short *values;
};

inline std::error_code systemError(int error)
{
    return {error, std::system_category()};
}

inline ExtraValue integer(long long value)
{
    return static_cast<std::int64_t>(value);
}

/// IPC_NOWAIT, SEM_UNDO, MSG_NOERROR, MSG_EXCEPT: the flags set in `flags`.
std::vector<std::string> flagNames(int flags);

/// shmctl IPC_STAT of segment `id`; nullopt with `error` when it fails.
std::optional<shmid_ds> segmentStatus(int id, std::error_code &error);

} // namespace sysv_detail

struct SysvObjects::Private : std::enable_shared_from_this<SysvObjects::Private> {
    struct Owned {
        SysvKind kind;
        int id;
        long key;
        bool removed;
    };
    // A waiting operation: its worker and what its events say about it.
    struct Waiter {
        SysvKind kind = SysvKind::Semaphores;
        int id = -1;
        std::string operation;
        ExtraFields request;
        std::unique_ptr<SysvWorker> worker;
        Completion done;
    };

    Private(Reactor &reactor, EventSink &events) : reactor(reactor), events(events) {}

    Event event(EventKind kind, SysvKind what, int id) const
    {
        Event out = makeEvent(kind, reactor.now());
        out.extra = {{"kind", std::string(sysvKindName(what))}, {"id", sysv_detail::integer(id)}};
        return out;
    }
    Event opEvent(SysvKind what, int id, const std::string &operation, const ExtraFields &request) const
    {
        Event out = event(EventKind::IpcOp, what, id);
        out.extra.emplace_back("operation", operation);
        out.extra.insert(out.extra.end(), request.begin(), request.end());
        return out;
    }
    void lifeFailed(SysvKind what, int id, const char *operation, std::error_code error)
    {
        Event failed = event(EventKind::IpcFailed, what, id);
        failed.extra.emplace_back("operation", std::string(operation));
        failed.error = error;
        events.onEvent(failed);
    }
    SysvOutcome opFailed(Event failed, std::error_code error)
    {
        failed.error = error;
        events.onEvent(failed);
        SysvOutcome outcome;
        outcome.error = error;
        return outcome;
    }

    // sysv_objects.cpp: the registry.
    std::optional<int> created(SysvKind kind, int id, long key, int mode, ExtraFields sizes, std::error_code &error);
    Owned *findOwned(SysvKind kind, int id);
    std::error_code remove(SysvKind kind, int id);
    void shutDown();
    // sysv_shared_memory.cpp
    SysvOutcome copySegment(int id, std::size_t offset, std::size_t length, std::vector<unsigned char> *bytes,
                            bool writing);
    SysvOutcome attachSegment(int id);
    SysvOutcome detachSegment(int id, bool report);
    // sysv_semaphores.cpp
    SysvOutcome semaphoresNow(int id, Event done, std::error_code error = {});
    // sysv_message_queues.cpp
    SysvOutcome received(Event done, const std::vector<unsigned char> &message, long textBytes);
    // sysv_waiters.cpp
    SysvOutcome wait(SysvKind kind, int id, std::string operation, ExtraFields request, SysvCall call, Completion done);
    void finish(SysvWaiterId waiter, bool cancelling);
    SysvOutcome report(const Waiter &waiter);

    Reactor &reactor;
    EventSink &events;
    std::vector<Owned> owned;
    std::map<int, void *> attachments; // segment id -> our address
    std::map<SysvWaiterId, Waiter> waiters;
    SysvWaiterId nextWaiter = 1;
};

} // namespace sockscope
