#include "serve_command.h"

#include "command_context.h"
#include "message_catalog.h"
#include "resolve/resolve_text.h"
#include "event_text.h"
#include "output_writer.h"
#include "socket_option_flags.h"

#include <sockscope/events/error.h>
#include <sockscope/ipc/input_reader.h>
#include <sockscope/resolve/endpoint.h>
#include <sockscope/resolve/resolver.h>
#include <sockscope/serve/behaviour.h>
#include <sockscope/serve/server.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <cstdio>
#include <unistd.h>

extern char **environ;

using sockscope::InputError;
using sockscope::InputErrorCode;

namespace {

// The server's events in words, a line each, on standard output.
class ServeText final : public sockscope::EventSink {
    Q_DECLARE_TR_FUNCTIONS(ServeText)
public:
    ServeText(sockscope::TimePoint start, std::function<void(std::error_code)> onOutputFailed)
        : start_(start), onOutputFailed_(std::move(onOutputFailed))
    {
    }
    void onEvent(const sockscope::Event &event) override;

private:
    sockscope::TimePoint start_;
    std::function<void(std::error_code)> onOutputFailed_;
};

void ServeText::onEvent(const sockscope::Event &event)
{
    using sockscope::EventKind;
    const QString at = ResolveText::milliseconds(event.time - start_);
    const QString peer = event.peer ? QString::number(*event.peer) : QString();
    using EventText::extra;
    using EventText::failure;
    using EventText::where;
    QString line;
    switch (event.kind) {
    case EventKind::Listening: line = tr("%1 ms  listening on %2").arg(at, where(event)); break;
    case EventKind::PeerAccepted:
        line = event.pid ? tr("%1 ms  peer %2: accepted on %3, pid %4 uid %5 gid %6")
                               .arg(at, peer, where(event))
                               .arg(*event.pid)
                               .arg(event.uid.value_or(-1))
                               .arg(event.gid.value_or(-1))
                         : tr("%1 ms  peer %2: accepted from %3").arg(at, peer, where(event));
        break;
    case EventKind::PeerClosed:
        line = tr("%1 ms  peer %2: closed [%3], %4 bytes in, %5 out")
                   .arg(at, peer, extra(event, "reason"), extra(event, "bytes_in"), extra(event, "bytes_out"));
        if (event.error)
            line += QStringLiteral(": ") + failure(event.error);
        break;
    case EventKind::ReverseResolved:
        line = event.error ? tr("%1 ms  peer %2: no name for %3: %4").arg(at, peer, where(event), failure(event.error))
               : extra(event, "confirmed") == QLatin1String("true")
                   ? tr("%1 ms  peer %2: %3 is %4 (confirmed)").arg(at, peer, where(event), extra(event, "name"))
                   : tr("%1 ms  peer %2: %3 claims to be %4 (not confirmed)")
                         .arg(at, peer, where(event), extra(event, "name"));
        break;
    case EventKind::PeerLogged:
        line = tr("%1 ms  peer %2: logged %3, name %4, first %n byte(s): %5", nullptr, static_cast<int>(event.bytes.value_or(0)))
                   .arg(at, peer, where(event), extra(event, "name").isEmpty() ? tr("unknown") : extra(event, "name"),
                        QString::fromStdString(sockscope::printablePreview(event.payload.value_or(std::vector<unsigned char>{}))));
        break;
    case EventKind::PeerOwner:
        line = event.pid ? tr("%1 ms  peer %2: process %3 (%4)").arg(at, peer).arg(*event.pid).arg(extra(event, "process"))
               : event.error ? tr("%1 ms  peer %2: owner unknown (%3)").arg(at, peer, failure(event.error))
                             : tr("%1 ms  peer %2: owner not found").arg(at, peer);
        break;
    case EventKind::Connected: // the forwarder's own connection, made for a peer
        line = tr("%1 ms  peer %2: forwarding to %3").arg(at, peer, where(event));
        break;
    case EventKind::ConnectFailed:
        line = tr("%1 ms  peer %2: cannot forward to %3: %4").arg(at, peer, QString::fromStdString(event.target),
                                                                  failure(event.error));
        break;
    case EventKind::PeerRefused:
        line = tr("%1 ms  refused %2 [%3]").arg(at, where(event), extra(event, "reason"));
        break;
    case EventKind::AcceptPaused: line = tr("%1 ms  accepting paused: %2").arg(at, failure(event.error)); break;
    case EventKind::AcceptResumed: line = tr("%1 ms  accepting again").arg(at); break;
    case EventKind::ServerError:
        line = tr("%1 ms  error (%2) %3: %4").arg(at, extra(event, "step"), where(event), failure(event.error));
        break;
    case EventKind::ServerStopped: line = tr("%1 ms  stopped [%2]").arg(at, extra(event, "reason")); break;
    case EventKind::WorkerStarted: line = tr("%1 ms  worker %2 started").arg(at).arg(event.pid.value_or(0)); break;
    case EventKind::WorkerExited:
        line = event.signal ? tr("%1 ms  worker %2 ended by %3")
                                  .arg(at)
                                  .arg(event.pid.value_or(0))
                                  .arg(QString::fromStdString(sockscope::signalName(*event.signal)))
                            : tr("%1 ms  worker %2 exited with status %3")
                                  .arg(at)
                                  .arg(event.pid.value_or(0))
                                  .arg(event.status.value_or(0));
        break;
    case EventKind::Restarted:
        line = tr("%1 ms  restarted (pid %2, restart %3), listening sockets kept")
                   .arg(at)
                   .arg(event.pid.value_or(0))
                   .arg(extra(event, "restarts"));
        break;
    default: return;
    }
    if (const std::error_code error = EventText::writeLine(stdout, line); error && onOutputFailed_)
        onOutputFailed_(error); // `| head -2`: the reader went away
}

class ServeCommand {
    Q_DECLARE_TR_FUNCTIONS(ServeCommand)
public:
    int run(const QStringList &arguments);

private:
    void addOptions(QCommandLineParser &parser);
    std::optional<InputError> readOptions(const QCommandLineParser &parser);
    std::optional<InputError> readListen(const QStringList &endpoints);
    std::optional<InputError> readForwardTarget(const QCommandLineParser &parser);
    void resolved(const std::string &text, const sockscope::ResolveResult &result);
    void startServer(std::vector<sockscope::ListeningSocket> handedOver = {});
    bool continueAfterRestart();
    void restart();

