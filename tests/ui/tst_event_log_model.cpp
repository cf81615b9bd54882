// The event log, its filter and the per-kind summary: model contracts
// (QAbstractItemModelTester), batching per event-loop turn, the bounded
// ring with its counted drops.
#include "message_catalog.h"
#include "models/event_log_filter.h"
#include "models/event_log_model.h"
#include "models/event_stats_model.h"
#include "models/interfaces_model.h"

#include <sockscope/events/json_lines.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTime>
#include <cerrno>

using namespace std::chrono_literals;
using sockscope::Event;
using sockscope::EventKind;

namespace {

const sockscope::TimePoint kStart = sockscope::Clock::now();

Event makeEvent(EventKind kind, int n)
{
    Event event;
    event.kind = kind;
    event.time = kStart + std::chrono::milliseconds(n);
    event.target = "host-" + std::to_string(n);
    return event;
}

} // namespace

class TestEventLogModel : public QObject {
    Q_OBJECT
private slots:
    void rowsArriveOncePerTurn()
    {
        EventLogModel model(kStart, 1000);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 500; ++i)
            model.onEvent(makeEvent(EventKind::Address, i));
        QCOMPARE(model.rowCount(), 0); // nothing until the loop turns
        QTRY_COMPARE(model.rowCount(), 500);
        // Then at most every kFlushIntervalMs: a second burst waits its turn.
        model.onEvent(makeEvent(EventKind::Address, 500));
        QTest::qWait(0);
        QCOMPARE(model.rowCount(), 500);
        QTRY_COMPARE(model.rowCount(), 501);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(model.index(0, EventLogModel::WhereColumn).data().toString(), QStringLiteral("host-0"));
        // Wall-clock time of day, 499 ms after the first row; the exact
        // offset from the start is in the tooltip.
        const QTime first = QTime::fromString(model.index(0, EventLogModel::TimeColumn).data().toString(),
                                              QStringLiteral("HH:mm:ss.zzz"));
        const QTime last = QTime::fromString(model.index(499, EventLogModel::TimeColumn).data().toString(),
                                             QStringLiteral("HH:mm:ss.zzz"));
        QVERIFY(first.isValid() && last.isValid());
        QCOMPARE((first.msecsTo(last) + 86'400'000) % 86'400'000, 499);
        QVERIFY(model.index(499, EventLogModel::TimeColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("499.000")));
        QCOMPARE(model.received(), quint64{501});
        QCOMPARE(model.dropped(), quint64{0});
    }

    void oldestRowsGiveWayAndAreCounted()
    {
        EventLogModel model(kStart, 100);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy dropped(&model, &EventLogModel::droppedChanged);
        for (int i = 0; i < 60; ++i)
            model.onEvent(makeEvent(EventKind::Address, i));
        model.flush();
        for (int i = 60; i < 120; ++i)
            model.onEvent(makeEvent(EventKind::Address, i));
        model.flush();
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.dropped(), quint64{20});
        QCOMPARE(model.index(0, EventLogModel::WhereColumn).data().toString(), QStringLiteral("host-20"));
        QCOMPARE(model.index(99, EventLogModel::WhereColumn).data().toString(), QStringLiteral("host-119"));

        // A burst larger than the whole ring keeps only its newest rows.
        for (int i = 120; i < 470; ++i)
            model.onEvent(makeEvent(EventKind::Address, i));
        model.flush();
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.dropped(), quint64{370});
        QCOMPARE(model.received(), quint64{470});
        QCOMPARE(model.received(), model.dropped() + static_cast<quint64>(model.rowCount()));
        QCOMPARE(model.index(0, EventLogModel::WhereColumn).data().toString(), QStringLiteral("host-370"));
        QCOMPARE(dropped.count(), 2);
        QCOMPARE(dropped.last().at(0).toULongLong(), quint64{370});

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.dropped(), quint64{0});
    }

    // Data rows hold their payload: past the byte budget the oldest give
    // way, however few rows there are.
    void payloadBytesAreBounded()
    {
        EventLogModel model(kStart, 100);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPayloadBudget(10'000);
        for (int i = 0; i < 8; ++i) {
            sockscope::Event data = makeEvent(EventKind::Data, i);
            data.payload = std::vector<unsigned char>(3'000, 'x');
            model.onEvent(data);
            model.flush();
        }
        QCOMPARE(model.rowCount(), 3); // 9,000 bytes: a fourth would pass 10,000
        QCOMPARE(model.dropped(), quint64{5});
        QCOMPARE(model.index(0, EventLogModel::WhereColumn).data().toString(), QStringLiteral("host-5"));
        model.onEvent(makeEvent(EventKind::Address, 8)); // no payload: room for it
        model.flush();
        QCOMPARE(model.rowCount(), 4);
    }

    void rowsShowErrorsInWordsAndJson()
    {
        EventLogModel model(kStart, 10);
        Event event = makeEvent(EventKind::ResolveFailed, 5);
        event.address = "::1";
        event.port = 7;
        event.error = std::error_code(ECONNREFUSED, std::system_category());
        model.onEvent(event);
        model.flush();
        QCOMPARE(model.index(0, EventLogModel::WhereColumn).data().toString(), QStringLiteral("[::1]:7"));
        QVERIFY(model.index(0, EventLogModel::DetailColumn).data().toString().startsWith(QStringLiteral("ECONNREFUSED: ")));
        // The row's JSON, read by an independent parser: the schema's fields,
        // t_ms counted from the model's start, the catalogue's words.
        const QJsonObject json = QJsonDocument::fromJson(model.jsonLine(0)).object();
        QCOMPARE(json.value(QStringLiteral("event")).toString(), QStringLiteral("resolve-failed"));
        QCOMPARE(json.value(QStringLiteral("target")).toString(), QStringLiteral("host-5"));
        QCOMPARE(json.value(QStringLiteral("t_ms")).toDouble(), 5.0);
        QCOMPARE(json.value(QStringLiteral("address")).toString(), QStringLiteral("::1"));
        QCOMPARE(json.value(QStringLiteral("port")).toInt(), 7);
        QCOMPARE(json.value(QStringLiteral("error")).toString(), QStringLiteral("ECONNREFUSED"));
        QCOMPARE(json.value(QStringLiteral("errno")).toInt(), ECONNREFUSED);
        QCOMPARE(json.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Connection refused: nothing is listening on that port"));
    }

    void filterByKindAndText()
    {
        EventLogModel model(kStart, 100);
        EventLogFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < 30; ++i)
            model.onEvent(makeEvent(i % 3 == 0 ? EventKind::ReverseResolved : EventKind::Resolved, i));
        model.flush();
        QCOMPARE(filter.rowCount(), 30);
        filter.setKind(EventKind::ReverseResolved);
        QCOMPARE(filter.rowCount(), 10);
        filter.setText(QStringLiteral("HOST-2")); // case-insensitive: host-21, host-24, host-27
        QCOMPARE(filter.rowCount(), 3);
        filter.setKind(std::nullopt);
        QCOMPARE(filter.rowCount(), 11); // host-2 and host-20..29
        // New rows are filtered as they arrive.
        model.onEvent(makeEvent(EventKind::Resolved, 200));
        model.onEvent(makeEvent(EventKind::Resolved, 300));
        model.flush();
        QCOMPARE(filter.rowCount(), 12);
    }

    // A long detail is shown short (painting long text at every repaint is
    // what a flood costs the window), whole in its tooltip, and found by
    // the filter beyond what is shown.
    void longDetailsShownShortFoundWhole()
    {
        EventLogModel model(kStart, 100);
        EventLogFilter filter;
        filter.setSourceModel(&model);
        sockscope::Event data = makeEvent(EventKind::Resolved, 1);
        data.extra.emplace_back("canonname", std::string(200, 'a') + "needle");
        model.onEvent(data);
        model.flush();
        const QString shown = model.index(0, EventLogModel::DetailColumn).data().toString();
        QCOMPARE(shown.size(), EventLogModel::kShownDetail);
        QVERIFY(shown.endsWith(QChar(0x2026)));
        QVERIFY(model.index(0, EventLogModel::DetailColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("needle")));
        filter.setText(QStringLiteral("needle"));
        QCOMPARE(filter.rowCount(), 1);
    }

    void statsCountPerKind()
    {
        EventStatsModel stats(kStart);
        QAbstractItemModelTester tester(&stats, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&stats, &QAbstractItemModel::dataChanged);
        for (int i = 0; i < 100; ++i)
            stats.onEvent(makeEvent(i < 70 ? EventKind::Address : EventKind::ResolverConfig, i));
        QTRY_COMPARE(stats.rowCount(), 2);
        QCOMPARE(changed.count(), 1); // one update for the whole batch
        QCOMPARE(stats.index(0, EventStatsModel::CountColumn).data().toULongLong(), quint64{70});
        QCOMPARE(stats.index(1, EventStatsModel::CountColumn).data().toULongLong(), quint64{30});
        QCOMPARE(stats.index(1, EventStatsModel::LastColumn).data().toString(), QStringLiteral("99.000"));
        stats.clear();
        QCOMPARE(stats.rowCount(), 0);
    }

    void ratesRiseAndFallWithoutEvents()
    {
        EventStatsModel stats(sockscope::Clock::now());
        for (int i = 0; i < 50; ++i)
            stats.onEvent(makeEvent(EventKind::Resolved, i));
        QTRY_COMPARE(stats.rowCount(), 1);
        auto rateNow = [&] { return stats.index(0, EventStatsModel::RateColumn).data().toString().toDouble(); };
        QTRY_VERIFY_WITH_TIMEOUT(rateNow() > 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rateNow(), 0.0, 5000); // no events: the rate decays by itself
    }

    void interfacesIncludeLoopback()
    {
        InterfacesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList addresses;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex interface = model.index(row, 0);
            for (int child = 0; child < model.rowCount(interface); ++child)
                addresses << model.index(child, 0, interface).data(InterfacesModel::AddressRole).toString();
        }
        QVERIFY2(addresses.contains(QStringLiteral("127.0.0.1")), qPrintable(addresses.join(u' ')));
        model.refresh();
        QVERIFY(model.rowCount() > 0);
    }
};

QTEST_GUILESS_MAIN(TestEventLogModel)
#include "tst_event_log_model.moc"
