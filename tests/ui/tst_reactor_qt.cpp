// The Reactor conformance suite under Qt's event loop: the EpollReactor is
// driven only through QtReactor's one notifier, never called directly.
#include "reactor_conformance.h"
#include "qt_reactor.h"

#include <sockscope/proc/process_limits.h>

#include <QCoreApplication>
#include <QTest>

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

int main(int argc, char **argv)
{
    sockscope::raiseOpenFileLimit(); // 1,000 socket pairs exceed Debian's default 1,024
    QCoreApplication app(argc, argv);
    ReactorConformance conformance([] { return std::make_unique<QtDriver>(); });
    return QTest::qExec(&conformance, argc, argv);
}
