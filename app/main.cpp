// sockscope: the window by default, headless subcommands otherwise.
#include "cli.h"
#include "gui.h"
#include "process_setup.h"
#include "translations.h"

#include <sockscope/reactor/reactor.h>

#include <QCoreApplication>
#include <cstring>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Sockscope"));
    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKSCOPE_VERSION));
}

bool isSubcommand(const char *word)
{
    // __serve-worker: the workers of a fork or prefork server (never listed)
    return subcommandNames().contains(QString::fromLocal8Bit(word)) || std::strcmp(word, "__serve-worker") == 0;
}

// Help and version are text: they must work without a display.
bool asksForText(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"-h", "--help", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    prepareProcess();
    const sockscope::TimePoint start = sockscope::Clock::now();
    describeApplication();

    const bool headless = argc > 1 && isSubcommand(argv[1]);
    if (headless || asksForText(argc, argv) || !displayAvailable(argc, argv)) {
        QCoreApplication app(argc, argv);
        installTranslators(app);
        if (headless)
            return runSubcommand(app.arguments());
        const int status = runTopLevelOptions(app.arguments());
        return status >= 0 ? status : reportNoDisplay();
    }
    return runWindow(argc, argv, start);
}
