// Writing to a pipe without a SIGPIPE.
//
// A pipe has no MSG_NOSIGNAL. The SIGPIPE of a write nobody will read is
// the writing thread's: it is blocked around the write and, if it came,
// taken back, so EPIPE is what is seen whatever the process does with
// SIGPIPE (a test binary may leave it at its default, which kills).
#pragma once

#include <cstddef>
#include <sys/types.h>

namespace sockscope {

/// write(2) that reports EPIPE instead of raising SIGPIPE; errno as write's.
ssize_t writeWithoutSigpipe(int fd, const unsigned char *data, std::size_t size);

} // namespace sockscope
