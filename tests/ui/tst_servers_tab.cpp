// The Servers tab on the offscreen platform: an echo server started from
// the form, a client this project did not write (QTcpSocket) connecting,
// its peer row and byte counts updating, then the server stopped.
#include "serve/servers_controller.h"
#include "serve/servers_model.h"
#include "serve/servers_tab.h"
#include "connect/socket_options_panel.h"
#include "window_engine.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QLineEdit>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

class TestServersTab : public QObject {
    Q_OBJECT
    WindowEngine engine_;

    // A pre-forked pool of two, its workers this program's binary.
    static void choosePreforkedPool(ServersTab &tab)
    {
        tab.namesInput()->setChecked(false); // names are looked up only inside a test's own namespace
        tab.controller()->setWorkerProgram(qEnvironmentVariable("SOCKSCOPE_BINARY"));
        tab.show();
        tab.modelInput()->setCurrentIndex(tab.modelInput()->findData(QStringLiteral("prefork")));
        QVERIFY(tab.childrenInput()->isEnabled());
        tab.childrenInput()->setValue(2);
    }

    // Events of `kind` in the window's log so far.
    int logged(sockscope::EventKind kind) const
    {
        engine_.log->flush();
        int n = 0;
        for (int row = 0; row < engine_.log->rowCount(); ++row)
            n += engine_.log->event(row).kind == kind ? 1 : 0;
        return n;
    }

private slots:
    void initTestCase() { QVERIFY(engine_.start()); }

    void echoServerFromTheForm()
    {
        ServersTab tab(*engine_.reactor, *engine_.log);
        tab.namesInput()->setChecked(false); // names are looked up only inside a test's own namespace
        tab.resize(900, 600);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QAbstractItemModelTester servers(tab.serversModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester peers(tab.peersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(tab.behaviourInput()->currentText(), QStringLiteral("echo"));
        QVERIFY(!tab.warningLabel()->isVisible()); // loopback: nothing to warn of
        tab.startButton()->click();
        QTRY_COMPARE(tab.serversModel()->rowCount(), 1);
        const auto &server = tab.controller()->servers().front();
        QCOMPARE(server.endpoints.size(), 2); // 127.0.0.1 and ::1, one port
        const quint16 port = static_cast<quint16>(server.endpoints.front().section(QLatin1Char(':'), -1).toUInt());
        QVERIFY(port != 0);

        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client.waitForConnected(5000));
        client.write("hello");
        QByteArray echoed;
        QTRY_COMPARE_WITH_TIMEOUT((echoed += client.readAll()), QByteArray("hello"), 5000);
        // The peer's row, its counts as they change (the tab shows the new
        // server's peers at once).
        QTRY_COMPARE(tab.peersModel()->rowCount(), 1);
        QTRY_COMPARE(tab.peersModel()->index(0, PeersModel::BytesInColumn).data().toString(), QStringLiteral("5"));
        QCOMPARE(tab.peersModel()->index(0, PeersModel::BytesOutColumn).data().toString(), QStringLiteral("5"));
        QCOMPARE(tab.peersModel()->index(0, PeersModel::StateColumn).data().toString(), QStringLiteral("open"));
        client.write("!!");
        QTRY_COMPARE(tab.peersModel()->index(0, PeersModel::BytesInColumn).data().toString(), QStringLiteral("7"));

        tab.stopButton()->click();
        QTRY_COMPARE(tab.serversModel()->index(0, ServersModel::StateColumn).data().toString(),
                     QStringLiteral("stopped (stopped)"));
        QTRY_COMPARE(tab.peersModel()->index(0, PeersModel::StateColumn).data().toString(),
                     QStringLiteral("closed (stopped)"));
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    }

    // A pre-forked pool from the form: the peer's row says which worker
    // serves it and which process is at the other end (this test), the
    // transcript pane shows both ways; Restart closes the peer (reason
    // restart), starts the workers again and keeps the port; closing
    // reaps every worker.
    void preforkedPoolFromTheForm()
    {
        ServersTab tab(*engine_.reactor, *engine_.log);
        choosePreforkedPool(tab);
        QVERIFY(!tab.forwardInput()->isEnabled()); // echo forwards nowhere
        tab.startButton()->click();
        QTRY_COMPARE(tab.serversModel()->rowCount(), 1);
        QCOMPARE(tab.serversModel()->index(0, ServersModel::ModelColumn).data().toString(), QStringLiteral("prefork"));
        const quint16 port = static_cast<quint16>(
            tab.controller()->servers().front().endpoints.front().section(QLatin1Char(':'), -1).toUInt());
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client.waitForConnected(5000));
        client.write("through a worker");
        QByteArray echoed;
        QTRY_COMPARE_WITH_TIMEOUT((echoed += client.readAll()), QByteArray("through a worker"), 5000);
        QTRY_COMPARE(tab.peersModel()->rowCount(), 1);
        QVERIFY(tab.peersModel()->index(0, PeersModel::WorkerColumn).data().toLongLong() > 0);
        QTRY_VERIFY(tab.peersModel()->index(0, PeersModel::ProcessColumn).data().toString().startsWith(
            QString::number(::getpid()) + QStringLiteral(" (")));
        tab.peersView()->setCurrentIndex(tab.peersModel()->index(0, 0));
        QTRY_VERIFY(tab.transcriptView()->toPlainText().contains(QStringLiteral("< through a worker")));
        QVERIFY(tab.transcriptView()->toPlainText().contains(QStringLiteral("> through a worker")));

        tab.restartButton()->click();
        QTRY_COMPARE(tab.peersModel()->index(0, PeersModel::StateColumn).data().toString(),
                     QStringLiteral("closed (restart)"));
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
        QTRY_VERIFY(tab.serversModel()->index(0, ServersModel::StateColumn).data().toString().contains(
            QStringLiteral("restarted")));
        QTcpSocket again;
        again.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(again.waitForConnected(5000));
        again.write("again");
        QByteArray second;
        QTRY_COMPARE_WITH_TIMEOUT((second += again.readAll()), QByteArray("again"), 5000);

        tab.controller()->stopAll();
        QTRY_COMPARE(logged(sockscope::EventKind::WorkerExited), 4); // two, and two again after the restart
        QCOMPARE(logged(sockscope::EventKind::WorkerStarted), 4);
    }

