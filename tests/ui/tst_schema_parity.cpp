// One schema: the same lookups through `sockscope resolve --json --explain`
// and through the window's Resolve tab followed by the event log's export
// give the same events, field by field.
//
// Runs inside a namespace it builds (a hosts file, dnsmasq as the DNS
// server, reverse names from both), so the CLI and the window see the same
// resolver. What the run measures or the system chooses is masked: `t_ms`
// and `elapsed_ms` (present, a number, any value). dnsmasq rotates the
// records of a name, so the events of each lookup are compared as a
// multiset (the order between the answer, the resolver configuration and
// the reverse names is the workers' anyway), `addresses` as a set, and
// `connect_order` (which follows the rotated answer) only for its type;
// each stream is also checked to put every `address` before its `resolved`.
//
// Connecting: `sockscope connect --check --json` against the Connect tab,
// to a refused port, to a listener (a QTcpServer in this namespace), to a
// name whose two addresses have no route here, with a socket option read
// back, over UDP and to a Unix path (a QLocalServer); and a whole session
// with data both ways against an echo server. Masked besides: `local_port`
// (the kernel's choice), in each attempt of `attempts` too.
//
// Serving: `sockscope serve echo --json` against an echo server started
// from the Servers tab, each with one client (QTcpSocket) that sends a
// line, reads it back and closes once its name is known: the listening
// sockets, the peer, its name, the data and its end are the same events.
// Masked besides: `port` (the kernel's, the listener's and the client's)
// and `peer` (a number of the run); the end of each server differs by
// design (`signal` for the CLI, `stopped` for the window) and is left out.
#include "main_window.h"
#include "models/event_log_model.h"
#include "qt_reactor.h"
#include "resolve/resolve_controller.h"
#include "connect/connect_controller.h"
#include "connect/connect_tab.h"
#include "ipc/channel_panel.h"
#include "ipc/ipc_tab.h"
#include "ipc/program_panel.h"
#include "ipc/sysv_operations.h"
#include "ipc/sysv_panel.h"
#include "signals/signals_tab.h"
#include "connect/session_console.h"
#include "connect/socket_options_panel.h"
#include "resolve/resolve_tab.h"
#include "serve/servers_controller.h"
#include "serve/servers_tab.h"
#include "widgets/event_log_dock.h"
#include "widgets/history_combo_box.h"
#include "cli_run.h"
#include "sysv_namespace.h"
#include "test_namespace.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QApplication>
#include <QCheckBox>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QProcess>
#include <QStandardPaths>
#include <QTabWidget>
#include <QLocalServer>
#include <QSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QTcpServer>
#include <QPushButton>
#include <QTcpSocket>
#include <csignal>
#include <QTemporaryDir>
#include <QTest>

namespace {

bool setUp(TestNamespace &ns, QString *error)
{
    if (!ns.writeEtc(QStringLiteral("hosts"), "127.0.0.1 localhost\n192.0.2.10 multi.test\n2001:db8::10 multi.test\n") ||
        !ns.writeEtc(QStringLiteral("nsswitch.conf"), "hosts: files dns\n") ||
        !ns.writeEtc(QStringLiteral("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:2 attempts:1\n")) {
        *error = QStringLiteral("cannot write the namespace's resolver files");
        return false;
    }
    QStringList command{QStringLiteral("dnsmasq"), QStringLiteral("--no-daemon"), QStringLiteral("--no-resolv"),
                        QStringLiteral("--no-hosts"), QStringLiteral("--listen-address=127.0.0.1"),
                        QStringLiteral("--bind-interfaces"), QStringLiteral("--pid-file"),
                        QStringLiteral("--log-facility=-"), QStringLiteral("--local=/test/"),
                        QStringLiteral("--local=/2.0.192.in-addr.arpa/")};
    for (int i = 1; i <= 3; ++i)
        command << QStringLiteral("--host-record=many.test,192.0.2.%1").arg(i);
    QProcess *dnsmasq = ns.start(command);
    if (!dnsmasq) {
        *error = QStringLiteral("dnsmasq did not start");
        return false;
    }
    QByteArray said;
    QDeadlineTimer deadline(20000);
    while (!said.contains("started") && !deadline.hasExpired() && dnsmasq->state() == QProcess::Running) {
        dnsmasq->waitForReadyRead(200);
        said += dnsmasq->readAllStandardError() + dnsmasq->readAllStandardOutput();
    }
    if (!said.contains("started"))
        *error = QStringLiteral("dnsmasq: ") + QString::fromUtf8(said);
    return said.contains("started");
}

struct Case {
    QString target;
    bool reverse = false;
};

QList<QJsonObject> parseLines(const QByteArray &text)
{
    QList<QJsonObject> events;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty())
            events << QJsonDocument::fromJson(line).object();
    }
    return events;
}

