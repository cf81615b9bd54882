// SignalsTab: the signals this window receives, live. The watch set (any
// signal that can be watched, chosen while the window runs: main() blocked
// them all), the deliveries with their sender and how they were sent, and
// a panel that sends a signal by name, number or RTMIN+n to a process, a
// process group, or this window itself.
#pragma once

#include <sockscope/events/event.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStandardItemModel;
class QTableView;
class SignalHub;

class SignalsTab : public QWidget {
    Q_OBJECT
public:
    SignalsTab(SignalHub &hub, sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);

    QListWidget *watchList() const { return watch_; }
    QTableView *deliveriesView() const { return deliveriesView_; }
    QStandardItemModel *deliveries() const { return deliveries_; }
    QComboBox *signalInput() const { return signal_; }
    QLineEdit *targetInput() const { return target_; }
    QPushButton *sendButton() const { return send_; }
    QLabel *sendStatus() const { return status_; }

private:
    QWidget *buildWatchList();
    QWidget *buildSendPanel();
    void delivered(const sockscope::Event &event);
    void send();

    SignalHub &hub_;
    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    QListWidget *watch_;
    QStandardItemModel *deliveries_;
    QTableView *deliveriesView_;
    QComboBox *signal_;
    QLineEdit *target_;
    QCheckBox *group_;
    QLineEdit *value_;
    QPushButton *send_;
    QLabel *status_;
};
