// `ipc shm|sem|msg` with no action: a create-use-remove round trip for each
// kind that checks what it shows (ipc-verified events; exit 1 when one does
// not hold).
#include "ipc_sysv_command_private.h"

#include <sockscope/ipc/sysv_list.h>
#include <sockscope/proc/thread_syscall.h>

#include <algorithm>
#include <cstring>
#include <sys/ipc.h>
#include <sys/syscall.h>

using sockscope::Event;
using sockscope::EventKind;
using sockscope::SysvKind;
using sockscope::SysvOutcome;

void SysvCommand::verified(const char *check, bool ok)
{
    Event event = sockscope::makeEvent(EventKind::IpcVerified, context_.reactor().now());
    event.extra = {{"kind", std::string(sockscope::sysvKindName(kind_))}, {"check", std::string(check)}, {"ok", ok}};
    context_.events().onEvent(event);
    allOk_ = allOk_ && ok;
}

// Bytes in, the same bytes out; then a segment removed while attached
// stays listed as removed until it is detached.
bool SysvCommand::sharedMemoryRoundTrip()
{
    std::error_code error;
    const std::optional<int> id = objects_->createSharedMemory(static_cast<std::size_t>(size_), create_, error);
    if (!id)
        return false;
    std::vector<unsigned char> pattern(static_cast<std::size_t>(std::min(size_, 256L)));
    for (std::size_t i = 0; i < pattern.size(); ++i)
        pattern[i] = static_cast<unsigned char>(i);
    objects_->write(*id, 0, pattern);
    verified("bytes-intact", objects_->read(*id, 0, pattern.size()).bytes == pattern);
    objects_->attach(*id);
    objects_->remove(SysvKind::SharedMemory, *id);
    sockscope::SysvListing listing = sockscope::readSysvListing(error);
    const auto listed = [&] {
        return std::find_if(listing.segments.begin(), listing.segments.end(),
                             [&](const sockscope::SysvSegmentInfo &segment) { return segment.id == *id; });
    };
    verified("removed-stays-while-attached", !error && listed() != listing.segments.end() && listed()->removed());
    objects_->detach(*id);
    listing = sockscope::readSysvListing(error);
    verified("gone-after-last-detach", !error && listed() == listing.segments.end());
    return allOk_;
}

// A wait that goes to a worker and a post from the loop that releases it;
// IPC_NOWAIT's EAGAIN; a wait for zero that holds at once.
bool SysvCommand::semaphoreRoundTrip()
{
    std::error_code error;
    const std::optional<int> id = objects_->createSemaphores(1, create_, error);
    if (!id)
        return false;
    std::optional<SysvOutcome> taken;
    const SysvOutcome waiting = objects_->semop(*id, {{0, -1, 0}}, keepIn(taken));
    verified("wait-goes-to-worker", waiting.waiter.has_value());
    context_.reactor().post([this, set = *id] { objects_->semop(set, {{0, +1, 0}}); });
    finishWaiting(waiting, taken, std::chrono::seconds(10));
    verified("post-releases-wait", taken && !taken->error && taken->semaphores.size() == 1 && taken->semaphores[0].value == 0);
    const SysvOutcome refused = objects_->semop(*id, {{0, -1, IPC_NOWAIT}});
    verified("nowait-gives-eagain", refused.error == std::error_code(EAGAIN, std::system_category()));
    const SysvOutcome zero = objects_->semop(*id, {{0, 0, 0}});
    verified("zero-holds-at-once", !zero.error && !zero.waiter);
    objects_->remove(SysvKind::Semaphores, *id);
    return allOk_;
}

// Typed messages taken by type in the order msgrcv promises; a waiting
// receive woken by the queue's removal with EIDRM.
bool SysvCommand::messageRoundTrip()
{
    std::error_code error;
    const std::optional<int> id = objects_->createMessageQueue(create_, error);
    if (!id)
        return false;
    const auto text = [](const char *words) { return std::vector<unsigned char>(words, words + std::strlen(words)); };
    objects_->send(*id, 3, text("third"), IPC_NOWAIT);
    objects_->send(*id, 1, text("first"), IPC_NOWAIT);
    objects_->send(*id, 2, text("second"), IPC_NOWAIT);
    std::vector<std::pair<long, std::vector<unsigned char>>> got;
    for (long type : {-3L, 0L, 2L}) {
        sockscope::MessageReceive how;
        how.type = type;
        how.flags = IPC_NOWAIT;
        const SysvOutcome outcome = objects_->receive(*id, how);
        got.emplace_back(outcome.messageType, outcome.bytes);
    }
    const decltype(got) expected{{1, text("first")}, {3, text("third")}, {2, text("second")}};
    verified("messages-by-type", got == expected);
    std::optional<SysvOutcome> woken;
    const SysvOutcome waiting = objects_->receive(*id, {}, keepIn(woken));
    // Removed once the worker waits in msgrcv (removed earlier, it would
    // find no queue: EINVAL).
    pollUntil([] { return sockscope::threadOfOursInSyscall(SYS_msgrcv); }, std::chrono::seconds(10));
    objects_->remove(SysvKind::MessageQueue, *id);
    finishWaiting(waiting, woken, std::chrono::seconds(10));
    verified("removal-wakes-with-eidrm",
             waiting.waiter && woken && woken->error == std::error_code(EIDRM, std::system_category()));
    return allOk_;
}

int SysvCommand::roundTrip()
{
    const bool ok = kind_ == SysvKind::SharedMemory ? sharedMemoryRoundTrip()
                    : kind_ == SysvKind::Semaphores ? semaphoreRoundTrip()
                                                    : messageRoundTrip();
    objects_->removeAll(); // whatever a failure left
    return ok && allOk_ ? ExitSuccess : ExitFailure;
}
