#include "connect_controller.h"

#include <QMetaObject>

ConnectController::ConnectController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent)
    : QObject(parent), reactor_(reactor), events_(events), resolver_(std::make_unique<sockscope::Resolver>(reactor))
{
}

ConnectController::~ConnectController()
{
    session_.reset();
    connector_.reset(); // before the resolver it asked
    finished_.reset();
}

std::optional<sockscope::InputError> ConnectController::start(const QString &targets,
                                                              const sockscope::RaceConfig &config,
                                                              const sockscope::SocketOptions &options)
{
    std::vector<std::string> texts;
    for (const QString &one : targets.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        texts.push_back(one.toStdString());
    const std::string target = targets.simplified().toStdString();
    std::string bad = target;
    auto parsed = sockscope::parseConnectTargets(texts, &bad);
    if (auto *error = std::get_if<sockscope::InputError>(&parsed)) {
        sockscope::Event event = sockscope::makeEvent(sockscope::EventKind::BadInput, reactor_.now(), bad);
        event.input = *error;
        events_.onEvent(event);
        return *error; // what runs goes on: a typing mistake ends nothing
    }
    stop();
    target_ = target; // only now: the session that runs keeps its own name until here
    lastAttempts_.clear();
    connectedEvent_.reset();
    failedEvent_.reset();
    raceStart_ = reactor_.now();
    ++race_;
    stopped_ = false;
    connector_ = std::make_unique<sockscope::Connector>(
        reactor_, static_cast<sockscope::EventSink &>(*this), target_, config, options,
        [this](sockscope::UniqueFd socket) { raceOver(std::move(socket)); });
    connector_->connect(*resolver_, std::get<std::vector<sockscope::ConnectTarget>>(parsed));
    emit changed();
    return std::nullopt;
}

void ConnectController::stop()
{
    stopped_ = true; // a winner still on its way to a session does not get one
    if (connector_)
        connector_->stop(); // reports through raceOver
    if (session_)
        session_->close();
}

void ConnectController::abort()
{
    if (connected())
        session_->abort();
}

bool ConnectController::send(const QByteArray &bytes)
{
    return canSend() && session_->send(std::vector<unsigned char>(bytes.begin(), bytes.end()));
}

bool ConnectController::canSend() const
{
    return connected() && !session_->writeShut();
}

std::size_t ConnectController::queued() const
{
    return session_ ? session_->queued() : 0;
}

void ConnectController::shutdownWrite()
{
    if (connected())
        session_->shutdownWrite();
    emit changed(); // nothing can be sent now
}

std::vector<sockscope::AttemptRecord> ConnectController::attempts() const
{
    return connector_ ? connector_->plan().attempts() : lastAttempts_;
}

// Data goes by the thousand: it is traffic, not a change of state.
void ConnectController::onEvent(const sockscope::Event &event)
{
    events_.onEvent(event);
    if (event.kind == sockscope::EventKind::Data) {
        emit traffic(event);
        return;
    }
    if (event.kind == sockscope::EventKind::Connected)
        connectedEvent_ = event;
    else if (event.kind == sockscope::EventKind::ConnectFailed)
        failedEvent_ = event;
    emit changed();
}

// The Connector is done: it goes once its callback has returned. A newer
// race may have started meanwhile (Enter pressed again): then this one's
// end is only a closed socket.
void ConnectController::raceOver(sockscope::UniqueFd socket)
{
    lastAttempts_ = connector_->plan().attempts();
    finished_ = std::move(connector_); // still inside its callback: destroyed below, later
    auto shared = std::make_shared<sockscope::UniqueFd>(std::move(socket));
    const std::uint64_t race = race_;
    QMetaObject::invokeMethod(
        this,
        [this, shared, race] {
            finished_.reset();
            if (race != race_ || stopped_) {
                emit changed();
                return;
            }
            if (shared->valid()) {
                sockscope::StreamSession::Callbacks callbacks;
                callbacks.onClosed = [this](const std::string &reason) { emit closed(QString::fromStdString(reason)); };
                std::error_code error;
                session_ = sockscope::StreamSession::start(reactor_, static_cast<sockscope::EventSink &>(*this),
                                                           target_, std::move(*shared),
                                                           sockscope::Duration::zero(), std::move(callbacks), error);
                if (!session_)
                    emit sessionFailed(error);
            }
            emit changed();
        },
        Qt::QueuedConnection);
}