// Masks what a run measures; returns the event as canonical text.
QString masked(QJsonObject event)
{
    for (const QString &key : {QStringLiteral("t_ms"), QStringLiteral("elapsed_ms"), QStringLiteral("connect_order"),
                               QStringLiteral("local_port"), QStringLiteral("port"), QStringLiteral("peer"),
                               QStringLiteral("pid")}) {
        if (event.contains(key))
            event.insert(key, event.value(key).isDouble() ? QStringLiteral("<number>") : QStringLiteral("<not a number>"));
    }
    if (event.contains(QStringLiteral("addresses"))) {
        QStringList set;
        for (const QJsonValue &value : event.value(QStringLiteral("addresses")).toArray())
            set << value.toString();
        set.sort();
        event.insert(QStringLiteral("addresses"), QJsonArray::fromStringList(set));
    }
    if (event.contains(QStringLiteral("attempts"))) { // each attempt's own elapsed_ms
        QJsonArray attempts;
        for (const QJsonValue &attempt : event.value(QStringLiteral("attempts")).toArray())
            attempts << QJsonDocument::fromJson(masked(attempt.toObject()).toUtf8()).object();
        event.insert(QStringLiteral("attempts"), attempts);
    }
    return QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
}

QStringList multiset(const QList<QJsonObject> &events)
{
    QStringList texts;
    for (const QJsonObject &event : events)
        texts << masked(event);
    texts.sort();
    return texts;
}

// Every address of a lookup comes before its summary.
bool addressesBeforeSummary(const QList<QJsonObject> &events)
{
    bool summarised = false;
    for (const QJsonObject &event : events) {
        const QString name = event.value(QStringLiteral("event")).toString();
        summarised = summarised || name == QLatin1String("resolved");
        if (summarised && name == QLatin1String("address"))
            return false;
    }
    return true;
}

} // namespace

