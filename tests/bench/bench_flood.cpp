// The window under a flood: the event log and its live summary table, fed
// 100,000 events a second for 10 seconds by the engine on its reactor
// (inside Qt's event loop through QtReactor), while a Qt timer measures how
// late the event loop runs it. The dock switches between its Log and
// Summary tabs every 200 ms, so both are painted (paints are counted).
// Every event carries a sequence number (`peer`): what is lost is counted
// from the rows themselves (the kept rows must be exactly the newest, in
// order, with no gap), and from the summary's own total, not from the
// log's counters. Prints events ingested per second, kept, dropped, lost,
// and the lag's percentiles.
#include "main_window.h"
#include "models/event_log_model.h"
#include "models/event_stats_model.h"
#include "qt_reactor.h"
#include "widgets/event_log_dock.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QApplication>
#include <QStandardPaths>
#include <QTabWidget>
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
    event.peer = n; // the sequence number
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

// Counts the paint events of a view's viewport: proof that it was drawn.
class PaintCounter : public QObject {
public:
    explicit PaintCounter(QWidget *viewport) { viewport->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        paints += event->type() == QEvent::Paint;
        return false;
    }
};

// Rows carrying a sequence number must be the newest `rows` events, in
// order; returns how many rows break that.
std::uint64_t sequenceBreaks(const EventLogModel &log, std::uint64_t emitted)
{
    std::uint64_t breaks = 0;
    std::uint64_t expected = 0;
    bool first = true;
    for (int row = 0; row < log.rowCount(); ++row) {
        const auto &peer = log.event(row).peer;
        if (!peer)
            continue; // the window's own run-start
        if (first)
            expected = *peer;
        first = false;
        breaks += *peer != expected;
        expected = *peer + 1;
    }
    return breaks + (expected != emitted); // the newest must be the last emitted
}

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
    auto *views = window.eventLogDock()->findChild<QTabWidget *>();
    PaintCounter logPaints(window.eventLogDock()->logView()->viewport());
    PaintCounter summaryPaints(window.eventLogDock()->summaryView()->viewport());
    QTimer switcher;
    switcher.setInterval(200);
    QObject::connect(&switcher, &QTimer::timeout, [views] { views->setCurrentIndex(1 - views->currentIndex()); });
    switcher.start();

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
    QCoreApplication::processEvents(); // the summary's last batch
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    EventLogModel *log = window.eventLog();
    const std::uint64_t emitted = source.emitted();
    std::uint64_t kept = 0;
    std::uint64_t oldest = emitted;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (const auto &peer = log->event(row).peer) {
            ++kept;
            oldest = std::min<std::uint64_t>(oldest, *peer);
        }
    }
    // Everything older than the oldest kept row gave way to newer ones; a
    // gap or a missing newest row among the kept ones is a loss.
    const std::uint64_t gaveWay = oldest;
    const std::uint64_t breaks = sequenceBreaks(*log, emitted);
    const std::uint64_t lost = emitted - (kept + gaveWay) + breaks;
    // The summary's counts as its view shows them, less the window's run-start.
    QAbstractItemModel *stats = window.eventLogDock()->summaryView()->model();
    std::uint64_t summarised = 0;
    for (int row = 0; row < stats->rowCount(); ++row)
        summarised += stats->index(row, EventStatsModel::CountColumn).data().toULongLong();
    summarised -= 1;
    std::printf("Window flood: %.0f events/s offered for %lld s (offscreen, log and summary painted)\n", kRate,
                static_cast<long long>(kDuration.count()));
    std::printf("  events emitted %llu, ingested %llu (%.0f per second)\n", static_cast<unsigned long long>(emitted),
                static_cast<unsigned long long>(log->received()), static_cast<double>(log->received()) / seconds);
    std::printf("  rows kept %llu (capacity %d), older ones given way %llu (the log counted %llu), "
                "lost by sequence number %llu; the summary counted %llu\n",
                static_cast<unsigned long long>(kept), log->capacity(), static_cast<unsigned long long>(gaveWay),
                static_cast<unsigned long long>(log->dropped()), static_cast<unsigned long long>(lost),
                static_cast<unsigned long long>(summarised));
    std::printf("  paints: log %d, summary %d\n", logPaints.paints, summaryPaints.paints);
    std::printf("  event-loop lag over %zu probes every %lld ms: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", lags.size(),
                static_cast<long long>(kLagProbeMs), percentile(lags, 0.5), percentile(lags, 0.99),
                percentile(lags, 1.0));
    const bool met = lost == 0 && summarised == emitted && logPaints.paints > 0 && summaryPaints.paints > 0 &&
                     percentile(lags, 0.99) < 5.0;
    std::printf("  target (nothing lost, summary complete, both views painted, lag p99 < 5 ms): %s\n",
                met ? "met" : "MISSED");
    return 0;
}
