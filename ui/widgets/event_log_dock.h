// EventLogDock: the event log every tab writes into, as a dock.
//
// A filtered table of EventLogModel (text with history, and kind), the count
// of rows dropped by the bounded log, a live summary per kind
// (EventStatsModel), copying rows and exporting them as JSON Lines.
#pragma once

#include <QDockWidget>

class EventLogFilter;
class EventLogModel;
class EventStatsModel;
class HistoryComboBox;
class QComboBox;
class QLabel;
class QTableView;

class EventLogDock : public QDockWidget {
    Q_OBJECT
public:
    EventLogDock(EventLogModel *log, EventStatsModel *stats, QWidget *parent = nullptr);

    /// Writes the rows the filter shows to `path`, one JSON object a line.
    /// On failure returns false and sets `error` to a sentence for people.
    bool exportJsonLines(const QString &path, QString *error) const;
    /// The selected rows as JSON Lines (what Copy puts on the clipboard).
    QString selectedJsonLines() const;

    QTableView *logView() const { return logView_; }
    QTableView *summaryView() const { return summaryView_; }
    HistoryComboBox *filterInput() const { return filterInput_; }
    QComboBox *kindInput() const { return kindInput_; }
    QLabel *droppedLabel() const { return droppedLabel_; }

public slots:
    void exportWithDialog();
    void copySelection();

private:
    QWidget *makeFilterBar();
    void applyTextFilter(const QString &text);
    void applyKindFilter(int comboIndex);
    void showDropped(quint64 dropped);
    void followNewRows();

    EventLogModel *log_;
    EventStatsModel *stats_;
    EventLogFilter *filter_;
    QTableView *logView_;
    QTableView *summaryView_;
    HistoryComboBox *filterInput_;
    QComboBox *kindInput_;
    QLabel *droppedLabel_;
};
