// The Connect tab on the offscreen platform, driven with key events, against
// a QTcpServer (a peer this project did not write): the race shown as lanes
// and rows, then a line sent and an answer received.
#include "connect/attempts_model.h"
#include "connect/connect_controller.h"
#include "connect/connect_tab.h"
#include "connect/timeline_widget.h"
#include "models/event_log_model.h"
#include "qt_reactor.h"
#include "widgets/history_combo_box.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

class TestConnectTab : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    std::unique_ptr<QtReactor> qtReactor_;
    std::unique_ptr<EventLogModel> log_;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        std::error_code error;
        reactor_ = sockscope::EpollReactor::create(error);
        QVERIFY(reactor_);
        qtReactor_ = std::make_unique<QtReactor>(*reactor_);
        log_ = std::make_unique<EventLogModel>(sockscope::Clock::now());
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
        QTest::keyClicks(tab.sendInput(), QStringLiteral("ping"));
        QTest::keyClick(tab.sendInput(), Qt::Key_Return);
        QByteArray got;
        QTRY_COMPARE_WITH_TIMEOUT((got += peer->readAll()), QByteArray("ping\n"), 5000);
        peer->write("pong\n");
        QTRY_VERIFY(tab.receivedView()->toPlainText().contains(QStringLiteral("pong")));
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
};

QTEST_MAIN(TestConnectTab)
#include "tst_connect_tab.moc"
