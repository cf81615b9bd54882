// EventLogModel: the engine's events as rows, newest last, bounded.
//
// Events arrive through EventSink::onEvent on the loop thread, possibly at
// 100,000 a second. They are queued and turned into rows at most every
// kFlushIntervalMs (one beginInsertRows a batch): rows and a repaint of
// the views at every event-loop turn would take the loop from the sockets
// it reads (a UDP flood fills the kernel's default buffer in 2.6 ms), and
// painting is most of it, so a row's detail is shown in at most
// kShownDetail characters (all of it in the tooltip, and searched by
// SearchRole). A first event after a quiet time shows at the next turn. Rows are kept in
// a ring buffer of `capacity`
// rows holding at most payloadBudget() bytes of payload (a peer sending
// megabytes a second cannot grow the log without bound: the transcript on
// disk is what keeps every byte); the oldest rows give way and are counted
// in dropped(), which the window shows. The model owns no sockets and formats nothing until a view
// asks for it.
#pragma once

#include <sockscope/events/event.h>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <vector>

class EventLogModel : public QAbstractTableModel, public sockscope::EventSink {
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, WhereColumn, DetailColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1,
        SearchRole, ///< a cell's whole text (the filter searches it)
    };
    static constexpr int kShownDetail = 160;

    explicit EventLogModel(sockscope::TimePoint start, int capacity = 50000, QObject *parent = nullptr);

    void onEvent(const sockscope::Event &event) override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The event behind `row`.
    const sockscope::Event &event(int row) const;
    /// One row as a line of JSON (the CLI's --json form), no newline.
    QByteArray jsonLine(int row) const;

    int capacity() const { return capacity_; }
    /// Payload bytes the rows may hold together (64 MiB unless set); one
    /// batch bigger than that is kept whole.
    std::size_t payloadBudget() const { return payloadBudget_; }
    void setPayloadBudget(std::size_t bytes) { payloadBudget_ = bytes; }
    /// The moment t_ms 0 of this log (the program's start).
    sockscope::TimePoint start() const { return start_; }
    /// Where a run-start read from a file (its `time`, the wall clock of
    /// its t_ms 0) falls on this log's clock.
    sockscope::TimePoint timeFromWallClock(const sockscope::Event &runStart) const;
    /// Events that made it into the model, dropped ones included.
    quint64 received() const { return received_; }
    /// Rows that gave way to newer ones.
    quint64 dropped() const { return dropped_; }
    /// Turns queued events into rows now instead of at the end of the turn.
    void flush();
    /// Removes every row; the received and dropped counts start again at zero.
    void clear();

    /// A field outside the fixed schema in words ("ECONNREFUSED: …", "a, b").
    static QString extraText(const sockscope::ExtraValue &value);
    /// The extra field `key` of `event` as text; empty when it has none.
    static QString extraField(const sockscope::Event &event, const char *key);

signals:
    void droppedChanged(quint64 dropped);

private:
    int slot(int row) const { return (head_ + row) % capacity_; }
    void dropOldest(int count);
    QString where(const sockscope::Event &event) const;
    QString detail(const sockscope::Event &event) const;

    sockscope::TimePoint start_;
    QDateTime wallStart_; ///< the wall clock at start_, for the Time column
    int capacity_;
    std::size_t payloadBudget_ = 64 * 1024 * 1024;
    std::size_t payloadBytes_ = 0; // held by the rows
    std::vector<sockscope::Event> ring_;
    int head_ = 0;
    int size_ = 0;
    std::vector<sockscope::Event> pending_;
    bool flushQueued_ = false;
    QElapsedTimer lastFlush_;
    static constexpr qint64 kFlushIntervalMs = 100;

    quint64 received_ = 0;
    quint64 dropped_ = 0;
};
