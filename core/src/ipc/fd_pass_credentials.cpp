#include "fd_pass_private.h"

#include <cstring>
#include <unistd.h>

// Credentials beside the descriptors: SCM_CREDENTIALS, what a sender
// claims (checked by the kernel: an unprivileged sender may only claim its
// own), and SO_PEERCRED, what the kernel recorded when the peer end was
// made, the one to trust.

namespace sockscope {

Credentials ownCredentials()
{
    return Credentials{static_cast<int>(::getpid()), static_cast<int>(::getuid()), static_cast<int>(::getgid())};
}

std::optional<Credentials> peerCredentials(int socket)
{
    ucred peer{};
    socklen_t length = sizeof peer;
    if (::getsockopt(socket, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0)
        return std::nullopt;
    return Credentials{peer.pid, static_cast<int>(peer.uid), static_cast<int>(peer.gid)};
}

std::size_t putCredentialsControl(unsigned char *control, const Credentials &credentials)
{
    auto *header = reinterpret_cast<cmsghdr *>(control);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_CREDENTIALS;
    header->cmsg_len = CMSG_LEN(sizeof(ucred));
    const ucred claimed{credentials.pid, static_cast<uid_t>(credentials.uid), static_cast<gid_t>(credentials.gid)};
    std::memcpy(CMSG_DATA(header), &claimed, sizeof claimed);
    return CMSG_SPACE(sizeof(ucred));
}

bool FdPass::Private::reportCredentials(const ucred &claimed, std::uint64_t message, TimePoint now,
                                        const AliveGuard &guard)
{
    Event credentials = event(EventKind::CredentialsReceived, now, message);
    credentials.pid = claimed.pid;
    credentials.uid = static_cast<int>(claimed.uid);
    credentials.gid = static_cast<int>(claimed.gid);
    if (peer) {
        credentials.extra.emplace_back("peer_pid", static_cast<std::int64_t>(peer->pid));
        credentials.extra.emplace_back("peer_uid", static_cast<std::int64_t>(peer->uid));
        credentials.extra.emplace_back("peer_gid", static_cast<std::int64_t>(peer->gid));
        const Credentials said{claimed.pid, static_cast<int>(claimed.uid), static_cast<int>(claimed.gid)};
        credentials.extra.emplace_back("agree", said == *peer);
    }
    return emit(credentials, guard);
}

} // namespace sockscope
