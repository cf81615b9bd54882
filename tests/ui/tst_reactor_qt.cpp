// The Reactor conformance suite under Qt's event loop: the EpollReactor is
// driven only through QtReactor's one notifier, never called directly.
#include "reactor_conformance.h"
#include "qt_reactor.h"

#include "reactor_helpers.h"

#include <sockscope/proc/process_limits.h>
#include <sockscope/reactor/unique_fd.h>

#include <QCoreApplication>
#include <QTest>
#include <QTimer>
#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;

namespace {

class QtDriver final : public LoopDriver {
public:
    QtDriver()
    {
        std::error_code error;
        reactor_ = sockscope::EpollReactor::create(error);
        qtReactor_ = std::make_unique<QtReactor>(*reactor_);
    }
    ~QtDriver() override { qtReactor_.reset(); }
    sockscope::EpollReactor &reactor() override { return *reactor_; }
    bool runUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout) override
    {
        const auto deadline = sockscope::Clock::now() + timeout;
        while (!done() && sockscope::Clock::now() < deadline)
            QTest::qWait(1);
        return done();
    }
    void runFor(std::chrono::milliseconds duration) override
    {
        const auto deadline = sockscope::Clock::now() + duration;
        while (sockscope::Clock::now() < deadline)
            QTest::qWait(1);
    }

private:
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    std::unique_ptr<QtReactor> qtReactor_;
};

} // namespace

class QtReactorOnly : public QObject {
    Q_OBJECT
private slots:
    void callbackMayDeleteTheQtReactor()
    {
        // The activation that ran the callback must not touch its notifier
        // afterwards (the asan preset reports it if it does).
        auto reactor = makeReactor();
        auto *qtReactor = new QtReactor(*reactor);
        bool deleted = false;
        reactor->post([&] {
            delete qtReactor;
            deleted = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(deleted, 5000);
        QTest::qWait(20);
    }

    void loopFailureIsSignalled()
    {
        auto reactor = makeReactor();
        QtReactor qtReactor(*reactor);
        std::vector<std::error_code> failures;
        connect(&qtReactor, &QtReactor::failed, this, [&](std::error_code error) { failures.push_back(error); });
        // No longer an epoll descriptor, and readable for ever: the notifier
        // must neither spin on it nor stay silent.
        sockscope::UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        QVERIFY(::dup2(devNull.get(), reactor->epollFd()) == reactor->epollFd());
        QTRY_VERIFY_WITH_TIMEOUT(!failures.empty(), 5000);
        QTest::qWait(50);
        QCOMPARE(failures.size(), std::size_t{1});
        QCOMPARE(failures.front(), std::error_code(EINVAL, std::system_category()));
    }

    void busyEngineLeavesQtResponsive()
    {
        // One byte passed round a ring keeps the engine always ready; a Qt
        // timer must still fire on time, long before the ring would end.
        constexpr int kPairs = 8;
        constexpr long kEnough = 2'000'000;
        auto reactor = makeReactor();
        QtReactor qtReactor(*reactor);
        std::vector<sockscope::UniqueFd> local(kPairs), peer(kPairs);
        std::vector<sockscope::WatchId> ids(kPairs);
        long deliveries = 0;
        long deliveriesWhenFired = -1;
        for (int i = 0; i < kPairs; ++i)
            QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, local[i], peer[i]));
        for (int i = 0; i < kPairs; ++i) {
            QVERIFY(!reactor->watch(local[i].get(), sockscope::Interest::Read, [&, i](sockscope::Readiness) {
                char byte;
                if (::read(local[i].get(), &byte, 1) != 1)
                    return;
                if (deliveriesWhenFired < 0 && ++deliveries < kEnough)
                    QCOMPARE(::write(peer[(i + 1) % kPairs].get(), &byte, 1), ssize_t{1});
            }, &ids[i]));
        }
        const char byte = 'x';
        QCOMPARE(::write(peer[0].get(), &byte, 1), ssize_t{1});
        QTimer::singleShot(10, this, [&] { deliveriesWhenFired = deliveries; });
        QTRY_VERIFY_WITH_TIMEOUT(deliveriesWhenFired >= 0, 60000);
        QVERIFY2(deliveriesWhenFired > 0 && deliveriesWhenFired < kEnough,
                 qPrintable(QString::number(deliveriesWhenFired)));
        for (sockscope::WatchId id : ids)
            reactor->unwatch(id);
    }
};

int main(int argc, char **argv)
{
    sockscope::raiseOpenFileLimit(); // 1,000 socket pairs exceed Debian's default 1,024
    QCoreApplication app(argc, argv);
    ReactorConformance conformance([] { return std::make_unique<QtDriver>(); });
    QtReactorOnly only;
    return QTest::qExec(&conformance, argc, argv) | QTest::qExec(&only, argc, argv);
}

#include "tst_reactor_qt.moc"
