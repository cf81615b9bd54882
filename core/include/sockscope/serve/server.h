// Server: a behaviour (behaviour.h) behind listening sockets (listener.h),
// every peer on the Reactor, no child processes (Perl Cookbook 17.13's
// non-forking server).
//
// Stream listeners (TCP, Unix stream and seqpacket) accept their peers,
// each a StreamSession of its own; datagram listeners (UDP, Unix datagram)
// make a peer of each source address at its first datagram and close it
// after the idle timeout (30 s when none is set). Limits: at most
// `maxPeers` peers (one more is accepted and closed at once:
// `peer-refused`, reason max-peers); accept() failing with EMFILE or
// ENFILE pauses accepting for 100 ms at a time (`accept-paused` once,
// `accept-resumed` when an accept succeeds again), never a busy loop.
//
// Events, built here for the CLI and the window alike (DESIGN.md):
// listening (per socket: `address` and `port`, the real one, or `path`),
// peer-accepted (`peer`, `address` and `port`, IPv4-mapped shown as IPv4,
// or `path` with the peer's `pid`, `uid`, `gid`; `local_address`,
// `local_port`), data (`peer`, `direction`; datagrams with the peer's
// `address` and `port`), peer-closed (`peer`, `reason`, `bytes_in`,
// `bytes_out`), peer-refused, accept-paused, accept-resumed, server-error
// (`step`, `error`, where), server-stopped (`reason`); and for every IP
// peer, unless `reverseNames` is off, reverse-resolved (`peer`, `address`,
// `name`, `confirmed`: the forward confirmation of Perl Cookbook 17.7),
// the names cached by address for the run; with `lookUpOwners`, for each
// loopback TCP peer, peer-owner (`peer`, `inode` of its socket, `pid` and
// `process` of its owner, `owners` when several hold it; or `reason`
// not-found, or permission-denied with the error: "owner unknown").
//
// Destroy it on the loop thread; stop() first to report the end.
#pragma once

#include "sockscope/events/event.h"
#include "sockscope/reactor/reactor.h"
#include "sockscope/connect/connector.h"
#include "sockscope/serve/listener.h"
#include "sockscope/serve/worker_pool.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sockscope {

struct ServerConfig {
    std::string behaviour; ///< a name makeBehaviour() knows
    ListenConfig listen;
    std::size_t maxPeers = 1024;
    Duration idleTimeout{}; ///< zero: none for streams, 30 s for datagram peers
    bool reverseNames = true; ///< look up each IP peer's name (and confirm it)
    bool lookUpOwners = false; ///< find the process of each loopback TCP peer (peer-owner)
    std::optional<ConnectTarget> forwardTo; ///< the forward behaviour's target
    std::string forwardToText;              ///< as typed
    ServerModel model = ServerModel::InLoop; ///< fork and prefork: streams only (worker_pool.h)
    int children = 4;                        ///< prefork's workers
    /// fork and prefork: the program the workers run (this one:
    /// /proc/self/exe), with workerCommand()'s arguments.
    std::string workerProgram = "/proc/self/exe";
    TimePoint runStart{}; ///< what the workers' t_ms count from
};

/// The worker's command line for `config`: its program, the hidden
/// subcommand `__serve-worker` and the behaviour's options (the pool adds
/// the descriptors').
std::vector<std::string> workerCommand(const ServerConfig &config);

/// A peer number not used yet in this run.
std::uint64_t nextPeerId();
/// Peer numbers go on from `next` (a restarted image continues the run).
void continuePeerIdsFrom(std::uint64_t next);

class Server {
public:
    Server(Reactor &reactor, EventSink &events, ServerConfig config);
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    /// Opens the listeners and starts serving; false (a server-error
    /// event said why) if it cannot.
    bool start();
    /// The same on listening sockets already open (a restart hands them
    /// over, a prefork worker inherits them): nothing is bound, and they
    /// are closed, never removed, when done.
    bool start(std::vector<ListeningSocket> sockets);
    /// A fork worker's one peer, accepted by its parent; `serve` reports
    /// its peer-accepted and serves it as if accepted here.
    bool serve(UniqueFd peer);
    /// For a restart (Perl Cookbook 17.16): closes every peer with reason
    /// `restart`, sends the workers SIGHUP and reaps them, and hands the
    /// listening sockets over, open, to go on in the restarted program.
    std::vector<ListeningSocket> releaseForRestart();
    /// A restart within this process (the window's, which cannot execute
    /// itself again): peers closed with reason `restart`, workers told
    /// (SIGHUP) and, once reaped (never waited for), started again; the
    /// listening sockets kept; reported as `restarted` (`pid`, `restarts`).
    void restart();
    /// Closes every peer (reason `stopped`) and listener, removes Unix
    /// socket files, and reports server-stopped with `reason`.
    void stop(const std::string &reason);
    /// The same without waiting for workers (the window's: its loop is the
    /// GUI's): server-stopped comes once the last worker is reaped, then
    /// `stopped` runs. In-loop servers stop at once.
    void stopThen(const std::string &reason, std::function<void()> stopped);

    /// A person answering by hand (the manual behaviour, or any other):
    /// bytes to one peer or to every peer; false when `peer` is gone.
    bool sendTo(std::uint64_t peer, const std::vector<unsigned char> &bytes);
    void sendToAll(const std::vector<unsigned char> &bytes);
    /// Ends one peer: a close (FIN), an abort (RST), or a half-close (FIN
    /// once what is queued is written; the peer may go on sending).
    enum class PeerEnd { Close, Abort, HalfClose };
    bool endPeer(std::uint64_t peer, PeerEnd how);

    /// Stops and resumes reading from every peer and accepting new ones
    /// (whoever takes our events cannot keep up: the kernel's flow control
    /// slows the peers, nothing is dropped).
    void setReading(bool on);

    /// Peers served here (not a prefork worker's).
    std::size_t peerCount() const;
    /// Workers running (fork, prefork).
    std::size_t workerCount() const;
    /// The sockets listened on, as bound.
    std::vector<SocketAddress> addresses() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sockscope
