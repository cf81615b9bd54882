#include "fd_pass_private.h"

#include "sockscope/events/error.h"

#include <cstring>
#include <fcntl.h>

// Sending: messages handed to the kernel in batches (sendmmsg), each
// reported once the kernel took it; what the socket cannot take now is
// queued, with duplicates of its descriptors, and flushed in order when
// the socket is writable.

namespace sockscope {
namespace {

using Identities = std::span<const DescriptorIdentity>;

// The data a message carries: at least one byte, or a stream socket would
// carry no control data and an empty seqpacket message would read as the end.
std::span<const unsigned char> dataOf(const FdPassMessage &message)
{
    return message.bytes.empty() ? std::span<const unsigned char>(&kFillerByte, 1) : message.bytes;
}

// Numbered: a message with something to show (data alone has no event).
bool numbered(const FdPassMessage &message)
{
    return !message.descriptors.empty() || message.credentials;
}

ssize_t sendOne(int socket, std::span<const int> descriptors, std::span<const unsigned char> data,
                const std::optional<Credentials> &credentials)
{
    alignas(cmsghdr) unsigned char control[CMSG_SPACE(sizeof(ucred)) +
                                           CMSG_SPACE(FdPass::kMaxDescriptorsPerMessage * sizeof(int))];
    iovec vector{const_cast<unsigned char *>(data.data()), data.size()};
    msghdr message{};
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    const std::size_t used = putSentControl(control, descriptors, credentials);
    if (used > 0) {
        message.msg_control = control;
        message.msg_controllen = used;
    }
    ssize_t wrote;
    do
        wrote = ::sendmsg(socket, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    while (wrote < 0 && errno == EINTR);
    return wrote;
}

} // namespace

std::size_t putSentControl(unsigned char *control, std::span<const int> descriptors,
                           const std::optional<Credentials> &credentials)
{
    std::size_t used = credentials ? putCredentialsControl(control, *credentials) : 0;
    if (!descriptors.empty()) {
        auto *header = reinterpret_cast<cmsghdr *>(control + used);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(descriptors.size() * sizeof(int));
        std::memcpy(CMSG_DATA(header), descriptors.data(), descriptors.size() * sizeof(int));
        used += CMSG_SPACE(descriptors.size() * sizeof(int));
    }
    return used;
}

std::error_code FdPass::Private::identify(std::span<const FdPassMessage> messages,
                                          std::vector<DescriptorIdentity> &out) const
{
    out.clear();
    if (!options.identifySent) // without the identity, the kernel's own EBADF says a descriptor is not open
        return {};
    for (const FdPassMessage &message : messages) {
        for (const int fd : message.descriptors) {
            DescriptorIdentity identity;
            if (std::error_code error = readDescriptorIdentity(fd, identity))
                return error;
            out.push_back(identity);
        }
    }
    return {};
}

std::size_t FdPass::Private::prepareBatch(SendBatch &batch, std::span<const FdPassMessage> messages) const
{
    std::size_t count = 0;
    std::size_t room = 0;
    while (count < messages.size() && count < kBatch) {
        const FdPassMessage &message = messages[count++];
        room += sentControlSpace(message.descriptors.size(), message.credentials.has_value());
        // A stream may take such a message in part; the rest of its data
        // must go before the next message, so it ends the batch.
        if (socketType == SOCK_STREAM && dataOf(message).size() > 1)
            break;
    }
    const std::size_t slots = (room + sizeof(cmsghdr) - 1) / sizeof(cmsghdr);
    if (batch.control.size() < slots)
        batch.control.resize(slots);
    auto *control = reinterpret_cast<unsigned char *>(batch.control.data());
    for (std::size_t k = 0; k < count; ++k) {
        const FdPassMessage &message = messages[k];
        const std::span<const unsigned char> data = dataOf(message);
        batch.vectors[k] = iovec{const_cast<unsigned char *>(data.data()), data.size()};
        msghdr &header = batch.headers[k].msg_hdr;
        header = msghdr{};
        header.msg_iov = &batch.vectors[k];
        header.msg_iovlen = 1;
        const std::size_t used = putSentControl(control, message.descriptors, message.credentials);
        if (used > 0) {
            header.msg_control = control;
            header.msg_controllen = used;
        }
        control += used;
    }
    return count;
}

std::error_code FdPass::Private::sendMessages(std::span<const FdPassMessage> messages, const AliveGuard &guard)
{
    for (const FdPassMessage &message : messages) {
        if (message.descriptors.size() > kMaxDescriptorsPerMessage)
            return std::make_error_code(std::errc::invalid_argument);
    }
    if (closed || !socket.valid())
        return std::make_error_code(std::errc::not_connected);
    const Lent<SendBatch> batch(sendBatch, guard);
    if (std::error_code error = identify(messages, batch->identities))
        return error;
    std::error_code first; // the first error that came at once
    std::size_t next = 0;
    std::size_t identityAt = 0; // where messages[next]'s identities start
    const auto identitiesOf = [&](const FdPassMessage &message) {
        return options.identifySent ? Identities(batch->identities).subspan(identityAt, message.descriptors.size())
                                    : Identities();
    };
    const auto advance = [&](const FdPassMessage &message) {
        identityAt += message.descriptors.size();
        ++next;
    };
    while (next < messages.size()) {
        const FdPassMessage &message = messages[next];
        int took = -1;
        if (pending.empty()) { // else behind others: order is kept
            const std::size_t count = prepareBatch(*batch, messages.subspan(next));
            do
                took = ::sendmmsg(socket.get(), batch->headers.data(), static_cast<unsigned>(count),
                                  MSG_NOSIGNAL | MSG_DONTWAIT);
            while (took < 0 && errno == EINTR);
        }
        if (took < 0 && (!pending.empty() || wouldBlock(errno))) {
            if (std::error_code error = queue(sent, message, identitiesOf(message)))
                return first ? first : error;
            sent += numbered(message);
            advance(message);
            continue;
        }
        if (took < 0) {
            const std::error_code error = lastSystemError();
            const std::uint64_t number = sent;
            sent += numbered(message);
            advance(message);
            if (!first)
                first = error;
            if (!sendFailed(number, error, guard))
                return first;
            continue;
        }
        // Numbered, and the rest of a message a stream took in part queued,
        // before anything is told: whatever the sink sends from an event
        // follows these in the stream.
        std::uint64_t number = sent;
        for (int k = 0; k < took; ++k)
            sent += numbered(messages[next + static_cast<std::size_t>(k)]);
        const FdPassMessage &last = messages[next + static_cast<std::size_t>(took) - 1];
        const std::size_t lastWrote = batch->headers[static_cast<std::size_t>(took) - 1].msg_len;
        if (lastWrote < dataOf(last).size())
            queueRest(sent - numbered(last), dataOf(last), lastWrote);
        const TimePoint now = reactor.now();
        for (int k = 0; k < took; ++k) {
            const FdPassMessage &done = messages[next];
            if (!reportSent(number, done.descriptors, done.descriptors, identitiesOf(done), dataOf(done).size(),
                            done.credentials, now, guard))
                return first;
            number += numbered(done);
            advance(done);
        }
    }
    return first;
}

std::error_code FdPass::Private::queue(std::uint64_t message, const FdPassMessage &what, Identities identities)
{
    Pending later;
    later.message = message;
    later.descriptors.reserve(what.descriptors.size());
    for (const int fd : what.descriptors) {
        UniqueFd copy(::fcntl(fd, F_DUPFD_CLOEXEC, 0));
        if (!copy)
            return lastSystemError(); // EMFILE: nothing queued, and our copies close
        later.descriptors.push_back(std::move(copy));
    }
    later.callerNumbers.assign(what.descriptors.begin(), what.descriptors.end());
    later.identities.assign(identities.begin(), identities.end());
    const std::span<const unsigned char> data = dataOf(what);
    later.bytes.assign(data.begin(), data.end());
    later.credentials = what.credentials;
    pending.push_back(std::move(later));
    updateInterest();
    return {};
}

void FdPass::Private::queueRest(std::uint64_t message, std::span<const unsigned char> bytes, std::size_t offset)
{
    Pending rest;
    rest.message = message;
    rest.bytes.assign(bytes.begin(), bytes.end());
    rest.offset = offset;
    rest.controlSent = true;
    pending.push_back(std::move(rest));
    updateInterest();
}

bool FdPass::Private::reportSent(std::uint64_t message, std::span<const int> shown, std::span<const int> sentFrom,
                                 Identities sentIdentities, std::size_t bytes,
                                 const std::optional<Credentials> &credentials, TimePoint now, const AliveGuard &guard)
{
    if (shown.empty())
        return true;
    const Lent<Event> out(sentEvent, guard);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        {
            // Details are read from what was sent (the caller's or our duplicate: the same open file).
            ExtraWriter fields(out->extra);
            const DescriptorReport report{message, i, shown.size(), shown[i], sentFrom[i], bytes};
            describeDescriptor(*out, fields, EventKind::DescriptorSent, now, report,
                               sentIdentities.empty() ? nullptr : &sentIdentities[i]);
        }
        if (credentials) {
            out->pid = credentials->pid;
            out->uid = credentials->uid;
            out->gid = credentials->gid;
        }
        if (!emit(*out, guard))
            return false;
    }
    return true;
}

bool FdPass::Private::sendFailed(std::uint64_t message, std::error_code error, const AliveGuard &guard)
{
    Event failed = event(EventKind::IpcFailed, reactor.now(), message);
    failed.error = error;
    failed.extra.emplace_back("op", std::string("send"));
    return emit(failed, guard);
}

void FdPass::Private::flush(const AliveGuard &guard)
{
    while (!pending.empty() && socket.valid()) {
        Pending &front = pending.front();
        std::array<int, kMaxDescriptorsPerMessage> numbers{};
        std::span<const int> descriptors;
        if (!front.controlSent) {
            for (std::size_t i = 0; i < front.descriptors.size(); ++i)
                numbers[i] = front.descriptors[i].get();
            descriptors = std::span<const int>(numbers.data(), front.descriptors.size());
        }
        const std::span<const unsigned char> rest = std::span<const unsigned char>(front.bytes).subspan(front.offset);
        const ssize_t wrote =
            sendOne(socket.get(), descriptors, rest, front.controlSent ? std::nullopt : front.credentials);
        if (wrote < 0 && wouldBlock(errno))
            break;
        if (wrote < 0) {
            const std::error_code error = lastSystemError();
            const std::uint64_t message = front.message;
            pending.pop_front();
            if (!sendFailed(message, error, guard))
                return;
            continue;
        }
        front.offset += static_cast<std::size_t>(wrote);
        if (!front.controlSent) {
            front.controlSent = true;
            if (!reportSent(front.message, front.callerNumbers, descriptors, front.identities, front.bytes.size(),
                            front.credentials, reactor.now(), guard))
                return;
            front.descriptors.clear(); // in flight now: our copies close
        }
        if (front.offset == front.bytes.size())
            pending.pop_front();
    }
    updateInterest();
}

} // namespace sockscope
