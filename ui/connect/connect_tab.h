// ConnectTab: connect to a target and watch the race live (a lane per
// attempt, the attempts table), then talk to the peer: what it sends, and a
// line to send back, a half-close, a close.
#pragma once

#include <QWidget>

class AttemptsModel;
class ConnectController;
class HistoryComboBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
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
    QLineEdit *sendInput() const { return sendInput_; }
    QPlainTextEdit *receivedView() const { return received_; }

public slots:
    void connectToTarget();

private:
    QWidget *makeQueryRow();
    QWidget *makeConsole();
    void refresh();
    void sendLine();

    ConnectController *controller_;
    AttemptsModel *model_;
    HistoryComboBox *target_;
    QComboBox *strategy_;
    QSpinBox *attemptDelay_;
    QPushButton *connectButton_;
    QPushButton *stopButton_;
    QLabel *status_;
    TimelineWidget *timeline_;
    QTableView *table_;
    QPlainTextEdit *received_;
    QLineEdit *sendInput_;
    QPushButton *sendButton_;
    QPushButton *halfCloseButton_;
};
