#include "sockscope/procnet/process_sockets_watch.h"

#include "sockscope/procnet/socket_owners.h"
#include "sockscope/procnet/socket_table.h"

#include <netinet/in.h>
#include <unordered_map>

namespace sockscope {

// One socket as a reading found it: the fields of its events, and the key
// that says whether two readings saw the same socket in the same state.
struct SeenSocket {
    std::string key;
    Event event;
};

struct SocketsReading {
    std::error_code error;  ///< the process's descriptors could not be read (not ENOENT)
    bool processGone = false;
    std::vector<SeenSocket> sockets;
};

namespace {

std::int64_t asField(std::uint64_t value)
{
    return static_cast<std::int64_t>(value);
}

void describeInet(const InetSocketEntry &entry, Event &event)
{
    event.family = entry.local.family();
    event.socktype = entry.protocol == IPPROTO_TCP ? SocketType::Stream : SocketType::Datagram;
    event.protocol = entry.protocol;
    event.address = entry.local.host();
    event.port = entry.local.port();
    if (entry.remote.port() != 0) {
        event.extra.emplace_back("remote_address", entry.remote.host());
        event.extra.emplace_back("remote_port", std::int64_t{entry.remote.port()});
    }
    event.extra.emplace_back("state", entry.state);
}

void describeUnix(const UnixSocketEntry &entry, Event &event)
{
    event.family = Family::Unix;
    event.socktype = entry.type;
    event.path = entry.path;
    event.extra.emplace_back("state", entry.state);
}

SocketsReading readSockets(int pid, const std::string &procRoot)
{
    SocketsReading reading;
    auto descriptors = socketsOfProcess(pid, procRoot);
    if (const auto *error = std::get_if<std::error_code>(&descriptors)) {
        reading.processGone = *error == std::errc::no_such_file_or_directory || *error == std::errc::no_such_process;
        if (!reading.processGone)
            reading.error = *error;
        return reading;
    }
    SocketTable table;
    readSocketTable(table, procRoot);
    std::unordered_map<std::uint64_t, const InetSocketEntry *> inet;
    for (const InetSocketEntry &entry : table.inetSockets)
        inet.emplace(entry.inode, &entry);
    std::unordered_map<std::uint64_t, const UnixSocketEntry *> unix;
    for (const UnixSocketEntry &entry : table.unixSockets)
        unix.emplace(entry.inode, &entry);
    for (const ProcessSocket &socket : std::get<std::vector<ProcessSocket>>(descriptors)) {
        SeenSocket seen;
        seen.event.kind = EventKind::SocketAppeared;
        seen.event.pid = pid;
        seen.event.extra.emplace_back("fd", std::int64_t{socket.fd});
        seen.event.extra.emplace_back("inode", asField(socket.inode));
        std::string state;
        if (const auto found = inet.find(socket.inode); found != inet.end()) {
            describeInet(*found->second, seen.event);
            state = found->second->state + ' ' + found->second->remote.toString();
        } else if (const auto local = unix.find(socket.inode); local != unix.end()) {
            describeUnix(*local->second, seen.event);
            state = local->second->state;
        } // else: netlink, packet, ... : the inode alone
        // The inode names the socket; a restarted server may hold it under
        // another descriptor number, and it is still the same socket.
        seen.key = std::to_string(socket.inode) + ':' + state;
        reading.sockets.push_back(std::move(seen));
    }
    return reading;
}

} // namespace

ProcessSocketsWatch::ProcessSocketsWatch(Reactor &reactor, EventSink &events, int pid,
                                         std::chrono::milliseconds interval, std::string procRoot)
    : reactor_(reactor), events_(events), pid_(pid)
{
    reader_ = std::make_unique<PeriodicReader>(reactor, interval, [this, pid, procRoot = std::move(procRoot)] {
        auto reading = std::make_shared<SocketsReading>(readSockets(pid, procRoot));
        return [this, reading] { return arrived(*reading); };
    });
}

ProcessSocketsWatch::~ProcessSocketsWatch()
{
    *alive_ = false;
}

int ProcessSocketsWatch::pid() const
{
    return pid_;
}

int ProcessSocketsWatch::readings() const
{
    return reader_->readings();
}

// Reports what changed since the last reading; false once the process is
// gone (no more readings).
bool ProcessSocketsWatch::arrived(SocketsReading &reading)
{
    const TimePoint at = reactor_.now();
    std::vector<Event> changes;
    if (reading.error) {
        // What was shown stays (nothing is known to have changed); the
        // failure is said once, not every second.
        if (reading.error != lastError_) {
            Event failed = makeEvent(EventKind::IpcFailed, at);
            failed.pid = pid_;
            failed.error = reading.error;
            failed.extra.emplace_back("operation", std::string("read-sockets"));
            changes.push_back(std::move(failed));
        }
    } else {
        changes = differences(reading);
    }
    lastError_ = reading.error;
    const bool again = !reading.processGone;
    const std::shared_ptr<bool> alive = alive_; // a sink may destroy this watch
    for (Event &change : changes) {
        if (!*alive)
            break;
        change.time = at;
        events_.onEvent(change);
    }
    return again;
}

std::vector<Event> ProcessSocketsWatch::differences(SocketsReading &reading)
{
    std::map<std::string, Event> now;
    for (SeenSocket &seen : reading.sockets)
        now.emplace(std::move(seen.key), std::move(seen.event));
    std::vector<Event> changes;
    for (const auto &[key, event] : shown_) {
        if (!now.count(key)) {
            changes.push_back(event);
            changes.back().kind = EventKind::SocketGone;
        }
    }
    for (const auto &[key, event] : now) {
        if (!shown_.count(key))
            changes.push_back(event);
    }
    shown_ = std::move(now);
    return changes;
}

} // namespace sockscope
