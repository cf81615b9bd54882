#include "gui.h"

#include "cli.h"
#include "process_setup.h"
#include "translations.h"

#include "log.h"
#include "main_window.h"
#include "message_catalog.h"
#include "qt_reactor.h"
#include "signals/signal_hub.h"

#include <sockscope/reactor/epoll_reactor.h>
#include <sockscope/ipc/signal_names.h>
#include <sockscope/ipc/signal_watcher.h>
#include <sockscope/resolve/socket_address.h>
#include <sockscope/reactor/unique_fd.h>

#include <QApplication>
#include <QIcon>
#include <QTextStream>
#include <csignal>
#include <cstring>
#include <sys/socket.h>

namespace {

QByteArray requestedPlatform(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "-platform") == 0 || std::strcmp(argv[i], "--platform") == 0)
            return argv[i + 1];
    }
    return qgetenv("QT_QPA_PLATFORM");
}

// Whether something listens on a Unix socket, path or abstract.
bool unixSocketAnswers(const std::string &path, bool abstract)
{
    const auto address = sockscope::SocketAddress::unix(path, abstract);
    if (!address)
        return false;
    sockscope::UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    return fd && ::connect(fd.get(), address->data(), address->size()) == 0;
}

// DISPLAY=":N" (or ":N.S") names a local X server: its socket must answer,
// or QApplication aborts. A remote display (host:N) is left to Qt.
bool x11DisplayAnswers()
{
    const QByteArray display = qgetenv("DISPLAY");
    if (display.isEmpty())
        return false;
    if (!display.startsWith(':') && !display.startsWith("unix:"))
        return true;
    const QByteArray number = display.mid(display.indexOf(':') + 1).split('.').constFirst();
    const std::string path = "/tmp/.X11-unix/X" + number.toStdString();
    return unixSocketAnswers(path, true) || unixSocketAnswers(path, false);
}

bool waylandDisplayAnswers()
{
    const QByteArray display = qgetenv("WAYLAND_DISPLAY");
    if (display.isEmpty())
        return false;
    if (display.startsWith('/'))
        return unixSocketAnswers(display.toStdString(), false);
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    return !runtime.isEmpty() && unixSocketAnswers((runtime + '/' + display).toStdString(), false);
}

} // namespace

bool displayAvailable(int argc, char **argv)
{
    const QByteArray platform = requestedPlatform(argc, argv);
    if (platform.startsWith("xcb"))
        return x11DisplayAnswers();
    if (platform.startsWith("wayland"))
        return waylandDisplayAnswers();
    if (!platform.isEmpty())
        return true; // offscreen, minimal, vnc, eglfs: no display server needed
    return x11DisplayAnswers() || waylandDisplayAnswers();
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
    MainWindow window(*reactor, start);
    // The signals blocked since main() arrive here: the watched ones in the
    // Signals tab, the others as their default action says.
    QObject::connect(window.signalHub(), &SignalHub::endRequested, &app,
                     [](int, int status) { QCoreApplication::exit(status); });
    if (const std::error_code signalError = window.signalHub()->start()) {
        qCWarning(lcUi) << "signals are not watched:" << MessageCatalog::errorMessage(signalError);
        sockscope::unblockSignals(sockscope::blockableSignals()); // at least let them end the program
    }
    // Queued: the dialog must not open inside the reactor's dispatch.
    QObject::connect(&qtReactor, &QtReactor::failed, &window, &MainWindow::showLoopFailure, Qt::QueuedConnection);
    window.show();
    const int status = app.exec();
    window.close(); // saves the layout also when quit by a signal
    return status;
}
