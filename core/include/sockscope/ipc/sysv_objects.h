// SysvObjects: perlipc's System V IPC, shared memory segments, semaphore
// sets and message queues, made, used and removed from the loop thread,
// and the registry of every such object Sockscope created.
//
// Objects are named by their kernel id, so one run can use what another
// made (`sockscope ipc sem op 32769 0:-1`). Those this registry created are
// its own: removed when the person asks (remove(), removeAll()) and, at the
// latest, when it is destroyed, unless release()d first (the CLI's
// `create` leaves the object for later commands).
//
// Nothing here blocks the loop. An operation that may wait (semop, msgrcv
// or msgsnd without IPC_NOWAIT) is first tried with IPC_NOWAIT on the loop
// thread; only when that would have waited does it go to a worker thread
// (sysv_worker in src/: why a thread each, and how it is cancelled), an
// `ipc-waiting` event says so with a `waiter` id, and the outcome comes back
// to the loop with Reactor::post. A waiting operation ends exactly once: it
// completes, fails (EIDRM when its object is removed meanwhile, by anyone),
// or is cancelled by cancel() (ECANCELED, `reason` "cancelled"; a waiting
// semop ends within one 0.1 s slice, through the loop, since glibc's semop
// is no cancellation point: sysv_worker.h says how).
//
// A shared memory segment removed while attached stays in the kernel (key
// 0, SHM_DEST) until its last detach; owned() says so for ours, and the
// /proc listing (sysv_list.h) for every segment.
//
// Events (DESIGN.md; every one has `kind` "shm", "sem" or "msg" and `id`):
//  ipc-created  `key`, `mode`, and `size` (shm), `count` (sem) or
//               `max_bytes` (msg, the queue's capacity)
//  ipc-op       `operation`: "write" and "read" (`offset`, the bytes),
//               "attach" and "detach" (`attached`: the count after),
//               "semop" (`ops`: objects with `number`, `op`, `flags`),
//               "set" (`number`, `value`) and "get", each with
//               `semaphores` after (objects: `number`, `value`, `pid`,
//               `waiting`, `waiting_zero`), "send" (`message_type`, the
//               bytes), "receive" (`requested_type`, and `message_type` and
//               the bytes of what came); `waiter` when it waited on a
//               worker; on failure `error` (EAGAIN for IPC_NOWAIT, ENOMSG
//               for no message with IPC_NOWAIT, EIDRM, ERANGE for bytes
//               beyond a segment's end, ECANCELED)
//  ipc-waiting  `operation`, `waiter`, and what ipc-op will carry of it
//  ipc-removed  `key`; for shm `attached` (still attached: it stays listed,
//               `removed` true, until the last detach)
//  ipc-failed   `operation` ("create", "remove", "attach", "detach") and
//               `error`, for the object's life rather than its use
//
// Lifetime: make and destroy it on the loop thread, before the Reactor
// goes. The destructor cancels waiting operations (their threads are
// joined: it never waits for an operation), detaches its own attachments
// and removes every object it still owns, silently: no event is sent from
// a destructor. Ask with removeAll() to see the removals as events.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/reactor/reactor.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace sockscope {

enum class SysvKind : std::uint8_t { SharedMemory, Semaphores, MessageQueue };

/// "shm", "sem", "msg".
std::string_view sysvKindName(SysvKind kind) noexcept;
/// The kind sysvKindName() names.
std::optional<SysvKind> sysvKindFromName(std::string_view name) noexcept;

/// How to create an object: IPC_PRIVATE (0) or a key; the permission bits.
/// A key already in use gives EEXIST (IPC_CREAT | IPC_EXCL): `create`
/// never quietly opens someone else's object.
struct SysvCreate {
    long key = 0;
    int mode = 0600;
};

/// One semop operation: on semaphore `number`, add `op` (negative: wait
/// until it can be taken; 0: wait until the value is zero), with `flags`
/// IPC_NOWAIT and SEM_UNDO.
struct SemaphoreOp {
    int number = 0;
    int op = 0;
    int flags = 0;
};

/// One semaphore now (semctl GETVAL, GETPID, GETNCNT, GETZCNT).
struct SemaphoreState {
    int number = 0;
    int value = 0;
    int lastPid = 0;            ///< the last process that changed it
    int waitingForIncrease = 0; ///< semncnt
    int waitingForZero = 0;     ///< semzcnt
};

