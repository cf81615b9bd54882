#include "resolve_results_model.h"

#include <algorithm>

#include "message_catalog.h"
#include "resolve_text.h"

#include <sockscope/events/error.h>

ResolveResultsModel::ResolveResultsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ResolveResultsModel::setLookup(const sockscope::Lookup &lookup)
{
    beginResetModel();
    rows_.clear();
    if (lookup.result) {
        const std::vector<sockscope::ResolvedEntry> &entries = lookup.result->entries;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::size_t address = lookup.addressOf[i];
            rows_.push_back({entries[i], lookup.connectRank[i], address, lookup.addresses[address].reverse});
        }
    }
    endResetModel();
}

void ResolveResultsModel::setReverse(const sockscope::Lookup &lookup, std::size_t address)
{
    for (std::size_t row = 0; row < rows_.size(); ++row) {
        if (rows_[row].address != address)
            continue;
        rows_[row].reverse = lookup.addresses[address].reverse;
        const int r = static_cast<int>(row);
        emit dataChanged(index(r, ReverseColumn), index(r, ReverseColumn));
    }
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
    return row.reverse ? ResolveText::reverseText(*row.reverse) : QString();
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
    case ConnectOrderColumn: return row.connectRank >= 0 ? QVariant(row.connectRank + 1) : QVariant();
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
        if (index.column() == ConnectOrderColumn && row.connectRank < 0)
            return tr("Not tried by a connector: another socket type, or an address already tried");
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

QStringList ResolveResultsModel::connectTargets() const
{
    std::vector<const Row *> candidates;
    for (const Row &row : rows_) {
        if (row.connectRank >= 0)
            candidates.push_back(&row);
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Row *a, const Row *b) { return a->connectRank < b->connectRank; });
    QStringList targets;
    for (const Row *row : candidates)
        targets << QString::fromStdString(row->entry.address.toString());
    return targets;
}
