#include "spin_until.h"

#include <QEventLoop>
#include <QObject>
#include <QTimer>

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

bool spinUntil(const std::function<bool()> &done, std::chrono::milliseconds limit)
{
    if (done())
        return true;
    const auto deadline = Steady::now() + limit;
    QEventLoop loop;
    QTimer check;
    check.setInterval(10);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || Steady::now() >= deadline)
            loop.quit();
    });
    check.start();
    loop.exec();
    return done();
}

void stopProcess(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.kill(); // our own child, by its pid
    spinUntil([&] { return process.state() == QProcess::NotRunning; }, 5s);
}
