#include "command_context.h"

#include "message_catalog.h"
#include "process_setup.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <csignal>
#include <cstdio>

CommandContext::CommandContext(QString name) : name_(std::move(name)), start_(sockscope::Clock::now()) {}

CommandContext::~CommandContext() = default;

bool CommandContext::start(bool json)
{
    json_ = json;
    std::error_code error;
    reactor_ = sockscope::EpollReactor::create(error);
    if (!reactor_) {
        printError(MessageCatalog::errorMessage(error));
        return false;
    }
    signals_ = sockscope::SignalWatcher::create(
        *reactor_, {SIGINT, SIGTERM, SIGHUP, SIGQUIT},
        [this](const sockscope::SignalInfo &) {
            interrupted_ = true;
            reactor_->stop();
        },
        error);
    if (!signals_) {
        printError(MessageCatalog::errorMessage(error));
        return false;
    }
    if (json_)
        writer_ = std::make_unique<sockscope::JsonLinesWriter>(stdout, start_, MessageCatalog::formatter());
    return true;
}

void CommandContext::emitEvent(const sockscope::Event &event)
{
    if (writer_)
        writer_->onEvent(event);
}

void CommandContext::print(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

void CommandContext::printError(const QString &text)
{
    QTextStream(stderr) << QStringLiteral("sockscope %1: %2").arg(name_, text) << Qt::endl;
}

int CommandContext::badInput(const sockscope::InputError &error)
{
    printError(MessageCatalog::inputErrorMessage(error));
    return ExitUsage;
}

bool CommandContext::parse(QCommandLineParser &parser, const QStringList &arguments, int &status)
{
    parser.addHelpOption();
    QStringList withProgram = arguments;
    if (!withProgram.isEmpty())
        withProgram[0] = withProgram[0] + QLatin1Char(' ') + name_;
    withProgram.removeAt(1);
    if (!parser.parse(withProgram)) {
        printError(parser.errorText());
        status = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        print(parser.helpText());
        status = ExitSuccess;
        return false;
    }
    return true;
}
