// ConnectTab: connect to a target and watch the race live (a lane per
// attempt, the attempts table), then talk to the peer (SessionConsole) and
// send saved messages, once or repeated. The transport, timeouts and
// socket options are in a panel that opens under the target.
#pragma once

#include <QWidget>

class AttemptsModel;
class ConnectController;
class HistoryComboBox;
class MessageRepeater;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QToolButton;
class SavedMessagesModel;
class SessionConsole;
class SocketOptionsPanel;
class TimelineWidget;

namespace sockscope {
class EventSink;
class Reactor;
} // namespace sockscope

class ConnectTab : public QWidget {
    Q_OBJECT
public:
    ConnectTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);

    HistoryComboBox *targetInput() const { return target_; }
    QPushButton *connectButton() const { return connectButton_; }
    ConnectController *controller() const { return controller_; }
    AttemptsModel *attemptsModel() const { return model_; }
    TimelineWidget *timeline() const { return timeline_; }
    QLabel *statusLabel() const { return status_; }
    SessionConsole *console() const { return console_; }
    QLineEdit *sendInput() const;
    QPlainTextEdit *receivedView() const;
    SocketOptionsPanel *optionsPanel() const { return options_; }
    SavedMessagesModel *savedMessages() const { return saved_; }
    QTableView *savedMessagesView() const { return savedView_; }
    MessageRepeater *repeater() const { return repeater_; }
    QLineEdit *messageName() const { return messageName_; }
    QSpinBox *repeatInterval() const { return repeatInterval_; }
    QSpinBox *repeatCount() const { return repeatCount_; }
    QPushButton *repeatButton() const { return repeatButton_; }
    QLabel *repeatStatus() const { return repeatStatus_; }

public slots:
    void connectToTarget();
    /// Fills in `target` (one, or several addresses separated by spaces)
    /// and connects: the Resolve tab's "connect" action.
    void connectTo(const QString &target);

private:
    QWidget *makeQueryRow();
    QWidget *makeSavedMessages();
    void refresh();
    void saveMessage();
    void sendSaved(bool repeat);
    void showRepeatProgress();

    ConnectController *controller_;
    AttemptsModel *model_;
    HistoryComboBox *target_;
    QComboBox *strategy_;
    QSpinBox *attemptDelay_;
    QToolButton *optionsButton_;
    SocketOptionsPanel *options_;
    QPushButton *connectButton_;
    QPushButton *stopButton_;
    QLabel *status_;
    TimelineWidget *timeline_;
    QTableView *table_;
    SessionConsole *console_;
    SavedMessagesModel *saved_;
    QTableView *savedView_;
    MessageRepeater *repeater_;
    QLineEdit *messageName_;
    QSpinBox *repeatInterval_;
    QSpinBox *repeatCount_;
    QPushButton *repeatButton_;
    QLabel *repeatStatus_;
};
