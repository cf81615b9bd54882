// PeriodicReader: a reading of something with no kernel event (/proc),
// done on a worker thread of its own at a bounded interval, its result
// handed to the loop thread.
//
// DESIGN.md, "What has no kernel event": such views are read again about
// once a second, only while someone looks, and reported as differences.
// This is the timing and threading half of that; the reading and the
// differences are the owner's. `read` runs on the worker and returns what
// to do with its result on the loop thread, which says whether to read
// again (`interval` after this result came; a process that is gone needs no
// more readings). The first reading starts at once.
//
// Lifetime: destroy on the loop thread, also from inside the function a
// reading returned; the timer is cancelled, the worker asked to stop and
// joined (one reading at most), and a result still on its way is dropped.
#pragma once

#include "sockscope/reactor/reactor.h"

#include <functional>
#include <memory>

namespace sockscope {

class PeriodicReader {
public:
    /// On the loop thread: uses the result; true to read again.
    using Result = std::function<bool()>;
    /// On the worker: reads, and returns what the loop thread does with it.
    using Reading = std::function<Result()>;

    PeriodicReader(Reactor &reactor, Duration interval, Reading read);
    ~PeriodicReader();
    PeriodicReader(const PeriodicReader &) = delete;
    PeriodicReader &operator=(const PeriodicReader &) = delete;

    /// How many results have come back to the loop (a test waits on it).
    int readings() const;

private:
    struct Shared;
    void request();
    void arrived(const Result &result);

    Reactor &reactor_;
    Duration interval_;
    std::shared_ptr<Shared> shared_;
    TimerId timer_ = 0;
    int readings_ = 0;
};

} // namespace sockscope
