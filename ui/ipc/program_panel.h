// ProgramPanel: programs started from an argv (split as a command line,
// never run by a shell), listed with their pid and state; the selected
// one's output live, lines typed into its standard input, EOF, SIGTERM,
// SIGKILL and SIGHUP, as a plain child, in a process group of its own or
// as a daemon. While the selected
// one runs and the panel is shown, its sockets are listed
// as /proc shows them (ProcessSocketsWatch, about once a second): a server
// started here can be sent SIGHUP and seen to keep, or lose, its sockets
// (Perl Cookbook 17.15-17.16).
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/proc/child_process.h>
#include <sockscope/procnet/process_sockets_watch.h>

#include <QWidget>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QListView;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;

class ProgramPanel : public QWidget {
    Q_OBJECT
public:
    ProgramPanel(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);
    ~ProgramPanel() override;

    QLineEdit *programInput() const { return program_; }
    QCheckBox *daemonInput() const { return daemon_; }
    QCheckBox *groupInput() const { return group_; }
    QPushButton *startButton() const { return start_; }
    QLineEdit *stdinInput() const { return stdin_; }
    QPlainTextEdit *outputView() const { return output_; }
    QLabel *processStatus() const { return status_; }
    /// One row a program: pid, argv, state; selecting one shows it.
    QStandardItemModel *programsList() const { return list_; }
    QListView *programsView() const { return listView_; }
    QPushButton *hangupButton() const { return hangup_; }
    /// The program's sockets: fd, inode, protocol, local end, remote end or path, state.
    QStandardItemModel *sockets() const { return sockets_; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    // A program started here: its process and what it wrote (the newest
    // kOutputKept bytes), kept while it is listed.
    struct Program {
        std::unique_ptr<sockscope::ChildProcess> child;
        int pid = 0;
        bool daemon = false;
        QString command;
        QString output;
        QString state;
    };

    QWidget *buildControls();
    QWidget *buildList();
    Program *current() const;
    Program *programOf(const sockscope::Event &event) const;
    void select(int row);
    void describe(Program &program, const QString &state);
    void appendOutput(Program &program, const sockscope::Event &event);
    void start();
    void sendLine();
    void signalChild(int signal);
    void seen(const sockscope::Event &event);
    void showSocket(const sockscope::Event &event);
    void updateControls();
    void updateSocketsWatch();

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    sockscope::FunctionSink sink_{[this](const sockscope::Event &event) { seen(event); }};
    std::vector<std::unique_ptr<Program>> programs_; // in the list's order
    Program *starting_ = nullptr; // the one whose first events come from inside ChildProcess::start
    int selected_ = -1;
    std::unique_ptr<sockscope::ProcessSocketsWatch> socketsWatch_;

    QLineEdit *program_;
    QCheckBox *daemon_;
    QCheckBox *group_;
    QPushButton *start_;
    QLineEdit *stdin_;
    QPushButton *send_;
    QPushButton *closeStdin_;
    QPushButton *terminate_;
    QPushButton *kill_;
    QPushButton *hangup_;
    QPlainTextEdit *output_;
    QStandardItemModel *sockets_;
    QStandardItemModel *list_;
    QListView *listView_;
    QLabel *status_;
};
