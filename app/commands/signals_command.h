#pragma once

#include <QStringList>

/// `sockscope signals watch|send|list ...`: watches the signals this
/// process receives (any catchable one, read from a signalfd), sends one by
/// name, number or real-time offset to a process, a process group or
/// ourselves, and lists every signal with its default action.
int runSignalsCommand(const QStringList &arguments);
