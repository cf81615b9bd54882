#include "sockscope/ipc/sysv_objects.h"

#include "sockscope/events/error.h"
#include "sysv_worker.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <map>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

namespace sockscope {
namespace {

// glibc leaves semctl's fourth argument for the caller to declare.
union SemctlArgument {
    int value;
    semid_ds *status;
    unsigned short *values;
};

std::error_code systemError(int error)
{
    return {error, std::system_category()};
}

ExtraValue integer(long long value)
{
    return static_cast<std::int64_t>(value);
}

std::vector<std::string> flagNames(int flags)
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

bool anyMayWait(const std::vector<SemaphoreOp> &ops)
{
    return std::any_of(ops.begin(), ops.end(), [](const SemaphoreOp &op) { return (op.flags & IPC_NOWAIT) == 0; });
}

ExtraObjects opsField(const std::vector<SemaphoreOp> &ops)
{
    ExtraObjects objects;
    for (const SemaphoreOp &op : ops)
        objects.push_back({{{"number", integer(op.number)}, {"op", integer(op.op)}, {"flags", flagNames(op.flags)}}});
    return objects;
}

ExtraObjects semaphoresField(const std::vector<SemaphoreState> &states)
{
    ExtraObjects objects;
    for (const SemaphoreState &state : states) {
        objects.push_back({{{"number", integer(state.number)},
                            {"value", integer(state.value)},
                            {"pid", integer(state.lastPid)},
                            {"waiting", integer(state.waitingForIncrease)},
                            {"waiting_zero", integer(state.waitingForZero)}}});
    }
    return objects;
}

std::optional<shmid_ds> segmentStatus(int id, std::error_code &error)
{
    shmid_ds status{};
    if (::shmctl(id, IPC_STAT, &status) != 0) {
        error = lastSystemError();
        return std::nullopt;
    }
    return status;
}

std::vector<SemaphoreState> readSemaphores(int id, std::error_code &error)
{
    semid_ds status{};
    SemctlArgument argument{};
    argument.status = &status;
    if (::semctl(id, 0, IPC_STAT, argument) != 0) {
        error = lastSystemError();
        return {};
    }
    std::vector<SemaphoreState> states;
    for (unsigned long number = 0; number < status.sem_nsems; ++number) {
        const int at = static_cast<int>(number);
        SemaphoreState state;
        state.number = at;
        state.value = ::semctl(id, at, GETVAL);
        state.lastPid = ::semctl(id, at, GETPID);
        state.waitingForIncrease = ::semctl(id, at, GETNCNT);
        state.waitingForZero = ::semctl(id, at, GETZCNT);
        if (state.value < 0) {
            error = lastSystemError();
            return {};
        }
        states.push_back(state);
    }
    return states;
}

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
        out.extra = {{"kind", std::string(sysvKindName(what))}, {"id", integer(id)}};
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

    std::optional<int> created(SysvKind kind, int id, long key, int mode, ExtraFields sizes, std::error_code &error);
    SysvOutcome copySegment(int id, std::size_t offset, std::size_t length, std::vector<unsigned char> *bytes,
                            bool writing);
    SysvOutcome attachSegment(int id);
    SysvOutcome detachSegment(int id, bool report);
    SysvOutcome semaphoresNow(int id, Event done, std::error_code error = {});
    SysvOutcome wait(SysvKind kind, int id, std::string operation, ExtraFields request, SysvCall call, Completion done);
    void finish(SysvWaiterId waiter, bool cancelling);
    SysvOutcome report(const Waiter &waiter);
    SysvOutcome received(Event done, const std::vector<unsigned char> &message, long textBytes);
    Owned *findOwned(SysvKind kind, int id);
    std::error_code remove(SysvKind kind, int id);
    void shutDown();

