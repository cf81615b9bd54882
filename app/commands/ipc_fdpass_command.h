#pragma once

#include <QStringList>

/// `sockscope ipc fdpass [--per-message N] [--control-space N] [--json]
/// [PATH...]`: passes descriptors over a Unix socket pair of its own (a file,
/// a pipe end and a socket of its own, or each PATH opened read-only), shows
/// the identity of each one sent and received, and checks that each arrived
/// as the same file (device and inode). `arguments[0]` is the program and
/// `arguments[1]` "fdpass". Exit status 0 when all arrived as sent, 1 when
/// not (MSG_CTRUNC cut some off), 2 for bad input.
int runIpcFdpassCommand(const QStringList &arguments);
