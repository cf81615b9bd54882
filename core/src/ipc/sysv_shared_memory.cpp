// SysvObjects' shared memory segments: create, write and read (within the
// segment's bounds), attach and detach. sysv_objects_private.h says how the
// files share the registry.
#include "sysv_objects_private.h"

#include "sockscope/events/error.h"

#include <cstring>
#include <sys/ipc.h>
#include <sys/shm.h>

namespace sockscope {

using sysv_detail::integer;
using sysv_detail::segmentStatus;

std::optional<shmid_ds> sysv_detail::segmentStatus(int id, std::error_code &error)
{
    shmid_ds status{};
    if (::shmctl(id, IPC_STAT, &status) != 0) {
        error = lastSystemError();
        return std::nullopt;
    }
    return status;
}

std::optional<int> SysvObjects::createSharedMemory(std::size_t size, SysvCreate how, std::error_code &error)
{
    const int id = ::shmget(static_cast<key_t>(how.key), size, IPC_CREAT | IPC_EXCL | (how.mode & 0777));
    return d->created(SysvKind::SharedMemory, id, how.key, how.mode, {{"size", integer(static_cast<long long>(size))}},
                      error);
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

} // namespace sockscope
