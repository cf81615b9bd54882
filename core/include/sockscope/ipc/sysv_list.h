// The System V objects of the whole system (of this IPC namespace), read
// from /proc/sysvipc/shm, sem and msg, as data and as `ipc-object` events.
//
// The tables are parsed by their header line, not by column position, so
// a kernel that adds a column (shm's rss and swap came late) still reads.
// Keys are printed in decimal (signed), perms in octal: for a segment the
// mode carries SHM_DEST (01000) once it was removed while attached, and its
// key is then 0 (IPC_PRIVATE): `removed()` says so, and the event has
// `removed` true, so a view can say "removed, gone at the last detach".
//
// Nothing here is cached and no thread is made: a caller that shows the
// list refreshes it on its own worker (DESIGN.md, "What has no kernel
// event").
#pragma once

#include "sockscope/events/event.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace sockscope {

/// What every object has: its key, id, owner and creator, permissions.
struct SysvCommon {
    long key = 0;
    int id = -1;
    int mode = 0; ///< perms as the kernel prints them, with SHM_DEST / SHM_LOCKED for segments
    int uid = 0;
    int gid = 0;
    int creatorUid = 0;
    int creatorGid = 0;
    std::int64_t changeTime = 0; ///< ctime, seconds since the epoch
};

struct SysvSegmentInfo : SysvCommon {
    std::uint64_t size = 0;
    int creatorPid = 0;
    int lastPid = 0; ///< last shmat / shmdt
    std::uint64_t attached = 0;
    std::int64_t attachTime = 0;
    std::int64_t detachTime = 0;
    std::uint64_t residentBytes = 0;
    std::uint64_t swappedBytes = 0;
    /// Removed while attached: it lives until the last detach.
    bool removed() const { return (mode & 01000) != 0; }
};

struct SysvSemaphoreSetInfo : SysvCommon {
    int count = 0;             ///< nsems
    std::int64_t opTime = 0;   ///< last semop
};

struct SysvQueueInfo : SysvCommon {
    std::uint64_t bytes = 0;    ///< cbytes: bytes queued
    std::uint64_t messages = 0; ///< qnum
    int lastSendPid = 0;
    int lastReceivePid = 0;
    std::int64_t sendTime = 0;
    std::int64_t receiveTime = 0;
};

struct SysvListing {
    std::vector<SysvSegmentInfo> segments;
    std::vector<SysvSemaphoreSetInfo> semaphoreSets;
    std::vector<SysvQueueInfo> queues;
};

/// Parses the text of /proc/sysvipc/shm, sem or msg; nullopt for a text
/// whose header lacks a column the kind needs, or a row that is no numbers.
std::optional<std::vector<SysvSegmentInfo>> parseSysvSegments(std::string_view text);
std::optional<std::vector<SysvSemaphoreSetInfo>> parseSysvSemaphoreSets(std::string_view text);
std::optional<std::vector<SysvQueueInfo>> parseSysvQueues(std::string_view text);

/// Reads the three tables under `directory`; on the first that cannot be
/// read or parsed, `error` (EBADMSG for one that does not parse).
SysvListing readSysvListing(std::error_code &error, const std::string &directory = "/proc/sysvipc");

/// One `ipc-object` event per object, segments first: `kind`, `key`, `id`,
/// `mode` (permission bits only), `uid`, `gid`, `creator_uid`,
/// `creator_gid`, and for shm `size`, `attached`, `creator_pid`,
/// `last_pid`, `removed`; for sem `count`; for msg `bytes_queued`,
/// `messages`, `last_send_pid`, `last_receive_pid`.
std::vector<Event> sysvListingEvents(const SysvListing &listing, TimePoint time);

} // namespace sockscope
