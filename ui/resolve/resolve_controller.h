// ResolveController: the Resolve tab's engine, without widgets.
//
// It owns a Resolver and a LookupSession on the window's reactor and runs
// one lookup at a time (a new one cancels the old). The session decides
// what the lookup reports and writes the schema's events to the event log,
// exactly as `sockscope resolve --json` writes them; the controller only
// tells the tab, through signals, which part of the current lookup arrived.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/events/input_error.h>
#include <sockscope/resolve/lookup.h>

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

class ResolveController : public QObject, private sockscope::LookupSession::Observer {
    Q_OBJECT
public:
    ResolveController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent = nullptr);
    ~ResolveController() override;

    /// Starts resolving `target` (as typed), cancelling any running lookup.
    /// Bad input starts nothing: it is logged (bad-input) and returned.
    std::optional<sockscope::InputError> start(const QString &target, const sockscope::LookupOptions &options);
    /// Drops the running lookup: nothing more is reported for it.
    void cancel();
    /// Until the answer, its reverse names and its explanation have arrived.
    bool busy() const { return busy_; }
    /// The current lookup; null before the first.
    const sockscope::Lookup *current() const;

signals:
    void resolved(const sockscope::Lookup &lookup);
    void reverseResolved(const sockscope::Lookup &lookup, std::size_t address);
    void explained(const sockscope::Lookup &lookup);
    void busyChanged(bool busy);
    /// Input found bad only after it started (a protocol name no list knows).
    void refusedLater(const sockscope::InputError &error);

private:
    void lookupResolved(std::size_t index) override;
    void lookupReversed(std::size_t index, std::size_t address) override;
    void lookupExplained(std::size_t index) override;
    void lookupFinished(std::size_t index) override;
    void setBusy(bool busy);

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    std::unique_ptr<sockscope::Resolver> resolver_;
    std::unique_ptr<sockscope::LookupSession> session_; // after resolver_: it goes first, cancelling its requests
    std::optional<std::size_t> current_;
    bool busy_ = false;
};
