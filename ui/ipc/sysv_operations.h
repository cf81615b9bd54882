// SysvOperations: what perlipc does with a System V object, done on the one
// selected in the System V page: write and read a shared memory segment,
// semop on a semaphore (take, give, wait for zero, with or without
// IPC_NOWAIT), send and receive typed messages. An operation that blocks
// runs on SysvObjects' worker; it can be cancelled here, and removing the
// object wakes it with EIDRM. The outcomes are the registry's events,
// which the page shows in words (SysvEventText).
#pragma once

#include <sockscope/ipc/sysv_objects.h>

#include <QWidget>
#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

class SysvOperations : public QWidget {
    Q_OBJECT
public:
    // `objects` is the page's registry. It goes before this widget (a member
    // of the page, this a child), and a completion it holds is never called
    // once it has gone (its workers' posts reach it only weakly).
    explicit SysvOperations(sockscope::SysvObjects &objects, QWidget *parent = nullptr);

    /// The object operated on; none: the controls wait for a selection.
    void setTarget(std::optional<sockscope::SysvKind> kind, int id);

    QLineEdit *textInput(sockscope::SysvKind kind) const;
    QSpinBox *numberInput(sockscope::SysvKind kind) const; ///< offset, semaphore, message type
    QSpinBox *changeInput() const { return change_; }     ///< semop's value
    QPushButton *writeButton() const { return write_; }
    QPushButton *readButton() const { return read_; }
    QPushButton *operateButton() const { return operate_; }
    QPushButton *sendButton() const { return send_; }
    QPushButton *receiveButton() const { return receive_; }
    QPushButton *cancelButton() const { return cancel_; }

private:
    QWidget *segmentPage();
    QWidget *semaphorePage();
    QWidget *queuePage();
    // Its text with its escapes read; none (and why, said) when one is malformed.
    std::optional<std::vector<unsigned char>> textBytes(QLineEdit *input);
    // Follows an operation that went to a worker, so it can be cancelled
    // until its outcome comes.
    void follow(const sockscope::SysvOutcome &started);
    void finished();
    void cancelWaits();

    sockscope::SysvObjects &objects_;
    int id_ = -1;
    std::vector<sockscope::SysvWaiterId> waiting_;

    QLabel *target_;
    QStackedWidget *pages_;
    QSpinBox *offset_;
    QLineEdit *segmentText_;
    QPushButton *write_;
    QPushButton *read_;
    QSpinBox *semaphore_;
    QSpinBox *change_;
    QCheckBox *semaphoreNoWait_;
    QPushButton *operate_;
    QSpinBox *messageType_;
    QLineEdit *messageText_;
    QCheckBox *queueNoWait_;
    QPushButton *send_;
    QPushButton *receive_;
    QPushButton *cancel_;
};
