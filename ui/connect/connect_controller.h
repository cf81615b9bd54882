// ConnectController: the Connect tab's engine, without widgets.
//
// It runs one race at a time with core's Connector (the same events as
// `sockscope connect --json`, written to the window's log) and, once
// connected, a StreamSession for what the person sends and receives. It
// passes every event on to the log and then tells the tab what changed;
// the attempts themselves are the Connector's records (attempts()).
#pragma once

#include <sockscope/connect/connector.h>
#include <sockscope/connect/stream_session.h>
#include <sockscope/events/input_error.h>
#include <sockscope/resolve/resolver.h>

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

class ConnectController : public QObject, private sockscope::EventSink {
    Q_OBJECT
public:
    ConnectController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent = nullptr);
    ~ConnectController() override;

    /// Starts a race to `targets` (host:port, [v6]:port, unix:/path; several
    /// addresses separated by spaces are raced as one list, as the CLI's
    /// TARGET...), ending what runs. Bad input starts (and ends) nothing: it
    /// is logged and returned.
    std::optional<sockscope::InputError> start(const QString &targets, const sockscope::RaceConfig &config,
                                               const sockscope::SocketOptions &options = {});
    /// Cancels the race, or closes the connection.
    void stop();
    /// Closes the connection with RST.
    void abort();
    /// Queues bytes for the peer; false when nothing can be sent (not
    /// connected, or half-closed).
    bool send(const QByteArray &bytes);
    void shutdownWrite();
    /// Connected and the write side still open.
    bool canSend() const;
    /// Bytes queued for the peer and not yet taken by the kernel.
    std::size_t queued() const;

    /// The attempts of the current race (empty before the first).
    std::vector<sockscope::AttemptRecord> attempts() const;
    sockscope::TimePoint raceStart() const { return raceStart_; }
    bool racing() const { return connector_ != nullptr; }
    bool connected() const { return session_ && !session_->closed(); }
    /// The current race's `connected` event (what the kernel made of the
    /// socket options included), if it won.
    const std::optional<sockscope::Event> &connectedEvent() const { return connectedEvent_; }
    /// The current race's `connect-failed` event, if it lost.
    const std::optional<sockscope::Event> &failedEvent() const { return failedEvent_; }

signals:
    /// Something about the race or the session changed (an attempt, a state).
    void changed();
    /// Bytes went either way: a `data` event (direction, time, payload).
    void traffic(const sockscope::Event &event);
    /// The session ended: `reason` as the closed event says it
    /// (peer-closed, reset, refused, error, idle-timeout, local, aborted).
    void closed(const QString &reason);
    /// Connected, but the session could not start (the error says why).
    void sessionFailed(std::error_code error);

private:
    void onEvent(const sockscope::Event &event) override;
    void raceOver(sockscope::UniqueFd socket);

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    std::unique_ptr<sockscope::Resolver> resolver_;
    std::unique_ptr<sockscope::Connector> connector_;
    std::unique_ptr<sockscope::Connector> finished_; // over, waiting to be destroyed outside its callback
    std::uint64_t race_ = 0;                          // which race is the current one
    bool stopped_ = false;
    std::unique_ptr<sockscope::StreamSession> session_;
    std::vector<sockscope::AttemptRecord> lastAttempts_; // kept once the Connector is gone
    std::string target_;
    sockscope::TimePoint raceStart_{};
    std::optional<sockscope::Event> connectedEvent_;
    std::optional<sockscope::Event> failedEvent_;
};
