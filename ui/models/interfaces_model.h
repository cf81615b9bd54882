// InterfacesModel: the machine's network interfaces and their addresses,
// from QNetworkInterface. A tree: one top-level row per interface, one child
// row per address. The same list feeds every bind-address chooser.
#pragma once

#include <QAbstractItemModel>
#include <QNetworkInterface>

class InterfacesModel : public QAbstractItemModel {
    Q_OBJECT
public:
    /// Flags belong to interfaces, scopes to addresses: each has its column.
    enum Column { NameColumn, AddressColumn, FlagsColumn, ScopeColumn, DetailColumn, ColumnCount };
    enum Role {
        AddressRole = Qt::UserRole + 1, ///< the bare address of an address row
        CopyRole,                       ///< what Copy puts on the clipboard: the address, or the interface's name
    };

    explicit InterfacesModel(QObject *parent = nullptr);

    /// Reads the interfaces again.
    void refresh();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant interfaceData(const QNetworkInterface &interface, int column) const;
    QVariant addressData(const QNetworkInterface &interface, const QNetworkAddressEntry &entry, int column,
                         int role) const;
    QString addressDetail(const QNetworkInterface &interface, const QNetworkAddressEntry &entry) const;
    QString flagsText(QNetworkInterface::InterfaceFlags flags) const;

    QList<QNetworkInterface> interfaces_;
};