    Reactor &reactor;
    EventSink &events;
    std::vector<Owned> owned;
    std::map<int, void *> attachments; // segment id -> our address
    std::map<SysvWaiterId, Waiter> waiters;
    SysvWaiterId nextWaiter = 1;
};

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

// Write or read through our attachment if there is one, else one made for
// this copy alone; never past the segment's end (that would be SIGSEGV or
// another segment's bytes, not an error).
SysvOutcome SysvObjects::Private::copySegment(int id, std::size_t offset, std::size_t length,
                                              std::vector<unsigned char> *bytes, bool writing)
{
    Event done = opEvent(SysvKind::SharedMemory, id, writing ? "write" : "read", {{"offset", integer(static_cast<long long>(offset))}});
    std::error_code error;
    const std::optional<shmid_ds> status = segmentStatus(id, error);
    if (!status)
        return opFailed(done, error);
    const std::size_t size = status->shm_segsz;
    if (!writing && length == 0 && offset <= size)
        length = size - offset;
    if (offset > size || length > size - offset)
        return opFailed(done, std::make_error_code(std::errc::result_out_of_range));
    void *address = nullptr;
    const auto ours = attachments.find(id);
    if (ours != attachments.end()) {
        address = ours->second;
    } else {
        address = ::shmat(id, nullptr, writing ? 0 : SHM_RDONLY);
        if (address == reinterpret_cast<void *>(-1))
            return opFailed(done, lastSystemError());
    }
    auto *base = static_cast<unsigned char *>(address) + offset;
    if (writing)
        std::memcpy(base, bytes->data(), length);
    else
        bytes->assign(base, base + length);
    if (ours == attachments.end())
        ::shmdt(address);
    done.bytes = length;
    done.payload = *bytes;
    events.onEvent(done);
    SysvOutcome outcome;
    outcome.bytes = std::move(*bytes);
    return outcome;
}

SysvOutcome SysvObjects::Private::attachSegment(int id)
{
    if (attachments.find(id) == attachments.end()) {
        void *address = ::shmat(id, nullptr, 0);
        if (address == reinterpret_cast<void *>(-1)) {
            SysvOutcome outcome;
            outcome.error = lastSystemError();
            lifeFailed(SysvKind::SharedMemory, id, "attach", outcome.error);
            return outcome;
        }
        attachments[id] = address;
    }
    std::error_code ignored;
    const std::optional<shmid_ds> status = segmentStatus(id, ignored);
    SysvOutcome outcome;
    outcome.attached = status ? static_cast<long>(status->shm_nattch) : 0;
    Event done = opEvent(SysvKind::SharedMemory, id, "attach", {{"attached", integer(outcome.attached)}});
    events.onEvent(done);
    return outcome;
}

SysvOutcome SysvObjects::Private::detachSegment(int id, bool report)
{
    SysvOutcome outcome;
    const auto ours = attachments.find(id);
    if (ours == attachments.end()) {
        outcome.error = std::make_error_code(std::errc::invalid_argument); // shmdt's word for "not attached"
    } else if (::shmdt(ours->second) != 0) {
        outcome.error = lastSystemError();
    }
    if (outcome.error) {
        if (report)
            lifeFailed(SysvKind::SharedMemory, id, "detach", outcome.error);
        return outcome;
    }
    attachments.erase(ours);
    std::error_code gone;
    const std::optional<shmid_ds> status = segmentStatus(id, gone); // fails once a removed segment is gone
    outcome.attached = status ? static_cast<long>(status->shm_nattch) : 0;
    if (Owned *object = findOwned(SysvKind::SharedMemory, id); object && object->removed) {
        owned.erase(owned.begin() + (object - owned.data()));
    }
    if (report)
        events.onEvent(opEvent(SysvKind::SharedMemory, id, "detach", {{"attached", integer(outcome.attached)}}));
    return outcome;
}

// The set's state now, on `done` (an ipc-op): after a semop, set or get.
SysvOutcome SysvObjects::Private::semaphoresNow(int id, Event done, std::error_code error)
{
    SysvOutcome outcome;
    if (error)
        return opFailed(std::move(done), error);
    std::error_code readError;
    outcome.semaphores = readSemaphores(id, readError);
    if (readError)
        return opFailed(std::move(done), readError);
    done.extra.emplace_back("semaphores", semaphoresField(outcome.semaphores));
    events.onEvent(done);
    return outcome;
}

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

// A message msgrcv took into `message` (its type, then `textBytes` bytes).
SysvOutcome SysvObjects::Private::received(Event done, const std::vector<unsigned char> &message, long textBytes)
{
    SysvOutcome outcome;
    std::memcpy(&outcome.messageType, message.data(), sizeof(long));
    const auto *text = message.data() + sizeof(long);
    outcome.bytes.assign(text, text + textBytes);
    done.extra.emplace_back("message_type", integer(outcome.messageType));
    done.bytes = outcome.bytes.size();
    done.payload = outcome.bytes;
    events.onEvent(done);
    return outcome;
}

// A waiter ends: its thread finished (posted) or is being cancelled. The
// one that comes second finds nothing: one outcome per operation.
void SysvObjects::Private::finish(SysvWaiterId waiterId, bool cancelling)
{
    const auto at = waiters.find(waiterId);
    if (at == waiters.end())
        return;
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

std::optional<int> SysvObjects::createSharedMemory(std::size_t size, SysvCreate how, std::error_code &error)
{
    const int id = ::shmget(static_cast<key_t>(how.key), size, IPC_CREAT | IPC_EXCL | (how.mode & 0777));
    return d->created(SysvKind::SharedMemory, id, how.key, how.mode, {{"size", integer(static_cast<long long>(size))}},
                      error);
}

std::optional<int> SysvObjects::createSemaphores(int count, SysvCreate how, std::error_code &error)
{
    const int id = ::semget(static_cast<key_t>(how.key), count, IPC_CREAT | IPC_EXCL | (how.mode & 0777));
    return d->created(SysvKind::Semaphores, id, how.key, how.mode, {{"count", integer(count)}}, error);
}

std::optional<int> SysvObjects::createMessageQueue(SysvCreate how, std::error_code &error)
{
    const int id = ::msgget(static_cast<key_t>(how.key), IPC_CREAT | IPC_EXCL | (how.mode & 0777));
    msqid_ds status{};
    const long capacity = id >= 0 && ::msgctl(id, IPC_STAT, &status) == 0 ? static_cast<long>(status.msg_qbytes) : 0;
    return d->created(SysvKind::MessageQueue, id, how.key, how.mode, {{"max_bytes", integer(capacity)}}, error);
}

SysvOutcome SysvObjects::write(int id, std::size_t offset, std::vector<unsigned char> bytes)
{
    const std::size_t length = bytes.size();
    return d->copySegment(id, offset, length, &bytes, true);
}

SysvOutcome SysvObjects::read(int id, std::size_t offset, std::size_t length)
{
    std::vector<unsigned char> bytes;
    return d->copySegment(id, offset, length, &bytes, false);
}

SysvOutcome SysvObjects::attach(int id)
{
    return d->attachSegment(id);
}

SysvOutcome SysvObjects::detach(int id)
{
    return d->detachSegment(id, true);
}

SysvOutcome SysvObjects::semop(int id, std::vector<SemaphoreOp> ops, Completion done)
{
    const ExtraFields request{{"ops", opsField(ops)}};
    Event result = d->opEvent(SysvKind::Semaphores, id, "semop", request);
    SysvCall call;
    call.kind = SysvCall::Kind::Semop;
    call.id = id;
    for (const SemaphoreOp &op : ops) {
        if (op.number < 0 || op.number > USHRT_MAX || op.op < SHRT_MIN || op.op > SHRT_MAX)
            return d->opFailed(result, std::make_error_code(std::errc::result_out_of_range));
        call.operations.push_back(sembuf{static_cast<unsigned short>(op.number), static_cast<short>(op.op),
                                         static_cast<short>(op.flags)});
    }
    // Tried at once, without waiting: most operations never need a thread.
    SysvCall now = call;
    for (sembuf &operation : now.operations)
        operation.sem_flg = static_cast<short>(operation.sem_flg | IPC_NOWAIT);
    const SysvCallResult tried = makeSysvCall(now);
    if (tried.value < 0 && tried.error == EAGAIN && anyMayWait(ops))
        return d->wait(SysvKind::Semaphores, id, "semop", request, std::move(call), std::move(done));
    return d->semaphoresNow(id, std::move(result), tried.value < 0 ? systemError(tried.error) : std::error_code());
}

SysvOutcome SysvObjects::setSemaphore(int id, int number, int value)
{
    Event result = d->opEvent(SysvKind::Semaphores, id, "set", {{"number", integer(number)}, {"value", integer(value)}});
    SemctlArgument argument{};
    argument.value = value;
    const bool set = ::semctl(id, number, SETVAL, argument) == 0;
    return d->semaphoresNow(id, std::move(result), set ? std::error_code() : lastSystemError());
}

SysvOutcome SysvObjects::semaphores(int id)
{
    return d->semaphoresNow(id, d->opEvent(SysvKind::Semaphores, id, "get", {}));
}

SysvOutcome SysvObjects::send(int id, long type, std::vector<unsigned char> text, int flags, Completion done)
{
    ExtraFields request{{"message_type", integer(type)}};
    if (const std::vector<std::string> names = flagNames(flags); !names.empty())
        request.emplace_back("flags", names);
    Event result = d->opEvent(SysvKind::MessageQueue, id, "send", request);
    result.bytes = text.size();
    result.payload = text;
    SysvCall call;
    call.kind = SysvCall::Kind::Send;
    call.id = id;
    call.flags = flags;
    call.textBytes = text.size();
    call.message.resize(sizeof(long) + text.size());
    std::memcpy(call.message.data(), &type, sizeof(long));
    std::copy(text.begin(), text.end(), call.message.begin() + sizeof(long));
    SysvCall now = call;
    now.flags |= IPC_NOWAIT;
    const SysvCallResult tried = makeSysvCall(now);
    if (tried.value < 0 && tried.error == EAGAIN && (flags & IPC_NOWAIT) == 0)
        return d->wait(SysvKind::MessageQueue, id, "send", request, std::move(call), std::move(done));
    if (tried.value < 0)
        return d->opFailed(result, systemError(tried.error));
    d->events.onEvent(result);
    return {};
}

SysvOutcome SysvObjects::receive(int id, MessageReceive how, Completion done)
{
    ExtraFields request{{"requested_type", integer(how.type)}};
    if (const std::vector<std::string> names = flagNames(how.flags); !names.empty())
        request.emplace_back("flags", names);
    SysvCall call;
    call.kind = SysvCall::Kind::Receive;
    call.id = id;
    call.type = how.type;
    call.flags = how.flags;
    call.textBytes = how.maxBytes;
    call.message.resize(sizeof(long) + how.maxBytes);
    SysvCall now = call;
    now.flags |= IPC_NOWAIT;
    const SysvCallResult tried = makeSysvCall(now);
    if (tried.value < 0 && tried.error == ENOMSG && (how.flags & IPC_NOWAIT) == 0)
        return d->wait(SysvKind::MessageQueue, id, "receive", request, std::move(call), std::move(done));
    Event result = d->opEvent(SysvKind::MessageQueue, id, "receive", request);
    if (tried.value < 0)
        return d->opFailed(std::move(result), systemError(tried.error));
    return d->received(std::move(result), now.message, tried.value);
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