    // The shared socket options apply to the listening sockets: with
    // SO_REUSEPORT two servers share one port, without it the third is
    // refused (EADDRINUSE), said in the status line.
    void socketOptionsFromThePanel()
    {
        ServersTab tab(*engine_.reactor, *engine_.log);
        tab.namesInput()->setChecked(false); // names are looked up only inside a test's own namespace
        tab.show();
        QTcpServer probe; // a free port, for a moment
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const int port = probe.serverPort();
        probe.close();
        tab.addressInput()->setEditText(QStringLiteral("127.0.0.1"));
        tab.portInput()->setValue(port);
        QCheckBox *reusePort = nullptr;
        for (QCheckBox *box : tab.optionsPanel()->findChildren<QCheckBox *>()) {
            if (box->text() == QLatin1String("SO_REUSEPORT"))
                reusePort = box;
        }
        QVERIFY(reusePort && reusePort->text() == QLatin1String("SO_REUSEPORT"));
        reusePort->setChecked(true);
        tab.startButton()->click();
        tab.startButton()->click();
        QTRY_COMPARE(tab.serversModel()->rowCount(), 2);
        QCOMPARE(tab.serversModel()->index(1, ServersModel::StateColumn).data().toString(), QStringLiteral("running"));
        reusePort->setChecked(false);
        tab.startButton()->click();
        QCOMPARE(tab.serversModel()->rowCount(), 2);
        QVERIFY2(tab.statusLabel()->text().contains(QStringLiteral("EADDRINUSE")) ||
                     tab.statusLabel()->text().contains(QStringLiteral("in use")),
                 qPrintable(tab.statusLabel()->text()));
        tab.controller()->stopAll();
    }

    // Stopping a server with workers does not wait for them on the
    // window's loop: Stop returns at once, and the server says it stopped
    // once both workers are reaped.
    void stoppingWorkersDoesNotBlock()
    {
        ServersTab tab(*engine_.reactor, *engine_.log);
        choosePreforkedPool(tab);
        tab.startButton()->click();
        QTRY_COMPARE(tab.serversModel()->rowCount(), 1);
        const int exitedBefore = logged(sockscope::EventKind::WorkerExited);
        QTRY_COMPARE(logged(sockscope::EventKind::WorkerStarted) - exitedBefore, 2);
        tab.stopButton()->click();
        // Nothing ran the loop since the click: still running, workers leaving.
        QCOMPARE(tab.serversModel()->index(0, ServersModel::StateColumn).data().toString(), QStringLiteral("running"));
        QTRY_COMPARE(tab.serversModel()->index(0, ServersModel::StateColumn).data().toString(),
                     QStringLiteral("stopped (stopped)"));
        QCOMPARE(logged(sockscope::EventKind::WorkerExited) - exitedBefore, 2);
    }

