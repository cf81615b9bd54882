// The IPC and Signals tabs driven as a person drives them: a pipe made,
// text written at one end and seen at the other; /bin/cat started, a line
// typed into it and its echo seen; SIGUSR1 ticked in the watch set, sent to
// the window from the send panel, and its delivery listed with our pid.
// This binary has its own main(): every signal is blocked before Qt starts
// a thread, as sockscope's main() does.
#include "window_engine.h"

#include "ipc/channel_panel.h"
#include "ipc/descriptor_panel.h"
#include "ipc/ipc_tab.h"
#include "ipc/program_panel.h"
#include "ipc/sysv_operations.h"
#include "ipc/sysv_panel.h"
#include "sysv_namespace.h"
#include "signals/signal_hub.h"
#include "signals/signals_tab.h"

#include <sockscope/ipc/signal_names.h>
#include <sockscope/ipc/signal_watcher.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QListView>
#include <QTableView>
#include <QTest>
#include <csignal>
#include <sys/sem.h>
#include <unistd.h>

namespace {

QStringList listeningInodes(const IpcTab &tab)
{
    QStringList inodes;
    for (int row = 0; row < tab.programs()->sockets()->rowCount(); ++row) {
        if (tab.programs()->sockets()->item(row, 5)->text() == QLatin1String("LISTEN"))
            inodes << tab.programs()->sockets()->item(row, 1)->text();
    }
    return inodes;
}

} // namespace

class TestIpcTab : public QObject {
    Q_OBJECT
    WindowEngine engine_;

private slots:
    void initTestCase() { QVERIFY(engine_.start()); }

