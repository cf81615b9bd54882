// ResolveController: the Resolve tab's engine, without widgets.
//
// It owns a sockscope::Resolver on the window's reactor, starts one query
// at a time (a new one cancels the old), asks for reverse names and the
// "why this answer" facts, reports each result as a signal, and writes the
// schema's events (address, resolved, resolve-failed) to the event log.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/events/input_error.h>
#include <sockscope/resolve/resolver.h>

#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

class ResolveController : public QObject {
    Q_OBJECT
public:
    struct Query {
        QString target;             ///< as typed: host, host:service, [v6]:service, ...
        sockscope::ResolveHints hints;
        bool reverse = false;       ///< look up names of the addresses
        int reverseFlags = 0;       ///< NI_* for getnameinfo
    };

    ResolveController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent = nullptr);
    ~ResolveController() override;

    /// Starts `query`, cancelling any running one. Bad input starts nothing
    /// and is returned.
    std::optional<sockscope::InputError> start(const Query &query);
    /// Drops the running query: nothing more is reported for it.
    void cancel();
    /// Until the answer, its reverse names and its explanation have arrived.
    bool busy() const { return lookup_ != 0 || !followUps_.empty(); }

signals:
    void resolved(const sockscope::ResolveResult &result);
    void reverseResolved(int row, const sockscope::ReverseResult &result);
    void explained(const sockscope::ResolverExplanation &explanation);
    void busyChanged(bool busy);

private:
    void onResolved(const sockscope::ResolveResult &result);
    void followUpDone(sockscope::RequestId id);
    void emitEvents(const sockscope::ResolveResult &result);
    void emitReverseEvent(const sockscope::SocketAddress &address, const sockscope::ReverseResult &reverse);
    sockscope::Event makeEvent(sockscope::EventKind kind) const;

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    std::unique_ptr<sockscope::Resolver> resolver_;
    Query query_;
    sockscope::RequestId lookup_ = 0;
    std::vector<sockscope::RequestId> followUps_; // reverse and explain requests
};
