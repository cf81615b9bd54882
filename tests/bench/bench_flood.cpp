// The window under a flood: the event log and its live summary table, both
// shown, fed 100,000 events a second for 10 seconds by the engine on its
// reactor (inside Qt's event loop through QtReactor), while a Qt timer
// measures how late the event loop runs it. Prints events ingested per
// second, what was kept and dropped (and that nothing else was lost), and
// the lag's percentiles.
#include "main_window.h"
#include "models/event_log_model.h"
#include "qt_reactor.h"
#include "widgets/event_log_dock.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QApplication>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace std::chrono_literals;
using sockscope::Clock;

namespace {

constexpr double kRate = 100000; // events a second
constexpr auto kDuration = 10s;
constexpr auto kTick = 1ms; // the engine's emitting timer
constexpr qint64 kLagProbeMs = 5;

sockscope::Event sampleEvent(std::uint64_t n)
{
    static const sockscope::EventKind kinds[] = {sockscope::EventKind::Address, sockscope::EventKind::Resolved,
                                                 sockscope::EventKind::ReverseResolved,
                                                 sockscope::EventKind::ResolveFailed};
    sockscope::Event event;
    event.kind = kinds[n % 4];
    event.time = Clock::now();
    event.address = n % 2 ? "::1" : "127.0.0.1";
    event.port = static_cast<int>(40000 + n % 1000);
    event.peer = n % 1000;
    if (event.kind == sockscope::EventKind::ResolveFailed)
        event.error = std::error_code(ECONNREFUSED, std::system_category());
    else
        event.payload = std::vector<unsigned char>{'G', 'E', 'T', ' ', '/', '\r', '\n', 0x00, 0xff};
    return event;
}

// Emits, on every tick, as many events as the rate calls for by now.
class FloodSource {
public:
    FloodSource(sockscope::Reactor &reactor, sockscope::EventSink &sink) : reactor_(reactor), sink_(sink) {}

    void start()
    {
        start_ = Clock::now();
        tick();
    }
    std::uint64_t emitted() const { return emitted_; }
    bool finished() const { return finished_; }

private:
    void tick()
    {
        const auto elapsed = Clock::now() - start_;
        const auto until = std::min(elapsed, std::chrono::duration_cast<Clock::duration>(kDuration));
        const auto due = static_cast<std::uint64_t>(std::chrono::duration<double>(until).count() * kRate);
        while (emitted_ < due)
            sink_.onEvent(sampleEvent(emitted_++));
        if (elapsed >= kDuration) {
            finished_ = true;
            return;
        }
        reactor_.startTimer(kTick, [this] { tick(); });
    }

    sockscope::Reactor &reactor_;
    sockscope::EventSink &sink_;
    Clock::time_point start_;
    std::uint64_t emitted_ = 0;
    bool finished_ = false;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values[index];
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);

    std::error_code error;
    auto reactor = sockscope::EpollReactor::create(error);
    QtReactor qtReactor(*reactor);
    const auto start = Clock::now();
    MainWindow window(*reactor, start);
    window.resize(1280, 800);
    window.show();
    window.eventLogDock()->show();

    FloodSource source(*reactor, window.eventSink());
    std::vector<double> lags;
    auto expected = Clock::now() + std::chrono::milliseconds(kLagProbeMs);
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(static_cast<int>(kLagProbeMs));
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const auto now = Clock::now();
        lags.push_back(std::max(0.0, std::chrono::duration<double, std::milli>(now - expected).count()));
        expected = now + std::chrono::milliseconds(kLagProbeMs);
        if (source.finished())
            QCoreApplication::quit();
    });
    probe.start();
    source.start();
    app.exec();
    window.eventLog()->flush();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    EventLogModel *log = window.eventLog();
    const std::uint64_t emitted = source.emitted();
    const quint64 kept = static_cast<quint64>(log->rowCount());
    const quint64 lost = emitted - (kept + log->dropped());
    std::printf("Window flood: %.0f events/s offered for %lld s (offscreen, log and summary shown)\n", kRate,
                static_cast<long long>(kDuration.count()));
    std::printf("  events emitted %llu, ingested %llu (%.0f per second)\n", static_cast<unsigned long long>(emitted),
                static_cast<unsigned long long>(log->received()), static_cast<double>(log->received()) / seconds);
    std::printf("  rows kept %llu (capacity %d), dropped and counted %llu, lost otherwise %llu\n",
                static_cast<unsigned long long>(kept), log->capacity(), static_cast<unsigned long long>(log->dropped()),
                static_cast<unsigned long long>(lost));
    std::printf("  event-loop lag over %zu probes every %lld ms: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", lags.size(),
                static_cast<long long>(kLagProbeMs), percentile(lags, 0.5), percentile(lags, 0.99),
                percentile(lags, 1.0));
    const bool met = lost == 0 && percentile(lags, 0.99) < 50.0;
    std::printf("  target (nothing lost but counted drops, lag p99 < 50 ms): %s\n", met ? "met" : "MISSED");
    return 0;
}
