// Small helpers for tests and benchmarks that run an EpollReactor directly.
#pragma once

#include <sockscope/reactor/epoll_reactor.h>
#include <sockscope/proc/process_limits.h>

#include <QtGlobal>
#include <chrono>
#include <functional>

/// A new reactor; aborts the test binary if the system refuses one.
inline std::unique_ptr<sockscope::EpollReactor> makeReactor()
{
    std::error_code error;
    auto reactor = sockscope::EpollReactor::create(error);
    if (!reactor)
        qFatal("EpollReactor::create: %s", error.message().c_str());
    return reactor;
}

/// Runs `reactor` until `done()` or `timeout` (which only catches a hang).
inline bool runUntil(sockscope::EpollReactor &reactor, const std::function<bool()> &done,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5))
{
    const auto deadline = sockscope::Clock::now() + timeout;
    while (!done() && sockscope::Clock::now() < deadline)
        reactor.runFor(std::chrono::milliseconds(1));
    return done();
}
