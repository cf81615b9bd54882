// AttemptsModel: the attempts of one connection race, a row each, from the
// Connector's records (a copy: the model owns no socket).
#pragma once

#include <sockscope/connect/race_plan.h>

#include <QAbstractTableModel>
#include <vector>

class AttemptsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IndexColumn, AddressColumn, FamilyColumn, StartColumn, DurationColumn, OutcomeColumn, ColumnCount };

    explicit AttemptsModel(QObject *parent = nullptr);

    /// Shows `attempts`, times counted from `start`.
    void setAttempts(std::vector<sockscope::AttemptRecord> attempts, sockscope::TimePoint start);
    const std::vector<sockscope::AttemptRecord> &attempts() const { return attempts_; }
    sockscope::TimePoint start() const { return start_; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "connected", "failed: ECONNREFUSED", "cancelled (lost-race)", ...
    static QString outcomeText(const sockscope::AttemptRecord &attempt);

private:
    std::vector<sockscope::AttemptRecord> attempts_;
    sockscope::TimePoint start_{};
};
