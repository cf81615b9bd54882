// EventStatsModel: a live table of how many events of each kind arrived.
//
// One row per kind seen so far, in the order first seen: count, events a
// second over the last second, time of the last one. Like the log it is
// updated once per event-loop turn, with one dataChanged for all rows,
// however many events arrived in between. While any rate is above zero a
// one-second timer brings the rates up to date, so that they fall to zero
// when events stop; with no events it sleeps.
#pragma once

#include <sockscope/events/event.h>

#include <QAbstractTableModel>
#include <array>
#include <vector>

class EventStatsModel : public QAbstractTableModel, public sockscope::EventSink {
    Q_OBJECT
public:
    enum Column { KindColumn, CountColumn, RateColumn, LastColumn, ColumnCount };

    explicit EventStatsModel(sockscope::TimePoint start, QObject *parent = nullptr);

    void onEvent(const sockscope::Event &event) override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Applies what arrived since the last turn now.
    void flush();
    /// Recomputes the per-second rates if a second has passed.
    void updateRates();
    void clear();

private:
    struct KindStats {
        quint64 count = 0;
        quint64 countAtSecondStart = 0;
        double rate = 0;
        sockscope::TimePoint last{};
    };

    sockscope::TimePoint start_;
    sockscope::TimePoint secondStart_;
    std::array<KindStats, sockscope::kEventKindCount> stats_{};
    std::array<int, sockscope::kEventKindCount> rowOfKind_{};
    std::vector<sockscope::EventKind> rows_;
    std::vector<sockscope::EventKind> newKinds_;
    bool flushQueued_ = false;
    bool rateTimerPending_ = false;
};
