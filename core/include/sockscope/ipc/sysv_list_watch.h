// SysvListWatch: every System V object of this IPC namespace, as
// /proc/sysvipc lists it, kept up to date while someone looks.
//
// There is no kernel event for a segment, a semaphore set or a queue being
// made, used or removed, so the tables are read again at a bounded interval
// (about once a second) on a worker (PeriodicReader) and what changed is
// reported (DESIGN.md, "What has no kernel event"): `ipc-object` for an
// object not listed before or listed with other values (attachments,
// queued bytes, a segment removed but still attached), `ipc-removed`
// (`kind`, `id`, `key`, `listed` true) for one no longer listed. A table
// that cannot be read is `ipc-failed` (operation "list").
//
// Lifetime: destroy on the loop thread, also from inside its sink.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/procnet/periodic_reader.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sockscope {

class SysvListWatch {
public:
    static constexpr std::chrono::milliseconds kDefaultInterval{1000};

    SysvListWatch(Reactor &reactor, EventSink &events, std::chrono::milliseconds interval = kDefaultInterval,
                  std::string directory = "/proc/sysvipc");
    ~SysvListWatch();
    SysvListWatch(const SysvListWatch &) = delete;
    SysvListWatch &operator=(const SysvListWatch &) = delete;

    int readings() const;

private:
    void arrived(std::vector<Event> listed, std::error_code error);
    /// What changed since the last listing; keeps `listed` as the last.
    std::vector<Event> differences(std::vector<Event> listed);

    Reactor &reactor_;
    EventSink &events_;
    std::map<std::string, Event> shown_; // by kind and id
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::unique_ptr<PeriodicReader> reader_; // last: stopped first
};

} // namespace sockscope
