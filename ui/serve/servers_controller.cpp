#include "servers_controller.h"

#include <algorithm>

#include "message_catalog.h"

namespace {

QString reasonOf(const sockscope::Event &event)
{
    for (const auto &[key, value] : event.extra) {
        if (const auto *text = std::get_if<std::string>(&value); text && key == "reason")
            return QString::fromStdString(*text);
    }
    return {};
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
    : QObject(parent), reactor_(reactor), events_(events)
{
    announce_.setSingleShot(true);
    announce_.setInterval(100);
    connect(&announce_, &QTimer::timeout, this, &ServersController::changed);
}

ServersController::~ServersController()
{
    running_.clear(); // before the sinks their servers report to
}

int ServersController::start(const sockscope::ServerConfig &config, QString *error)
{
    const int id = nextId_++;
    ServerRow row;
    row.id = id;
    row.behaviour = QString::fromStdString(config.behaviour);
    rows_.push_back(row);
    sinks_.emplace(id, std::make_unique<Sink>(*this, id));
    auto server = std::make_unique<sockscope::Server>(reactor_, *sinks_.at(id), config);
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

void ServersController::stop(int id)
{
    auto server = running_.find(id);
    if (server == running_.end())
        return;
    server->second->stop("stopped");
    running_.erase(server);
    emit changed();
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

void ServersController::stopAll()
{
    while (!running_.empty())
        stop(running_.begin()->first);
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
    case EventKind::PeerAccepted:
        server->peers.push_back({event.peer.value_or(0), MessageCatalog::endpointText(event), QDateTime::currentDateTime(), 0, 0, {}});
        break;
    case EventKind::Data:
        if (PeerRow *p = peer()) {
            const bool in = std::any_of(event.extra.begin(), event.extra.end(), [](const auto &field) {
                return field.first == "direction" && field.second == sockscope::ExtraValue(std::string("in"));
            });
            (in ? p->bytesIn : p->bytesOut) += event.bytes.value_or(0);
            (in ? server->bytesIn : server->bytesOut) += event.bytes.value_or(0);
        }
        break;
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
