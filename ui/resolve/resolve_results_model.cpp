#include "resolve_results_model.h"

#include "message_catalog.h"
#include "resolve_text.h"

#include <sockscope/events/error.h>

ResolveResultsModel::ResolveResultsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ResolveResultsModel::setEntries(const std::vector<sockscope::ResolvedEntry> &entries)
{
    beginResetModel();
    rows_.clear();
    for (const sockscope::ResolvedEntry &entry : entries)
        rows_.push_back({entry, 0, std::nullopt});
    const std::vector<std::size_t> order = sockscope::connectOrder(entries);
    for (std::size_t position = 0; position < order.size(); ++position)
        rows_[order[position]].connectOrder = static_cast<int>(position) + 1;
    endResetModel();
}

void ResolveResultsModel::setReverse(int row, const sockscope::ReverseResult &reverse)
{
    if (row < 0 || row >= rowCount())
        return;
    rows_[static_cast<std::size_t>(row)].reverse = reverse;
    emit dataChanged(index(row, ReverseColumn), index(row, ReverseColumn));
}

void ResolveResultsModel::clear()
{
    beginResetModel();
    rows_.clear();
    endResetModel();
}

int ResolveResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ResolveResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ResolveResultsModel::reverseText(const Row &row) const
{
    if (!row.reverse)
        return {};
    const sockscope::ReverseResult &reverse = *row.reverse;
    if (reverse.error) {
        return tr("no name: %1").arg(QString::fromStdString(sockscope::errorName(reverse.error)));
    }
    const QString name = QString::fromStdString(reverse.host);
    return reverse.confirmed ? tr("%1 (confirmed)").arg(name) : tr("%1 (does not resolve back)").arg(name);
}

QVariant ResolveResultsModel::display(const Row &row, int index, int column) const
{
    const sockscope::SocketAddress &address = row.entry.address;
    switch (column) {
    case IndexColumn: return index + 1;
    case FamilyColumn: return ResolveText::familyName(address.family());
    case TypeColumn: return ResolveText::socketTypeName(row.entry.socktype);
    case ProtocolColumn: return ResolveText::protocolName(row.entry.protocol);
    case AddressColumn: return QString::fromStdString(address.host());
    case PortColumn: return address.port();
    case ConnectOrderColumn: return row.connectOrder;
    case ReverseColumn: return reverseText(row);
    }
    return {};
}

QVariant ResolveResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole: return display(row, index.row(), index.column());
    case AddressRole: return QString::fromStdString(row.entry.address.host());
    case Qt::ToolTipRole:
        if (index.column() == ReverseColumn && row.reverse && row.reverse->error)
            return MessageCatalog::errorMessage(row.reverse->error);
        if (index.column() == ConnectOrderColumn)
            return ResolveText::connectOrderAssumption();
        return {};
    default: return {};
    }
}

QVariant ResolveResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IndexColumn: return tr("#");
    case FamilyColumn: return tr("Family");
    case TypeColumn: return tr("Type");
    case ProtocolColumn: return tr("Protocol");
    case AddressColumn: return tr("Address");
    case PortColumn: return tr("Port");
    case ConnectOrderColumn: return tr("Connect order");
    case ReverseColumn: return tr("Reverse name");
    }
    return {};
}

QString ResolveResultsModel::rowsAsText(const QList<int> &rows) const
{
    QString text;
    for (int row : rows) {
        QStringList cells;
        for (int column = 0; column < ColumnCount; ++column)
            cells << display(rows_[static_cast<std::size_t>(row)], row, column).toString();
        text += cells.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return text;
}
