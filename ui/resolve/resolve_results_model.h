// ResolveResultsModel: one resolution's answer, a row per getaddrinfo entry
// in getaddrinfo's order, with the connect order beside it and the reverse
// name filled in as it arrives.
#pragma once

#include <sockscope/resolve/resolver.h>

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

    void setEntries(const std::vector<sockscope::ResolvedEntry> &entries);
    void setReverse(int row, const sockscope::ReverseResult &reverse);
    void clear();
    const sockscope::ResolvedEntry &entry(int row) const { return rows_[static_cast<std::size_t>(row)].entry; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The rows as tab-separated text, for the clipboard.
    QString rowsAsText(const QList<int> &rows) const;

private:
    struct Row {
        sockscope::ResolvedEntry entry;
        int connectOrder = 0;
        std::optional<sockscope::ReverseResult> reverse;
    };
    QVariant display(const Row &row, int index, int column) const;
    QString reverseText(const Row &row) const;

    std::vector<Row> rows_;
};