/// Which message msgrcv takes: type 0 the first, > 0 the first of that
/// type (with MSG_EXCEPT: of any other), < 0 the first of the lowest type
/// at most |type|. `flags`: IPC_NOWAIT, MSG_NOERROR, MSG_EXCEPT.
struct MessageReceive {
    long type = 0;
    int flags = 0;
    std::size_t maxBytes = 8192;
};

using SysvWaiterId = std::uint64_t;

/// What an operation did. `waiter` set: it went to a worker and the final
/// outcome comes to the operation's completion callback later.
struct SysvOutcome {
    std::error_code error;
    std::optional<SysvWaiterId> waiter;
    std::vector<unsigned char> bytes; ///< read, received
    long messageType = 0;             ///< received
    std::vector<SemaphoreState> semaphores;
    long attached = 0;                ///< attach, detach: the count after
};

/// An object this registry created and still holds.
struct SysvOwnedObject {
    SysvKind kind = SysvKind::SharedMemory;
    int id = -1;
    long key = 0;
    bool removed = false;  ///< removed, still attached here: it lives until detach()
    bool attached = false; ///< shm attached by this registry
};

class SysvObjects {
public:
    using Completion = std::function<void(const SysvOutcome &)>;

    SysvObjects(Reactor &reactor, EventSink &events);
    ~SysvObjects();
    SysvObjects(const SysvObjects &) = delete;
    SysvObjects &operator=(const SysvObjects &) = delete;

    /// Creates an object, owned from now on; its id, or nullopt with
    /// `error` (also an ipc-failed event).
    std::optional<int> createSharedMemory(std::size_t size, SysvCreate how, std::error_code &error);
    std::optional<int> createSemaphores(int count, SysvCreate how, std::error_code &error);
    std::optional<int> createMessageQueue(SysvCreate how, std::error_code &error);

    /// Copies `bytes` into segment `id` at `offset` (ERANGE past its end).
    SysvOutcome write(int id, std::size_t offset, std::vector<unsigned char> bytes);
    /// Reads `length` bytes of segment `id` from `offset`; 0: to its end.
    SysvOutcome read(int id, std::size_t offset, std::size_t length);
    /// Keeps segment `id` attached to this process until detach() (so a
    /// removal leaves it listed), or detaches it.
    SysvOutcome attach(int id);
    SysvOutcome detach(int id);

    /// semop with `ops`, all or nothing; may wait (see above).
    SysvOutcome semop(int id, std::vector<SemaphoreOp> ops, Completion done = {});
    /// SETVAL, and every semaphore's state (GETVAL, GETPID, ...).
    SysvOutcome setSemaphore(int id, int number, int value);
    SysvOutcome semaphores(int id);

    /// msgsnd of a message of `type` (> 0); waits on a full queue unless
    /// `flags` has IPC_NOWAIT.
    SysvOutcome send(int id, long type, std::vector<unsigned char> text, int flags, Completion done = {});
    /// msgrcv; waits for a message unless `how.flags` has IPC_NOWAIT.
    SysvOutcome receive(int id, MessageReceive how, Completion done = {});

    /// Cancels a waiting operation: an ipc-op with ECANCELED (or, when it
    /// completed meanwhile, its result), for msgsnd and msgrcv before this
    /// returns, for a semop from the loop within one 0.1 s slice (the loop
    /// is not held meanwhile). False for a waiter that is not waiting (any
    /// more).
    bool cancel(SysvWaiterId waiter);
    /// Operations waiting on workers now.
    std::size_t waiting() const;

    /// IPC_RMID, for any object, ours or not; waiters wake with EIDRM.
    std::error_code remove(SysvKind kind, int id);
    /// Removes every object this registry owns (ipc-removed each) and
    /// detaches its attachments.
    void removeAll();
    /// No longer ours: left in the kernel when this registry goes.
    void release(SysvKind kind, int id);
    /// What this registry owns, in creation order.
    std::vector<SysvOwnedObject> owned() const;

private:
    struct Private;
    std::shared_ptr<Private> d; // shared: the workers' posts hold it weakly
};

} // namespace sockscope
