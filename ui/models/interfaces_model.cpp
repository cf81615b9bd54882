#include "interfaces_model.h"

#include <QDeadlineTimer>

namespace {
// Internal ids: 0 for an interface row, interface index + 1 for its
// address rows (so parent() can find the interface again).
constexpr quintptr kInterfaceRow = 0;
} // namespace

InterfacesModel::InterfacesModel(QObject *parent) : QAbstractItemModel(parent)
{
    refresh();
}

void InterfacesModel::refresh()
{
    beginResetModel();
    interfaces_ = QNetworkInterface::allInterfaces();
    endResetModel();
}

QModelIndex InterfacesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kInterfaceRow);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex InterfacesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kInterfaceRow)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kInterfaceRow);
}

int InterfacesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(interfaces_.size());
    if (parent.internalId() != kInterfaceRow || parent.column() != 0)
        return 0;
    return static_cast<int>(interfaces_.at(parent.row()).addressEntries().size());
}

int InterfacesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant InterfacesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kInterfaceRow) {
        if (role == CopyRole)
            return interfaces_.at(index.row()).name();
        if (role != Qt::DisplayRole)
            return {};
        return interfaceData(interfaces_.at(index.row()), index.column());
    }
    const QNetworkInterface &interface = interfaces_.at(static_cast<int>(index.internalId() - 1));
    return addressData(interface, interface.addressEntries().at(index.row()), index.column(), role);
}

QVariant InterfacesModel::interfaceData(const QNetworkInterface &interface, int column) const
{
    switch (column) {
    case NameColumn: return interface.humanReadableName();
    case AddressColumn: return interface.hardwareAddress();
    case FlagsColumn: return flagsText(interface.flags());
    case DetailColumn: return tr("index %1, MTU %2").arg(interface.index()).arg(interface.maximumTransmissionUnit());
    }
    return {};
}

QVariant InterfacesModel::addressData(const QNetworkInterface &interface, const QNetworkAddressEntry &entry,
                                      int column, int role) const
{
    const QHostAddress &ip = entry.ip();
    if (role == AddressRole || role == CopyRole)
        return ip.toString();
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case NameColumn:
        return ip.protocol() == QAbstractSocket::IPv6Protocol ? tr("IPv6") : tr("IPv4");
    case AddressColumn: return QStringLiteral("%1/%2").arg(ip.toString()).arg(entry.prefixLength());
    case ScopeColumn:
        if (ip.isLoopback())
            return tr("loopback");
        if (ip.isLinkLocal())
            return tr("link-local");
        if (ip.isUniqueLocalUnicast())
            return tr("unique local");
        return ip.isGlobal() ? tr("global") : QString();
    case DetailColumn: return addressDetail(interface, entry);
    }
    return {};
}

// What is worth knowing about an address beyond its prefix: its broadcast
// address where the interface can broadcast (the kernel lists one for lo
// too, where it means nothing), how to name a link-local address, and how
// long an address lives.
QString InterfacesModel::addressDetail(const QNetworkInterface &interface, const QNetworkAddressEntry &entry) const
{
    const QHostAddress &ip = entry.ip();
    QStringList parts;
    if (!entry.broadcast().isNull() && interface.flags().testFlag(QNetworkInterface::CanBroadcast))
        parts << tr("broadcast %1").arg(entry.broadcast().toString());
    if (ip.protocol() == QAbstractSocket::IPv6Protocol && ip.isLinkLocal())
        parts << tr("connect to it as %1%%2").arg(QHostAddress(ip.toIPv6Address()).toString(), interface.name());
    if (!entry.isPermanent()) {
        parts << tr("preferred for %1 s, valid for %2 s")
                     .arg(entry.preferredLifetime().remainingTime() / 1000)
                     .arg(entry.validityLifetime().remainingTime() / 1000);
    }
    return parts.join(QStringLiteral("; "));
}

QString InterfacesModel::flagsText(QNetworkInterface::InterfaceFlags flags) const
{
    QStringList words;
    words << (flags.testFlag(QNetworkInterface::IsUp) ? tr("up") : tr("down"));
    if (flags.testFlag(QNetworkInterface::IsRunning))
        words << tr("running");
    if (flags.testFlag(QNetworkInterface::IsLoopBack))
        words << tr("loopback");
    if (flags.testFlag(QNetworkInterface::CanMulticast))
        words << tr("multicast");
    if (flags.testFlag(QNetworkInterface::CanBroadcast))
        words << tr("broadcast");
    if (flags.testFlag(QNetworkInterface::IsPointToPoint))
        words << tr("point-to-point");
    return words.join(QStringLiteral(", "));
}

QVariant InterfacesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Interface");
    case AddressColumn: return tr("Address");
    case FlagsColumn: return tr("Flags");
    case ScopeColumn: return tr("Scope");
    case DetailColumn: return tr("Detail");
    }
    return {};
}
