// SysvPanel: every System V object of this IPC namespace (perlipc's shared
// memory, semaphores and message queues), listed from /proc/sysvipc while
// the panel is shown (SysvListWatch, about once a second), with buttons to
// make one of each kind, to operate on the selected one (SysvOperations:
// write and read, semop, send and receive, a wait cancelled or woken by
// EIDRM), the outcomes in words, and to remove it. What the panel made is
// removed when the window closes (SysvObjects' registry); a removed
// segment still attached stays listed, marked, until its last detach.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/ipc/sysv_list_watch.h>
#include <sockscope/ipc/sysv_objects.h>

#include <QWidget>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class SysvOperations;
class QStandardItemModel;
class QTableView;

class SysvPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { KindColumn, IdColumn, KeyColumn, ModeColumn, OwnerColumn, SizeColumn, StateColumn, Columns };

    SysvPanel(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);
    ~SysvPanel() override;

    QStandardItemModel *objects() const { return objects_; }
    QTableView *objectsView() const { return view_; }
    QPushButton *createButton(sockscope::SysvKind kind) const;
    QPushButton *removeButton() const { return remove_; }
    QLabel *status() const { return status_; }
    SysvOperations *operations() const { return operations_; }
    QPlainTextEdit *outcomesView() const { return outcomes_; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void create(sockscope::SysvKind kind);
    void removeSelected();
    void seen(const sockscope::Event &event);
    void showObject(const sockscope::Event &event);
    int rowOf(const QString &kind, const QString &id) const;
    void selectionChanged();

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    sockscope::FunctionSink sink_{[this](const sockscope::Event &event) { seen(event); }};
    sockscope::SysvObjects made_;
    std::unique_ptr<sockscope::SysvListWatch> watch_;

    QStandardItemModel *objects_;
    QTableView *view_;
    QPushButton *createSegment_;
    QPushButton *createSemaphores_;
    QPushButton *createQueue_;
    QPushButton *remove_;
    SysvOperations *operations_;
    QPlainTextEdit *outcomes_;
    QLabel *status_;
};
