// The window's frame on the offscreen platform: the tabs, the event log dock
// driven with real key and mouse events, export, copy and settings.
#include "main_window.h"
#include "qt_reactor.h"
#include "models/event_log_model.h"
#include "resolve/resolve_tab.h"
#include "resolve/resolve_results_model.h"
#include "connect/connect_controller.h"
#include "connect/connect_tab.h"
#include "models/interfaces_model.h"
#include "tabs/interfaces_tab.h"
#include "widgets/event_log_dock.h"
#include "widgets/history_combo_box.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QAbstractButton>
#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QClipboard>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMap>
#include <QMenuBar>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using sockscope::Event;
using sockscope::EventKind;

namespace {

// Replaces what the log holds (the window's own run-start) with `count`
// numbered events.
void feed(MainWindow &window, int count, EventKind kind = EventKind::Address)
{
    window.eventLog()->clear();
    for (int i = 0; i < count; ++i) {
        Event event;
        event.kind = kind;
        event.time = sockscope::Clock::now();
        event.target = "peer-" + std::to_string(i);
        event.peer = static_cast<std::uint64_t>(i);
        event.payload = std::vector<unsigned char>{'o', 'k', 0xff};
        window.eventSink().onEvent(event);
    }
    window.eventLog()->flush();
}

// 30 events in the log, and "peer-1" typed into its filter: 11 shown.
EventLogDock *filteredLog(MainWindow &window)
{
    feed(window, 30);
    EventLogDock *dock = window.eventLogDock();
    QTest::keyClicks(dock->filterInput()->lineEdit(), QStringLiteral("peer-1"));
    return dock;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    std::unique_ptr<QtReactor> qtReactor_;
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        std::error_code error;
        reactor_ = sockscope::EpollReactor::create(error);
        QVERIFY(reactor_);
        qtReactor_ = std::make_unique<QtReactor>(*reactor_);
    }

