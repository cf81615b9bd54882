#include "servers_model.h"

#include <QLocale>

int GrowingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rows_;
}

void GrowingTableModel::syncRows(int now)
{
    if (now < rows_) {
        beginResetModel();
        rows_ = now;
        endResetModel();
        return;
    }
    if (now > rows_) {
        beginInsertRows({}, rows_, now - 1);
        rows_ = now;
        endInsertRows();
    }
    if (rows_ > 0)
        emit dataChanged(index(0, 0), index(rows_ - 1, columnCount() - 1));
}

ServersModel::ServersModel(ServersController *controller, QObject *parent)
    : GrowingTableModel(parent), controller_(controller)
{
    connect(controller_, &ServersController::changed, this, &ServersModel::refresh);
}

void ServersModel::refresh()
{
    syncRows(static_cast<int>(controller_->servers().size()));
}

int ServersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rows_)
        return {};
    const ServersController::ServerRow &server = controller_->servers()[static_cast<std::size_t>(index.row())];
    if (role == ServerIdRole)
        return server.id;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case BehaviourColumn: return server.behaviour;
    case ModelColumn: return server.model;
    case EndpointsColumn: return server.endpoints.join(QStringLiteral(", "));
    case PeersColumn:
        return tr("%1 now, %2 in all").arg(server.openPeers()).arg(server.peers.size() + server.forgottenPeers);
    case BytesInColumn: return QLocale().toString(server.bytesIn);
    case BytesOutColumn: return QLocale().toString(server.bytesOut);
    case StateColumn:
        if (!server.running)
            return tr("stopped (%1)").arg(server.stopReason);
        return server.restarts > 0 ? tr("running (restarted %n time(s))", nullptr, server.restarts) : tr("running");
    }
    return {};
}

QVariant ServersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case BehaviourColumn: return tr("Behaviour");
    case ModelColumn: return tr("Model");
    case EndpointsColumn: return tr("Listening on");
    case PeersColumn: return tr("Peers");
    case BytesInColumn: return tr("Bytes in");
    case BytesOutColumn: return tr("Bytes out");
    case StateColumn: return tr("State");
    }
    return {};
}

PeersModel::PeersModel(ServersController *controller, QObject *parent)
    : GrowingTableModel(parent), controller_(controller)
{
    connect(controller_, &ServersController::changed, this, &PeersModel::refresh);
}

void PeersModel::setServer(int id)
{
    beginResetModel();
    server_ = id;
    const auto *list = peers();
    rows_ = list ? static_cast<int>(list->size()) : 0;
    endResetModel();
}

const std::vector<ServersController::PeerRow> *PeersModel::peers() const
{
    const ServersController::ServerRow *server = controller_->server(server_);
    return server ? &server->peers : nullptr;
}

void PeersModel::refresh()
{
    const auto *list = peers();
    syncRows(list ? static_cast<int>(list->size()) : 0);
}

int PeersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PeersModel::data(const QModelIndex &index, int role) const
{
    const auto *list = peers();
    if (!index.isValid() || role != Qt::DisplayRole || !list || index.row() >= rows_)
        return {};
    const ServersController::PeerRow &peer = (*list)[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
    case PeerColumn: return QString::number(peer.peer);
    case AddressColumn: return peer.address;
    case NameColumn:
        return peer.name.isEmpty() || peer.nameConfirmed ? peer.name : tr("%1 (not confirmed)").arg(peer.name);
    case ProcessColumn: return peer.process;
    case WorkerColumn: return peer.worker ? QVariant(peer.worker) : QVariant();
    case SinceColumn: return QLocale().toString(peer.since.time(), QStringLiteral("HH:mm:ss"));
    case BytesInColumn: return QLocale().toString(peer.bytesIn);
    case BytesOutColumn: return QLocale().toString(peer.bytesOut);
    case StateColumn: return peer.closed.isEmpty() ? tr("open") : tr("closed (%1)").arg(peer.closed);
    }
    return {};
}

QVariant PeersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PeerColumn: return tr("Peer");
    case AddressColumn: return tr("Address");
    case NameColumn: return tr("Name");
    case ProcessColumn: return tr("Process");
    case WorkerColumn: return tr("Worker");
    case SinceColumn: return tr("Since");
    case BytesInColumn: return tr("Bytes in");
    case BytesOutColumn: return tr("Bytes out");
    case StateColumn: return tr("State");
    }
    return {};
}
