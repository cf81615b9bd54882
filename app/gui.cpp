#include "gui.h"

#include "cli.h"
#include "process_setup.h"
#include "translations.h"

#include "log.h"
#include "main_window.h"
#include "message_catalog.h"
#include "qt_reactor.h"

#include <sockscope/epoll_reactor.h>
#include <sockscope/signal_watcher.h>

#include <QApplication>
#include <QIcon>
#include <QTextStream>
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace {

QByteArray requestedPlatform(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "-platform") == 0 || std::strcmp(argv[i], "--platform") == 0)
            return argv[i + 1];
    }
    return qgetenv("QT_QPA_PLATFORM");
}

bool envSet(const char *name)
{
    const char *value = std::getenv(name);
    return value && *value;
}

} // namespace

bool displayAvailable(int argc, char **argv)
{
    const QByteArray platform = requestedPlatform(argc, argv);
    if (platform.startsWith("xcb"))
        return envSet("DISPLAY");
    if (platform.startsWith("wayland"))
        return envSet("WAYLAND_DISPLAY");
    if (!platform.isEmpty())
        return true;
    return envSet("DISPLAY") || envSet("WAYLAND_DISPLAY");
}

int runWindow(int &argc, char **argv, sockscope::TimePoint start)
{
    QApplication app(argc, argv);
    installTranslators(app);
    const int optionStatus = runTopLevelOptions(app.arguments());
    if (optionStatus >= 0)
        return optionStatus;
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sockscope.svg")));
    QApplication::setDesktopFileName(QStringLiteral("sockscope"));

    std::error_code error;
    auto reactor = sockscope::EpollReactor::create(error);
    if (!reactor) {
        QTextStream(stderr) << MessageCatalog::errorMessage(error) << Qt::endl;
        return ExitFailure;
    }
    QtReactor qtReactor(*reactor);
    // SIGINT/SIGTERM (blocked since main()) close the window cleanly.
    auto signalWatcher = sockscope::SignalWatcher::create(
        *reactor, watchedSignals(),
        [](const sockscope::SignalInfo &info) {
            if (info.signal == SIGINT || info.signal == SIGTERM || info.signal == SIGHUP)
                QCoreApplication::quit();
        },
        error);
    if (!signalWatcher)
        qCWarning(lcUi) << "signals are not watched:" << MessageCatalog::errorMessage(error);

    MainWindow window(start);
    window.show();
    const int status = app.exec();
    window.close(); // saves the layout also when quit by a signal
    return status;
}
