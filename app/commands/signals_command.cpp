#include "signals_command.h"

#include "command_context.h"
#include "event_text.h"

#include <sockscope/ipc/signal_names.h>
#include <sockscope/ipc/signal_sender.h>

#include <QCommandLineParser>
#include <algorithm>
#include <csignal>
#include <unistd.h>

using sockscope::InputError;
using sockscope::InputErrorCode;

namespace {

constexpr long kMaxSeconds = 7 * 24 * 3600;

QString nameOf(int signal)
{
    return QString::fromStdString(sockscope::signalName(signal));
}

bool watchable(int signal)
{
    const std::vector<int> all = sockscope::blockableSignals();
    return std::find(all.begin(), all.end(), signal) != all.end();
}

// The ones that stay with the terminal: Ctrl-C and SIGTERM end the watch,
// Ctrl-Z stops it.
std::vector<int> defaultWatchSet()
{
    std::vector<int> chosen = sockscope::blockableSignals();
    chosen.erase(std::remove_if(chosen.begin(), chosen.end(),
                                 [](int s) { return s == SIGINT || s == SIGTERM || s == SIGTSTP; }),
                  chosen.end());
    return chosen;
}

class SignalsCommand {
    Q_DECLARE_TR_FUNCTIONS(SignalsCommand)
public:
    int watch(const QStringList &arguments);
    int send(const QStringList &arguments);
    int list(const QStringList &arguments);

private:
    std::optional<InputError> readWatchOptions(const QCommandLineParser &parser);
    std::optional<InputError> readSendOptions(const QCommandLineParser &parser);
    void printDelivery(const sockscope::Event &event);
    void printSent(const sockscope::Event &event);

