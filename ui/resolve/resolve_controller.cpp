#include "resolve_controller.h"

ResolveController::ResolveController(sockscope::Reactor &reactor, sockscope::EventSink &events, QObject *parent)
    : QObject(parent), reactor_(reactor), events_(events), resolver_(std::make_unique<sockscope::Resolver>(reactor))
{
}

ResolveController::~ResolveController() = default;

std::optional<sockscope::InputError> ResolveController::start(const QString &target,
                                                              const sockscope::LookupOptions &options)
{
    cancel();
    // A session per lookup: the window keeps only the current one.
    session_ = std::make_unique<sockscope::LookupSession>(reactor_, *resolver_, events_,
                                                          static_cast<sockscope::LookupSession::Observer *>(this));
    const std::size_t index = session_->start(target.trimmed().toStdString(), options);
    current_ = index;
    const sockscope::Lookup &lookup = session_->lookup(index);
    if (lookup.badInput)
        return lookup.badInput;
    setBusy(true);
    return std::nullopt;
}

void ResolveController::cancel()
{
    if (session_ && current_)
        session_->cancel(*current_);
    setBusy(false);
}

const sockscope::Lookup *ResolveController::current() const
{
    return session_ && current_ ? &session_->lookup(*current_) : nullptr;
}

void ResolveController::lookupResolved(std::size_t index)
{
    if (index == current_)
        emit resolved(session_->lookup(index));
}

void ResolveController::lookupReversed(std::size_t index, std::size_t address)
{
    if (index == current_)
        emit reverseResolved(session_->lookup(index), address);
}

void ResolveController::lookupExplained(std::size_t index)
{
    if (index == current_)
        emit explained(session_->lookup(index));
}

void ResolveController::lookupFinished(std::size_t index)
{
    if (index != current_)
        return;
    setBusy(false);
    if (const auto &bad = session_->lookup(index).badInput)
        emit refusedLater(*bad);
}

void ResolveController::setBusy(bool busy)
{
    if (busy_ == busy)
        return;
    busy_ = busy;
    emit busyChanged(busy);
}
