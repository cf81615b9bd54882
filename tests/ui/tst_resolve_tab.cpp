// The Resolve tab on the offscreen platform, driven with real key and mouse
// events: errors shown in place, results and reverse names, and a lookup
// that takes 3 s at a slow DNS server (in a namespace this test builds)
// while the window's event loop keeps turning.
#include "models/event_log_model.h"
#include "qt_reactor.h"
#include "resolve/resolve_controller.h"
#include "resolve/resolve_results_model.h"
#include "resolve/resolve_tab.h"
#include "widgets/history_combo_box.h"
#include "test_namespace.h"

#include <sockscope/reactor/epoll_reactor.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTextBrowser>

namespace {

constexpr double kSlowSeconds = 3.0;

bool setUp(TestNamespace &ns, QString *error)
{
    return ns.writeEtc(QStringLiteral("hosts"), "127.0.0.1 localhost\n192.0.2.10 named.test\n") &&
           ns.writeEtc(QStringLiteral("nsswitch.conf"), "hosts: files dns\n") &&
           ns.writeEtc(QStringLiteral("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:30 attempts:1\n") &&
           startSlowDns(ns, kSlowSeconds, QStringLiteral("/dev/null"), error);
}

} // namespace

class TestResolveTab : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    std::unique_ptr<QtReactor> qtReactor_;
    std::unique_ptr<EventLogModel> log_;
    std::unique_ptr<ResolveTab> tab_;