class TestSchemaParity : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    std::unique_ptr<QtReactor> qtReactor_;
    std::unique_ptr<MainWindow> window_;
    QTemporaryDir dir_;
    QTcpServer listener_; // a peer for the connect cases, in this namespace
    QLocalServer unixListener_; // the same on a Unix path

    ResolveTab *tab() const { return qobject_cast<ResolveTab *>(window_->tabs()->widget(0)); }

    QList<QJsonObject> throughTheCli(const Case &c)
    {
        QStringList arguments{QStringLiteral("resolve"), c.target, QStringLiteral("--json"), QStringLiteral("--explain")};
        if (c.reverse)
            arguments << QStringLiteral("--reverse");
        return cliEvents(arguments);
    }

    QList<QJsonObject> exportedLog()
    {
        window_->eventLog()->flush();
        const QString path = dir_.filePath(QStringLiteral("export.jsonl"));
        QString error;
        if (!window_->eventLogDock()->exportJsonLines(path, &error))
            qWarning("%s", qPrintable(error));
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? parseLines(file.readAll()) : QList<QJsonObject>();
    }

    QList<QJsonObject> cliEvents(const QStringList &arguments)
    {
        QProcess cli;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        environment.remove(QStringLiteral("LANGUAGE"));
        cli.setProcessEnvironment(environment);
        cli.start(qEnvironmentVariable("SOCKSCOPE_BINARY"), arguments);
        cli.closeWriteChannel();
        if (!cli.waitForFinished(30000))
            return {};
        QList<QJsonObject> events = parseLines(cli.readAllStandardOutput());
        if (events.isEmpty() || events.first().value(QStringLiteral("event")).toString() != QLatin1String("run-start"))
            return {};
        events.removeFirst();
        return events;
    }

    QList<QJsonObject> throughTheWindow(const Case &c)
    {
        window_->eventLog()->clear();
        auto *reverse = tab()->findChild<QCheckBox *>(QStringLiteral("resolveReverse"));
        if (reverse->isChecked() != c.reverse)
            QTest::mouseClick(reverse, Qt::LeftButton);
        QLineEdit *edit = tab()->targetInput()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, c.target);
        QTest::keyClick(edit, Qt::Key_Return);
        if (!QTest::qWaitFor([&] { return !tab()->controller()->busy(); }, 30000))
            return {};
        return exportedLog();
    }

