// Pipes and socketpairs with both ends held by Sockscope, as Channels.
//
// A pipe's capacity is the kernel's buffer (F_GETPIPE_SZ, 64 KiB by
// default), which F_SETPIPE_SZ changes up to /proc/sys/fs/pipe-max-size;
// beyond it the kernel says EPERM unless the process has
// CAP_SYS_RESOURCE. PIPE_BUF (4096 here) is the size up to which a write
// is atomic: never cut by another writer's bytes.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/ipc/channel.h"

#include <optional>

namespace sockscope {

/// /proc/sys/fs/pipe-max-size, or 0 if it cannot be read.
long pipeMaxCapacity();
/// F_GETPIPE_SZ; -1 and errno on failure.
long pipeCapacity(int fd);

/// A pipe (ends "write" and "read"): `ipc-created` with kind "pipe",
/// `capacity`, `pipe_buf` and `max_capacity`. With `capacity`, it is asked
/// for first; a refusal is `ipc-failed` (operation "set-capacity",
/// `requested`) and the pipe keeps its default.
std::unique_ptr<Channel> openPipe(Reactor &reactor, EventSink &events, int id, std::optional<long> capacity,
                                  std::error_code &error);

/// A socketpair of `type` (ends "a" and "b"): `ipc-created` with kind
/// "socketpair" and `socktype`.
std::unique_ptr<Channel> openSocketPair(Reactor &reactor, EventSink &events, int id, SocketType type,
                                        std::error_code &error);

} // namespace sockscope
