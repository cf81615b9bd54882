#include "servers_controller.h"

#include <algorithm>

#include "message_catalog.h"

namespace {

QString textOf(const sockscope::Event &event, const char *name)
{
    for (const auto &[key, value] : event.extra) {
        if (const auto *text = std::get_if<std::string>(&value); text && key == name)
            return QString::fromStdString(*text);
    }
    return {};
}

QString reasonOf(const sockscope::Event &event)
{
    return textOf(event, "reason");
}

qint64 integerOf(const sockscope::Event &event, const char *name)
{
    for (const auto &[key, value] : event.extra) {
        if (const auto *number = std::get_if<std::int64_t>(&value); number && key == name)
            return *number;
    }
    return 0;
}

} // namespace

// Tags a server's events with its id on their way to the controller.
class ServersController::Sink final : public sockscope::EventSink {
public:
    Sink(ServersController &controller, int id) : controller_(controller), id_(id) {}
    void onEvent(const sockscope::Event &event) override { controller_.onEvent(id_, event); }

private:
    ServersController &controller_;
    int id_;
};

int ServersController::ServerRow::openPeers() const
{
    return static_cast<int>(std::count_if(peers.begin(), peers.end(), [](const PeerRow &p) { return p.closed.isEmpty(); }));
}

ServersController::ServersController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent)
    : QObject(parent), reactor_(reactor), events_(events), start_(reactor.now())
{
    announce_.setSingleShot(true);
    announce_.setInterval(100);
    connect(&announce_, &QTimer::timeout, this, &ServersController::changed);
}

ServersController::~ServersController()
{
    // Before the sinks their servers report to; a server whose workers
    // are still leaving waits for them here (the window is closing).
    running_.clear();
    stopping_.clear();
}

int ServersController::start(const sockscope::ServerConfig &config, QString *error)
{
    const int id = nextId_++;
    ServerRow row;
    row.id = id;
    row.behaviour = QString::fromStdString(config.behaviour);
    row.model = QString::fromLatin1(sockscope::serverModelName(config.model));
    rows_.push_back(row);
    sinks_.emplace(id, std::make_unique<Sink>(*this, id));
    sockscope::ServerConfig withWorkers = config;
    withWorkers.workerProgram = workerProgram_.toStdString();
    withWorkers.runStart = start_;
    auto server = std::make_unique<sockscope::Server>(reactor_, *sinks_.at(id), withWorkers);
    lastError_.clear();
    if (!server->start()) {
        rows_.pop_back();
        *error = lastError_;
        emit changed();
        return 0;
    }
    running_.emplace(id, std::move(server));
    this->row(id)->running = true;
    emit changed();
    return id;
}

// Workers are not waited for: the server is kept until its last one is
// reaped, and goes on a later turn (not from inside its own callback).
void ServersController::stop(int id)
{
    auto server = running_.find(id);
    if (server == running_.end())
        return;
    sockscope::Server *stopping = server->second.get();
    stopping_.emplace(id, std::move(server->second));
    running_.erase(server);
    stopping->stopThen("stopped", [this, id] {
        QTimer::singleShot(0, this, [this, id] { stopping_.erase(id); });
    });
    emit changed();
}

void ServersController::restart(int id)
{
    if (const auto server = running_.find(id); server != running_.end())
        server->second->restart();
}

bool ServersController::sendTo(int id, std::uint64_t peer, const QByteArray &bytes)
{
    const auto server = running_.find(id);
    return server != running_.end() &&
           server->second->sendTo(peer, std::vector<unsigned char>(bytes.begin(), bytes.end()));
}

void ServersController::sendToAll(int id, const QByteArray &bytes)
{
    if (const auto server = running_.find(id); server != running_.end())
        server->second->sendToAll(std::vector<unsigned char>(bytes.begin(), bytes.end()));
}

bool ServersController::endPeer(int id, std::uint64_t peer, sockscope::Server::PeerEnd how)
{
    const auto server = running_.find(id);
    return server != running_.end() && server->second->endPeer(peer, how);
}

// The window closes: every server stops now, its workers waited for
// (briefly: they leave at once on SIGTERM).
void ServersController::stopAll()
{
    while (!running_.empty()) {
        running_.begin()->second->stop("stopped");
        running_.erase(running_.begin());
    }
    stopping_.clear();
    emit changed();
}

const ServersController::ServerRow *ServersController::server(int id) const
{
    for (const ServerRow &row : rows_) {
        if (row.id == id)
            return &row;
    }
    return nullptr;
}

