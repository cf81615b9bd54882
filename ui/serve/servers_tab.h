// ServersTab: start a server from a form and watch who connects.
//
// The form: behaviour, transport, where to listen (loopback by default; an
// address of this machine from QNetworkInterface's list, or typed: anything
// but loopback is marked as reachable from elsewhere) and port (0: the
// kernel picks). Below, the servers started (endpoints, peers, bytes,
// state; Stop), and the peers of the selected one, updating live, with
// what a person does to them: send text (C escapes, a newline added) to
// one peer or to all, close one, abort it with RST, half-close it. Servers
// keep running while other tabs are in use; the window stops them when it
// closes.
#pragma once

#include <QWidget>

class PeersModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class ServersController;
class ServersModel;

namespace sockscope {
class EventSink;
class Reactor;
} // namespace sockscope

class ServersTab : public QWidget {
    Q_OBJECT
public:
    ServersTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);
    ~ServersTab() override;

    ServersController *controller() const { return controller_; }
    QComboBox *behaviourInput() const { return behaviour_; }
    QComboBox *transportInput() const { return transport_; }
    QComboBox *addressInput() const { return address_; }
    QSpinBox *portInput() const { return port_; }
    QPushButton *startButton() const { return startButton_; }
    QPushButton *stopButton() const { return stopButton_; }
    QTableView *serversView() const { return serversView_; }
    QTableView *peersView() const { return peersView_; }
    ServersModel *serversModel() const { return servers_; }
    PeersModel *peersModel() const { return peers_; }
    QLabel *statusLabel() const { return status_; }
    QLabel *warningLabel() const { return warning_; }
    QLineEdit *peerMessageInput() const { return message_; }
    QPushButton *sendToPeerButton() const { return sendToPeer_; }
    QPushButton *sendToAllButton() const { return sendToAll_; }
    QPushButton *closePeerButton() const { return closePeer_; }

public slots:
    void startServer();

private:
    QWidget *makeForm();
    QWidget *makePeerActions();
    void sendToPeers(bool all);
    void endSelectedPeer(int how);
    std::uint64_t selectedPeer() const;
    void fillAddresses();
    void updateWarning();
    void selectionChanged();
    int selectedServer() const;

    ServersController *controller_;
    ServersModel *servers_;
    PeersModel *peers_;
    QComboBox *behaviour_;
    QComboBox *transport_;
    QComboBox *address_;
    QSpinBox *port_;
    QPushButton *startButton_;
    QPushButton *stopButton_;
    QLabel *warning_;
    QLabel *status_;
    QTableView *serversView_;
    QTableView *peersView_;
    QLineEdit *message_;
    QPushButton *sendToPeer_;
    QPushButton *sendToAll_;
    QPushButton *closePeer_;
};
