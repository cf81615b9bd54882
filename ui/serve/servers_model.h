// The Servers tab's two tables: the servers started from the window, and
// the peers of the one selected. Both read ServersController's rows; they
// own no sockets.
#pragma once

#include "servers_controller.h"

#include <QAbstractTableModel>

// A table whose rows are only ever added while it shows one list: new rows
// are inserted, the rest repainted; a shorter list resets it.
class GrowingTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    void syncRows(int now);
    int rows_ = 0;
};

class ServersModel : public GrowingTableModel {
    Q_OBJECT
public:
    enum Column {
        BehaviourColumn,
        ModelColumn,
        EndpointsColumn,
        PeersColumn,
        BytesInColumn,
        BytesOutColumn,
        StateColumn,
        ColumnCount
    };
    enum Role { ServerIdRole = Qt::UserRole + 1 };

    explicit ServersModel(ServersController *controller, QObject *parent = nullptr);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refresh();

    ServersController *controller_;
};

class PeersModel : public GrowingTableModel {
    Q_OBJECT
public:
    enum Column {
        PeerColumn,
        AddressColumn,
        NameColumn,
        ProcessColumn,
        WorkerColumn,
        SinceColumn,
        BytesInColumn,
        BytesOutColumn,
        StateColumn,
        ColumnCount
    };

    explicit PeersModel(ServersController *controller, QObject *parent = nullptr);
    /// Shows the peers of server `id` (0: none).
    void setServer(int id);
    int server() const { return server_; }
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refresh();
    const std::vector<ServersController::PeerRow> *peers() const;

    ServersController *controller_;
    int server_ = 0;
};
