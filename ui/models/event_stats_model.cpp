#include "event_stats_model.h"

#include "message_catalog.h"

#include <QTimer>
#include <algorithm>
#include <chrono>

using sockscope::EventKind;

EventStatsModel::EventStatsModel(sockscope::TimePoint start, QObject *parent)
    : QAbstractTableModel(parent), start_(start), secondStart_(start)
{
    rowOfKind_.fill(-1);
}

void EventStatsModel::onEvent(const sockscope::Event &event)
{
    const auto kind = static_cast<std::size_t>(event.kind);
    KindStats &stats = stats_[kind];
    if (rowOfKind_[kind] == -1) {
        rowOfKind_[kind] = -2; // seen, row not inserted yet
        newKinds_.push_back(event.kind);
    }
    ++stats.count;
    stats.last = event.time;
    if (!flushQueued_) {
        flushQueued_ = true;
        QMetaObject::invokeMethod(this, &EventStatsModel::flush, Qt::QueuedConnection);
    }
}

void EventStatsModel::flush()
{
    flushQueued_ = false;
    updateRates();
    if (!newKinds_.empty()) {
        const int first = static_cast<int>(rows_.size());
        beginInsertRows({}, first, first + static_cast<int>(newKinds_.size()) - 1);
        for (EventKind kind : newKinds_) {
            rowOfKind_[static_cast<std::size_t>(kind)] = static_cast<int>(rows_.size());
            rows_.push_back(kind);
        }
        endInsertRows();
        newKinds_.clear();
    }
    if (!rows_.empty())
        emit dataChanged(index(0, CountColumn), index(static_cast<int>(rows_.size()) - 1, LastColumn));
}

void EventStatsModel::updateRates()
{
    const auto now = sockscope::Clock::now();
    const double seconds = std::chrono::duration<double>(now - secondStart_).count();
    if (seconds >= 1.0) {
        for (KindStats &stats : stats_) {
            stats.rate = static_cast<double>(stats.count - stats.countAtSecondStart) / seconds;
            stats.countAtSecondStart = stats.count;
        }
        secondStart_ = now;
        if (!rows_.empty())
            emit dataChanged(index(0, RateColumn), index(static_cast<int>(rows_.size()) - 1, RateColumn));
    }
    const bool active = std::any_of(stats_.begin(), stats_.end(), [](const KindStats &s) {
        return s.rate > 0 || s.count > s.countAtSecondStart;
    });
    if (active && !rateTimerPending_) {
        rateTimerPending_ = true;
        QTimer::singleShot(std::chrono::milliseconds(1000), this, [this] {
            rateTimerPending_ = false;
            updateRates();
        });
    }
}

void EventStatsModel::clear()
{
    beginResetModel();
    stats_ = {};
    rowOfKind_.fill(-1);
    rows_.clear();
    newKinds_.clear();
    endResetModel();
}

int EventStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int EventStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventKind kind = rows_[static_cast<std::size_t>(index.row())];
    const KindStats &stats = stats_[static_cast<std::size_t>(kind)];
    if (role == Qt::TextAlignmentRole && index.column() != KindColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case KindColumn: return MessageCatalog::eventKindLabel(kind);
    case CountColumn: return stats.count;
    case RateColumn: return QString::number(stats.rate, 'f', 0);
    case LastColumn:
        return QString::number(std::chrono::duration<double, std::milli>(stats.last - start_).count(), 'f', 3);
    }
    return {};
}

QVariant EventStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KindColumn: return tr("Event");
    case CountColumn: return tr("Count");
    case RateColumn: return tr("Per second");
    case LastColumn: return tr("Last (ms)");
    }
    return {};
}