    void type(const QString &text)
    {
        QLineEdit *edit = tab_->targetInput()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, text);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        std::error_code error;
        reactor_ = sockscope::EpollReactor::create(error);
        qtReactor_ = std::make_unique<QtReactor>(*reactor_);
        log_ = std::make_unique<EventLogModel>(sockscope::Clock::now());
    }

    void init()
    {
        tab_ = std::make_unique<ResolveTab>(*reactor_, *log_);
        tab_->resize(900, 600);
        tab_->show();
        QVERIFY(QTest::qWaitForWindowExposed(tab_.get()));
    }

    void cleanup() { tab_.reset(); }

    void badInputIsShownInPlace()
    {
        type(QStringLiteral("example.com:70000"));
        QTest::mouseClick(tab_->resolveButton(), Qt::LeftButton);
        QVERIFY(tab_->errorLabel()->isVisible());
        QVERIFY2(tab_->errorLabel()->text().contains(QStringLiteral("70000 is out of range")),
                 qPrintable(tab_->errorLabel()->text()));
        // The offending part is selected, ready to be typed over.
        QCOMPARE(tab_->targetInput()->lineEdit()->selectedText(), QStringLiteral("70000"));
        QCOMPARE(tab_->resultsModel()->rowCount(), 0);
    }

    void enterResolvesExactlyWhatWasTyped()
    {
        // Entries from an earlier run that extend what is typed now.
        tab_->targetInput()->remember(QStringLiteral("[::1]:443"));
        tab_->targetInput()->remember(QStringLiteral("localhost:http"));
        QCOMPARE(tab_->targetInput()->itemText(0), QStringLiteral("localhost:http")); // in the list at once
        QVERIFY(!tab_->resolveButton()->isEnabled()); // nothing typed yet
        type(QStringLiteral("localhost"));
        QVERIFY(tab_->resolveButton()->isEnabled());
        QTest::keyClick(tab_->targetInput()->lineEdit(), Qt::Key_Return);
        QVERIFY(tab_->controller()->current());
        QCOMPARE(tab_->controller()->current()->target, std::string("localhost"));
        QCOMPARE(tab_->targetInput()->itemText(0), QStringLiteral("localhost"));
        QCOMPARE(tab_->targetInput()->currentText(), QStringLiteral("localhost"));
        QCoreApplication::processEvents(); // a person's key presses have the loop turn between them
        // A deliberate mistake stays a mistake.
        type(QStringLiteral("[::1"));
        QTest::keyClick(tab_->targetInput()->lineEdit(), Qt::Key_Return);
        QCOMPARE(QString::fromStdString(tab_->controller()->current()->target), QStringLiteral("[::1"));
        QVERIFY(tab_->errorLabel()->isVisible());
        QVERIFY(tab_->statusLabel()->text().isEmpty());
        QCoreApplication::processEvents();
        // Enter in the protocol field resolves too.
        type(QStringLiteral("127.0.0.1"));
        auto *protocol = tab_->findChild<QLineEdit *>(QStringLiteral("resolveProtocol"));
        QVERIFY(protocol);
        QTest::keyClicks(protocol, QStringLiteral("udp"));
        QTest::keyClick(protocol, Qt::Key_Return);
        QCOMPARE(tab_->controller()->current()->target, std::string("127.0.0.1"));
        QCOMPARE(tab_->controller()->current()->request.hints.protocol, 17);
        QTRY_VERIFY(!tab_->controller()->busy());
        // A name from /etc/protocols is looked up on a worker, not here.
        QCoreApplication::processEvents();
        protocol->clear();
        QTest::keyClicks(protocol, QStringLiteral("gre"));
        QTest::keyClick(protocol, Qt::Key_Return);
        QCOMPARE(tab_->controller()->current()->request.hints.protocol, 0); // not known yet
        QTRY_VERIFY(!tab_->controller()->busy());
        QCOMPARE(tab_->controller()->current()->request.hints.protocol, 47);
        QCoreApplication::processEvents();
        protocol->clear();
        QTest::keyClicks(protocol, QStringLiteral("nosuchprotocol"));
        QTest::keyClick(protocol, Qt::Key_Return);
        QTRY_VERIFY(!tab_->controller()->busy());
        QVERIFY(tab_->controller()->current()->badInput);
        QVERIFY2(tab_->errorLabel()->text().contains(QStringLiteral("nosuchprotocol")), qPrintable(tab_->errorLabel()->text()));
        protocol->clear();
    }

    void unknownServiceIsSelected()
    {
        type(QStringLiteral("localhost:nosuchservice"));
        QTest::keyClick(tab_->targetInput()->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY(!tab_->controller()->busy());
        QVERIFY(tab_->errorLabel()->text().contains(QStringLiteral("EAI_SERVICE")));
        QCOMPARE(tab_->targetInput()->lineEdit()->selectedText(), QStringLiteral("nosuchservice"));
    }

    void passiveWithoutHostGivesTheWildcard()
    {
        auto *passive = tab_->findChild<QAction *>(QStringLiteral("flag-AI_PASSIVE"));
        QVERIFY(passive);
        passive->setChecked(true);
        type(QStringLiteral(":80"));
        QTest::keyClick(tab_->targetInput()->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY(!tab_->controller()->busy());
        QVERIFY2(!tab_->errorLabel()->isVisible(), qPrintable(tab_->errorLabel()->text()));
        QStringList addresses;
        for (int row = 0; row < tab_->resultsModel()->rowCount(); ++row)
            addresses << tab_->resultsModel()->index(row, ResolveResultsModel::AddressColumn).data().toString();
        QVERIFY2(addresses.contains(QStringLiteral("0.0.0.0")) || addresses.contains(QStringLiteral("::")),
                 qPrintable(addresses.join(QLatin1Char(' '))));
        QVERIFY(tab_->explanationView()->toPlainText().contains(QStringLiteral("wildcard")));
    }

    void connectOrderSaysItsRule()
    {
        type(QStringLiteral("localhost"));
        auto *prefer = tab_->preferInput();
        prefer->setCurrentIndex(prefer->findData(static_cast<int>(sockscope::FamilyPreference::Inet)));
        QTest::keyClick(tab_->targetInput()->lineEdit(), Qt::Key_Return);
        QCOMPARE(tab_->controller()->current()->options.order.prefer, sockscope::FamilyPreference::Inet);
        QTRY_VERIFY(!tab_->controller()->busy());
        const sockscope::Lookup &lookup = *tab_->controller()->current();
        if (lookup.order.bothFamilies)
            QVERIFY2(tab_->connectOrderLabel()->text().contains(QStringLiteral("IPv4 first, as chosen")),
                     qPrintable(tab_->connectOrderLabel()->text()));
        QCOMPARE(lookup.order.rule, sockscope::FamilyPreference::Inet);
    }

    void numericAddressResolvesWithoutAsking()
    {
        QAbstractItemModelTester tester(tab_->resultsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        type(QStringLiteral("[::1]:443"));
        QTest::keyClick(tab_->targetInput()->lineEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(tab_->resultsModel()->rowCount() > 0, true, 10000);
        QCOMPARE(tab_->resultsModel()->index(0, ResolveResultsModel::AddressColumn).data().toString(), QStringLiteral("::1"));
        QCOMPARE(tab_->resultsModel()->index(0, ResolveResultsModel::PortColumn).data().toInt(), 443);
        QVERIFY(!tab_->errorLabel()->isVisible());
        // A literal is never looked up: the verdict says so, and neither the
        // hosts file nor DNS is cited as if it had been asked.
        QTRY_VERIFY(tab_->explanationView()->toPlainText().contains(QStringLiteral("numeric address, no lookup")));
        QVERIFY(!tab_->explanationView()->toPlainText().contains(QStringLiteral("DNS is asked")));
        QVERIFY(!tab_->explanationView()->toPlainText().contains(QStringLiteral("/etc/hosts")));
        QTRY_VERIFY(log_->rowCount() > 0); // the schema's events reached the log
    }

    void slowLookupNeverFreezesTheWindow()
    {
        if (currentTestNamespace().isEmpty())
            QSKIP(qPrintable(TestNamespace::unavailableReason()));
        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(20);
        connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
        ticker.start();
        QElapsedTimer clock;
        clock.start();
        type(QStringLiteral("slow-one.slow.test"));
        QTest::mouseClick(tab_->resolveButton(), Qt::LeftButton);
        QVERIFY(tab_->statusLabel()->text().contains(QStringLiteral("Resolving")));
        QTRY_VERIFY_WITH_TIMEOUT(tab_->resultsModel()->rowCount() > 0, 20000);
        const qint64 took = clock.elapsed();
        QVERIFY2(took >= 3000, qPrintable(QString::number(took)));
        // 3 s of 20 ms ticks is 150; a window frozen in getaddrinfo gets ~1.
        QVERIFY2(ticks >= 50, qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(took)));
        QCOMPARE(tab_->resultsModel()->index(0, ResolveResultsModel::AddressColumn).data().toString().left(8),
                 QStringLiteral("192.0.2."));
    }

    void reverseNamesArriveInTheirColumn()
    {
        if (currentTestNamespace().isEmpty())
            QSKIP(qPrintable(TestNamespace::unavailableReason()));
        auto *reverse = tab_->findChild<QCheckBox *>(QStringLiteral("resolveReverse"));
        QVERIFY(reverse);
        QTest::mouseClick(reverse, Qt::LeftButton);
        QVERIFY(reverse->isChecked());
        type(QStringLiteral("192.0.2.10"));
        QTest::keyClick(tab_->targetInput()->lineEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(
            tab_->resultsModel()->index(0, ResolveResultsModel::ReverseColumn).data().toString(),
            QStringLiteral("named.test (confirmed)"), 10000);
        // The log has it too, as a reverse-resolved event.
        const auto logged = [this] {
            for (int row = 0; row < log_->rowCount(); ++row) {
                if (log_->event(row).kind == sockscope::EventKind::ReverseResolved)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(logged());
    }
};

int main(int argc, char **argv)
{
    const int parent = reexecInsideNamespace(argc, argv, QStringLiteral("resolvetab"), setUp);
    if (parent >= 0)
        return parent;
    QApplication app(argc, argv);
    TestResolveTab test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_resolve_tab.moc"