    void nonLoopbackIsMarked()
    {
        ServersTab tab(*engine_.reactor, *engine_.log);
        tab.namesInput()->setChecked(false); // names are looked up only inside a test's own namespace
        tab.show();
        tab.addressInput()->setEditText(QStringLiteral("0.0.0.0"));
        QVERIFY(tab.warningLabel()->isVisible());
        QVERIFY(tab.warningLabel()->text().contains(QStringLiteral("other machines")));
        tab.addressInput()->setEditText(QStringLiteral("127.0.0.2"));
        QVERIFY(!tab.warningLabel()->isVisible());
        tab.addressInput()->setEditText(QStringLiteral("no.such.name"));
        tab.startButton()->click();
        QVERIFY2(tab.statusLabel()->text().contains(QStringLiteral("numeric")), qPrintable(tab.statusLabel()->text()));
        QCOMPARE(tab.serversModel()->rowCount(), 0);
    }

    // A person answers by hand: text to the selected peer, then that peer
    // closed.
    void manualServerAnswersByHand()
    {
        ServersTab tab(*engine_.reactor, *engine_.log);
        tab.namesInput()->setChecked(false); // names are looked up only inside a test's own namespace
        tab.show();
        tab.behaviourInput()->setCurrentText(QStringLiteral("manual"));
        tab.startButton()->click();
        QTRY_COMPARE(tab.serversModel()->rowCount(), 1);
        const quint16 port = static_cast<quint16>(
            tab.controller()->servers().front().endpoints.front().section(QLatin1Char(':'), -1).toUInt());
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client.waitForConnected(5000));
        QTRY_COMPARE(tab.peersModel()->rowCount(), 1);
        tab.peersView()->setCurrentIndex(tab.peersModel()->index(0, 0));
        QTest::keyClicks(tab.peerMessageInput(), QStringLiteral("hello\\tthere"));
        tab.sendToPeerButton()->click();
        QByteArray got;
        QTRY_COMPARE_WITH_TIMEOUT((got += client.readAll()), QByteArray("hello\tthere\n"), 5000);
        tab.closePeerButton()->click();
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
        QTRY_COMPARE(tab.peersModel()->index(0, PeersModel::StateColumn).data().toString(), QStringLiteral("closed (local)"));
    }

    // Peers that come and go by the thousand: all counted, the newest
    // thousand closed ones kept as rows.
    void closedPeersAreBounded()
    {
        ServersTab tab(*engine_.reactor, *engine_.log);
        tab.namesInput()->setChecked(false); // names are looked up only inside a test's own namespace
        tab.behaviourInput()->setCurrentText(QStringLiteral("discard"));
        tab.startButton()->click();
        QTRY_COMPARE(tab.serversModel()->rowCount(), 1);
        const quint16 port = static_cast<quint16>(
            tab.controller()->servers().front().endpoints.front().section(QLatin1Char(':'), -1).toUInt());
        const auto &server = tab.controller()->servers().front();
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        // In batches of 101: the server runs on this thread's event loop,
        // so each batch is accepted (the loop turning) before it closes.
        for (int batch = 0; batch < 10; ++batch) {
            std::vector<int> clients;
            for (int i = 0; i < 101; ++i) {
                const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
                ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address);
                clients.push_back(fd);
            }
            const quint64 expected = static_cast<quint64>(101 * (batch + 1));
            QTRY_COMPARE_WITH_TIMEOUT(server.peers.size() + server.forgottenPeers, expected, 20000);
            for (int fd : clients)
                ::close(fd);
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.peers.size() + server.forgottenPeers, quint64{1010}, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(server.openPeers(), 0, 20000);
        QCOMPARE(server.peers.size(), std::size_t{1000});
        QTRY_VERIFY(tab.serversModel()->index(0, ServersModel::PeersColumn).data().toString().endsWith(QStringLiteral("1010 in all")));
    }
};

QTEST_MAIN(TestServersTab)
#include "tst_servers_tab.moc"
