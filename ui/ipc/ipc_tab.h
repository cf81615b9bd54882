// IpcTab: the local half of the inspector, one page per kind of thing: a
// pipe, FIFO or socketpair with both ends side by side (ChannelPanel), and
// a program with its streams, signals and sockets (ProgramPanel), and
// descriptors passed over a Unix socket (DescriptorPanel), and the System V
// objects of the machine (SysvPanel).
#pragma once

#include <sockscope/events/event.h>

#include <QWidget>

class ChannelPanel;
class DescriptorPanel;
class ProgramPanel;
class SysvPanel;
class QTabWidget;

class IpcTab : public QWidget {
    Q_OBJECT
public:
    IpcTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);

    QTabWidget *pages() const { return pages_; }
    ChannelPanel *channels() const { return channels_; }
    ProgramPanel *programs() const { return programs_; }
    DescriptorPanel *descriptors() const { return descriptors_; }
    SysvPanel *sysv() const { return sysv_; }

private:
    QTabWidget *pages_;
    ChannelPanel *channels_;
    ProgramPanel *programs_;
    DescriptorPanel *descriptors_;
    SysvPanel *sysv_;
};
