// The headless side of main(): the subcommands, run on the engine with
// EpollReactor under a QCoreApplication (never a QApplication).
#pragma once

#include <QStringList>

/// Exit statuses of every subcommand (DESIGN.md, "The command line").
enum ExitStatus { ExitSuccess = 0, ExitFailure = 1, ExitUsage = 2 };

/// The subcommands, in the order --help lists them.
QStringList subcommandNames();

/// Runs `arguments` (the program name first, then the subcommand).
int runSubcommand(const QStringList &arguments);

/// Handles --help, --version and bad options when no subcommand is given
/// and the window is not wanted. Returns -1 when the window should open.
int runTopLevelOptions(const QStringList &arguments);

/// Says that the window needs a display and names the CLI; returns 2.
int reportNoDisplay();
