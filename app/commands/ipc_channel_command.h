#pragma once

#include <QStringList>

/// `ipc pipe`, `ipc socketpair` and `ipc fifo`: `arguments` as the ipc
/// dispatcher hands them on (the program, then the primitive's name).
int runIpcPipeCommand(const QStringList &arguments);
int runIpcSocketPairCommand(const QStringList &arguments);
int runIpcFifoCommand(const QStringList &arguments);
