// DescriptorPanel: descriptor passing as IO::FDPass does it, seen from
// both ends. A socketpair of the panel's own carries what the person
// chooses (a file opened by path, a pipe's read end, a TCP socket listening
// on loopback, one end of another socketpair) over SCM_RIGHTS, with
// credentials if asked; the sent and the received descriptor are listed
// side by side with their identity (device, inode, mode, the /proc link and
// a socket's addresses), so the same inode on both ends shows it is the
// same open file. It owns the sockets, the FdPass at each end and what it
// passes; events also go to the window's log.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/ipc/fd_pass.h>
#include <sockscope/reactor/unique_fd.h>

#include <QWidget>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;

class DescriptorPanel : public QWidget {
    Q_OBJECT
public:
    enum What { File, PipeEnd, ListeningSocket, PairEnd };

    DescriptorPanel(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);
    ~DescriptorPanel() override;

    QComboBox *whatInput() const { return what_; }
    QLineEdit *pathInput() const { return path_; }
    QPushButton *passButton() const { return pass_; }
    /// message, index, type, device, inode, mode, link or address: one model per end.
    QStandardItemModel *sent() const { return sent_; }
    QStandardItemModel *received() const { return received_; }
    QLabel *status() const { return status_; }

private:
    bool openEnds();
    sockscope::UniqueFd descriptorToPass();
    void pass();
    void seen(const sockscope::Event &event);

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    sockscope::FunctionSink sink_{[this](const sockscope::Event &event) { seen(event); }};
    std::unique_ptr<sockscope::FdPass> sender_;
    std::unique_ptr<sockscope::FdPass> receiver_;
    std::vector<sockscope::UniqueFd> held_; // what was passed, and its other ends: ours to keep open

    QComboBox *what_;
    QLineEdit *path_;
    QCheckBox *credentials_;
    QPushButton *pass_;
    QStandardItemModel *sent_;
    QStandardItemModel *received_;
    QLabel *status_;
};
