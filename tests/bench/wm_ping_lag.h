// The window's event-loop lag measured from outside, as window managers
// measure it: wm_ping (tests/bench/wm_ping.c) sends _NET_WM_PING to the
// window every kPingIntervalMs and times each answer. A Pinger runs one
// wm_ping for `count` pings: start(), then finish() waits (bounded) for its
// last answers; it stops its process if it has to.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QWindow>
#include <vector>

constexpr int kPingIntervalMs = 50;
constexpr int kPingGraceMs = 3000; // for the answers of a stalled window

struct Lag {
    std::vector<double> ms; // answered pings' round trips, and unanswered ones' wait (a lower bound)
    int pings = 0;
    int unanswered = 0;
    bool ran = false;
    QString problem;
};

/// The value at fraction `p` (0 to 1) of the sorted `values`; 0 for none.
double percentile(std::vector<double> values, double p);

class Pinger {
public:
    Pinger(const QString &program, WId window, int count) : program_(program), window_(window), count_(count) {}

    // Starts pinging; false (with lag().problem) if it cannot.
    bool start();
    // Waits (bounded) for its last answers and collects them.
    const Lag &finish();
    const Lag &lag() const { return lag_; }

private:
    QString program_;
    WId window_;
    int count_;
    QProcess process_;
    QByteArray output_;
    Lag lag_;
};