    CommandContext context_{QStringLiteral("serve")};
    sockscope::ServerConfig config_;
    long maxSeconds_ = 0;
    std::optional<int> loopbackPort_; // ":port" given
    std::vector<sockscope::ResolveRequest> lookups_; // names to resolve before listening
    std::vector<std::string> lookupTexts_;
    int lookupsLeft_ = 0;
    bool failed_ = false;
    int restarts_ = 0;
    std::vector<sockscope::ListeningSocket> handedOver_; // from the image before a restart
    std::unique_ptr<sockscope::Resolver> resolver_;
    std::unique_ptr<ServeText> text_;
    std::unique_ptr<sockscope::Server> server_;
    std::unique_ptr<sockscope::InputReader> input_; // manual: standard input to every peer
    std::unique_ptr<OutputWriter> output_;          // --json: the events, written by a thread of their own
};

void ServeCommand::addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Runs a server with BEHAVIOUR (echo, discard, daytime, chargen, time, greeter, command, logger, forward "
           "with --to, or manual: standard input goes to every peer) and shows who connects. Without --listen it "
           "listens on 127.0.0.1 and ::1, on one port the kernel picks."));
    parser.addPositionalArgument(
        QStringLiteral("behaviour"),
        tr("echo, discard, daytime, chargen, time, greeter, command, logger, forward or manual"), tr("BEHAVIOUR"));
    parser.addOptions({
        {QStringLiteral("listen"),
         tr("Where to listen: host:port, [v6]:port, :port (loopback, both families), unix:/path, unix:name (in a "
            "private directory) or unix:@name. May be given several times."),
         tr("endpoint")},
        {QStringLiteral("max-peers"), tr("Peers at once; one more is refused (1 to 1000000)."), tr("count"),
         QStringLiteral("1024")},
        {QStringLiteral("idle-timeout"), tr("Milliseconds without data after which a peer is closed; 0 for none."),
         tr("ms"), QStringLiteral("0")},
        {QStringLiteral("max-seconds"), tr("Stop after this many seconds; 0 to run until stopped."), tr("seconds"),
         QStringLiteral("0")},
        {QStringLiteral("model"),
         tr("Server model: in-loop (every peer on the event loop), fork (a worker process per peer) or prefork (a "
            "pool of --children workers accepting)."),
         tr("model"), QStringLiteral("in-loop")},
        {QStringLiteral("children"), tr("prefork: the number of workers (1 to 256)."), tr("count"),
         QStringLiteral("4")},
        {QStringLiteral("to"), tr("forward: where each peer's connection goes (host:port, unix:/path)."),
         tr("target")},
        {QStringLiteral("no-names"), tr("Do not look up the names of peers.")},
        {QStringLiteral("owners"), tr("Find the process at the other end of each loopback TCP peer (from /proc).")},
        {QStringLiteral("json"), tr("One JSON object a line.")},
    });
}

