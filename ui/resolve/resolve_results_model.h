// ResolveResultsModel: one resolution's answer, a row per getaddrinfo entry
// in getaddrinfo's order, with the connect order beside the entries a
// connector would try and the reverse name of each address filled in as it
// arrives. It keeps a copy of what it shows, never the engine's records.
#pragma once

#include <sockscope/resolve/lookup.h>

#include <QAbstractTableModel>
#include <optional>
#include <vector>

class ResolveResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IndexColumn,
        FamilyColumn,
        TypeColumn,
        ProtocolColumn,
        AddressColumn,
        PortColumn,
        ConnectOrderColumn,
        ReverseColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, AddressRole };

    explicit ResolveResultsModel(QObject *parent = nullptr);

    /// Shows the answer of `lookup` (its reverse names so far included).
    void setLookup(const sockscope::Lookup &lookup);
    /// The name of `lookup.addresses[address]` arrived: updates its rows.
    void setReverse(const sockscope::Lookup &lookup, std::size_t address);
    void clear();
    const sockscope::ResolvedEntry &entry(int row) const { return rows_[static_cast<std::size_t>(row)].entry; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The addresses a connector would try, with their port, in connect
    /// order ("[::1]:80", "127.0.0.1:80"): the Connect tab's targets.
    QStringList connectTargets() const;

    /// The rows as tab-separated text, for the clipboard.
    QString rowsAsText(const QList<int> &rows) const;

private:
    struct Row {
        sockscope::ResolvedEntry entry;
        int connectRank = -1; ///< -1: not a connector's candidate
        std::size_t address = 0;
        std::optional<sockscope::ReverseResult> reverse;
    };
    QVariant display(const Row &row, int index, int column) const;
    QString reverseText(const Row &row) const;

    std::vector<Row> rows_;
};
