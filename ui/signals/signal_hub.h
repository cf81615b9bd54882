// SignalHub: every signal the window receives, read from one signalfd.
//
// main() blocks every signal it can before a thread exists, so a signal is
// read here or not at all. The ones the person watches (the Signals tab's
// watch set) become `signal-received` events, built by the engine; every
// other one gets the kernel's default action emulated
// (sockscope::actAsDefault): an end of the program is asked for through
// endRequested() so the window closes cleanly, a stop stops the process
// (Ctrl-Z), and the rest is dropped.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/ipc/signal_watcher.h>

#include <QObject>
#include <QSet>
#include <memory>

class SignalHub : public QObject {
    Q_OBJECT
public:
    SignalHub(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent = nullptr);
    ~SignalHub() override;

    /// Starts reading; an error when the signalfd cannot be made.
    std::error_code start();

    void setWatched(int signal, bool watched);
    bool isWatched(int signal) const { return watched_.contains(signal); }
    QSet<int> watched() const { return watched_; }

signals:
    void watchedChanged();
    /// A watched signal arrived; the event went to the sink as well.
    void delivered(const sockscope::Event &event);
    /// A signal nobody watches asks the program to end, with this status.
    void endRequested(int signal, int status);

private:
    void arrived(const sockscope::SignalInfo &info);

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    QSet<int> watched_;
    std::unique_ptr<sockscope::SignalWatcher> watcher_;
};