std::optional<InputError> ServeCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    config_.behaviour = positional.value(0).toStdString();
    if (!sockscope::knownBehaviour(config_.behaviour))
        return InputError{InputErrorCode::UnknownName, "behaviour", config_.behaviour, 0, 0};
    const std::string model = parser.value(QStringLiteral("model")).toStdString();
    const auto serverModel = sockscope::serverModelFromName(model);
    if (!serverModel)
        return InputError{InputErrorCode::UnknownName, "--model", model, 0, 0};
    config_.model = *serverModel;
    if (parser.isSet(QStringLiteral("bind"))) // a server binds what it listens on
        return InputError{InputErrorCode::UseInstead, "--bind", "--listen", 0, 0};
    const QStringList endpoints = parser.values(QStringLiteral("listen"));
    const bool unixTarget = std::any_of(endpoints.begin(), endpoints.end(),
                                        [](const QString &e) { return sockscope::isUnixTarget(e.toStdString()); });
    if (auto error = readSocketOptionFlags(parser, unixTarget, config_.listen.options))
        return error;
    long value = 0;
    if (auto error = readForwardTarget(parser))
        return error;
    if (auto error = readPeerOptions(parser, config_))
        return error;
    if (auto error = readNumberOption(parser, "max-seconds", 0, 31'536'000, maxSeconds_))
        return error;
    if (auto error = readNumberOption(parser, "children", 1, 256, value))
        return error;
    config_.children = static_cast<int>(value);
    if (parser.isSet(QStringLiteral("children")) && config_.model != sockscope::ServerModel::Prefork)
        return InputError{InputErrorCode::OnlyFor, "--children", "--model prefork", 0, 0};
    if (config_.model != sockscope::ServerModel::InLoop && config_.listen.options.socktype == SOCK_DGRAM)
        return InputError{InputErrorCode::OnlyFor, "--udp", "--model in-loop", 0, 0}; // workers serve streams
    if (config_.model != sockscope::ServerModel::InLoop && config_.behaviour == "manual")
        return InputError{InputErrorCode::OnlyFor, "behaviour", "--model in-loop", 0, 0}; // no person to answer in a worker
    return readListen(endpoints);
}

std::optional<InputError> ServeCommand::readForwardTarget(const QCommandLineParser &parser)
{
    const bool forward = sockscope::streamOnlyBehaviour(config_.behaviour);
    if (!parser.isSet(QStringLiteral("to")))
        return forward ? std::optional(InputError{InputErrorCode::Required, "--to", config_.behaviour, 0, 0}) : std::nullopt;
    if (!forward)
        return InputError{InputErrorCode::OnlyFor, "--to", "forward", 0, 0};
    if (config_.listen.options.socktype == SOCK_DGRAM)
        return InputError{InputErrorCode::Conflict, "--udp", "forward", 0, 0};
    return std::nullopt;
}

