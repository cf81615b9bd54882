// The window's frame on the offscreen platform: the tabs, the event log dock
// driven with real key and mouse events, export, copy and settings.
#include "main_window.h"
#include "qt_reactor.h"
#include "models/event_log_model.h"
#include "tabs/interfaces_tab.h"
#include "widgets/event_log_dock.h"
#include "widgets/history_combo_box.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using sockscope::Event;
using sockscope::EventKind;

namespace {

void feed(MainWindow &window, int count, EventKind kind = EventKind::BytesIn)
{
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
        // Tabs without an engine say so in one line and offer no controls.
        for (int i = 1; i < 5; ++i) {
            QWidget *tab = window.tabs()->widget(i);
            auto *label = tab->findChild<QLabel *>(QStringLiteral("pendingMessage"));
            QVERIFY(label);
            QVERIFY(label->text().contains(QStringLiteral("not built yet")));
            QCOMPARE(tab->findChildren<QWidget *>().size(), 1);
        }
    }

    void interfacesTabListsLoopback()
    {
        MainWindow window(*reactor_, sockscope::Clock::now());
        auto *tab = qobject_cast<InterfacesTab *>(window.tabs()->widget(5));
        QVERIFY(tab);
        QVERIFY(tab->view()->model()->rowCount() > 0);
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

        dock->kindInput()->setCurrentIndex(dock->kindInput()->findData(static_cast<int>(EventKind::PeerClosed)));
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
        QCOMPARE(row.value(QStringLiteral("event")).toString(), QStringLiteral("bytes-in"));
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