    std::unique_ptr<CommandContext> context_;
    std::vector<int> signals_;
    long maxSeconds_ = 0;
    int signal_ = 0;
    sockscope::SignalTarget target_;
    std::optional<int> value_;
};

std::optional<InputError> SignalsCommand::readWatchOptions(const QCommandLineParser &parser)
{
    if (!parser.positionalArguments().isEmpty())
        return InputError{InputErrorCode::UnknownName, "argument", parser.positionalArguments().front().toStdString(),
                          0, 0};
    if (parser.isSet(QStringLiteral("max-seconds"))) {
        if (auto error = readNumberOption(parser, "max-seconds", 1, kMaxSeconds, maxSeconds_))
            return error;
    }
    if (!parser.isSet(QStringLiteral("signals"))) {
        signals_ = defaultWatchSet();
        return std::nullopt;
    }
    for (const QString &word : parser.value(QStringLiteral("signals")).split(QLatin1Char(','))) {
        InputError error;
        const std::optional<int> signal = sockscope::parseSignal(word.trimmed().toStdString(), "--signals", false, error);
        if (!signal)
            return error;
        if (!watchable(*signal))
            return InputError{InputErrorCode::NotWatchable, "--signals", sockscope::signalName(*signal), 0, 0};
        if (std::find(signals_.begin(), signals_.end(), *signal) == signals_.end())
            signals_.push_back(*signal);
    }
    return std::nullopt;
}

void SignalsCommand::printDelivery(const sockscope::Event &event)
{
    const QString at = QString::number(std::chrono::duration<double, std::milli>(event.time - context_->startTime()).count(),
                                       'f', 3);
    QString line = tr("%1 ms  %2 (%3) from pid %4, uid %5, %6")
                       .arg(at, nameOf(*event.signal))
                       .arg(*event.signal)
                       .arg(EventText::extra(event, "sender_pid"), EventText::extra(event, "sender_uid"),
                            EventText::extra(event, "code"));
    if (const QString value = EventText::extra(event, "value"); !value.isEmpty())
        line += tr(", value %1").arg(value);
    context_->print(line + QLatin1Char('\n'));
}

int SignalsCommand::watch(const QStringList &arguments)
{
    context_ = std::make_unique<CommandContext>(QStringLiteral("signals watch"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Shows every signal this process receives, as it arrives: its number and name, the pid and uid of its "
           "sender, how it was sent (SI_USER for kill, SI_QUEUE for sigqueue with its value, SI_TKILL, "
           "SI_KERNEL). Without --signals every signal that can be watched is, except SIGINT and SIGTERM, which "
           "end the watch, and SIGTSTP, which stops it (Ctrl-Z). A signal not watched does what it would do "
           "to any program."));
    parser.addOption({QStringLiteral("signals"),
                      tr("The signals to watch, separated by commas: USR1, SIGUSR1, 10, RTMIN+3."),
                      tr("list")});
    parser.addOption({QStringLiteral("max-seconds"), tr("Stop after N seconds (exit status 0)."), tr("N")});
    parser.addOption({QStringLiteral("json"), tr("One JSON object a line.")});
    int status = ExitSuccess;
    if (!context_->parse(parser, arguments, [this](const QCommandLineParser &p) { return readWatchOptions(p); },
                         status))
        return status;
    if (!context_->start(parser.isSet(QStringLiteral("json"))))
        return ExitFailure;
    sockscope::FunctionSink text([this](const sockscope::Event &event) { printDelivery(event); });
    if (!context_->json()) {
        context_->setTextSink(&text);
        QStringList names;
        for (int signal : signals_)
            names << nameOf(signal);
        context_->print(tr("Watching %1 in pid %2.\n").arg(names.join(QStringLiteral(", "))).arg(::getpid()));
    }
    for (int signal : signals_) {
        context_->onSignal(signal, [this](const sockscope::SignalInfo &info) {
            context_->events().onEvent(sockscope::signalReceivedEvent(info));
        });
    }
    if (maxSeconds_ > 0)
        context_->reactor().startTimer(std::chrono::seconds(maxSeconds_), [this] { context_->reactor().stop(); });
    context_->reactor().run();
    return context_->finish(context_->interrupted() ? sockscope::statusAfterSignal(context_->interruptSignal())
                                                    : ExitSuccess);
}

std::optional<InputError> SignalsCommand::readSendOptions(const QCommandLineParser &parser)
{
    const QStringList words = parser.positionalArguments();
    if (words.isEmpty())
        return InputError{InputErrorCode::Empty, "signal", "", 0, 0};
    InputError error;
    const std::optional<int> signal = sockscope::parseSignal(words.front().toStdString(), "signal", true, error);
    if (!signal)
        return error;
    signal_ = *signal;
    const bool group = parser.isSet(QStringLiteral("group"));
    if (group && words.size() > 1)
        return InputError{InputErrorCode::Conflict, "pid", words.at(1).toStdString(), 0, 0}; // --group says where
    if (!group && words.size() < 2)
        return InputError{InputErrorCode::Empty, "pid", "", 0, 0};
    if (words.size() > 2)
        return InputError{InputErrorCode::UnknownName, "argument", words.at(2).toStdString(), 0, 0};
    long id = 0;
    if (group) {
        if (auto bad = readNumberOption(parser, "group", 2, INT32_MAX, id)) // group 1 would be kill(-1): everyone
            return bad;
    } else if (words.at(1) == QLatin1String("self")) {
        id = ::getpid();
    } else {
        bool ok = false;
        id = words.at(1).toLong(&ok);
        if (!ok)
            return InputError{InputErrorCode::BadNumber, "pid", words.at(1).toStdString(), 0, 0};
        if (id < 1 || id > INT32_MAX)
            return InputError{InputErrorCode::NumberOutOfRange, "pid", words.at(1).toStdString(), 0,
                              static_cast<std::size_t>(INT32_MAX), 1};
    }
    target_.id = static_cast<int>(id);
    target_.group = group;
    if (parser.isSet(QStringLiteral("value"))) {
        if (group)
            return InputError{InputErrorCode::OnlyFor, "--value", "a single process (sigqueue has no group form)", 0, 0};
        long value = 0;
        if (auto bad = readNumberOption(parser, "value", INT32_MIN, INT32_MAX, value))
            return bad;
        value_ = static_cast<int>(value);
    }
    return std::nullopt;
}

void SignalsCommand::printSent(const sockscope::Event &event)
{
    const QString target = target_.group ? tr("process group %1").arg(target_.id) : tr("pid %1").arg(target_.id);
    if (event.error) {
        context_->printError(signal_ == 0 ? tr("%1: %2").arg(target, EventText::failure(event.error))
                                          : tr("cannot send %1 to %2: %3")
                                                .arg(nameOf(signal_), target, EventText::failure(event.error)));
        return;
    }
    if (signal_ == 0) {
        context_->print(tr("%1 exists and may be signalled.\n").arg(target));
        return;
    }
    QString line = tr("Sent %1 (%2) to %3").arg(nameOf(signal_)).arg(signal_).arg(target);
    if (value_)
        line += tr(" with value %1").arg(*value_);
    context_->print(line + QStringLiteral(".\n"));
}

int SignalsCommand::send(const QStringList &arguments)
{
    context_ = std::make_unique<CommandContext>(QStringLiteral("signals send"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Sends SIGNAL (a name such as USR1 or SIGUSR1, a number, RTMIN+n; 0 only checks that the process "
           "exists and may be signalled) to PID ('self' for this process) or, with --group, to every process "
           "of a process group. With --value it is sent with sigqueue and that value."));
    parser.addPositionalArgument(QStringLiteral("signal"), tr("The signal."), tr("SIGNAL"));
    parser.addPositionalArgument(QStringLiteral("pid"), tr("The process, or 'self'."), tr("[PID]"));
    parser.addOption({QStringLiteral("group"), tr("Send to the process group PGID instead."), tr("PGID")});
    parser.addOption({QStringLiteral("value"), tr("Send with sigqueue and this integer value."), tr("N")});
    parser.addOption({QStringLiteral("json"), tr("One JSON object a line.")});
    int status = ExitSuccess;
    if (!context_->parse(parser, arguments, [this](const QCommandLineParser &p) { return readSendOptions(p); },
                         status))
        return status;
    if (!context_->start(parser.isSet(QStringLiteral("json"))))
        return ExitFailure;
    const sockscope::Event event = sockscope::sendSignal(target_, signal_, value_, context_->reactor().now());
    context_->events().onEvent(event);
    if (!context_->json())
        printSent(event);
    return context_->finish(event.error ? ExitFailure : ExitSuccess);
}

int SignalsCommand::list(const QStringList &arguments)
{
    context_ = std::make_unique<CommandContext>(QStringLiteral("signals list"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists every signal a process can be sent: its number, its name (real-time ones as SIGRTMIN+n), what "
           "it does to a program that does not catch it, and whether it can be caught at all."));
    int status = ExitSuccess;
    if (!context_->parse(parser, arguments, [](const QCommandLineParser &) { return std::nullopt; }, status))
        return status;
    QString text;
    for (const sockscope::SignalEntry &entry : sockscope::signalTable()) {
        QString action;
        switch (entry.action) {
        case sockscope::SignalDefault::Terminate: action = tr("terminate"); break;
        case sockscope::SignalDefault::CoreDump: action = tr("terminate, core dump"); break;
        case sockscope::SignalDefault::Stop: action = tr("stop"); break;
        case sockscope::SignalDefault::Continue: action = tr("continue"); break;
        case sockscope::SignalDefault::Ignore: action = tr("ignore"); break;
        }
        text += QStringLiteral("%1  %2  %3%4\n")
                    .arg(entry.number, 2)
                    .arg(QString::fromStdString(entry.name), -12)
                    .arg(action, -20)
                    .arg(entry.catchable ? QString() : tr("cannot be caught, blocked or ignored"));
    }
    context_->print(text);
    return context_->finish(ExitSuccess);
}

} // namespace

int runSignalsCommand(const QStringList &arguments)
{
    // "sockscope signals watch ...": the action becomes the command's name.
    const QString action = arguments.value(2);
    QStringList rest = arguments;
    rest.removeAt(1);
    SignalsCommand command;
    if (action == QLatin1String("watch"))
        return command.watch(rest);
    if (action == QLatin1String("send"))
        return command.send(rest);
    if (action == QLatin1String("list"))
        return command.list(rest);
    CommandContext context(QStringLiteral("signals"));
    context.printError(action.isEmpty() ? SignalsCommand::tr("say what to do: watch, send or list")
                                        : SignalsCommand::tr("“%1” is no action; use watch, send or list").arg(action));
    return ExitUsage;
}
