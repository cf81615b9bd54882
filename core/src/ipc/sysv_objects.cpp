// SysvObjects' registry: the kinds' names, the objects it created and
// still owns, their removal (ours or anyone's), and its own end. Each kind's
// calls are in sysv_shared_memory.cpp, sysv_semaphores.cpp and
// sysv_message_queues.cpp, the waiting ones' ends in sysv_waiters.cpp.
#include "sysv_objects_private.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

namespace sockscope {

using sysv_detail::integer;
using sysv_detail::SemctlArgument;
using sysv_detail::segmentStatus;

std::vector<std::string> sysv_detail::flagNames(int flags)
{
    std::vector<std::string> names;
    if (flags & IPC_NOWAIT)
        names.emplace_back("IPC_NOWAIT");
    if (flags & SEM_UNDO)
        names.emplace_back("SEM_UNDO");
    if (flags & MSG_NOERROR)
        names.emplace_back("MSG_NOERROR");
    if (flags & MSG_EXCEPT)
        names.emplace_back("MSG_EXCEPT");
    return names;
}

namespace {

int removeObject(SysvKind kind, int id)
{
    switch (kind) {
    case SysvKind::SharedMemory: return ::shmctl(id, IPC_RMID, nullptr);
    case SysvKind::Semaphores: return ::semctl(id, 0, IPC_RMID);
    case SysvKind::MessageQueue: return ::msgctl(id, IPC_RMID, nullptr);
    }
    return -1;
}

long keyOf(SysvKind kind, int id)
{
    ipc_perm permissions{};
    if (kind == SysvKind::SharedMemory) {
        shmid_ds status{};
        if (::shmctl(id, IPC_STAT, &status) == 0)
            permissions = status.shm_perm;
    } else if (kind == SysvKind::Semaphores) {
        semid_ds status{};
        SemctlArgument argument{};
        argument.status = &status;
        if (::semctl(id, 0, IPC_STAT, argument) == 0)
            permissions = status.sem_perm;
    } else {
        msqid_ds status{};
        if (::msgctl(id, IPC_STAT, &status) == 0)
            permissions = status.msg_perm;
    }
    return permissions.__key;
}

} // namespace

std::string_view sysvKindName(SysvKind kind) noexcept
{
    switch (kind) {
    case SysvKind::SharedMemory: return "shm";
    case SysvKind::Semaphores: return "sem";
    case SysvKind::MessageQueue: return "msg";
    }
    return "";
}

std::optional<SysvKind> sysvKindFromName(std::string_view name) noexcept
{
    for (SysvKind kind : {SysvKind::SharedMemory, SysvKind::Semaphores, SysvKind::MessageQueue}) {
        if (sysvKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

std::optional<int> SysvObjects::Private::created(SysvKind kind, int id, long key, int mode, ExtraFields sizes,
                                                 std::error_code &error)
{
    if (id < 0) {
        error = lastSystemError();
        lifeFailed(kind, -1, "create", error);
        return std::nullopt;
    }
    owned.push_back(Owned{kind, id, key, false});
    Event made = event(EventKind::IpcCreated, kind, id);
    made.extra.emplace_back("key", integer(key));
    made.extra.emplace_back("mode", integer(mode));
    made.extra.insert(made.extra.end(), sizes.begin(), sizes.end());
    events.onEvent(made);
    return id;
}

SysvObjects::Private::Owned *SysvObjects::Private::findOwned(SysvKind kind, int id)
{
    const auto at =
        std::find_if(owned.begin(), owned.end(), [&](const Owned &object) { return object.kind == kind && object.id == id; });
    return at == owned.end() ? nullptr : &*at;
}

std::error_code SysvObjects::Private::remove(SysvKind kind, int id)
{
    const long key = keyOf(kind, id);
    if (removeObject(kind, id) != 0) {
        const std::error_code error = lastSystemError();
        lifeFailed(kind, id, "remove", error);
        return error;
    }
    Event removed = event(EventKind::IpcRemoved, kind, id);
    removed.extra.emplace_back("key", integer(key));
    if (kind == SysvKind::SharedMemory) {
        std::error_code gone;
        const std::optional<shmid_ds> status = segmentStatus(id, gone);
        removed.extra.emplace_back("attached", integer(status ? static_cast<long>(status->shm_nattch) : 0));
    }
    if (Owned *object = findOwned(kind, id)) {
        if (kind == SysvKind::SharedMemory && attachments.count(id) != 0)
            object->removed = true; // lives on until our detach
        else
            owned.erase(owned.begin() + (object - owned.data()));
    }
    events.onEvent(removed);
    return {};
}

// Silent: called from the destructor. Threads first (cancelled, joined),
// then our attachments, then what is still ours.
void SysvObjects::Private::shutDown()
{
    for (auto &[id, waiter] : waiters)
        waiter.worker->requestCancel(); // all at once: one semop slice at most in all
    waiters.clear();
    for (const auto &[id, address] : attachments)
        ::shmdt(address);
    attachments.clear();
    for (const Owned &object : owned) {
        if (!object.removed)
            removeObject(object.kind, object.id);
    }
    owned.clear();
}

SysvObjects::SysvObjects(Reactor &reactor, EventSink &events) : d(std::make_shared<Private>(reactor, events)) {}

SysvObjects::~SysvObjects()
{
    d->shutDown();
}

std::error_code SysvObjects::remove(SysvKind kind, int id)
{
    return d->remove(kind, id);
}

void SysvObjects::removeAll()
{
    const std::vector<Private::Owned> objects = d->owned;
    for (const Private::Owned &object : objects) {
        if (!object.removed)
            d->remove(object.kind, object.id);
    }
    std::vector<int> attached;
    for (const auto &[id, address] : d->attachments)
        attached.push_back(id);
    for (int id : attached)
        d->detachSegment(id, true);
}

void SysvObjects::release(SysvKind kind, int id)
{
    if (Private::Owned *object = d->findOwned(kind, id))
        d->owned.erase(d->owned.begin() + (object - d->owned.data()));
}

std::vector<SysvOwnedObject> SysvObjects::owned() const
{
    std::vector<SysvOwnedObject> list;
    for (const Private::Owned &object : d->owned) {
        SysvOwnedObject entry;
        entry.kind = object.kind;
        entry.id = object.id;
        entry.key = object.key;
        entry.removed = object.removed;
        entry.attached = object.kind == SysvKind::SharedMemory && d->attachments.count(object.id) != 0;
        list.push_back(entry);
    }
    return list;
}

} // namespace sockscope