    void pipeCarriesWhatIsTyped()
    {
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.show();
        tab.channels()->primitiveInput()->setCurrentIndex(0); // a pipe
        QTest::mouseClick(tab.channels()->createButton(), Qt::LeftButton);
        QVERIFY(tab.channels()->writeInput(0)->isEnabled());
        QVERIFY(!tab.channels()->writeInput(1)->isEnabled()); // the read end takes no writes
        QTest::keyClicks(tab.channels()->writeInput(0), QStringLiteral("hello\\x21"));
        QTest::mouseClick(tab.channels()->writeButton(0), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(tab.channels()->receivedView(1)->toPlainText().contains(QStringLiteral("hello!")), 10000);
    }

    void socketPairCarriesBothWays()
    {
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.show();
        tab.channels()->primitiveInput()->setCurrentIndex(4); // seqpacket
        QTest::mouseClick(tab.channels()->createButton(), Qt::LeftButton);
        QTest::keyClicks(tab.channels()->writeInput(1), QStringLiteral("from b"));
        QTest::keyClick(tab.channels()->writeInput(1), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(tab.channels()->receivedView(0)->toPlainText().contains(QStringLiteral("from b")), 10000);
    }

    void catEchoesWhatIsTyped()
    {
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.pages()->setCurrentWidget(tab.programs());
        tab.show();
        QTest::keyClicks(tab.programs()->programInput(), QStringLiteral("cat"));
        QTest::mouseClick(tab.programs()->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(tab.programs()->stdinInput()->isEnabled(), 10000);
        QTest::keyClicks(tab.programs()->stdinInput(), QStringLiteral("ping pong"));
        QTest::keyClick(tab.programs()->stdinInput(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(tab.programs()->outputView()->toPlainText().contains(QStringLiteral("ping pong")), 10000);
        QVERIFY(tab.programs()->processStatus()->text().contains(QStringLiteral("Running")));

        // A second program joins the list and is shown; the first runs on,
        // and selecting it again shows its output and gives it the controls.
        ProgramPanel *panel = tab.programs();
        panel->programInput()->setText(QStringLiteral("/bin/sh -c \"echo second; exit 4\""));
        QTest::mouseClick(panel->startButton(), Qt::LeftButton);
        QCOMPARE(panel->programsList()->rowCount(), 2);
        // The pid may hold a 4 too: wait for the whole exit text.
        QTRY_VERIFY_WITH_TIMEOUT(panel->processStatus()->text().contains(QStringLiteral("Exited with status 4.")), 10000);
        QVERIFY(panel->outputView()->toPlainText().contains(QStringLiteral("second")));
        QVERIFY(!panel->outputView()->toPlainText().contains(QStringLiteral("ping pong")));
        QVERIFY(!panel->stdinInput()->isEnabled()); // it has ended
        panel->programsView()->setCurrentIndex(panel->programsList()->index(0, 0));
        QVERIFY(panel->outputView()->toPlainText().contains(QStringLiteral("ping pong")));
        QVERIFY(panel->stdinInput()->isEnabled());
        QVERIFY(panel->processStatus()->text().contains(QStringLiteral("Running")));
    }

    // Perl Cookbook 17.16: sockscope serve restarts on SIGHUP and keeps its
    // listening socket (same inode); http.server dies of it, sockets and all.
    void serverSocketsThroughSighup()
    {
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.pages()->setCurrentWidget(tab.programs()); // its sockets are read while it is shown
        tab.show();
        const QString binary = qEnvironmentVariable("SOCKSCOPE_BINARY");
        QVERIFY(!binary.isEmpty());
        tab.programs()->programInput()->setText(binary + QStringLiteral(" serve echo --listen 127.0.0.1:0"));
        QTest::mouseClick(tab.programs()->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!listeningInodes(tab).isEmpty(), 10000);
        const QStringList before = listeningInodes(tab);
        const QString pid = tab.programs()->processStatus()->text();
        QTest::mouseClick(tab.programs()->hangupButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(tab.programs()->outputView()->toPlainText().contains(QStringLiteral("restarted")), 10000);
        QCOMPARE(tab.programs()->processStatus()->text(), pid); // running, the same pid
        QCOMPARE(listeningInodes(tab), before);

        tab.programs()->programInput()->setText(QStringLiteral("/usr/bin/python3 -m http.server --bind 127.0.0.1 0"));
        QTest::mouseClick(tab.programs()->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!listeningInodes(tab).isEmpty(), 20000);
        QTest::mouseClick(tab.programs()->hangupButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(tab.programs()->processStatus()->text().contains(QStringLiteral("SIGHUP")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(listeningInodes(tab).isEmpty(), 10000);
    }

    void passedFileArrivesAsTheSameInode_data()
    {
        QTest::addColumn<int>("what");
        QTest::newRow("file") << int(DescriptorPanel::File);
        QTest::newRow("pipe end") << int(DescriptorPanel::PipeEnd);
        QTest::newRow("listening socket") << int(DescriptorPanel::ListeningSocket);
        QTest::newRow("pair end") << int(DescriptorPanel::PairEnd);
    }

    void passedFileArrivesAsTheSameInode()
    {
        QFETCH(int, what);
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.pages()->setCurrentWidget(tab.descriptors());
        tab.show();
        DescriptorPanel *panel = tab.descriptors();
        panel->whatInput()->setCurrentIndex(panel->whatInput()->findData(what));
        QTest::mouseClick(panel->passButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->received()->rowCount(), 1, 10000);
        QCOMPARE(panel->sent()->rowCount(), 1);
        QCOMPARE(panel->received()->item(0, 4)->text(), panel->sent()->item(0, 4)->text()); // inode
        QCOMPARE(panel->received()->item(0, 3)->text(), panel->sent()->item(0, 3)->text()); // device
        QVERIFY(!panel->received()->item(0, 6)->text().isEmpty()); // the /proc link, read to be shown
        QVERIFY2(panel->status()->text().contains(QStringLiteral("same")), qPrintable(panel->status()->text()));
    }

    void passingAMissingFileSaysWhy()
    {
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.pages()->setCurrentWidget(tab.descriptors());
        tab.show();
        tab.descriptors()->pathInput()->setText(QStringLiteral("/no/such/file"));
        QTest::mouseClick(tab.descriptors()->passButton(), Qt::LeftButton);
        QVERIFY2(tab.descriptors()->status()->text().contains(QStringLiteral("/no/such/file")),
                 qPrintable(tab.descriptors()->status()->text()));
        QCOMPARE(tab.descriptors()->sent()->rowCount(), 0);
    }

    // Made, listed from /proc/sysvipc, removed, gone from the list.
    void sysvObjectsAreListedAndRemoved()
    {
        if (const QString problem = ipcNamespaceProblem(); !problem.isEmpty())
            QSKIP(qPrintable(problem));
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.pages()->setCurrentWidget(tab.sysv());
        tab.show();
        SysvPanel *panel = tab.sysv();
        QTest::mouseClick(panel->createButton(sockscope::SysvKind::MessageQueue), Qt::LeftButton);
        QTest::mouseClick(panel->createButton(sockscope::SysvKind::SharedMemory), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->objects()->rowCount(), 2, 10000);
        QCOMPARE(panel->objects()->item(0, SysvPanel::OwnerColumn)->text(), QString::number(::getuid()));
        const int queue = panel->objects()->findItems(QStringLiteral("msg"), Qt::MatchExactly, SysvPanel::KindColumn)
                              .front()
                              ->row();
        panel->objectsView()->selectRow(queue);
        QTest::mouseClick(panel->removeButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->objects()->rowCount(), 1, 10000);
        QCOMPARE(panel->objects()->item(0, SysvPanel::KindColumn)->text(), QStringLiteral("shm"));
    }

    // perlipc's operations from the page, on the selected object: typed
    // messages sent and received, a receive that waits and is cancelled,
    // a semop that waits until the object's removal wakes it (EIDRM), and
    // a segment written and read back.
    void sysvOperationsOnTheSelectedObject()
    {
        if (const QString problem = ipcNamespaceProblem(); !problem.isEmpty())
            QSKIP(qPrintable(problem));
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.pages()->setCurrentWidget(tab.sysv());
        tab.show();
        SysvPanel *panel = tab.sysv();
        SysvOperations *operations = panel->operations();
        const auto select = [panel](const QString &kind) {
            QTRY_COMPARE_WITH_TIMEOUT(panel->objects()->findItems(kind, Qt::MatchExactly, SysvPanel::KindColumn).size(), 1, 10000);
            panel->objectsView()->selectRow(
                panel->objects()->findItems(kind, Qt::MatchExactly, SysvPanel::KindColumn).front()->row());
        };
        const auto outcomes = [panel] { return panel->outcomesView()->toPlainText(); };

        QTest::mouseClick(panel->createButton(sockscope::SysvKind::MessageQueue), Qt::LeftButton);
        select(QStringLiteral("msg"));
        operations->numberInput(sockscope::SysvKind::MessageQueue)->setValue(2);
        operations->textInput(sockscope::SysvKind::MessageQueue)->setText(QStringLiteral("hello\\x21"));
        QTest::mouseClick(operations->sendButton(), Qt::LeftButton);
        QVERIFY2(outcomes().contains(QStringLiteral("sent a message of type 2, 6 bytes: hello!")), qPrintable(outcomes()));
        operations->numberInput(sockscope::SysvKind::MessageQueue)->setValue(0);
        QTest::mouseClick(operations->receiveButton(), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(outcomes().contains(QStringLiteral("received a message of type 2, 6 bytes: hello!")),
                                  qPrintable(outcomes()), 10000);
        QTest::mouseClick(operations->receiveButton(), Qt::LeftButton); // the queue is empty: it waits
        QVERIFY2(outcomes().contains(QStringLiteral("waits")), qPrintable(outcomes()));
        QVERIFY(operations->cancelButton()->isEnabled());
        QTest::mouseClick(operations->cancelButton(), Qt::LeftButton);
        QVERIFY2(outcomes().contains(QStringLiteral("ECANCELED")), qPrintable(outcomes()));
        QVERIFY(!operations->cancelButton()->isEnabled());

        QTest::mouseClick(panel->createButton(sockscope::SysvKind::Semaphores), Qt::LeftButton);
        select(QStringLiteral("sem"));
        operations->changeInput()->setValue(-1); // a new set is at 0: this waits
        QTest::mouseClick(operations->operateButton(), Qt::LeftButton);
        QVERIFY(operations->cancelButton()->isEnabled());
        // Removed once the worker sleeps in semop (removed before, it would
        // find no set: EINVAL): the kernel counts it among those waiting.
        const int set = panel->objects()->item(panel->objectsView()->selectionModel()->selectedRows().front().row(), SysvPanel::IdColumn)->text().toInt();
        QTRY_COMPARE_WITH_TIMEOUT(::semctl(set, 0, GETNCNT), 1, 10000);
        QTest::mouseClick(panel->removeButton(), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(outcomes().contains(QStringLiteral("EIDRM")), qPrintable(outcomes()), 10000);
        QVERIFY(!operations->cancelButton()->isEnabled());

        QTest::mouseClick(panel->createButton(sockscope::SysvKind::SharedMemory), Qt::LeftButton);
        select(QStringLiteral("shm"));
        operations->numberInput(sockscope::SysvKind::SharedMemory)->setValue(10);
        operations->textInput(sockscope::SysvKind::SharedMemory)->setText(QStringLiteral("perlipc"));
        QTest::mouseClick(operations->writeButton(), Qt::LeftButton);
        QTest::mouseClick(operations->readButton(), Qt::LeftButton);
        QVERIFY2(outcomes().contains(QStringLiteral("read 4086 bytes at offset 10: perlipc")), qPrintable(outcomes()));
    }

    // In a group of its own: the group is the program's pid.
    void programInItsOwnGroup()
    {
        IpcTab tab(*engine_.reactor, *engine_.log);
        tab.pages()->setCurrentWidget(tab.programs());
        tab.show();
        ProgramPanel *panel = tab.programs();
        panel->groupInput()->setChecked(true);
        panel->programInput()->setText(QStringLiteral("/bin/sh -c \"cut -d' ' -f5 /proc/$$/stat; echo pid $$\""));
        QTest::mouseClick(panel->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->processStatus()->text().contains(QStringLiteral("status 0")), 10000);
        // Shown as printed: a newline written by the program reads "\n".
        const QStringList lines = panel->outputView()->toPlainText().remove(QLatin1Char('\n')).split(QStringLiteral("\\n"));
        QCOMPARE(QStringLiteral("pid ") + lines.value(0), lines.value(1)); // process group id == its pid
    }

    void signalsAreWatchedAndSent()
    {
        SignalHub hub(*engine_.reactor, *engine_.log);
        QVERIFY(!hub.start());
        SignalsTab tab(hub, *engine_.reactor, *engine_.log);
        const QList<QListWidgetItem *> usr1 = tab.watchList()->findItems(QStringLiteral("SIGUSR1"), Qt::MatchEndsWith);
        QCOMPARE(usr1.size(), 1);
        usr1.front()->setCheckState(Qt::Checked);
        QVERIFY(hub.isWatched(SIGUSR1));
        tab.signalInput()->setCurrentText(QStringLiteral("USR1"));
        QCOMPARE(tab.targetInput()->text(), QString::number(::getpid()));
        QTest::mouseClick(tab.sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tab.deliveries()->rowCount(), 1, 10000);
        QCOMPARE(tab.deliveries()->item(0, 0)->text(), QStringLiteral("SIGUSR1"));
        QCOMPARE(tab.deliveries()->item(0, 2)->text(), QString::number(::getpid()));
        QCOMPARE(tab.deliveries()->item(0, 4)->text(), QStringLiteral("SI_USER"));
        tab.signalInput()->setCurrentText(QStringLiteral("NOPE"));
        QTest::mouseClick(tab.sendButton(), Qt::LeftButton);
        QVERIFY2(tab.sendStatus()->text().contains(QStringLiteral("NOPE")), qPrintable(tab.sendStatus()->text()));
    }
};

int main(int argc, char **argv)
{
    sockscope::blockSignals(sockscope::blockableSignals());
    QApplication app(argc, argv);
    TestIpcTab test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ipc_tab.moc"
