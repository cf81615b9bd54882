#include "command_context.h"

#include "message_catalog.h"
#include "output_writer.h"
#include "process_setup.h"

#include <sockscope/ipc/signal_names.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <cerrno>
#include <csignal>
#include <cstdio>

std::optional<sockscope::InputError> readNumberOption(const QCommandLineParser &parser, const char *name, long lowest,
                                                      long highest, long &out)
{
    const QString text = parser.value(QLatin1String(name));
    const std::string field = std::string("--") + name;
    bool ok = false;
    const long value = text.toLong(&ok);
    if (!ok)
        return sockscope::InputError{sockscope::InputErrorCode::BadNumber, field, text.toStdString(), 0, 0};
    if (value < lowest || value > highest) {
        return sockscope::InputError{sockscope::InputErrorCode::NumberOutOfRange, field, text.toStdString(), 0,
                                     static_cast<std::size_t>(highest), static_cast<std::size_t>(lowest)};
    }
    out = value;
    return std::nullopt;
}

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
        *reactor_, sockscope::blockableSignals(), [this](const sockscope::SignalInfo &info) { signalArrived(info); },
        error);
    if (!signals_) {
        printError(MessageCatalog::errorMessage(error));
        return false;
    }
    if (json_) {
        writer_ = std::make_unique<sockscope::JsonLinesWriter>(stdout, start_, MessageCatalog::formatter());
        if (continued_)
            return true; // the stream began before the restart
        std::vector<std::string> argv;
        for (const QString &argument : QCoreApplication::arguments())
            argv.push_back(argument.toStdString());
        sink_.onEvent(sockscope::runStartEvent(start_, QCoreApplication::applicationVersion().toStdString(),
                                               std::move(argv)));
    }
    return true;
}

void CommandContext::signalArrived(const sockscope::SignalInfo &info)
{
    if (auto handler = signalHandlers_.find(info.signal); handler != signalHandlers_.end()) {
        handler->second(info);
        return;
    }
    const bool asksToEnd = info.signal == SIGINT || info.signal == SIGTERM || info.signal == SIGHUP ||
                           info.signal == SIGQUIT;
    if (!asksToEnd && sockscope::actAsDefault(info.signal) == sockscope::DefaultOutcome::Nothing)
        return;
    endedByDefault_ = !asksToEnd;
    lastSignal_ = info.signal;
    interrupted_ = true;
    reactor_->stop();
}

void CommandContext::Sink::onEvent(const sockscope::Event &event)
{
    if (context_.textSink_)
        context_.textSink_->onEvent(event);
    if (!context_.writer_)
        return;
    if (context_.outputWriter_) {
        context_.outputWriter_->write(
            sockscope::formatJsonLine(event, context_.start_, MessageCatalog::formatter()) + '\n');
        if (context_.outputTooMuch_ && context_.outputWriter_->queued() >= OutputWriter::kHighWater)
            context_.outputTooMuch_();
        return; // a failure comes back through the writer's own callback
    }
    context_.writer_->onEvent(event);
    if (!context_.writer_->ok())
        context_.outputFailed(context_.writer_->failure());
}

void CommandContext::print(const QString &text)
{
    if (outputFailure_)
        return;
    const QByteArray bytes = text.toUtf8();
    errno = 0;
    if (std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout) !=
            static_cast<std::size_t>(bytes.size()) ||
        std::fflush(stdout) != 0)
        outputFailed(std::error_code(errno ? errno : EIO, std::system_category()));
}

void CommandContext::outputFailed(std::error_code error)
{
    if (!outputFailure_)
        outputFailure_ = error;
    if (reactor_)
        reactor_->stop();
}

int CommandContext::finish(int status)
{
    if (reactor_) {
        if (const std::error_code failure = reactor_->failure()) {
            printError(tr("the event loop failed: %1").arg(MessageCatalog::errorMessage(failure)));
            return ExitFailure;
        }
    }
    if (outputFailure_ == std::errc::broken_pipe)
        return ExitSuccess; // the reader has all it wanted
    if (outputFailure_) {
        printError(tr("cannot write to standard output: %1").arg(MessageCatalog::errorMessage(outputFailure_)));
        return ExitFailure;
    }
    return endedByDefault_ ? sockscope::statusAfterSignal(lastSignal_) : status;
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

bool CommandContext::parse(QCommandLineParser &parser, const QStringList &arguments,
                           const std::function<std::optional<sockscope::InputError>(const QCommandLineParser &)> &readOptions,
                           int &status)
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
        // Qt names the program by its full path; people type "sockscope resolve".
        QString help = parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        if (const qsizetype at = help.indexOf(program); at >= 0 && !program.isEmpty())
            help.replace(at, program.size(), QStringLiteral("sockscope ") + name_);
        print(help);
        status = ExitSuccess;
        return false;
    }
    if (auto error = readOptions(parser)) {
        status = badInput(*error);
        return false;
    }
    return true;
}

bool CommandContext::begin(QCommandLineParser &parser, const QStringList &arguments,
                           const std::function<std::optional<sockscope::InputError>(const QCommandLineParser &)> &readOptions,
                           int &status)
{
    if (!parse(parser, arguments, readOptions, status))
        return false;
    if (start(parser.isSet(QStringLiteral("json"))))
        return true;
    status = ExitFailure;
    return false;
}
