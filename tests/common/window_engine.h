// The engine as the window runs it, for widget tests: an EpollReactor
// driven by Qt's event loop (QtReactor) and an event log to write to.
#pragma once

#include "models/event_log_model.h"
#include "qt_reactor.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <memory>

struct WindowEngine {
    std::unique_ptr<sockscope::EpollReactor> reactor;
    std::unique_ptr<QtReactor> qtReactor;
    std::unique_ptr<EventLogModel> log;

    /// False if the system refuses an epoll descriptor.
    bool start()
    {
        std::error_code error;
        reactor = sockscope::EpollReactor::create(error);
        if (!reactor)
            return false;
        qtReactor = std::make_unique<QtReactor>(*reactor);
        log = std::make_unique<EventLogModel>(sockscope::Clock::now());
        return true;
    }
};
