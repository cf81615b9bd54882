#pragma once

class QCoreApplication;

/// Loads Sockscope's messages and Qt's own (qtbase: the command line's
/// help, dialogs, context menus) for the user's locale, for the window and
/// the CLI alike. English needs nothing loaded.
void installTranslators(QCoreApplication &app);