ServersController::ServerRow *ServersController::row(int id)
{
    return const_cast<ServerRow *>(server(id));
}

// A busy server sees peers come and go by the thousand: the open ones all
// stay, of the closed only the newest kMaxClosedPeers, the rest counted.
void ServersController::forgetOldClosedPeers(ServerRow &server)
{
    const auto closed = std::count_if(server.peers.begin(), server.peers.end(),
                                      [](const PeerRow &p) { return !p.closed.isEmpty(); });
    if (closed <= kMaxClosedPeers)
        return;
    const auto oldest = std::find_if(server.peers.begin(), server.peers.end(),
                                     [](const PeerRow &p) { return !p.closed.isEmpty(); });
    server.peers.erase(oldest);
    ++server.forgottenPeers;
}

// The newest bytes of a peer, both ways, for its transcript pane; older
// ones make room, counted.
void ServersController::keepInTranscript(PeerRow &peer, bool in, const sockscope::Event &event)
{
    if (!event.payload || event.payload->empty())
        return;
    const auto &bytes = *event.payload;
    const auto atMs = std::chrono::duration_cast<std::chrono::milliseconds>(event.time - start_).count();
    peer.transcript.push_back({in, atMs, QByteArray(reinterpret_cast<const char *>(bytes.data()),
                                                    static_cast<qsizetype>(bytes.size()))});
    peer.transcriptBytes += static_cast<qint64>(bytes.size());
    while (peer.transcriptBytes > kTranscriptBytes && peer.transcript.size() > 1) {
        peer.transcriptBytes -= peer.transcript.front().bytes.size();
        peer.transcriptDropped += static_cast<quint64>(peer.transcript.front().bytes.size());
        peer.transcript.pop_front();
    }
}

void ServersController::touch()
{
    if (!announce_.isActive())
        announce_.start();
}

// What the tab shows comes from the events alone, as a reader of the
// --json output would build it.
void ServersController::onEvent(int id, const sockscope::Event &event)
{
    events_.onEvent(event);
    ServerRow *server = row(id);
    if (!server)
        return;
    using sockscope::EventKind;
    const auto peer = [&]() -> PeerRow * {
        for (PeerRow &p : server->peers) {
            if (event.peer && p.peer == *event.peer)
                return &p;
        }
        return nullptr;
    };
    switch (event.kind) {
    case EventKind::Listening: server->endpoints << MessageCatalog::endpointText(event); break;
    case EventKind::PeerAccepted: {
        PeerRow row;
        row.peer = event.peer.value_or(0);
        row.address = MessageCatalog::endpointText(event);
        row.since = QDateTime::currentDateTime();
        row.worker = integerOf(event, "worker");
        if (event.pid)
            row.process = tr("%1 (%2)").arg(*event.pid).arg(textOf(event, "process"));
        server->peers.push_back(row);
        break;
    }
    case EventKind::ReverseResolved:
        if (PeerRow *p = peer(); p && !event.error) {
            p->name = textOf(event, "name");
            p->nameConfirmed = std::any_of(event.extra.begin(), event.extra.end(), [](const auto &field) {
                return field.first == "confirmed" && field.second == sockscope::ExtraValue(true);
            });
        }
        break;
    case EventKind::PeerOwner:
        if (PeerRow *p = peer()) {
            p->process = event.pid ? tr("%1 (%2)").arg(*event.pid).arg(textOf(event, "process"))
                         : event.error ? tr("owner unknown (%1)").arg(MessageCatalog::errorMessage(event.error))
                                       : tr("owner not found");
        }
        break;
    case EventKind::Data:
        if (PeerRow *p = peer()) {
            const bool in = textOf(event, "direction") == QLatin1String("in");
            (in ? p->bytesIn : p->bytesOut) += event.bytes.value_or(0);
            (in ? server->bytesIn : server->bytesOut) += event.bytes.value_or(0);
            keepInTranscript(*p, in, event);
        }
        break;
    case EventKind::Restarted: server->restarts = static_cast<int>(integerOf(event, "restarts")); break;
    case EventKind::PeerClosed:
        if (PeerRow *p = peer())
            p->closed = reasonOf(event);
        forgetOldClosedPeers(*server);
        break;
    case EventKind::ServerError:
        lastError_ = MessageCatalog::endpointText(event) + QStringLiteral(": ") + MessageCatalog::errorMessage(event.error);
        break;
    case EventKind::ServerStopped:
        server->running = false;
        server->stopReason = reasonOf(event);
        break;
    default: break;
    }
    touch();
}
