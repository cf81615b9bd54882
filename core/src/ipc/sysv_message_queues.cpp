// SysvObjects' message queues: create, msgsnd and msgrcv (tried at once,
// else on a worker: sysv_waiters.cpp), and what a receive took.
// sysv_objects_private.h says how the files share the registry.
#include "sysv_objects_private.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/ipc.h>
#include <sys/msg.h>

namespace sockscope {

using sysv_detail::flagNames;
using sysv_detail::integer;
using sysv_detail::systemError;

std::optional<int> SysvObjects::createMessageQueue(SysvCreate how, std::error_code &error)
{
    const int id = ::msgget(static_cast<key_t>(how.key), IPC_CREAT | IPC_EXCL | (how.mode & 0777));
    msqid_ds status{};
    const long capacity = id >= 0 && ::msgctl(id, IPC_STAT, &status) == 0 ? static_cast<long>(status.msg_qbytes) : 0;
    return d->created(SysvKind::MessageQueue, id, how.key, how.mode, {{"max_bytes", integer(capacity)}}, error);
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

} // namespace sockscope
