// CommandContext: what every headless subcommand shares.
//
// The engine runs on an EpollReactor (never a Qt event loop here). SIGINT,
// SIGTERM, SIGHUP and SIGQUIT, blocked since main(), arrive through a
// SignalWatcher and end the loop cleanly. Output is either text for people or, with --json, one
// JSON object a line (core's writer with the message catalogue's words),
// flushed as written.
#pragma once

#include "cli.h"

#include <sockscope/reactor/epoll_reactor.h>
#include <sockscope/events/input_error.h>
#include <sockscope/events/json_lines.h>
#include <sockscope/ipc/signal_watcher.h>

#include <QString>
#include <memory>

class QCommandLineParser;

class CommandContext {
public:
    /// `name` is the subcommand, for messages ("sockscope resolve: ...").
    explicit CommandContext(QString name);
    ~CommandContext();

    /// Creates the reactor and the signal watcher; false (message printed)
    /// if the system refuses.
    bool start(bool json);

    sockscope::EpollReactor &reactor() { return *reactor_; }
    bool json() const { return json_; }
    bool interrupted() const { return interrupted_; }
    sockscope::TimePoint startTime() const { return start_; }

    /// Writes an event as a JSON line (json mode only).
    void emitEvent(const sockscope::Event &event);
    /// Writes text for people to standard output, flushed.
    void print(const QString &text);
    /// Writes an error for people to standard error: "sockscope NAME: text".
    void printError(const QString &text);
    /// Reports bad input and returns ExitUsage.
    int badInput(const sockscope::InputError &error);
    /// Parses the subcommand's arguments; on a usage error prints it and
    /// sets `status`. Handles --help. False when the command must not run.
    bool parse(QCommandLineParser &parser, const QStringList &arguments, int &status);

private:
    QString name_;
    bool json_ = false;
    bool interrupted_ = false;
    sockscope::TimePoint start_;
    std::unique_ptr<sockscope::EpollReactor> reactor_;
    std::unique_ptr<sockscope::SignalWatcher> signals_;
    std::unique_ptr<sockscope::JsonLinesWriter> writer_;
};
