#include "resolve_controller.h"

#include "resolve_text.h"

#include <sockscope/resolve/endpoint.h>

#include <memory>

ResolveController::ResolveController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent)
    : QObject(parent), reactor_(reactor), events_(events), resolver_(std::make_unique<sockscope::Resolver>(reactor))
{
}

ResolveController::~ResolveController() = default;

std::optional<sockscope::InputError> ResolveController::start(const Query &query)
{
    const std::string text = query.target.trimmed().toStdString();
    auto parsed = sockscope::parseEndpoint(text);
    if (auto *error = std::get_if<sockscope::InputError>(&parsed))
        return *error;
    const auto &endpoint = std::get<sockscope::Endpoint>(parsed);
    if (endpoint.kind == sockscope::Endpoint::Kind::Unix)
        return sockscope::InputError{sockscope::InputErrorCode::UnixNotAllowed, "host", text, 0, 0};

    cancel();
    query_ = query;
    query_.target = QString::fromStdString(text);
    sockscope::ResolveRequest request;
    request.host = endpoint.host;
    request.service = endpoint.service;
    request.fallbackPort = endpoint.fallbackPort;
    request.hints = query.hints;
    lookup_ = resolver_->resolve(request, [this](const sockscope::ResolveResult &result) { onResolved(result); });
    auto explainId = std::make_shared<sockscope::RequestId>(0);
    *explainId = resolver_->explain(endpoint.host, {}, [this, explainId](const sockscope::ResolverExplanation &e) {
        emit explained(e);
        followUpDone(*explainId);
    });
    followUps_.push_back(*explainId);
    emit busyChanged(true);
    return std::nullopt;
}

void ResolveController::cancel()
{
    const bool wasBusy = busy();
    resolver_->cancel(lookup_);
    for (sockscope::RequestId id : followUps_)
        resolver_->cancel(id);
    followUps_.clear();
    lookup_ = 0;
    if (wasBusy)
        emit busyChanged(false);
}

void ResolveController::onResolved(const sockscope::ResolveResult &result)
{
    lookup_ = 0;
    emitEvents(result);
    emit resolved(result);
    if (query_.reverse && !result.error) {
        for (std::size_t i = 0; i < result.entries.size(); ++i) {
            const int row = static_cast<int>(i);
            const sockscope::SocketAddress address = result.entries[i].address;
            auto id = std::make_shared<sockscope::RequestId>(0);
            *id = resolver_->reverse(address, {query_.reverseFlags, true},
                                     [this, row, address, id](const sockscope::ReverseResult &reverse) {
                                         emitReverseEvent(address, reverse);
                                         emit reverseResolved(row, reverse);
                                         followUpDone(*id);
                                     });
            followUps_.push_back(*id);
        }
    }
    if (!busy())
        emit busyChanged(false);
}

void ResolveController::followUpDone(sockscope::RequestId id)
{
    std::erase(followUps_, id);
    if (!busy())
        emit busyChanged(false);
}

void ResolveController::emitReverseEvent(const sockscope::SocketAddress &address,
                                         const sockscope::ReverseResult &reverse)
{
    sockscope::Event event = makeEvent(sockscope::EventKind::ReverseResolved);
    event.address = address.host();
    event.port = address.port();
    event.family = address.family();
    event.elapsed = reverse.elapsed;
    if (reverse.error) {
        event.error = reverse.error;
    } else {
        event.extra.emplace_back("reverse", reverse.host);
        event.extra.emplace_back("confirmed", reverse.confirmed);
    }
    events_.onEvent(event);
}

sockscope::Event ResolveController::makeEvent(sockscope::EventKind kind) const
{
    sockscope::Event event;
    event.kind = kind;
    event.time = reactor_.now();
    event.target = query_.target.toStdString();
    return event;
}

void ResolveController::emitEvents(const sockscope::ResolveResult &result)
{
    if (result.error) {
        sockscope::Event failed = makeEvent(sockscope::EventKind::ResolveFailed);
        failed.error = result.error;
        failed.elapsed = result.elapsed;
        events_.onEvent(failed);
        return;
    }
    for (const sockscope::ResolvedEntry &entry : result.entries) {
        sockscope::Event event = sockscope::addressEvent(entry);
        event.time = reactor_.now();
        event.target = query_.target.toStdString();
        events_.onEvent(event);
    }
    sockscope::Event done = makeEvent(sockscope::EventKind::Resolved);
    done.elapsed = result.elapsed;
    done.extra.emplace_back("count", static_cast<std::int64_t>(result.entries.size()));
    events_.onEvent(done);
}
