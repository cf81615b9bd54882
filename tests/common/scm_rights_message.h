// A one-byte message with room for `Descriptors` descriptors in its control
// data (SCM_RIGHTS), ready for the raw sendmsg/recvmsg that tests and
// benchmarks put beside FdPass: `message` points at the byte and the control
// buffer. It points into itself, so it is neither copied nor moved.
#pragma once

#include <cstddef>
#include <sys/socket.h>
#include <sys/uio.h>

template <std::size_t Descriptors>
struct ScmRightsMessage {
    ScmRightsMessage()
    {
        message.msg_iov = &vector;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
    }
    ScmRightsMessage(const ScmRightsMessage &) = delete;
    ScmRightsMessage &operator=(const ScmRightsMessage &) = delete;

    char byte = 0;
    iovec vector{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(Descriptors * sizeof(int))];
    msghdr message{};
};
