// Waiting in the UDP flood benchmark without blocking the window: the event
// loop runs (the window keeps working) until a condition holds or a limit.
#pragma once

#include <QProcess>
#include <chrono>
#include <functional>

// Runs the event loop (the window keeps working) until `done` or `limit`.
bool spinUntil(const std::function<bool()> &done, std::chrono::milliseconds limit);

// Kills `process` (our own child, by its pid) and waits, bounded, for its end.
void stopProcess(QProcess &process);
