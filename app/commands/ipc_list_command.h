#pragma once

#include <QStringList>

/// `sockscope ipc list [--json]`: every System V object on the system
/// (of this IPC namespace), from /proc/sysvipc.
int runIpcListCommand(const QStringList &arguments);