private slots:
    void initTestCase()
    {
        if (currentTestNamespace().isEmpty())
            QSKIP(qPrintable(TestNamespace::unavailableReason()));
        QVERIFY(QFile::exists(qEnvironmentVariable("SOCKSCOPE_BINARY")));
        QStandardPaths::setTestModeEnabled(true);
        std::error_code error;
        reactor_ = sockscope::EpollReactor::create(error);
        QVERIFY(reactor_);
        qtReactor_ = std::make_unique<QtReactor>(*reactor_);
        window_ = std::make_unique<MainWindow>(*reactor_, sockscope::Clock::now());
        window_->tabs()->setCurrentIndex(0);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        QVERIFY(listener_.listen(QHostAddress::LocalHost));
        QVERIFY(unixListener_.listen(dir_.filePath(QStringLiteral("unix.sock"))));
    }

    void cleanupTestCase() { window_.reset(); }

    void sameConnectEventsBothWays_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("options"); // the CLI's; the window's panel is set the same
        QTest::addColumn<QString>("last");        // the event the race ends with
        QTcpServer holder;
        holder.listen(QHostAddress::LocalHost);
        const quint16 closed = holder.serverPort();
        holder.close();
        const QString listening = QStringLiteral("127.0.0.1:%1").arg(listener_.serverPort());
        QTest::newRow("refused") << QStringLiteral("127.0.0.1:%1").arg(closed) << QStringList() << QStringLiteral("connect-failed");
        QTest::newRow("listening") << listening << QStringList() << QStringLiteral("connected");
        QTest::newRow("no route, both families") << QStringLiteral("multi.test:80") << QStringList()
                                                 << QStringLiteral("connect-failed");
        QTest::newRow("options read back") << listening << QStringList{QStringLiteral("--rcvbuf"), QStringLiteral("4096")}
                                           << QStringLiteral("connected");
        QTest::newRow("udp, first address") << QStringLiteral("127.0.0.1:%1").arg(closed)
                                            << QStringList{QStringLiteral("--udp")} << QStringLiteral("connected");
        QTest::newRow("unix path") << QStringLiteral("unix:") + unixListener_.fullServerName() << QStringList()
                                   << QStringLiteral("connected");
    }

    void sameConnectEventsBothWays()
    {
        QFETCH(QString, target);
        QFETCH(QStringList, options);
        QFETCH(QString, last);
        const QList<QJsonObject> cli =
            cliEvents(QStringList{QStringLiteral("connect"), target, QStringLiteral("--check"), QStringLiteral("--json")} +
                      options);
        QVERIFY2(!cli.isEmpty() && cli.last().value(QStringLiteral("event")).toString() == last,
                 "the CLI's race did not end as expected");
        window_->eventLog()->clear();
        window_->tabs()->setCurrentIndex(1);
        auto *tab = qobject_cast<ConnectTab *>(window_->tabs()->widget(1));
        tab->optionsPanel()->transport()->setCurrentIndex(options.contains(QStringLiteral("--udp")) ? 1 : 0);
        const qsizetype rcvbuf = options.indexOf(QStringLiteral("--rcvbuf"));
        tab->optionsPanel()->receiveBuffer()->setValue(rcvbuf >= 0 ? options.at(rcvbuf + 1).toInt() : 0);
        QLineEdit *edit = tab->targetInput()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, target);
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return !tab->controller()->racing(); }, 30000));
        const QList<QJsonObject> window = exportedLog();
        tab->controller()->stop(); // the window keeps a session open: end it
        window_->tabs()->setCurrentIndex(0);
        QCOMPARE(multiset(window).join(QLatin1Char('\n')), multiset(cli).join(QLatin1Char('\n')));
    }

    // A whole session: `--send 'ping\n'` (then the half-close the CLI makes
    // after it) against typing "ping" + Enter and Half-close in the tab, to
    // an echo server that closes when we do: the data both ways and the
    // end are the same events.
    void sameSessionEventsBothWays()
    {
        QProcess echo;
        const QString target = startEchoServer(echo);
        QVERIFY(!target.isEmpty());
        const QList<QJsonObject> cli = cliEvents(
            {QStringLiteral("connect"), target, QStringLiteral("--send"), QStringLiteral("ping\\n"), QStringLiteral("--json")});
        QVERIFY2(!cli.isEmpty() && cli.last().value(QStringLiteral("event")).toString() == QLatin1String("closed"),
                 "the CLI's session did not end as expected");

        window_->eventLog()->clear();
        window_->tabs()->setCurrentIndex(1);
        auto *tab = qobject_cast<ConnectTab *>(window_->tabs()->widget(1));
        tab->optionsPanel()->transport()->setCurrentIndex(0);
        tab->optionsPanel()->receiveBuffer()->setValue(0);
        tab->connectTo(target);
        QVERIFY(QTest::qWaitFor([&] { return tab->controller()->connected(); }, 10000));
        QTest::keyClicks(tab->sendInput(), QStringLiteral("ping"));
        QTest::keyClick(tab->sendInput(), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return tab->console()->counters()->text().startsWith(QStringLiteral("received 5")); }, 10000));
        tab->controller()->shutdownWrite();
        QVERIFY(QTest::qWaitFor([&] { return !tab->controller()->connected(); }, 10000));
        const QList<QJsonObject> window = exportedLog();
        window_->tabs()->setCurrentIndex(0);
        echo.kill();
        echo.waitForFinished(5000);
        QCOMPARE(multiset(window).join(QLatin1Char('\n')), multiset(cli).join(QLatin1Char('\n')));
    }

    // One client of an echo server: a line there and back, closed once the
    // server has said its name (`named` says when).
    static bool echoClient(quint16 port, const std::function<bool()> &named)
    {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        if (!client.waitForConnected(5000))
            return false;
        client.write("ping\n");
        QByteArray got;
        if (!QTest::qWaitFor([&] { return (got += client.readAll()) == "ping\n" && named(); }, 10000))
            return false;
        client.disconnectFromHost();
        return true;
    }

    void sameServerEventsBothWays()
    {
        ServeRun cli;
        QVERIFY(cli.start({QStringLiteral("echo")}));
        QVERIFY(echoClient(static_cast<quint16>(cli.port),
                           [&] { return cli.output().contains("\"event\":\"reverse-resolved\""); }));
        QVERIFY(QTest::qWaitFor([&] { return cli.output().contains("\"event\":\"peer-closed\""); }, 10000));
        ::kill(static_cast<pid_t>(cli.process.processId()), SIGINT);
        QVERIFY(cli.process.waitForFinished(10000));
        QList<QJsonObject> fromCli = parseLines(cli.output());
        QCOMPARE(fromCli.takeFirst().value(QStringLiteral("event")).toString(), QStringLiteral("run-start"));
        QCOMPARE(fromCli.takeLast().value(QStringLiteral("event")).toString(), QStringLiteral("server-stopped"));

        window_->eventLog()->clear();
        auto *tab = window_->findChild<ServersTab *>();
        tab->processesInput()->setChecked(false); // as the CLI without --owners
        tab->namesInput()->setChecked(true);
        tab->startButton()->click();
        QVERIFY(QTest::qWaitFor([&] { return !tab->controller()->servers().empty(); }, 5000));
        const auto &server = tab->controller()->servers().back();
        const quint16 port = static_cast<quint16>(server.endpoints.front().section(QLatin1Char(':'), -1).toUInt());
        const auto seen = [this](sockscope::EventKind kind) {
            window_->eventLog()->flush();
            for (int row = 0; row < window_->eventLog()->rowCount(); ++row) {
                if (window_->eventLog()->event(row).kind == kind)
                    return true;
            }
            return false;
        };
        QVERIFY(echoClient(port, [&] { return seen(sockscope::EventKind::ReverseResolved); }));
        QVERIFY(QTest::qWaitFor([&] { return seen(sockscope::EventKind::PeerClosed); }, 10000));
        tab->controller()->stop(server.id);
        QList<QJsonObject> fromWindow = exportedLog();
        QCOMPARE(fromWindow.takeLast().value(QStringLiteral("event")).toString(), QStringLiteral("server-stopped"));
        QVERIFY(fromCli.size() >= 6); // two listening, accepted, named, data both ways, closed
        QCOMPARE(multiset(fromWindow).join(QLatin1Char('\n')), multiset(fromCli).join(QLatin1Char('\n')));
    }

    // A program started from the IPC tab and by `sockscope run`: the same
    // child-started, data on both streams and child-exited (pids masked).
    void sameChildEventsBothWays()
    {
        const QStringList argv{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                               QStringLiteral("echo out; echo err >&2; exit 3")};
        const QList<QJsonObject> fromCli = cliEvents(QStringList{QStringLiteral("run"), QStringLiteral("--json"),
                                                                 QStringLiteral("--")} + argv);
        QCOMPARE(fromCli.size(), 4);

        window_->eventLog()->clear();
        auto *tab = window_->findChild<IpcTab *>();
        QVERIFY(!tab->isVisible()); // its sockets are not watched: no /proc events to compare
        tab->programs()->programInput()->setText(QStringLiteral("/bin/sh -c \"echo out; echo err >&2; exit 3\""));
        tab->programs()->startButton()->click();
        QVERIFY(QTest::qWaitFor([&] { return tab->programs()->processStatus()->text().contains(QStringLiteral("Exited with status 3")); }, 10000));
        QCOMPARE(multiset(exportedLog()).join(QLatin1Char('\n')), multiset(fromCli).join(QLatin1Char('\n')));
    }

    // The liveness check (signal 0) sent from the Signals tab and by
    // `sockscope signals send`: the same signal-sent.
    void sameSignalSentBothWays()
    {
        const QString pid = QString::number(QCoreApplication::applicationPid());
        const QList<QJsonObject> fromCli =
            cliEvents({QStringLiteral("signals"), QStringLiteral("send"), QStringLiteral("0"), pid, QStringLiteral("--json")});
        QCOMPARE(fromCli.size(), 1);
        window_->eventLog()->clear();
        auto *tab = window_->findChild<SignalsTab *>();
        tab->signalInput()->setCurrentText(QStringLiteral("0"));
        tab->targetInput()->setText(pid);
        tab->sendButton()->click();
        QCOMPARE(multiset(exportedLog()).join(QLatin1Char('\n')), multiset(fromCli).join(QLatin1Char('\n')));
    }

    // A typed message sent from the System V page and by `sockscope ipc msg
    // send`, to a queue the CLI made: the same ipc-op.
    void sameSysvOperationBothWays()
    {
        if (const QString problem = ipcNamespaceProblem(); !problem.isEmpty())
            QSKIP(qPrintable(problem));
        const QList<QJsonObject> created = cliEvents({QStringLiteral("ipc"), QStringLiteral("msg"),
                                                      QStringLiteral("create"), QStringLiteral("--json")});
        QCOMPARE(created.value(0).value(QStringLiteral("event")).toString(), QStringLiteral("ipc-created"));
        const int queue = created.value(0).value(QStringLiteral("id")).toInt();
        const QList<QJsonObject> fromCli = cliEvents({QStringLiteral("ipc"), QStringLiteral("msg"), QStringLiteral("send"),
                                                      QString::number(queue), QStringLiteral("2"), QStringLiteral("hello"),
                                                      QStringLiteral("--json")});
        QCOMPARE(fromCli.size(), 1);

        window_->eventLog()->clear();
        SysvOperations *operations = window_->findChild<IpcTab *>()->sysv()->operations();
        operations->setTarget(sockscope::SysvKind::MessageQueue, queue);
        operations->numberInput(sockscope::SysvKind::MessageQueue)->setValue(2);
        operations->textInput(sockscope::SysvKind::MessageQueue)->setText(QStringLiteral("hello"));
        operations->sendButton()->click();
        QCOMPARE(multiset(exportedLog()).join(QLatin1Char('\n')), multiset(fromCli).join(QLatin1Char('\n')));
    }

    void sameEventsBothWays_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("reverse");
        QTest::addColumn<QStringList>("kinds"); // what the lookup must report at least
        const QStringList answer{QStringLiteral("resolver-config"), QStringLiteral("address"), QStringLiteral("resolved")};
        QTest::newRow("numeric") << QStringLiteral("127.0.0.1:7") << false << answer;
        QTest::newRow("hosts file, reverse names")
            << QStringLiteral("multi.test:http") << true << (answer + QStringList{QStringLiteral("reverse-resolved")});
        QTest::newRow("dns, reverse names")
            << QStringLiteral("many.test") << true << (answer + QStringList{QStringLiteral("reverse-resolved")});
        QTest::newRow("unknown name") << QStringLiteral("nothing.test")
                                      << false << QStringList{QStringLiteral("resolve-failed")};
        QTest::newRow("bad input") << QStringLiteral("example.test:70000") << false
                                   << QStringList{QStringLiteral("bad-input")};
    }

    void sameEventsBothWays()
    {
        QFETCH(QString, target);
        QFETCH(bool, reverse);
        QFETCH(QStringList, kinds);
        const Case c{target, reverse};
        const QList<QJsonObject> cli = throughTheCli(c);
        const QList<QJsonObject> window = throughTheWindow(c);
        QVERIFY2(!cli.isEmpty(), "the CLI gave no events");
        QStringList seen;
        for (const QJsonObject &event : cli)
            seen << event.value(QStringLiteral("event")).toString();
        for (const QString &kind : kinds)
            QVERIFY2(seen.contains(kind), qPrintable(kind + QStringLiteral(" missing in ") + seen.join(QLatin1Char(' '))));
        QVERIFY(addressesBeforeSummary(cli));
        QVERIFY(addressesBeforeSummary(window));
        QCOMPARE(multiset(window).join(QLatin1Char('\n')), multiset(cli).join(QLatin1Char('\n')));
    }
};

int main(int argc, char **argv)
{
    const int parent = reexecInsideNamespace(argc, argv, QStringLiteral("parity"), setUp);
    if (parent >= 0)
        return parent;
    QApplication app(argc, argv);
    TestSchemaParity test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_schema_parity.moc"
