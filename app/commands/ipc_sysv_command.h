#pragma once

#include <QStringList>

/// `sockscope ipc shm|sem|msg [ACTION ARGS...] [--json]`: System V shared
/// memory, semaphores and message queues (perlipc) on the core's
/// SysvObjects. An action works on an object named by its id, so one
/// invocation can use what another created; with no action, a
/// create-use-remove round trip that checks what it shows (exit 1 when it
/// does not hold). arguments[1] is the kind ("shm", "sem" or "msg").
int runIpcSysvCommand(const QStringList &arguments);
