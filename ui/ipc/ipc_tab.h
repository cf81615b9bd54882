// IpcTab: the local half of the inspector. A pipe, a FIFO or a socketpair
// made here with both of its ends side by side (write at one, watch the
// bytes arrive at the other, close either), and a program started from an
// argv with its output live, its standard input typed into, and its end.
//
// While the program runs and the tab is shown, its sockets are listed as
// /proc shows them (ProcessSocketsWatch, about once a second): a server
// started here can be sent SIGHUP and seen to keep, or lose, its sockets.
//
// The tab owns the engine's objects (a Channel, a Fifo, a ChildProcess, the
// watch) and renders the events they emit, which also go to the window's
// log.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/ipc/channel.h>
#include <sockscope/ipc/fifo.h>
#include <sockscope/proc/child_process.h>
#include <sockscope/procnet/process_sockets_watch.h>

#include <QWidget>
#include <array>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;

class IpcTab : public QWidget {
    Q_OBJECT
public:
    IpcTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);
    ~IpcTab() override;

    QComboBox *primitiveInput() const { return primitive_; }
    QPushButton *createButton() const { return create_; }
    QLineEdit *writeInput(int end) const { return ends_[static_cast<std::size_t>(end)].input; }
    QPushButton *writeButton(int end) const { return ends_[static_cast<std::size_t>(end)].write; }
    QPlainTextEdit *receivedView(int end) const { return ends_[static_cast<std::size_t>(end)].received; }
    QLineEdit *programInput() const { return program_; }
    QPushButton *startButton() const { return start_; }
    QLineEdit *stdinInput() const { return stdin_; }
    QPlainTextEdit *outputView() const { return output_; }
    QLabel *processStatus() const { return processStatus_; }
    QPushButton *hangupButton() const { return hangup_; }
    /// The program's sockets: fd, inode, protocol, local end, remote end or path, state.
    QStandardItemModel *sockets() const { return sockets_; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct EndView {
        QLabel *title = nullptr;
        QLineEdit *input = nullptr;
        QPushButton *write = nullptr;
        QPushButton *close = nullptr;
        QPlainTextEdit *received = nullptr;
    };
    class Sink final : public sockscope::EventSink {
    public:
        explicit Sink(IpcTab &tab) : tab_(tab) {}
        void onEvent(const sockscope::Event &event) override { tab_.seen(event); }

    private:
        IpcTab &tab_;
    };

    QWidget *buildChannelBox();
    QWidget *buildEnd(int end);
    QWidget *buildProcessBox();
    void createChannel();
    void writeAt(int end);
    void startProgram();
    void seen(const sockscope::Event &event);
    void showChannel(const sockscope::Event &event);
    void showProcess(const sockscope::Event &event);
    void updateEnds();
    void updateProcess();
    void showSocket(const sockscope::Event &event);
    void updateSocketsWatch();

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    Sink sink_{*this};
    int nextId_ = 1;
    std::unique_ptr<sockscope::Fifo> fifo_;
    std::unique_ptr<sockscope::Channel> channel_;
    std::unique_ptr<sockscope::ChildProcess> child_;
    std::unique_ptr<sockscope::ProcessSocketsWatch> socketsWatch_;

    QComboBox *primitive_;
    QPushButton *create_;
    QLabel *channelStatus_;
    std::array<EndView, 2> ends_;
    QLineEdit *program_;
    QPushButton *start_;
    QLineEdit *stdin_;
    QPushButton *send_;
    QPushButton *closeStdin_;
    QPushButton *terminate_;
    QPushButton *kill_;
    QPushButton *hangup_;
    QStandardItemModel *sockets_;
    QPlainTextEdit *output_;
    QLabel *processStatus_;
};