// Each --listen: a Unix address or a numeric one as it is; ":port" both
// loopback addresses; a name (or a service name) through the resolver.
std::optional<InputError> ServeCommand::readListen(const QStringList &endpoints)
{
    for (const QString &text : endpoints) {
        const std::string typed = text.toStdString();
        auto parsed = sockscope::parseEndpoint(typed, sockscope::EndpointParseOptions{true});
        if (auto *error = std::get_if<InputError>(&parsed)) {
            error->field = "--listen";
            return *error;
        }
        const sockscope::Endpoint &endpoint = std::get<sockscope::Endpoint>(parsed);
        if (endpoint.kind == sockscope::Endpoint::Kind::Unix) {
            config_.listen.endpoints.push_back(*sockscope::SocketAddress::unix(endpoint.path, endpoint.abstract));
            continue;
        }
        if (endpoint.service.empty())
            return InputError{InputErrorCode::EmptyService, "--listen", typed, typed.size(), 0};
        sockscope::ResolveRequest request;
        request.host = endpoint.host.empty() ? std::string() : endpoint.host;
        request.service = endpoint.service;
        request.fallbackPort = endpoint.fallbackPort;
        request.hints.socktype = config_.listen.options.socktype;
        const bool numericPort = endpoint.service.find_first_not_of("0123456789") == std::string::npos;
        if (endpoint.host.empty() && numericPort) {
            // ":port": loopback, both families on one port, as without --listen.
            loopbackPort_ = std::stoi(endpoint.service);
            continue;
        }
        if (endpoint.host.empty()) {
            for (const char *loopback : {"127.0.0.1", "::1"}) {
                request.host = loopback;
                lookups_.push_back(request);
                lookupTexts_.push_back(typed);
            }
            continue;
        }
        lookups_.push_back(request);
        lookupTexts_.push_back(typed);
    }
    if (loopbackPort_ && (endpoints.size() > 1)) {
        // With other endpoints: both loopback addresses among them.
        for (const char *loopback : {"127.0.0.1", "::1"})
            config_.listen.endpoints.push_back(*sockscope::SocketAddress::fromNumeric(loopback, *loopbackPort_));
    } else if (loopbackPort_) {
        config_.listen.defaultPort = *loopbackPort_; // no endpoints: the loopback pair on it
    }
    return std::nullopt;
}

void ServeCommand::resolved(const std::string &text, const sockscope::ResolveResult &result)
{
    --lookupsLeft_;
    if (result.error) {
        sockscope::Event event = sockscope::makeEvent(sockscope::EventKind::ServerError, context_.reactor().now(), text);
        event.error = result.error;
        event.extra.emplace_back("step", std::string("resolve"));
        context_.events().onEvent(event);
        failed_ = true;
    }
    for (const sockscope::ResolvedEntry &entry : result.entries) {
        auto &endpoints = config_.listen.endpoints;
        if (std::find(endpoints.begin(), endpoints.end(), entry.address) == endpoints.end())
            endpoints.push_back(entry.address);
    }
    if (lookupsLeft_ > 0)
        return;
    if (failed_) {
        context_.reactor().stop();
        return;
    }
    startServer();
}

