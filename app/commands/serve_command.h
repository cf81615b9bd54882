#pragma once

#include <QStringList>

/// `sockscope serve BEHAVIOUR ...`: runs a server on the core and
/// EpollReactor and reports who connects.
int runServeCommand(const QStringList &arguments);
