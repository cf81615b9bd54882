#include "wm_ping_lag.h"

#include "spin_until.h"

#include <QList>
#include <algorithm>

using namespace std::chrono_literals;

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

bool Pinger::start()
{
    if (program_.isEmpty()) {
        lag_.problem = QStringLiteral("wm_ping was not built (libxcb1-dev missing at configure time)");
        return false;
    }
    process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process_.start(program_, {QStringLiteral("0x%1").arg(window_, 0, 16), QString::number(kPingIntervalMs),
                              QString::number(count_), QString::number(kPingGraceMs)});
    const bool ready = spinUntil(
        [&] {
            output_ += process_.readAllStandardOutput();
            return output_.contains("ready ") || process_.state() == QProcess::NotRunning;
        },
        10s);
    if (!ready || !output_.contains("ready ")) {
        lag_.problem = QStringLiteral("wm_ping did not start: %1").arg(process_.errorString());
        stopProcess(process_);
        return false;
    }
    return true;
}

const Lag &Pinger::finish()
{
    const auto limit = std::chrono::milliseconds(count_ * kPingIntervalMs + kPingGraceMs) + 10s;
    if (process_.state() != QProcess::NotRunning &&
        !spinUntil([&] { return process_.state() == QProcess::NotRunning; }, limit)) {
        lag_.problem = QStringLiteral("wm_ping did not finish in time");
        stopProcess(process_);
    }
    output_ += process_.readAllStandardOutput();
    for (const QByteArray &line : output_.split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() >= 4 && f[0] == "ping") {
            ++lag_.pings;
            if (f[3] == "-") {
                ++lag_.unanswered;
                lag_.ms.push_back(f.value(4).toDouble());
            } else {
                lag_.ms.push_back(f[3].toDouble());
            }
        }
    }
    lag_.ran = lag_.pings > 0;
    if (!lag_.ran && lag_.problem.isEmpty())
        lag_.problem = QStringLiteral("wm_ping gave no samples");
    return lag_;
}
