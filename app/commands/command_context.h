// CommandContext: what every headless subcommand shares.
//
// The engine runs on an EpollReactor (never a Qt event loop here). Every
// signal, blocked since main(), arrives through one SignalWatcher: SIGINT,
// SIGTERM, SIGHUP and SIGQUIT end the loop cleanly, a command may take any
// signal for itself (onSignal), and the others get the kernel's default
// action emulated (actAsDefault(): an end of the loop with status 128+N, a
// stop, or nothing). Output is either text for people
// or, with --json, one JSON object a line (core's writer with the message
// catalogue's words), flushed as written and opened by `run-start`.
//
// Output is never lost silently: the first failed write to standard output
// stops the loop, and finish() turns it into the exit status: a reader that
// went away (EPIPE, `| head -1`) ends the command quietly with 0, any other
// failure (ENOSPC, `>/dev/full`) with a message and 1. A failure of the
// loop itself is reported the same way.
#pragma once

#include "cli.h"

#include <sockscope/reactor/epoll_reactor.h>
#include <sockscope/events/input_error.h>
#include <sockscope/events/json_lines.h>
#include <sockscope/ipc/signal_watcher.h>

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <functional>
#include <map>
#include <memory>
#include <optional>

class OutputWriter;
class QCommandLineParser;

/// The number option `--name`, between `lowest` and `highest`; an
/// InputError naming the option when it is no number or out of range.
std::optional<sockscope::InputError> readNumberOption(const QCommandLineParser &parser, const char *name, long lowest,
                                                      long highest, long &out);

class CommandContext {
    Q_DECLARE_TR_FUNCTIONS(CommandContext)
public:
    /// `name` is the subcommand, for messages ("sockscope resolve: ...").
    explicit CommandContext(QString name);
    ~CommandContext();

    /// Creates the reactor and the signal watcher, and with `json` writes
    /// run-start; false (message printed) if the system refuses.
    bool start(bool json);
    /// The exit status, once the loop has ended: `status` unless output or
    /// the loop failed (see above), or a signal nobody watched ended it
    /// (statusAfterSignal()).
    int finish(int status);

    sockscope::EpollReactor &reactor() { return *reactor_; }
    bool json() const { return json_; }
    bool interrupted() const { return interrupted_; }
    /// The signal that interrupted the loop (SIGINT, SIGTERM, ...), or 0.
    int interruptSignal() const { return lastSignal_; }
    using SignalHandler = std::function<void(const sockscope::SignalInfo &)>;
    /// `signal` runs `handler` instead of its default (serve's SIGHUP
    /// restarts it; `signals watch` reports what it watches).
    void onSignal(int signal, SignalHandler handler) { signalHandlers_[signal] = std::move(handler); }
    /// This run goes on from an earlier image of the program (a restart):
    /// t_ms counts from its `start`, and no second run-start is written.
    /// Call before start().
    void continueFrom(sockscope::TimePoint start)
    {
        start_ = start;
        continued_ = true;
    }
    sockscope::TimePoint startTime() const { return start_; }

    /// Writes events as JSON lines in json mode; in text mode hands them to
    /// the text sink, if the command set one.
    sockscope::EventSink &events() { return sink_; }
    void setTextSink(sockscope::EventSink *sink) { textSink_ = sink; }
    /// With --json, queue the JSON lines on `writer` (a thread of its own)
    /// instead of writing them from the loop; null: write them directly
    /// again. The lines keep their order. `tooMuch` runs when a line leaves
    /// more than OutputWriter::kHighWater queued: the command slows its
    /// sources until the writer's own drained callback says so.
    void setOutputWriter(OutputWriter *writer, std::function<void()> tooMuch = {})
    {
        outputWriter_ = writer;
        outputTooMuch_ = std::move(tooMuch);
    }
    /// A write to standard output failed (also one made elsewhere, by an
    /// OutputWriter): the loop stops, and finish() reports it.
    void outputFailed(std::error_code error);
    /// Writes text for people to standard output, flushed.
    void print(const QString &text);
    /// Writes an error for people to standard error: "sockscope NAME: text".
    void printError(const QString &text);
    /// Reports bad input and returns ExitUsage.
    int badInput(const sockscope::InputError &error);
    /// Parses the subcommand's arguments and reads its options with
    /// `readOptions`; on a usage error or bad input prints it and sets
    /// `status`. Handles --help. False when the command must not run.
    bool parse(QCommandLineParser &parser, const QStringList &arguments,
               const std::function<std::optional<sockscope::InputError>(const QCommandLineParser &)> &readOptions,
               int &status);
    /// parse(), then start() (with --json if set): false when the command
    /// must not run, `status` then its exit status (ExitFailure when the
    /// system refuses to start).
    bool begin(QCommandLineParser &parser, const QStringList &arguments,
               const std::function<std::optional<sockscope::InputError>(const QCommandLineParser &)> &readOptions,
               int &status);

private:
    void signalArrived(const sockscope::SignalInfo &info);

    class Sink final : public sockscope::EventSink {
    public:
        explicit Sink(CommandContext &context) : context_(context) {}
        void onEvent(const sockscope::Event &event) override;

    private:
        CommandContext &context_;
    };

    QString name_;
    Sink sink_{*this};
    std::error_code outputFailure_;
    sockscope::EventSink *textSink_ = nullptr;
    OutputWriter *outputWriter_ = nullptr;
    std::function<void()> outputTooMuch_;
    bool json_ = false;
    bool interrupted_ = false;
    bool continued_ = false;
    int lastSignal_ = 0;
    bool endedByDefault_ = false; // by a signal nobody watched (its default action)
    std::map<int, SignalHandler> signalHandlers_;
    sockscope::TimePoint start_;
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    std::unique_ptr<sockscope::SignalWatcher> signals_;
    std::unique_ptr<sockscope::JsonLinesWriter> writer_;
};
