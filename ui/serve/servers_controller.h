// ServersController: the Servers tab's engine, without widgets.
//
// It runs the servers started from the window (core's Server, the same
// events as `sockscope serve --json`, written to the window's log) and
// keeps, from their events alone, what the tab shows: each server's
// endpoints, peers and byte counts, and each peer's address, name,
// process, worker, age, bytes, state and newest bytes both ways (its
// transcript, at most kTranscriptBytes). Byte counts change by the
// thousand a second: they are gathered and announced at most every 100 ms
// (changed()).
#pragma once

#include <sockscope/serve/server.h>

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <deque>
#include <map>
#include <memory>
#include <vector>

class ServersController : public QObject {
    Q_OBJECT
public:
    struct PeerRow {
        std::uint64_t peer = 0;
        QString address;
        QDateTime since;
        quint64 bytesIn = 0;
        quint64 bytesOut = 0;
        QString closed; ///< the reason, once closed; empty while open
        QString name;   ///< the reverse name, once known
        bool nameConfirmed = false;
        QString process; ///< "pid (name)" of the process at the other end, or why it is unknown
        qint64 worker = 0; ///< the pid of the worker serving it (fork, prefork)
        struct Chunk {
            bool in = false;
            qint64 atMs = 0; ///< since the run's start
            QByteArray bytes;
        };
        std::deque<Chunk> transcript; ///< the newest, at most kTranscriptBytes
        qint64 transcriptBytes = 0;
        quint64 transcriptDropped = 0; ///< older bytes no longer kept
    };
    struct ServerRow {
        int id = 0;
        QString behaviour;
        QString model; ///< "in-loop", "fork", "prefork"
        QStringList endpoints;
        int restarts = 0;
        bool running = false;
        QString stopReason;
        quint64 bytesIn = 0;
        quint64 bytesOut = 0;
        std::vector<PeerRow> peers; ///< in order of arrival: the open, and the newest closed
        quint64 forgottenPeers = 0; ///< closed peers no longer kept
        int openPeers() const;
    };

    static constexpr qint64 kTranscriptBytes = 16 * 1024;

    ServersController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent = nullptr);
    ~ServersController() override;

    /// Starts a server; its id, or 0 when it could not listen (`error`
    /// then says why, as its server-error event did).
    int start(const sockscope::ServerConfig &config, QString *error);
    /// Stops server `id` without waiting for its workers (server-stopped
    /// comes once they are reaped).
    void stop(int id);
    /// Restarts server `id` in place (Server::restart()): peers closed,
    /// workers started again, the listening sockets kept.
    void restart(int id);
    /// The program fork and prefork workers run: this one (/proc/self/exe)
    /// unless a test says which.
    void setWorkerProgram(const QString &program) { workerProgram_ = program; }
    /// A person answering by hand: bytes to one peer of server `id`, or
    /// to all its peers; one peer ended (close, abort with RST, half-close).
    bool sendTo(int id, std::uint64_t peer, const QByteArray &bytes);
    void sendToAll(int id, const QByteArray &bytes);
    bool endPeer(int id, std::uint64_t peer, sockscope::Server::PeerEnd how);
    /// Stops every server at once, waiting for their workers (the window
    /// closes).
    void stopAll();

    const std::vector<ServerRow> &servers() const { return rows_; }
    const ServerRow *server(int id) const;

signals:
    /// Servers or peers changed (coalesced).
    void changed();

private:
    class Sink;
    void onEvent(int id, const sockscope::Event &event);
    ServerRow *row(int id);
    void forgetOldClosedPeers(ServerRow &server);
    static constexpr long kMaxClosedPeers = 1000;
    void touch();
    void keepInTranscript(PeerRow &peer, bool in, const sockscope::Event &event);

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    std::map<int, std::unique_ptr<Sink>> sinks_;
    std::map<int, std::unique_ptr<sockscope::Server>> running_;
    std::map<int, std::unique_ptr<sockscope::Server>> stopping_; // waiting for their workers to leave
    std::vector<ServerRow> rows_;
    int nextId_ = 1;
    QTimer announce_;
    QString lastError_;
    QString workerProgram_ = QStringLiteral("/proc/self/exe");
    sockscope::TimePoint start_;
};
