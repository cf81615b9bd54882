// ProcessSocketsWatch: the sockets a process holds, as `ss -p` shows them,
// kept up to date while someone looks (Perl Cookbook 17.15-17.16: a server
// launched from outside, watched as it runs and restarts).
//
// The kernel sends no event when a process opens or closes a socket, so
// the view is read again at a bounded interval (about once a second):
// /proc/<pid>/fd for the socket inodes, matched against
// /proc/net/{tcp,tcp6,udp,udp6,unix}. Reading /proc blocks, so it runs on
// a worker thread of the watch's own (PeriodicReader). What changed since the last reading becomes events (DESIGN.md, "What
// has no kernel event"): `socket-appeared` for a socket not seen before
// (or seen in another state), `socket-gone` for one no longer there. A
// server that executes itself again on SIGHUP keeps its pid and its
// listening socket's inode, so its listening socket never goes; a process
// that ends takes all its sockets with it.
//
// Lifetime: destroy on the loop thread, also from inside its sink (see
// PeriodicReader); a result still on its way is dropped.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/procnet/periodic_reader.h"
#include "sockscope/reactor/reactor.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace sockscope {

class ProcessSocketsWatch {
public:
    static constexpr std::chrono::milliseconds kDefaultInterval{1000};

    /// Starts watching `pid` at once, then every `interval`. `procRoot` is
    /// for tests.
    ProcessSocketsWatch(Reactor &reactor, EventSink &events, int pid,
                        std::chrono::milliseconds interval = kDefaultInterval, std::string procRoot = "/proc");
    ~ProcessSocketsWatch();
    ProcessSocketsWatch(const ProcessSocketsWatch &) = delete;
    ProcessSocketsWatch &operator=(const ProcessSocketsWatch &) = delete;

    int pid() const;
    /// How many readings have come back to the loop (a test waits on it).
    int readings() const;

private:
    bool arrived(struct SocketsReading &reading);
    /// What changed since the last reading; keeps this one as the last.
    std::vector<Event> differences(SocketsReading &reading);

    Reactor &reactor_;
    EventSink &events_;
    int pid_;
    std::map<std::string, Event> shown_; // by inode and state: what the last reading found
    std::error_code lastError_;          // of the last reading, said once
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::unique_ptr<PeriodicReader> reader_; // last: stopped first
};

} // namespace sockscope
