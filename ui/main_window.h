// MainWindow: assembles the tabs and the event log dock; nothing more.
//
// Every engine the tabs drive writes its events into eventSink(), which
// feeds the log and its summary. Window geometry and dock layout persist in
// QSettings.
#pragma once

#include <sockscope/events/event.h>

#include <QMainWindow>

class EventLogDock;
class EventLogModel;
class EventStatsModel;
class QTabWidget;

class SignalHub;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `reactor` runs the tabs' engines (in the window: an EpollReactor
    /// driven by QtReactor).
    MainWindow(sockscope::Reactor &reactor, sockscope::TimePoint start, QWidget *parent = nullptr);
    ~MainWindow() override;

    sockscope::EventSink &eventSink() { return events_; }
    EventLogModel *eventLog() const { return log_; }
    EventLogDock *eventLogDock() const { return logDock_; }
    QTabWidget *tabs() const { return tabs_; }
    /// Every signal the window receives; start() it once the loop runs.
    SignalHub *signalHub() const { return signalHub_; }

public slots:
    /// The engine's event loop failed: nothing more will arrive. Says so.
    void showLoopFailure(std::error_code error);

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildTabs(sockscope::Reactor &reactor);
    void buildMenus();
    void buildShortcuts();
    void restoreSettings();
    void saveSettings() const;
    void showAbout();

    sockscope::EventFanout events_;
    EventLogModel *log_;
    EventStatsModel *stats_;
    EventLogDock *logDock_;
    QTabWidget *tabs_;
    SignalHub *signalHub_;
    bool firstLayout_ = true;
};
