#include "cli.h"

#include "commands/connect_command.h"
#include "commands/ipc_command.h"
#include "commands/serve_command.h"
#include "commands/run_command.h"
#include "commands/signals_command.h"
#include "commands/serve_worker_command.h"
#include "commands/resolve_command.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {

class Cli {
    Q_DECLARE_TR_FUNCTIONS(Cli)
public:
    static QString subcommandSummary(const QString &name);
    static QString description();
    static void addTopLevelOptions(QCommandLineParser &parser);
};

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString Cli::subcommandSummary(const QString &name)
{
    if (name == QLatin1String("resolve"))
        return tr("show every address a name resolves to, and why");
    if (name == QLatin1String("connect"))
        return tr("connect to a host, showing every attempt on every address");
    if (name == QLatin1String("serve"))
        return tr("run a server (echo, discard, ...) and show who connects");
    if (name == QLatin1String("ipc"))
        return tr("pipes, FIFOs, socket pairs, descriptor passing and System V IPC, checked");
    if (name == QLatin1String("signals"))
        return tr("watch the signals this process receives, send one, list them all");
    if (name == QLatin1String("run"))
        return tr("start a program and watch it and its signals");
    return {};
}

QString Cli::description()
{
    QString text = tr("Sockscope: an inspector for network connections and local IPC.\n\n"
                      "Without arguments, opens the window. With a command, runs headless:\n");
    for (const QString &name : subcommandNames()) {
        text += QStringLiteral("  %1  %2\n").arg(name, -8).arg(subcommandSummary(name));
    }
    text += tr("\nExit status: 0 success, 1 the operation failed, 2 bad usage or bad input.");
    return text;
}

void Cli::addTopLevelOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(description());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), tr("The command to run; none opens the window."),
                                 tr("[command]"));
    // Qt's own window options (-platform offscreen, ...), which QApplication
    // takes out before we parse; accepted here so that --help works with them.
    QCommandLineOption platform(QStringLiteral("platform"), QString(), QStringLiteral("name"));
    platform.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(platform);
}

} // namespace

QStringList subcommandNames()
{
    return {QStringLiteral("resolve"), QStringLiteral("connect"), QStringLiteral("serve"),
            QStringLiteral("ipc"),     QStringLiteral("signals"), QStringLiteral("run")};
}

int runSubcommand(const QStringList &arguments)
{
    const QString name = arguments.value(1);
    if (name == QLatin1String("resolve"))
        return runResolveCommand(arguments);
    if (name == QLatin1String("connect"))
        return runConnectCommand(arguments);
    if (name == QLatin1String("serve"))
        return runServeCommand(arguments);
    if (name == QLatin1String("__serve-worker"))
        return runServeWorkerCommand(arguments);
    if (name == QLatin1String("run"))
        return runRunCommand(arguments);
    if (name == QLatin1String("signals"))
        return runSignalsCommand(arguments);
    if (name == QLatin1String("ipc"))
        return runIpcCommand(arguments);
    err() << Cli::tr("sockscope: unknown command '%1'").arg(name) << Qt::endl;
    return ExitUsage;
}

int runTopLevelOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    Cli::addTopLevelOptions(parser);
    if (!parser.parse(arguments)) {
        err() << Cli::tr("sockscope: %1").arg(parser.errorText()) << Qt::endl
              << Cli::tr("Try 'sockscope --help'.") << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")))
        parser.showHelp(ExitSuccess);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        err() << Cli::tr("sockscope: unknown command '%1'").arg(parser.positionalArguments().constFirst())
              << Qt::endl
              << Cli::tr("Try 'sockscope --help'.") << Qt::endl;
        return ExitUsage;
    }
    return -1;
}

int reportNoDisplay()
{
    err() << Cli::tr("sockscope: the window needs a display, and none was found (DISPLAY and "
                     "WAYLAND_DISPLAY are unset).\n"
                     "Run a command instead, for example 'sockscope resolve localhost', or see "
                     "'sockscope --help'.")
          << Qt::endl;
    return ExitUsage;
}
