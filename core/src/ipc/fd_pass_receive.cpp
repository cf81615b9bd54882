#include "fd_pass_private.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cstring>
#include <unistd.h>

// Receiving: recvmmsg into buffers set up once, the control messages of
// each message read (SCM_RIGHTS, SCM_CREDENTIALS, MSG_CTRUNC), and every
// descriptor that arrived identified, reported, and held or closed.

namespace sockscope {
namespace {

std::size_t controlLength(std::size_t descriptors, bool credentials)
{
    // CMSG_LEN, not CMSG_SPACE, for the descriptors: CMSG_SPACE rounds up
    // and would make room for one more than asked. The kernel puts the
    // credentials first (scm_recv), then as many descriptors as fit.
    return (credentials ? CMSG_SPACE(sizeof(ucred)) : 0) + CMSG_LEN(descriptors * sizeof(int));
}

void closeRun(int first, int last) noexcept
{
    if (first == last || ::close_range(static_cast<unsigned>(first), static_cast<unsigned>(last), 0) != 0) {
        for (int fd = first; fd <= last; ++fd)
            ::close(fd);
    }
}

} // namespace

void ClosingLater::closeAll() noexcept
{
    std::sort(numbers_.begin(), numbers_.end());
    std::size_t start = 0;
    for (std::size_t i = 1; i <= numbers_.size(); ++i) {
        if (i < numbers_.size() && numbers_[i] == numbers_[i - 1] + 1)
            continue; // the run goes on
        closeRun(numbers_[start], numbers_[i - 1]);
        start = i;
    }
    numbers_.clear();
}

void FdPass::Private::setUpReceiving()
{
    controlBytes = controlLength(options.controlSpace, options.passCredentials);
    const std::size_t slots = (controlBytes + sizeof(cmsghdr) - 1) / sizeof(cmsghdr);
    control.resize(slots * kBatch);
    data.reset(new unsigned char[kBatch * kDataPerMessage]);
    for (std::size_t k = 0; k < kBatch; ++k) {
        vectors[k] = iovec{data.get() + k * kDataPerMessage, kDataPerMessage};
        headers[k].msg_hdr.msg_iov = &vectors[k];
        headers[k].msg_hdr.msg_iovlen = 1;
        headers[k].msg_hdr.msg_control = control.data() + k * slots;
    }
}

void FdPass::Private::receive(const AliveGuard &guard)
{
    for (int round = 0; round < kBatchesPerWakeUp; ++round) {
        for (mmsghdr &header : headers) {
            header.msg_hdr.msg_controllen = controlBytes;
            header.msg_hdr.msg_flags = 0;
        }
        const int got = ::recvmmsg(socket.get(), headers.data(), kBatch, MSG_CMSG_CLOEXEC, nullptr);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && wouldBlock(errno))
            return;
        if (got < 0) { // ECONNRESET: the peer went with our data unread
            peerClosed(lastSystemError(), guard);
            return;
        }
        const TimePoint now = reactor.now();
        bool goOn = true;
        for (int k = 0; k < got && goOn; ++k)
            goOn = receivedMessage(headers[k].msg_hdr, headers[k].msg_len, now, guard);
        if (guard.dead())
            return;
        unkept.closeAll();
        if (!goOn || static_cast<std::size_t>(got) < kBatch)
            return;
    }
}

// False once we are gone or closed.
bool FdPass::Private::receivedMessage(const msghdr &header, std::size_t length, TimePoint now, const AliveGuard &guard)
{
    // A datagram socket has no end; on the others, nothing at all is it.
    if (length == 0 && header.msg_controllen == 0 && socketType != SOCK_DGRAM) {
        peerClosed({}, guard);
        return false;
    }
    if (header.msg_controllen == 0 && !(header.msg_flags & MSG_CTRUNC))
        return true; // data only: nothing to show (a stream may have glued several such writes)
    const std::uint64_t message = received++;
    std::optional<ucred> claimed;
    std::array<int, kMaxDescriptorsPerMessage> descriptors; // filled from the control data below
    std::size_t count = 0;
    for (cmsghdr *c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(const_cast<msghdr *>(&header), c)) {
        if (c->cmsg_level != SOL_SOCKET)
            continue;
        if (c->cmsg_type == SCM_RIGHTS) {
            const std::size_t more = std::min((c->cmsg_len - CMSG_LEN(0)) / sizeof(int), descriptors.size() - count);
            std::memcpy(descriptors.data() + count, CMSG_DATA(c), more * sizeof(int));
            count += more;
        } else if (c->cmsg_type == SCM_CREDENTIALS && c->cmsg_len >= CMSG_LEN(sizeof(ucred))) {
            ucred value{};
            std::memcpy(&value, CMSG_DATA(c), sizeof value);
            claimed = value;
        }
    }
    const std::span<int> arrived(descriptors.data(), count);
    if (claimed && !reportCredentials(*claimed, message, now, guard)) {
        for (const int fd : arrived)
            ::close(fd);
        return false;
    }
    if (!reportDescriptors(arrived, message, length, (header.msg_flags & MSG_TRUNC) != 0, now, guard))
        return false;
    if (header.msg_flags & MSG_CTRUNC) {
        // The kernel closed what did not fit: only the count is left to say.
        Event truncated = event(EventKind::ControlTruncated, now, message);
        truncated.extra.emplace_back("received", static_cast<std::int64_t>(count));
        truncated.extra.emplace_back("control_space", static_cast<std::int64_t>(options.controlSpace));
        if (!emit(truncated, guard))
            return false;
    }
    return socket.valid();
}

bool FdPass::Private::reportDescriptors(std::span<int> descriptors, std::uint64_t message, std::size_t bytes,
                                        bool cut, TimePoint now, const AliveGuard &guard)
{
    const Lent<Event> arrived(receivedEvent, guard);
    for (std::size_t i = 0; i < descriptors.size(); ++i) {
        UniqueFd fd(descriptors[i]); // ours from here on, whatever happens below
        DescriptorIdentity identity;
        const std::error_code unknown = readDescriptorIdentity(fd.get(), identity);
        {
            ExtraWriter fields(arrived->extra);
            const DescriptorReport report{message, i, descriptors.size(), fd.get(), fd.get(), bytes};
            describeDescriptor(*arrived, fields, EventKind::DescriptorReceived, now, report, &identity);
            if (cut)
                fields.put("data_truncated", true);
        }
        arrived->error = unknown;
        if (options.keepReceived) // held before it is told: the sink may take() it at once
            held.push_back(ReceivedDescriptor{std::move(fd), identity, message, static_cast<int>(i)});
        else
            unkept.add(std::move(fd));
        if (!emit(*arrived, guard)) {
            for (std::size_t j = i + 1; j < descriptors.size(); ++j)
                ::close(descriptors[j]);
            return false;
        }
    }
    return true;
}

} // namespace sockscope
