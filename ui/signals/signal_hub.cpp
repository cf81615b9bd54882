#include "signal_hub.h"

#include <sockscope/ipc/signal_names.h>

SignalHub::SignalHub(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent)
    : QObject(parent), reactor_(reactor), events_(events)
{
}

SignalHub::~SignalHub() = default;

std::error_code SignalHub::start()
{
    std::error_code error;
    watcher_ = sockscope::SignalWatcher::create(
        reactor_, sockscope::blockableSignals(), [this](const sockscope::SignalInfo &info) { arrived(info); }, error);
    return error;
}

void SignalHub::setWatched(int signal, bool watched)
{
    if (watched == isWatched(signal))
        return;
    if (watched)
        watched_.insert(signal);
    else
        watched_.remove(signal);
    emit watchedChanged();
}

void SignalHub::arrived(const sockscope::SignalInfo &info)
{
    if (isWatched(info.signal)) {
        const sockscope::Event event = sockscope::signalReceivedEvent(info);
        events_.onEvent(event);
        emit delivered(event);
        return;
    }
    if (sockscope::actAsDefault(info.signal) == sockscope::DefaultOutcome::End)
        emit endRequested(info.signal, sockscope::statusAfterSignal(info.signal));
}
