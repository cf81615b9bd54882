// The Reactor conformance suite, run under every driver: EpollReactor's own
// loop (tests/core/tst_reactor_epoll) and Qt's event loop through QtReactor
// (tests/ui/tst_reactor_qt). A driver only turns the loop; the checks are
// the same, on real pipes and sockets.
#pragma once

#include <sockscope/reactor/epoll_reactor.h>

#include <QObject>
#include <chrono>
#include <functional>
#include <memory>

class LoopDriver {
public:
    virtual ~LoopDriver() = default;
    virtual sockscope::EpollReactor &reactor() = 0;
    /// Turns the loop until `done()` or `timeout`; returns done().
    virtual bool runUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout) = 0;
    /// Turns the loop for `duration`, whatever happens.
    virtual void runFor(std::chrono::milliseconds duration) = 0;
};

class ReactorConformance : public QObject {
    Q_OBJECT
public:
    using DriverFactory = std::function<std::unique_ptr<LoopDriver>()>;
    explicit ReactorConformance(DriverFactory factory) : factory_(std::move(factory)) {}

private slots:
    void init();
    void cleanup();

    void readReadinessOnPipe();
    void writeReadinessOnSocket();
    void nothingReportedWhenNothingReady();
    void hangupReportedAsReadable();
    void interestChanges();
    void noInterestSilencesHangup();
    void unwatchInsideCallback();
    void destroyWatcherInsideCallback();
    void unwatchOtherInSameBatch();
    void interestChangedEarlierInSameBatch();
    void reusedDescriptorNeverGetsStaleEvent();
    void watchErrors();
    void timersRunInDeadlineOrder();
    void timersDueTogetherRunInStartOrder();
    void timerNeverRunsEarly();
    void timerCancel();
    void timerCancelledByEarlierTimerInSameRound();
    void zeroDelayTimerFromTimerDoesNotStarve();
    void postsFromFourThreadsInOrder();
    void postFromCallbackRunsLater();
    void thousandDescriptorsAtOnce();

private:
    DriverFactory factory_;
    std::unique_ptr<LoopDriver> driver_;
    int descriptorsBefore_ = 0;
};
