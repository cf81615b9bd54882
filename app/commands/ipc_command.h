#pragma once

#include <QStringList>

/// `sockscope ipc pipe|socketpair|fifo|fdpass|shm|sem|msg|list ...`: each
/// classic Unix IPC primitive with both ends held here, every byte and
/// descriptor shown as it moves, and what it shows checked (exit 1 when it
/// does not hold).
int runIpcCommand(const QStringList &arguments);
