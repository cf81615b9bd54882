#pragma once

#include <QStringList>

/// `sockscope run [--json] [--] PROGRAM ARGS...`: starts a program from an
/// argv (no shell) on the core's ChildProcess and shows what it does; the
/// exit status is the program's, or 128+N when signal N ended it.
int runRunCommand(const QStringList &arguments);
