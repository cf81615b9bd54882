// ServersTab: start a server from a form and watch who connects.
//
// The form: behaviour, transport, where to listen (loopback by default; an
// address of this machine from QNetworkInterface's list, or typed: anything
// but loopback is marked as reachable from elsewhere) and port (0: the
// kernel picks); the server model (in-loop, fork, prefork with its number
// of workers), the forwarder's target, and whether peers' names and
// processes are looked up. Below, the servers started (model, endpoints,
// peers, bytes, state; Stop, Restart), the peers of the selected one,
// updating live (address, name, process, worker), with what a person does
// to them: send text (C escapes, a newline added) to one peer or to all,
// close one, abort it with RST, half-close it; and the selected peer's
// transcript, both ways. Servers keep running while other tabs are in
// use; the window stops them when it closes.
#pragma once

#include <QWidget>

class PeersModel;
class QCheckBox;
class QComboBox;
class QPlainTextEdit;
class QToolButton;
class SocketOptionsPanel;
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
    QPushButton *restartButton() const { return restartButton_; }
    QComboBox *modelInput() const { return model_; }
    QSpinBox *childrenInput() const { return children_; }
    QLineEdit *forwardInput() const { return forwardTo_; }
    QCheckBox *namesInput() const { return names_; }
    QCheckBox *processesInput() const { return processes_; }
    QPlainTextEdit *transcriptView() const { return transcript_; }
    SocketOptionsPanel *optionsPanel() const { return options_; }
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
    QWidget *makeModelRow();
    QWidget *makeServerActions();
    void updateFormState();
    void showTranscript();
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
    QPushButton *restartButton_;
    QComboBox *model_;
    QSpinBox *children_;
    QLineEdit *forwardTo_;
    QCheckBox *names_;
    QCheckBox *processes_;
    QPlainTextEdit *transcript_;
    QToolButton *optionsToggle_;
    SocketOptionsPanel *options_;
    QLabel *warning_;
    QLabel *status_;
    QTableView *serversView_;
    QTableView *peersView_;
    QLineEdit *message_;
    QPushButton *sendToPeer_;
    QPushButton *sendToAll_;
    QPushButton *closePeer_;
};