void ServeCommand::startServer(std::vector<sockscope::ListeningSocket> handedOver)
{
    config_.runStart = context_.startTime();
    server_ = std::make_unique<sockscope::Server>(context_.reactor(), context_.events(), config_);
    if (context_.json()) {
        // A reader slower than the peers pauses reading from them (the
        // kernel slows them down), never the loop; nothing is dropped.
        output_ = std::make_unique<OutputWriter>(
            context_.reactor(), STDOUT_FILENO, [this] { server_->setReading(true); },
            [this](std::error_code error) { context_.outputFailed(error); });
        context_.setOutputWriter(output_.get(), [this] { server_->setReading(false); });
    }
    if (!(handedOver.empty() ? server_->start() : server_->start(std::move(handedOver)))) {
        failed_ = true;
        context_.reactor().stop();
        return;
    }
    if (config_.behaviour == "manual") {
        std::error_code error;
        input_ = sockscope::InputReader::start(
            context_.reactor(), sockscope::openStandardInput(error),
            [this](std::string_view bytes) { server_->sendToAll(std::vector<unsigned char>(bytes.begin(), bytes.end())); },
            [](std::error_code) {}, error); // the end of standard input ends nothing: peers may still come
    }
    if (maxSeconds_ > 0) {
        // From the run's start, a restart or not.
        const auto left = std::chrono::seconds(maxSeconds_) - (context_.reactor().now() - context_.startTime());
        context_.reactor().startTimer(std::max(left, sockscope::Duration::zero()), [this] {
            server_->stop("max-seconds");
            context_.reactor().stop();
        });
    }
}

// What a restart hands over, in the environment of the new image.
constexpr const char *kHandOverVariable = "SOCKSCOPE_SERVE_HANDOVER";
constexpr const char *kRunStartVariable = "SOCKSCOPE_SERVE_RUN_START_NS";
constexpr const char *kRestartsVariable = "SOCKSCOPE_SERVE_RESTARTS";
constexpr const char *kNextPeerVariable = "SOCKSCOPE_SERVE_NEXT_PEER";

// Started again by restart(): the listening sockets, the run's clock and
// the count of restarts come from the image before.
bool ServeCommand::continueAfterRestart()
{
    const char *handOver = std::getenv(kHandOverVariable);
    if (!handOver)
        return false;
    handedOver_ = sockscope::takeHandedOver(handOver);
    const char *start = std::getenv(kRunStartVariable);
    const char *restarts = std::getenv(kRestartsVariable);
    context_.continueFrom(sockscope::TimePoint(sockscope::Duration(start ? std::atoll(start) : 0)));
    restarts_ = restarts ? std::atoi(restarts) : 0;
    if (const char *nextPeer = std::getenv(kNextPeerVariable))
        sockscope::continuePeerIdsFrom(std::strtoull(nextPeer, nullptr, 10)); // peer numbers stay unique in the run
    for (const char *variable : {kHandOverVariable, kRunStartVariable, kRestartsVariable, kNextPeerVariable})
        ::unsetenv(variable); // not for the programs we start
    return true;
}

// SIGHUP (Perl Cookbook 17.16): this program executes itself again, same
// pid, keeping its listening sockets open across the exec, so nobody who
// connects meanwhile is refused (the kernel queues them). Peers end with
// reason `restart`, workers are told (SIGHUP) and reaped first.
void ServeCommand::restart()
{
    if (!server_)
        return; // still resolving what to listen on: nothing to keep yet
    input_.reset();
    std::vector<sockscope::ListeningSocket> sockets = server_->releaseForRestart();
    server_.reset();
    context_.setOutputWriter(nullptr);
    if (output_ && !output_->waitWritten(std::chrono::seconds(2)))
        output_->abandon();
    output_.reset();
    std::fflush(stdout);
    const std::string handOver = sockscope::handOver(std::move(sockets));
    // The new image's environment is built here, not set in ours: a
    // resolver thread may be reading the environment right now.
    std::vector<std::string> environment;
    for (char **entry = environ; *entry; ++entry)
        environment.emplace_back(*entry);
    environment.push_back(std::string(kHandOverVariable) + "=" + handOver);
    environment.push_back(std::string(kRunStartVariable) + "=" +
                          std::to_string(context_.startTime().time_since_epoch().count()));
    environment.push_back(std::string(kRestartsVariable) + "=" + std::to_string(restarts_ + 1));
    environment.push_back(std::string(kNextPeerVariable) + "=" + std::to_string(sockscope::nextPeerId()));
    std::vector<std::string> arguments;
    for (const QString &argument : QCoreApplication::arguments())
        arguments.push_back(argument.toStdString());
    const auto pointers = [](std::vector<std::string> &strings) {
        std::vector<char *> out;
        for (std::string &text : strings)
            out.push_back(text.data());
        out.push_back(nullptr);
        return out;
    };
    ::execve("/proc/self/exe", pointers(arguments).data(), pointers(environment).data());
    // Still here: the exec failed. Say so and go on, on the same sockets.
    sockscope::Event event = sockscope::makeEvent(sockscope::EventKind::ServerError, context_.reactor().now());
    event.error = sockscope::lastSystemError();
    event.extra.emplace_back("step", std::string("restart"));
    context_.events().onEvent(event);
    handedOver_ = sockscope::takeHandedOver(handOver);
    startServer(std::move(handedOver_));
}

int ServeCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    addSocketOptionFlags(parser);
    int status = ExitSuccess;
    if (!context_.parse(parser, arguments, [this](const QCommandLineParser &p) { return readOptions(p); }, status))
        return status;
    const bool restarted = continueAfterRestart();
    context_.onSignal(SIGHUP, [this](const sockscope::SignalInfo &) { restart(); });
    if (!context_.start(parser.isSet(QStringLiteral("json"))))
        return ExitFailure;
    if (!context_.json()) {
        text_ = std::make_unique<ServeText>(context_.startTime(),
                                            [this](std::error_code error) { context_.outputFailed(error); });
        context_.setTextSink(text_.get());
    }
    if (restarted) {
        sockscope::Event event = sockscope::makeEvent(sockscope::EventKind::Restarted, context_.reactor().now());
        event.pid = static_cast<int>(::getpid());
        event.extra.emplace_back("restarts", std::int64_t{restarts_});
        context_.events().onEvent(event);
        startServer(std::move(handedOver_)); // bound already: the sockets came over
    } else {
        resolver_ = std::make_unique<sockscope::Resolver>(context_.reactor());
        lookupsLeft_ = static_cast<int>(lookups_.size());
        for (std::size_t i = 0; i < lookups_.size(); ++i) {
            const std::string text = lookupTexts_[i];
            resolver_->resolve(lookups_[i],
                               [this, text](const sockscope::ResolveResult &result) { resolved(text, result); });
        }
        if (lookups_.empty())
            startServer();
    }
    context_.reactor().run();
    input_.reset();
    if (server_ && context_.interrupted())
        server_->stop("signal"); // stopped on request: exit 0
    server_.reset();
    context_.setOutputWriter(nullptr);
    // Stopped on request: the last events get a second to be read; a
    // reader that stopped reading does not hold up Ctrl-C beyond that.
    if (output_ && context_.interrupted() && !output_->waitWritten(std::chrono::seconds(1)))
        output_->abandon();
    output_.reset(); // otherwise what is queued is written first
    resolver_.reset();
    return context_.finish(failed_ ? ExitFailure : ExitSuccess);
}

} // namespace

std::optional<InputError> readPeerOptions(const QCommandLineParser &parser, sockscope::ServerConfig &config)
{
    long value = 0;
    if (auto error = readNumberOption(parser, "max-peers", 1, 1'000'000, value))
        return error;
    config.maxPeers = static_cast<std::size_t>(value);
    if (auto error = readNumberOption(parser, "idle-timeout", 0, 86'400'000, value))
        return error;
    config.idleTimeout = std::chrono::milliseconds(value);
    config.reverseNames = !parser.isSet(QStringLiteral("no-names"));
    config.lookUpOwners = parser.isSet(QStringLiteral("owners"));
    if (!parser.isSet(QStringLiteral("to")))
        return std::nullopt;
    config.forwardToText = parser.value(QStringLiteral("to")).toStdString();
    auto target = sockscope::parseConnectTarget(config.forwardToText);
    if (auto *error = std::get_if<InputError>(&target)) {
        error->field = "--to";
        return *error;
    }
    config.forwardTo = std::get<sockscope::ConnectTarget>(target);
    return std::nullopt;
}

int runServeCommand(const QStringList &arguments)
{
    ServeCommand command;
    return command.run(arguments);
}