    void hasTheProductsTabs()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList names;
        for (int i = 0; i < window.tabs()->count(); ++i)
            names << window.tabs()->tabText(i);
        QCOMPARE(names, (QStringList{QStringLiteral("Resolve"), QStringLiteral("Connect"), QStringLiteral("Servers"),
                                     QStringLiteral("IPC"), QStringLiteral("Signals"), QStringLiteral("Interfaces")}));
        QCOMPARE(window.tabs()->widget(3)->objectName(), QStringLiteral("ipcTab"));
        QCOMPARE(window.tabs()->widget(4)->objectName(), QStringLiteral("signalsTab"));
    }

    void logOpensWithRunStart()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.eventLog()->flush();
        QVERIFY(window.eventLog()->rowCount() >= 1);
        QCOMPARE(window.eventLog()->event(0).kind, EventKind::RunStart);
    }

    void interfacesTabListsLoopback()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.tabs()->setCurrentIndex(5);
        auto *tab = qobject_cast<InterfacesTab *>(window.tabs()->widget(5));
        QVERIFY(tab);
        QAbstractItemModel *model = tab->view()->model();
        QVERIFY(model->rowCount() > 0);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex interface = model->index(row, 0);
            const bool broadcasts = model->index(row, InterfacesModel::FlagsColumn).data().toString().contains(QStringLiteral("broadcast"));
            for (int child = 0; child < model->rowCount(interface); ++child) {
                const QString detail = model->index(child, InterfacesModel::DetailColumn, interface).data().toString();
                QVERIFY2(broadcasts || !detail.contains(QStringLiteral("broadcast")), qPrintable(detail));
                QVERIFY(model->index(child, InterfacesModel::FlagsColumn, interface).data().toString().isEmpty());
            }
        }
        // Ctrl+C copies what the row names: an interface, or an address.
        QGuiApplication::clipboard()->clear();
        tab->view()->setFocus();
        tab->view()->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(tab->view(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), model->index(0, 0).data(InterfacesModel::CopyRole).toString());
        QVERIFY(!QGuiApplication::clipboard()->text().isEmpty());
    }

    void typingFiltersTheLog()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        feed(window, 30);
        EventLogDock *dock = window.eventLogDock();
        QAbstractItemModel *shown = dock->logView()->model();
        QCOMPARE(shown->rowCount(), 30);
        QLineEdit *edit = dock->filterInput()->lineEdit();
        QTest::mouseClick(edit, Qt::LeftButton);
        QTest::keyClicks(edit, QStringLiteral("peer-1"));
        QCOMPARE(shown->rowCount(), 11); // peer-1 and peer-10..19
        QTest::keyClick(edit, Qt::Key_Return); // remembered for next time
        QVERIFY(QSettings().value(QStringLiteral("recent/log-filter")).toStringList().contains(QStringLiteral("peer-1")));
        edit->clear();
        QCOMPARE(shown->rowCount(), 30);

        dock->kindInput()->setCurrentIndex(dock->kindInput()->findData(static_cast<int>(EventKind::ResolverConfig)));
        QCOMPARE(shown->rowCount(), 0);
        dock->kindInput()->setCurrentIndex(0);
        QCOMPARE(shown->rowCount(), 30);
    }

    void copyAndExportGiveJsonLines()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        feed(window, 5);
        EventLogDock *dock = window.eventLogDock();
        QTableView *view = dock->logView();
        view->selectRow(1);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        const QString copied = QGuiApplication::clipboard()->text();
        const QJsonObject row = QJsonDocument::fromJson(copied.toUtf8()).object();
        QCOMPARE(row.value(QStringLiteral("event")).toString(), QStringLiteral("address"));
        QCOMPARE(row.value(QStringLiteral("target")).toString(), QStringLiteral("peer-1"));
        QCOMPARE(row.value(QStringLiteral("hex")).toString(), QStringLiteral("6f6bff"));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.jsonl"));
        QString error;
        QVERIFY(dock->exportJsonLines(path, &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 6); // five rows and the final newline
        for (int i = 0; i < 5; ++i)
            QCOMPARE(QJsonDocument::fromJson(lines[i]).object().value(QStringLiteral("peer")).toInt(), i);

        QVERIFY(!dock->exportJsonLines(dir.filePath(QStringLiteral("no/such/dir/x.jsonl")), &error));
        QVERIFY(error.contains(QStringLiteral("no/such/dir")));
    }

    void clearingWithAFilterAsksFirst()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        EventLogDock *dock = filteredLog(window);
        QCOMPARE(dock->logView()->model()->rowCount(), 11);
        auto *clear = dock->findChild<QPushButton *>(QStringLiteral("logClear"));
        QVERIFY(clear);
        QString asked;
        const auto answer = [&](const QString &button) {
            QTimer::singleShot(0, [&asked, button] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (!box)
                    return;
                asked = box->text();
                for (QAbstractButton *candidate : box->buttons()) {
                    if (candidate->text().startsWith(button))
                        candidate->click();
                }
            });
        };
        answer(QStringLiteral("Cancel"));
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY2(asked.contains(QStringLiteral("shows 11 of 30")), qPrintable(asked));
        QCOMPARE(window.eventLog()->rowCount(), 30);
        answer(QStringLiteral("Clear all 30"));
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(window.eventLog()->rowCount(), 0);
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Cleared 30")));
    }

    void exportSaysWhichRowsAndOpenReadsThemBack()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        EventLogDock *dock = filteredLog(window);
        QTemporaryDir dir;
        const QString all = dir.filePath(QStringLiteral("all.jsonl"));
        const QString shown = dir.filePath(QStringLiteral("shown.jsonl"));
        QString error;
        QVERIFY(dock->exportJsonLines(all, &error));
        QVERIFY(dock->exportJsonLines(shown, &error, true));
        QFile allFile(all), shownFile(shown);
        QVERIFY(allFile.open(QIODevice::ReadOnly) && shownFile.open(QIODevice::ReadOnly));
        QCOMPARE(allFile.readAll().count('\n'), 30);
        QCOMPARE(shownFile.readAll().count('\n'), 11);

        // A --json stream from elsewhere, with a line that is no event.
        const QString stream = dir.filePath(QStringLiteral("cli.jsonl"));
        QFile out(stream);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(R"({"event":"run-start","t_ms":0.0,"pid":1,"time":"2026-01-02T03:04:05.000000Z","version":"0.1.0","argv":["sockscope"]})"
                  "\n"
                  R"({"event":"address","target":"localhost","t_ms":1.5,"address":"::1","port":0,"family":"inet6","socktype":"stream","protocol":"tcp"})"
                  "\nnot an event\n");
        out.close();
        dock->filterInput()->lineEdit()->clear();
        window.eventLog()->clear();
        int skipped = 0;
        QCOMPARE(dock->openJsonLines(stream, &skipped, &error), 2);
        QCOMPARE(skipped, 1);
        window.eventLog()->flush();
        QCOMPARE(window.eventLog()->rowCount(), 2);
        QCOMPARE(window.eventLog()->event(1).address, std::string("::1"));
        // Its times are its own run's, through the wall clock run-start names.
        QCOMPARE(window.eventLog()->index(1, EventLogModel::TimeColumn).data().toString().left(8),
                 QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05.000Z"), Qt::ISODateWithMs)
                     .toLocalTime().time().toString(QStringLiteral("HH:mm:ss")));
        QCOMPARE(dock->openJsonLines(dir.filePath(QStringLiteral("missing.jsonl")), &skipped, &error), -1);
        QVERIFY(error.contains(QStringLiteral("missing.jsonl")));
    }

    void exportAndOpenThroughTheirDialogs()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        EventLogDock *dock = filteredLog(window);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shown.jsonl"));
        // Ctrl+E: first which rows (the 11 shown), then where.
        QTimer::singleShot(0, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QTimer::singleShot(0, [&] {
                auto *files = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
                QVERIFY(files);
                files->selectFile(path);
                static_cast<QDialog *>(files)->accept();
            });
            for (QAbstractButton *button : box->buttons()) {
                if (button->text() == QStringLiteral("Export the 11 shown"))
                    button->click();
            }
        });
        QTest::keyClick(dock->logView(), Qt::Key_E, Qt::ControlModifier);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 11);
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Exported 11 event")),
                 qPrintable(window.statusBar()->currentMessage()));

        // Ctrl+O reads it back in.
        dock->filterInput()->lineEdit()->clear();
        window.eventLog()->clear();
        window.activateWindow(); // the closed dialogs leave no window active offscreen
        QTRY_VERIFY(window.isActiveWindow());
        QTimer::singleShot(0, [&] {
            auto *files = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            QVERIFY(files);
            files->selectFile(path);
            static_cast<QDialog *>(files)->accept();
        });
        QTest::keyClick(dock->logView(), Qt::Key_O, Qt::ControlModifier);
        window.eventLog()->flush();
        QCOMPARE(window.eventLog()->rowCount(), 11);
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Read 11 event")));
    }

    void shortcutsWorkFromTheLog()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        window.tabs()->setCurrentIndex(0);
        QTableView *log = window.eventLogDock()->logView();
        log->setFocus();
        QTRY_VERIFY(log->hasFocus());
        QTest::keyClick(log, Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(window.tabs()->widget(0)->isAncestorOf(QApplication::focusWidget()));
        auto *resolve = qobject_cast<ResolveTab *>(window.tabs()->widget(0));
        QVERIFY(QApplication::focusWidget() == resolve->targetInput() ||
                QApplication::focusWidget() == resolve->targetInput()->lineEdit());
        log->setFocus();
        QTest::keyClick(log, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(window.tabs()->currentIndex(), 1);
        QTest::keyClick(log, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(window.tabs()->currentIndex(), 0);
    }

    // The Resolve tab hands its answer to the Connect tab: the chosen
    // address, or every address a connector would try, raced as one list.
    void resolveSendsItsAnswerToConnect()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *resolve = qobject_cast<ResolveTab *>(window.tabs()->widget(0));
        auto *connectTab = qobject_cast<ConnectTab *>(window.tabs()->widget(1));
        QTest::keyClicks(resolve->targetInput()->lineEdit(), QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
        QTest::keyClick(resolve->targetInput()->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(resolve->resultsModel()->rowCount() > 0, 10000);
        auto *connectAll = resolve->resultsView()->findChild<QAction *>(QStringLiteral("resolveConnectAll"));
        QVERIFY(connectAll);
        connectAll->trigger();
        QCOMPARE(window.tabs()->currentWidget(), connectTab);
        QCOMPARE(connectTab->targetInput()->currentText(), QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
        QTRY_VERIFY_WITH_TIMEOUT(connectTab->controller()->connected(), 10000);
        connectTab->controller()->stop();

        window.tabs()->setCurrentIndex(0);
        resolve->resultsView()->setCurrentIndex(resolve->resultsView()->model()->index(0, 0));
        resolve->resultsView()->findChild<QAction *>(QStringLiteral("resolveConnectOne"))->trigger();
        QCOMPARE(window.tabs()->currentWidget(), connectTab);
        QTRY_VERIFY_WITH_TIMEOUT(connectTab->controller()->connected(), 10000);
        connectTab->controller()->stop();
    }

    void mnemonicsDoNotClash()
    {
        // Alt+letter reaches one control: the menus, the Resolve tab and the
        // log dock are all in reach at once.
        MainWindow window(*reactor_, sockscope::Clock::now());
        // Per tab: a hidden tab's mnemonics are not in reach.
        for (int tab : {0, 1}) {
            QStringList texts;
            for (QAction *menu : window.menuBar()->actions())
                texts << menu->text();
            for (QWidget *root : {window.tabs()->widget(tab), static_cast<QWidget *>(window.eventLogDock())}) {
                for (auto *label : root->findChildren<QLabel *>())
                    texts << label->text();
                for (auto *button : root->findChildren<QAbstractButton *>())
                    texts << button->text();
            }
            QMap<QChar, QString> owner;
            for (const QString &text : texts) {
                const qsizetype at = text.indexOf(QLatin1Char('&'));
                if (at < 0 || at + 1 >= text.size() || text.at(at + 1) == QLatin1Char('&'))
                    continue;
                const QChar key = text.at(at + 1).toLower();
                QVERIFY2(!owner.contains(key), qPrintable(owner.value(key) + QStringLiteral(" and ") + text));
                owner.insert(key, text);
            }
            QVERIFY(owner.size() >= 8);
        }
    }

    void loopFailureIsShown()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString shown;
        QTimer::singleShot(0, [&shown] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->accept();
            }
        });
        window.showLoopFailure(std::error_code(EBADF, std::system_category()));
        QVERIFY2(shown.contains(QStringLiteral("event loop failed")), qPrintable(shown));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Bad file descriptor")));
    }

    void droppedRowsAreVisible()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QLabel *label = window.eventLogDock()->droppedLabel();
        QVERIFY(label->isHidden());
        feed(window, window.eventLog()->capacity() + 25);
        QVERIFY(label->isVisible());
        QVERIFY(label->text().contains(QStringLiteral("25 oldest dropped")));
    }

    void layoutPersists()
    {
        {
            MainWindow window(*reactor_, sockscope::Clock::now());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(900, 640);
            window.tabs()->setCurrentIndex(5);
            window.eventLogDock()->hide();
            window.close();
        }
        MainWindow again(*reactor_, sockscope::Clock::now());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(900, 640));
        QCOMPARE(again.tabs()->currentIndex(), 5);
        QVERIFY(again.eventLogDock()->isHidden());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
