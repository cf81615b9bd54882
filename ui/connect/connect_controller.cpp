#include "connect_controller.h"

#include <sockscope/resolve/endpoint.h>

#include <QMetaObject>

ConnectController::ConnectController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent)
    : QObject(parent), reactor_(reactor), events_(events), resolver_(std::make_unique<sockscope::Resolver>(reactor))
{
}

ConnectController::~ConnectController()
{
    session_.reset();
    connector_.reset(); // before the resolver it asked
}

std::optional<sockscope::InputError> ConnectController::start(const QString &target,
                                                              const sockscope::RaceConfig &config)
{
    stop();
    target_ = target.trimmed().toStdString();
    auto parsed = sockscope::parseEndpoint(target_);
    std::optional<sockscope::InputError> error;
    if (auto *bad = std::get_if<sockscope::InputError>(&parsed))
        error = *bad;
    const auto *endpoint = std::get_if<sockscope::Endpoint>(&parsed);
    if (endpoint && endpoint->kind == sockscope::Endpoint::Kind::Unix)
        error = sockscope::InputError{sockscope::InputErrorCode::UnixNotAllowed, "host", target_, 0, 0};
    else if (endpoint && endpoint->service.empty())
        error = sockscope::InputError{sockscope::InputErrorCode::EmptyService, "service", "", target_.size(), 0};
    if (error) {
        sockscope::Event event = sockscope::makeEvent(sockscope::EventKind::BadInput, reactor_.now(), target_);
        event.input = error;
        events_.onEvent(event);
        return error;
    }
    lastAttempts_.clear();
    raceStart_ = reactor_.now();
    connector_ = std::make_unique<sockscope::Connector>(
        reactor_, static_cast<sockscope::EventSink &>(*this), target_, config,
        [this](sockscope::UniqueFd socket) { raceOver(std::move(socket)); });
    sockscope::ResolveRequest request;
    request.host = endpoint->host;
    request.service = endpoint->service;
    request.fallbackPort = endpoint->fallbackPort;
    request.hints.socktype = SOCK_STREAM;
    if (const auto numeric = sockscope::SocketAddress::fromNumeric(endpoint->host, 0);
        numeric && endpoint->service.find_first_not_of("0123456789") == std::string::npos) {
        auto address = *numeric;
        address.setPort(std::stoi(endpoint->service));
        connector_->connect({address});
    } else {
        connector_->resolve(*resolver_, request);
    }
    emit changed();
    return std::nullopt;
}

void ConnectController::stop()
{
    if (connector_)
        connector_->stop(); // reports through raceOver
    if (session_)
        session_->close();
}

void ConnectController::send(const QByteArray &bytes)
{
    if (connected())
        session_->send(std::vector<unsigned char>(bytes.begin(), bytes.end()));
}

void ConnectController::shutdownWrite()
{
    if (connected())
        session_->shutdownWrite();
}

std::vector<sockscope::AttemptRecord> ConnectController::attempts() const
{
    return connector_ ? connector_->plan().attempts() : lastAttempts_;
}

void ConnectController::onEvent(const sockscope::Event &event)
{
    events_.onEvent(event);
    emit changed();
}

// The Connector is done: it goes once its callback has returned.
void ConnectController::raceOver(sockscope::UniqueFd socket)
{
    lastAttempts_ = connector_->plan().attempts();
    auto shared = std::make_shared<sockscope::UniqueFd>(std::move(socket));
    QMetaObject::invokeMethod(
        this,
        [this, shared] {
            connector_.reset();
            if (shared->valid()) {
                sockscope::StreamSession::Callbacks callbacks;
                callbacks.onData = [this](const std::vector<unsigned char> &bytes) {
                    emit received(QByteArray(reinterpret_cast<const char *>(bytes.data()),
                                             static_cast<qsizetype>(bytes.size())));
                };
                callbacks.onClosed = [this] { emit closed(QString()); };
                std::error_code error;
                session_ = sockscope::StreamSession::start(reactor_, events_, target_, std::move(*shared),
                                                           sockscope::Duration::zero(), std::move(callbacks), error);
            }
            emit changed();
        },
        Qt::QueuedConnection);
}
