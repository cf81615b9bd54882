#include "run_command.h"

#include "command_context.h"
#include "event_text.h"
#include "message_catalog.h"
#include "output_writer.h"

#include <sockscope/events/error.h>
#include <sockscope/ipc/input_reader.h>
#include <sockscope/proc/child_process.h>

#include <QCommandLineParser>
#include <QStandardPaths>
#include <unistd.h>

using sockscope::InputError;
using sockscope::InputErrorCode;

namespace {

constexpr int kStatusNotFound = 127;  // as shells say it
constexpr int kStatusNotRunnable = 126;
constexpr int kStatusSignalBase = 128;

QString streamOf(const sockscope::Event &event)
{
    return EventText::extra(event, "stream");
}

class RunCommand {
    Q_DECLARE_TR_FUNCTIONS(RunCommand)
public:
    int run(const QStringList &arguments);

private:
    std::optional<InputError> readOptions(const QCommandLineParser &parser);
    void startChild();
    void output(const sockscope::Event &event);
    void exited(const sockscope::ChildExit &how);
    void readInput();

    CommandContext context_{QStringLiteral("run")};
    std::vector<std::string> argv_;
    std::unique_ptr<sockscope::FunctionSink> text_; // text: the program's own output, as it is, to ours
    std::unique_ptr<OutputWriter> stdout_;
    std::unique_ptr<OutputWriter> stderr_;
    std::unique_ptr<sockscope::ChildProcess> child_;
    std::unique_ptr<sockscope::InputReader> input_;
    int status_ = ExitFailure;
};

std::optional<InputError> RunCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList words = parser.positionalArguments();
    if (words.isEmpty())
        return InputError{InputErrorCode::Empty, "program", "", 0, 0};
    QString program = words.front();
    // A name is looked up in PATH as execvp would; a path is taken as it is.
    if (!program.contains(QLatin1Char('/'))) {
        const QString found = QStandardPaths::findExecutable(program);
        if (!found.isEmpty())
            program = found;
    }
    argv_.push_back(program.toStdString());
    for (qsizetype i = 1; i < words.size(); ++i)
        argv_.push_back(words.at(i).toStdString());
    return std::nullopt;
}

void RunCommand::output(const sockscope::Event &event)
{
    if (event.kind == sockscope::EventKind::ChildExited && event.error) {
        context_.printError(tr("%1: %2").arg(QString::fromStdString(argv_.front()), EventText::failure(event.error)));
        return;
    }
    if (event.kind != sockscope::EventKind::Data || !event.payload || event.error)
        return;
    const QString stream = streamOf(event);
    OutputWriter *to = stream == QLatin1String("stdout") ? stdout_.get()
                       : stream == QLatin1String("stderr") ? stderr_.get()
                                                            : nullptr;
    if (!to)
        return;
    to->write(std::string(event.payload->begin(), event.payload->end()));
    if (to->queued() >= OutputWriter::kHighWater)
        child_->setReadingOutput(false); // it waits on its full pipe; `drained` resumes
}

void RunCommand::exited(const sockscope::ChildExit &how)
{
    status_ = how.signal ? kStatusSignalBase + *how.signal : how.status.value_or(ExitFailure);
    context_.reactor().stop();
}

// Our standard input to the program's, held back while it is not taking it.
void RunCommand::readInput()
{
    std::error_code error;
    input_ = sockscope::InputReader::start(
        context_.reactor(), sockscope::openStandardInput(error),
        [this](std::string_view bytes) {
            child_->write(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
            if (child_->queuedInput() >= OutputWriter::kHighWater)
                input_->pause();
        },
        [this](std::error_code) {
            if (child_)
                child_->closeInput();
        },
        error);
    if (!input_)
        child_->closeInput(); // nothing to read: the program gets its EOF at once
    else
        child_->onInputDrained([this] { input_->resume(); });
}

void RunCommand::startChild()
{
    const auto resume = [this] {
        if (child_ && stdout_->queued() < OutputWriter::kHighWater && stderr_->queued() < OutputWriter::kHighWater)
            child_->setReadingOutput(true);
    };
    const auto failed = [this](std::error_code error) { context_.outputFailed(error); };
    stdout_ = std::make_unique<OutputWriter>(context_.reactor(), STDOUT_FILENO, resume, failed);
    stderr_ = std::make_unique<OutputWriter>(context_.reactor(), STDERR_FILENO, resume, failed);
    if (context_.json())
        context_.setOutputWriter(stdout_.get(), [this] { child_->setReadingOutput(false); });
    sockscope::ChildOptions options;
    options.argv = argv_;
    std::error_code error;
    child_ = sockscope::ChildProcess::start(context_.reactor(), context_.events(), options,
                                            [this](const sockscope::ChildExit &how) { exited(how); }, error);
    if (!child_) {
        // As shells say it: not there, or there and not to be run.
        status_ = error == std::errc::no_such_file_or_directory ? kStatusNotFound : kStatusNotRunnable;
        context_.reactor().stop();
        return;
    }
    readInput();
}

int RunCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Starts PROGRAM with ARGS (no shell: a name is looked up in PATH) and shows what it does: its output, "
           "as it is or with --json as events (child-started, data with its stream, child-exited). Standard input "
           "goes to the program. The exit status is the program's, or 128+N when signal N ended it."));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addPositionalArgument(QStringLiteral("program"), tr("The program and its arguments."),
                                 tr("[--] PROGRAM [ARGS...]"));
    parser.addOption({QStringLiteral("json"), tr("One JSON object a line.")});
    int status = ExitSuccess;
    if (!context_.begin(parser, arguments, [this](const QCommandLineParser &p) { return readOptions(p); }, status))
        return status;
    if (!context_.json()) {
        text_ = std::make_unique<sockscope::FunctionSink>([this](const sockscope::Event &event) { output(event); });
        context_.setTextSink(text_.get());
    }
    startChild();
    context_.reactor().run();
    input_.reset();
    if (context_.interrupted() && child_ && child_->running())
        status_ = kStatusSignalBase + context_.interruptSignal(); // the child is killed with us
    child_.reset();
    context_.setOutputWriter(nullptr);
    for (auto *writer : {stdout_.get(), stderr_.get()}) {
        if (writer && context_.interrupted() && !writer->waitWritten(std::chrono::seconds(1)))
            writer->abandon();
    }
    stdout_.reset();
    stderr_.reset();
    return context_.finish(status_);
}

} // namespace

int runRunCommand(const QStringList &arguments)
{
    RunCommand command;
    return command.run(arguments);
}
