// A worker of a fork or prefork server (core/serve/worker_pool.h): it
// serves the sockets it inherited (descriptors 3, 4, ...: the listening
// sockets of a prefork pool, or a fork worker's one peer) with the
// behaviour, and writes its events to the inherited events pipe as JSON
// Lines, t_ms counted from its server's run-start. What the server says
// itself (listening, server-stopped) is left out: its parent says it.
// SIGTERM ends it with its peers `stopped`, SIGHUP with them `restart`; a
// fork worker ends when its peer does; every worker ends when its server
// does, even one killed outright (PR_SET_PDEATHSIG: SIGTERM).
#include "serve_worker_command.h"

#include "command_context.h"
#include "message_catalog.h"
#include "serve_command.h"

#include <sockscope/events/json_lines.h>
#include <sockscope/serve/behaviour.h>
#include <sockscope/serve/server.h>

#include <QCommandLineParser>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

using sockscope::InputError;
using sockscope::InputErrorCode;

namespace {

class WorkerEvents final : public sockscope::EventSink {
public:
    WorkerEvents(std::FILE *out, sockscope::TimePoint start, std::function<void()> peerClosed)
        : writer_(out, start, MessageCatalog::formatter()), peerClosed_(std::move(peerClosed))
    {
    }
    void onEvent(const sockscope::Event &event) override
    {
        using sockscope::EventKind;
        if (event.kind == EventKind::Listening || event.kind == EventKind::ServerStopped)
            return;
        writer_.onEvent(event);
        if (event.kind == EventKind::PeerClosed)
            peerClosed_();
    }

private:
    sockscope::JsonLinesWriter writer_;
    std::function<void()> peerClosed_;
};

class ServeWorkerCommand {
public:
    int run(const QStringList &arguments);

private:
    std::optional<InputError> readOptions(const QCommandLineParser &parser);

    CommandContext context_{QStringLiteral("__serve-worker")};
    sockscope::ServerConfig config_;
    std::vector<int> fds_;
    int eventsFd_ = -1;
    sockscope::TimePoint runStart_;
    bool forkWorker_ = false;
};

std::optional<InputError> ServeWorkerCommand::readOptions(const QCommandLineParser &parser)
{
    config_.behaviour = parser.positionalArguments().value(0).toStdString();
    if (!sockscope::knownBehaviour(config_.behaviour))
        return InputError{InputErrorCode::UnknownName, "behaviour", config_.behaviour, 0, 0};
    const QString mode = parser.value(QStringLiteral("mode"));
    if (mode != QLatin1String("fork") && mode != QLatin1String("prefork"))
        return InputError{InputErrorCode::UnknownName, "--mode", mode.toStdString(), 0, 0};
    forkWorker_ = mode == QLatin1String("fork");
    for (const QString &text : parser.value(QStringLiteral("fds")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int fd = text.toInt(&ok);
        if (!ok || fd < 3) // never standard input or output
            return InputError{InputErrorCode::BadNumber, "--fds", text.toStdString(), 0, 0};
        fds_.push_back(fd);
    }
    long value = 0;
    if (auto error = readNumberOption(parser, "events-fd", 3, 1'000'000, value))
        return error;
    eventsFd_ = static_cast<int>(value);
    runStart_ = sockscope::TimePoint(sockscope::Duration(parser.value(QStringLiteral("run-start-ns")).toLongLong()));
    return readPeerOptions(parser, config_);
}

int ServeWorkerCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("behaviour"), QString());
    parser.addOptions({{QStringLiteral("mode"), QString(), QStringLiteral("mode")},
                       {QStringLiteral("fds"), QString(), QStringLiteral("list")},
                       {QStringLiteral("events-fd"), QString(), QStringLiteral("fd")},
                       {QStringLiteral("run-start-ns"), QString(), QStringLiteral("ns")},
                       {QStringLiteral("max-peers"), QString(), QStringLiteral("count"), QStringLiteral("1024")},
                       {QStringLiteral("idle-timeout"), QString(), QStringLiteral("ms"), QStringLiteral("0")},
                       {QStringLiteral("to"), QString(), QStringLiteral("target")},
                       {QStringLiteral("parent"), QString(), QStringLiteral("pid")},
                       {QStringLiteral("no-names"), QString()},
                       {QStringLiteral("owners"), QString()}});
    int status = ExitSuccess;
    if (!context_.parse(parser, arguments, [this](const QCommandLineParser &p) { return readOptions(p); }, status))
        return status;
    // The server gone already (before the line above took effect): leave.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parser.value(QStringLiteral("parent")).toInt())
        return ExitFailure;
    // Ours now, not for any program a behaviour might start.
    for (int fd : fds_)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    ::fcntl(eventsFd_, F_SETFD, FD_CLOEXEC);
    std::FILE *events = ::fdopen(eventsFd_, "w");
    if (!events)
        return ExitFailure;
    context_.continueFrom(runStart_);
    if (!context_.start(false))
        return ExitFailure;
    sockscope::Server server(context_.reactor(), context_.events(), config_);
    // A fork worker is done when its peer is: once the peer is gone.
    WorkerEvents sink(events, runStart_, [this, &server] {
        if (forkWorker_)
            context_.reactor().startTimer(sockscope::Duration::zero(), [this, &server] {
                if (server.peerCount() == 0)
                    context_.reactor().stop();
            });
    });
    context_.setTextSink(&sink);
    bool started = false;
    if (forkWorker_ && fds_.size() == 1) {
        started = server.serve(sockscope::UniqueFd(fds_.front()));
    } else if (!forkWorker_) {
        std::vector<sockscope::ListeningSocket> sockets;
        for (int fd : fds_) {
            if (auto socket = sockscope::adoptListener(sockscope::UniqueFd(fd)))
                sockets.push_back(std::move(*socket));
        }
        started = !sockets.empty() && server.start(std::move(sockets));
    }
    if (!started)
        return ExitFailure;
    context_.reactor().run();
    server.stop(context_.interruptSignal() == SIGHUP ? "restart" : "stopped");
    std::fclose(events);
    return context_.finish(ExitSuccess);
}

} // namespace

int runServeWorkerCommand(const QStringList &arguments)
{
    ServeWorkerCommand command;
    return command.run(arguments);
}
