// The window side of main().
#pragma once

#include <sockscope/reactor/reactor.h>

/// Whether a window can be shown: a platform plugin that needs no display
/// (offscreen, minimal, ...) was asked for, or DISPLAY / WAYLAND_DISPLAY is
/// set for the one that does. Qt aborts the process otherwise.
bool displayAvailable(int argc, char **argv);

/// Opens the window, with the engine running in Qt's event loop; returns
/// the exit status.
int runWindow(int &argc, char **argv, sockscope::TimePoint start);
