// EventLogDock: the event log every tab writes into, as a dock.
//
// A filtered table of EventLogModel (text with history, and kind), the count
// of rows dropped by the bounded log, a live summary per kind
// (EventStatsModel, which counts every event: the filter is disabled while
// it is shown), copying rows, exporting them as JSON Lines and opening such
// a file (an export, or any `--json` output) to read it here. Clearing or
// exporting with a filter active asks whether all rows are meant.
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

    /// Writes the rows to `path`, one JSON object a line: every row, or
    /// with `onlyShown` the rows the filter shows. On failure returns false
    /// and sets `error` to a sentence for people.
    bool exportJsonLines(const QString &path, QString *error, bool onlyShown = false);
    /// Adds the events of a JSON Lines file to the log. Returns how many
    /// were read; `skipped` counts lines that are no event of the schema.
    /// On failure returns -1 and sets `error`.
    int openJsonLines(const QString &path, int *skipped, QString *error);
    /// The selected rows as JSON Lines (what Copy puts on the clipboard).
    QString selectedJsonLines() const;

    QTableView *logView() const { return logView_; }
    QTableView *summaryView() const { return summaryView_; }
    HistoryComboBox *filterInput() const { return filterInput_; }
    QComboBox *kindInput() const { return kindInput_; }
    QLabel *droppedLabel() const { return droppedLabel_; }

public slots:
    void exportWithDialog();
    void openWithDialog();
    void clearWithConfirmation();
    void copySelection();

signals:
    /// A short report for the status bar ("Exported 12 events to ...").
    void reported(const QString &message);

private:
    QWidget *makeFilterBar();
    void applyTextFilter(const QString &text);
    void applyKindFilter(int comboIndex);
    void showDropped(quint64 dropped);
    void followNewRows();
    void showingSummary(bool summary);
    /// With a filter active: asks whether all rows or only the shown ones
    /// are meant (without `shownLabel`: whether all are). Returns 1 for
    /// all, 0 for the shown ones, -1 to cancel.
    int askAllOrShown(const QString &title, const QString &allLabel, const QString &shownLabel);

    EventLogModel *log_;
    EventStatsModel *stats_;
    EventLogFilter *filter_;
    QTableView *logView_;
    QTableView *summaryView_;
    HistoryComboBox *filterInput_;
    QComboBox *kindInput_;
    QWidget *filterBar_ = nullptr;
    QLabel *droppedLabel_;
};
