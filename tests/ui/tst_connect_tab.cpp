// The Connect tab on the offscreen platform, driven with key events, against
// a QTcpServer (a peer this project did not write): the race shown as lanes
// and rows, then a line sent and an answer received.
#include "connect/attempts_model.h"
#include "connect/connect_controller.h"
#include "connect/connect_tab.h"
#include "connect/saved_messages.h"
#include "connect/session_console.h"
#include "connect/socket_options_panel.h"
#include "connect/timeline_widget.h"
#include "models/event_log_model.h"
#include "qt_reactor.h"
#include "widgets/history_combo_box.h"
#include "window_engine.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>

// Shows `tab`, connects it to `server` (listening on loopback for it) and
// returns the server's end; null if any step fails.
QTcpSocket *connectedPeer(ConnectTab &tab, QTcpServer &server)
{
    if (!server.listen(QHostAddress::LocalHost))
        return nullptr;
    tab.resize(900, 600);
    tab.show();
    if (!QTest::qWaitForWindowExposed(&tab))
        return nullptr;
    tab.connectTo(QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    if (!QTest::qWaitFor([&] { return tab.controller()->connected() && server.hasPendingConnections(); }, 10000))
        return nullptr;
    return server.nextPendingConnection();
}

class TestConnectTab : public QObject {
    Q_OBJECT
    WindowEngine engine_;
    sockscope::EpollReactor *reactor_ = nullptr; // engine_'s, for brevity below
    EventLogModel *log_ = nullptr;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear(); // saved messages of an earlier run
        QVERIFY(engine_.start());
        reactor_ = engine_.reactor.get();
        log_ = engine_.log.get();
    }

    void connectsShowsTheAttemptAndTalks()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        ConnectTab tab(*reactor_, *log_);
        tab.resize(900, 600);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QAbstractItemModelTester tester(tab.attemptsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        QTest::keyClicks(tab.targetInput()->lineEdit(), QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
        QTest::keyClick(tab.targetInput()->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(tab.controller()->connected(), 10000);
        QCOMPARE(tab.attemptsModel()->rowCount(), 1);
        QCOMPARE(tab.attemptsModel()->index(0, AttemptsModel::OutcomeColumn).data().toString(),
                 QStringLiteral("connected"));
        QVERIFY(tab.statusLabel()->text().startsWith(QStringLiteral("Connected to 127.0.0.1:")));
        QVERIFY(tab.timeline()->isVisible());

        QTRY_VERIFY(server.hasPendingConnections());
        QTcpSocket *peer = server.nextPendingConnection();
        QVERIFY(tab.sendInput()->isEnabled());
        QTRY_COMPARE(QApplication::focusWidget(), tab.sendInput()); // connected: typing goes to the peer
        // A mistyped new target ends nothing and renames nothing: the
        // session goes on under its own target.
        const QString typed = QStringLiteral("127.0.0.1:%1").arg(server.serverPort());
        tab.targetInput()->setEditText(QStringLiteral("foo:"));
        tab.connectToTarget();
        QVERIFY(tab.controller()->connected());
        QVERIFY(tab.statusLabel()->text().contains(QStringLiteral("service")));
        tab.targetInput()->setEditText(typed);
        QTest::keyClicks(tab.sendInput(), QStringLiteral("ping"));
        QTest::keyClick(tab.sendInput(), Qt::Key_Return);
        QByteArray got;
        QTRY_COMPARE_WITH_TIMEOUT((got += peer->readAll()), QByteArray("ping\n"), 5000);
        peer->write("pong\n");
        QTRY_VERIFY(tab.receivedView()->toPlainText().contains(QStringLiteral("pong")));
        // Half-closed: Send is off, and nothing is queued behind the FIN.
        tab.controller()->shutdownWrite();
        QVERIFY(!tab.sendInput()->isEnabled());
        QVERIFY(!tab.controller()->send("late"));
        peer->close();
        QTRY_VERIFY(!tab.controller()->connected());
        QTRY_COMPARE(tab.statusLabel()->text(), QStringLiteral("Closed (peer-closed)."));
        // The log has the race and the session, as --json would.
        log_->flush();
        QStringList kinds;
        for (int row = 0; row < log_->rowCount(); ++row)
            kinds << QString::fromLatin1(sockscope::eventName(log_->event(row).kind).data());
        for (const char *kind : {"attempt-start", "connected", "data", "closed"})
            QVERIFY2(kinds.contains(QLatin1String(kind)), qPrintable(kinds.join(QLatin1Char(' '))));
    }

    void refusedShowsTheFailure()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost));
        const quint16 port = holder.serverPort();
        holder.close();
        ConnectTab tab(*reactor_, *log_);
        tab.show();
        QTest::keyClicks(tab.targetInput()->lineEdit(), QStringLiteral("127.0.0.1:%1").arg(port));
        QTest::keyClick(tab.targetInput()->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.controller()->racing(), 10000);
        QTRY_COMPARE(tab.attemptsModel()->index(0, AttemptsModel::OutcomeColumn).data().toString(),
                     QStringLiteral("failed: ECONNREFUSED"));
        QTRY_VERIFY(tab.statusLabel()->text().startsWith(QStringLiteral("Could not connect")));
        QVERIFY(!tab.sendInput()->isEnabled());
    }

    void badTargetIsSaid()
    {
        ConnectTab tab(*reactor_, *log_);
        tab.show();
        QTest::keyClicks(tab.targetInput()->lineEdit(), QStringLiteral("localhost"));
        QTest::keyClick(tab.targetInput()->lineEdit(), Qt::Key_Return);
        QVERIFY2(tab.statusLabel()->text().contains(QStringLiteral("service")), qPrintable(tab.statusLabel()->text()));
        QVERIFY(!tab.controller()->racing());
    }

    // Two addresses raced as one list: the refused one and the listener
    // each get a lane, coloured by outcome, the second marked the winner.
    void timelineShowsEveryLaneAndTheWinner()
    {
        QTcpServer server, closedHolder;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QVERIFY(closedHolder.listen(QHostAddress::LocalHost));
        const quint16 closed = closedHolder.serverPort();
        closedHolder.close();
        ConnectTab tab(*reactor_, *log_);
        tab.resize(900, 600);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.connectTo(QStringLiteral("127.0.0.1:%1 127.0.0.1:%2").arg(closed).arg(server.serverPort()));
        QTRY_VERIFY_WITH_TIMEOUT(tab.controller()->connected(), 10000);
        QCOMPARE(tab.attemptsModel()->rowCount(), 2);
        const QImage image = tab.timeline()->grab().toImage();
        const auto laneHas = [&](int lane, sockscope::AttemptOutcome outcome) {
            const QColor colour = TimelineWidget::outcomeColour(outcome);
            for (int x = 0; x < image.width(); ++x) {
                if (image.pixelColor(x, TimelineWidget::laneMiddle(lane)) == colour)
                    return true;
            }
            return false;
        };
        QVERIFY(laneHas(0, sockscope::AttemptOutcome::Failed));
        QVERIFY(!laneHas(0, sockscope::AttemptOutcome::Connected));
        QVERIFY(laneHas(1, sockscope::AttemptOutcome::Connected));
        QVERIFY(!laneHas(2, sockscope::AttemptOutcome::Connected) && !laneHas(2, sockscope::AttemptOutcome::Failed));
        tab.controller()->stop();
    }

    // Saved, selected, repeated five times 40 ms apart: the peer gets five,
    // no sooner than the intervals allow, and the rate says so.
    void savedMessageRepeatsAtItsInterval()
    {
        QTcpServer server;
        ConnectTab tab(*reactor_, *log_);
        QTcpSocket *peer = connectedPeer(tab, server);
        QVERIFY(peer);

        tab.sendInput()->setText(QStringLiteral("tick\\n"));
        QTest::keyClicks(tab.messageName(), QStringLiteral("tick"));
        QTest::keyClick(tab.messageName(), Qt::Key_Return);
        QCOMPARE(tab.savedMessages()->rowCount(), 1);
        QCOMPARE(tab.savedMessages()->message(0).target, QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
        tab.savedMessagesView()->setCurrentIndex(tab.savedMessages()->index(0, 0));
        tab.repeatInterval()->setValue(40);
        tab.repeatCount()->setValue(5);
        QElapsedTimer clock;
        clock.start();
        tab.repeatButton()->click();
        QByteArray got;
        QTRY_COMPARE_WITH_TIMEOUT((got += peer->readAll()), QByteArray("tick\n").repeated(5), 10000);
        QVERIFY(clock.elapsed() >= 4 * 40); // four intervals between five sends
        QTRY_VERIFY(!tab.repeater()->running());
        QCOMPARE(tab.repeater()->sent(), 5);
        QVERIFY(tab.repeater()->rate() > 0 && tab.repeater()->rate() <= 1000.0 / 40 * 1.02);
        QVERIFY2(tab.repeatStatus()->text().startsWith(QStringLiteral("sent 5 · ")), qPrintable(tab.repeatStatus()->text()));
        // Kept in the settings: a new tab lists it.
        ConnectTab again(*reactor_, *log_);
        QCOMPARE(again.savedMessages()->rowCount(), 1);
        QCOMPARE(again.savedMessages()->message(0).payload, QStringLiteral("tick\\n"));
        tab.controller()->stop();
    }

    // Received bytes in a hex dump with time and direction; the transcript
    // on disk has every chunk, as JSON Lines and as text.
    void hexDumpAndTranscript()
    {
        QTcpServer server;
        ConnectTab tab(*reactor_, *log_);
        tab.console()->viewMode()->setCurrentIndex(1);
        QTcpSocket *peer = connectedPeer(tab, server);
        QVERIFY(peer);
        tab.console()->findChild<QComboBox *>(QStringLiteral("connectSendFormat"))->setCurrentIndex(1);
        QTest::keyClicks(tab.sendInput(), QStringLiteral("01 02 zz"));
        QTest::keyClick(tab.sendInput(), Qt::Key_Return);
        QVERIFY2(tab.statusLabel()->text().contains(QStringLiteral("not a number")), qPrintable(tab.statusLabel()->text()));
        tab.sendInput()->setText(QStringLiteral("01 02"));
        QTest::keyClick(tab.sendInput(), Qt::Key_Return);
        QByteArray got;
        QTRY_COMPARE((got += peer->readAll()), QByteArray("\x01\x02", 2));
        peer->write(QByteArray("hi\0", 3));
        QTRY_VERIFY(tab.receivedView()->toPlainText().contains(QStringLiteral("0000  68 69 00")));
        QVERIFY(tab.receivedView()->toPlainText().contains(QStringLiteral("←")));
        QTRY_VERIFY(tab.console()->counters()->text().contains(QStringLiteral("received 3 bytes · sent 2 bytes")));

        QTemporaryDir dir;
        QString error;
        QVERIFY2(tab.console()->transcript().saveJsonLines(dir.filePath(QStringLiteral("t.jsonl")), &error), qPrintable(error));
        QFile json(dir.filePath(QStringLiteral("t.jsonl")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QStringList lines;
        for (const QByteArray &line : json.readAll().split('\n')) {
            if (!line.isEmpty())
                lines << QJsonDocument::fromJson(line).object().value(QStringLiteral("direction")).toString() + QLatin1Char(' ') +
                             QJsonDocument::fromJson(line).object().value(QStringLiteral("hex")).toString();
        }
        QCOMPARE(lines, (QStringList{QStringLiteral("out 0102"), QStringLiteral("in 686900")}));
        QVERIFY(tab.console()->transcript().saveText(dir.filePath(QStringLiteral("t.txt")), &error));
        QFile text(dir.filePath(QStringLiteral("t.txt")));
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QByteArray saved = text.readAll();
        QVERIFY2(saved.contains("2 bytes sent\n\x01\x02") && saved.contains(QByteArray("3 bytes received\nhi\0", 20)),
                 saved.constData());
        tab.controller()->abort();
        QTRY_VERIFY(peer->state() == QAbstractSocket::UnconnectedState || peer->error() == QAbstractSocket::RemoteHostClosedError);
        QTRY_COMPARE(tab.statusLabel()->text(), QStringLiteral("Closed (aborted)."));
    }

    // The options panel's values reach the socket; a UDP "connection" says
    // it took the first address without a race.
    void optionsAndUdpFromThePanel()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        ConnectTab tab(*reactor_, *log_);
        tab.show();
        tab.optionsPanel()->receiveBuffer()->setValue(4096);
        tab.optionsPanel()->bindAddress()->setEditText(QStringLiteral("127.0.0.1"));
        tab.connectTo(QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
        QTRY_VERIFY_WITH_TIMEOUT(tab.controller()->connected(), 10000);
        QTRY_VERIFY2(tab.statusLabel()->text().contains(QStringLiteral("rcvbuf 4096 → 8192")), qPrintable(tab.statusLabel()->text()));
        tab.optionsPanel()->bindAddress()->setEditText(QStringLiteral("localhost"));
        tab.connectTo(QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
        QVERIFY2(tab.statusLabel()->text().startsWith(QStringLiteral("bind: ")), qPrintable(tab.statusLabel()->text()));
        QVERIFY(tab.controller()->connected()); // the running connection stays
        tab.optionsPanel()->bindAddress()->setEditText(QStringLiteral("::1"));
        tab.connectTo(QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
        QTRY_VERIFY2(tab.statusLabel()->text().contains(QStringLiteral("requested family")), qPrintable(tab.statusLabel()->text()));

        QUdpSocket udp;
        QVERIFY(udp.bind(QHostAddress::LocalHost, 0));
        tab.optionsPanel()->bindAddress()->setEditText(QString());
        tab.optionsPanel()->transport()->setCurrentIndex(1);
        tab.connectTo(QStringLiteral("127.0.0.1:%1").arg(udp.localPort()));
        QTRY_VERIFY_WITH_TIMEOUT(tab.controller()->connected(), 10000);
        QVERIFY2(tab.statusLabel()->text().contains(QStringLiteral("without a race")), qPrintable(tab.statusLabel()->text()));
        tab.sendInput()->setText(QStringLiteral("dgram"));
        QTest::keyClick(tab.sendInput(), Qt::Key_Return);
        QTRY_VERIFY(udp.hasPendingDatagrams());
        QCOMPARE(udp.receiveDatagram().data(), QByteArray("dgram\n"));
        tab.controller()->stop();
    }

    // A peer sending as fast as loopback allows: the window keeps turning
    // (the view is redrawn at most every 50 ms, a bounded amount each
    // time), and every byte is counted and in the transcript.
    void fastPeerDoesNotFreezeTheWindow()
    {
        QTcpServer server;
        ConnectTab tab(*reactor_, *log_);
        QTcpSocket *peer = connectedPeer(tab, server);
        QVERIFY(peer);
        constexpr qint64 kBytes = 16 * 1024 * 1024;
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] {
            longestGap = std::max(longestGap, sinceTick.restart());
        });
        sinceTick.start();
        ticker.start(10);
        peer->write(QByteArray(kBytes, 'x'));
        QTRY_VERIFY_WITH_TIMEOUT(tab.console()->counters()->text().startsWith(
                                     QStringLiteral("received %1 bytes").arg(kBytes)),
                                 60000);
        ticker.stop();
        qInfo("16 MiB shown; the longest pause of the event loop: %lld ms", longestGap);
        QVERIFY2(longestGap < 1000, "the window froze"); // generous: only a hang fails
        QVERIFY(tab.receivedView()->blockCount() <= tab.receivedView()->maximumBlockCount());
        QTemporaryDir dir;
        QString error;
        QVERIFY(tab.console()->transcript().saveJsonLines(dir.filePath(QStringLiteral("t.jsonl")), &error));
        QFile json(dir.filePath(QStringLiteral("t.jsonl")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        qint64 spooled = 0;
        while (!json.atEnd())
            spooled += QJsonDocument::fromJson(json.readLine()).object().value(QStringLiteral("bytes")).toInteger();
        QCOMPARE(spooled, kBytes);
        tab.controller()->stop();
    }

    // A tick the peer cannot take is held back and counted, never queued.
    void repeaterHoldsBackWhatIsNotTaken()
    {
        MessageRepeater repeater;
        int offered = 0;
        repeater.start("x", 5, 6, [&](const QByteArray &) { return ++offered % 2 == 0; });
        QTRY_VERIFY(!repeater.running());
        QCOMPARE(repeater.sent(), 6);
        QCOMPARE(repeater.held(), 6);
    }
};

QTEST_MAIN(TestConnectTab)
#include "tst_connect_tab.moc"
