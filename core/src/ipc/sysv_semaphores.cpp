// SysvObjects' semaphore sets: create, semop (tried at once, else on a
// worker: sysv_waiters.cpp), SETVAL, and every semaphore's state after
// each. sysv_objects_private.h says how the files share the registry.
#include "sysv_objects_private.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <sys/ipc.h>
#include <sys/sem.h>

namespace sockscope {

using sysv_detail::flagNames;
using sysv_detail::integer;
using sysv_detail::SemctlArgument;
using sysv_detail::systemError;

namespace {

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

} // namespace

std::optional<int> SysvObjects::createSemaphores(int count, SysvCreate how, std::error_code &error)
{
    const int id = ::semget(static_cast<key_t>(how.key), count, IPC_CREAT | IPC_EXCL | (how.mode & 0777));
    return d->created(SysvKind::Semaphores, id, how.key, how.mode, {{"count", integer(count)}}, error);
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

} // namespace sockscope
