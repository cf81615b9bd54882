#include "connect_command.h"

#include "command_context.h"
#include "message_catalog.h"
#include "resolve/resolve_text.h"
#include "connect/connected_details.h"

#include "event_text.h"
#include "output_writer.h"
#include "socket_option_flags.h"

#include <sockscope/connect/connector.h>
#include <sockscope/connect/stream_session.h>
#include <sockscope/ipc/input_reader.h>
#include <sockscope/events/error.h>
#include <sockscope/resolve/endpoint.h>
#include <sockscope/resolve/resolve_options.h>
#include <sockscope/resolve/resolver_config.h>

#include <QCommandLineParser>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

using sockscope::InputError;
using sockscope::InputErrorCode;

namespace {

// The events in words, one line each, as they happen, on standard error:
// standard output carries the peer's bytes (as netcat -v does).
class ConnectText final : public sockscope::EventSink {
    Q_DECLARE_TR_FUNCTIONS(ConnectText)
public:
    explicit ConnectText(sockscope::TimePoint start) : start_(start) {}
    void onEvent(const sockscope::Event &event) override;

private:
    QString reason(const sockscope::Event &event) const;

    sockscope::TimePoint start_;
};

QString ConnectText::reason(const sockscope::Event &event) const
{
    QString reason, option;
    for (const auto &[key, value] : event.extra) {
        if (key == "reason")
            reason = QString::fromStdString(std::get<std::string>(value));
        else if (key == "option")
            option = QString::fromStdString(std::get<std::string>(value));
    }
    return option.isEmpty() ? reason : reason + QLatin1Char(' ') + option;
}

void ConnectText::onEvent(const sockscope::Event &event)
{
    using sockscope::EventKind;
    const QString at = ResolveText::milliseconds(event.time - start_);
    const QString attempt = event.attempt ? QString::number(*event.attempt) : QString();
    using EventText::failure;
    using EventText::where;
    QString line;
    switch (event.kind) {
    case EventKind::FamilyResolved:
        line = event.error ? tr("%1 ms  %2: no address: %3").arg(at, ResolveText::familyName(*event.family), failure(event.error))
                           : tr("%1 ms  %2 resolved").arg(at, ResolveText::familyName(*event.family));
        break;
    case EventKind::AttemptStart: line = tr("%1 ms  attempt %2: connecting to %3").arg(at, attempt, where(event)); break;
    case EventKind::AttemptFailed:
        line = tr("%1 ms  attempt %2: %3 failed: %4 [%5]").arg(at, attempt, where(event), failure(event.error), reason(event));
        break;
    case EventKind::AttemptCancelled:
        line = tr("%1 ms  attempt %2: %3 cancelled [%4]").arg(at, attempt, where(event), reason(event));
        break;
    case EventKind::Connected:
        line = tr("%1 ms  attempt %2: connected to %3").arg(at, attempt, where(event));
        for (const QString &detail : connectedDetails(event))
            line += QLatin1Char('\n') + tr("%1 ms  %2").arg(at, detail);
        break;
    case EventKind::ConnectFailed: line = tr("%1 ms  could not connect: %2").arg(at, failure(event.error)); break;
    case EventKind::Closed:
        line = tr("%1 ms  closed [%2]").arg(at, reason(event));
        if (event.error)
            line += QStringLiteral(": ") + failure(event.error);
        break;
    default: return;
    }
    EventText::writeLine(stderr, line); // standard error: nothing to do if it fails
}

class ConnectCommand {
    Q_DECLARE_TR_FUNCTIONS(ConnectCommand)
public:
    int run(const QStringList &arguments);

private:
    void addOptions(QCommandLineParser &parser);
    std::optional<InputError> readOptions(const QCommandLineParser &parser);
    std::optional<InputError> readMilliseconds(const QCommandLineParser &parser, const char *name, long lowest,
                                               long highest, sockscope::Duration &out);
    int refuse(const std::string &target, const InputError &error);
    bool begin(const QStringList &targets, int &status);
    void connected(sockscope::UniqueFd socket);
    void startSession(sockscope::UniqueFd socket);
    void startInput();
    void received(const std::vector<unsigned char> &bytes);
    void sendChunk(std::vector<unsigned char> bytes);
    void resumeInput();

    CommandContext context_{QStringLiteral("connect")};
    sockscope::RaceConfig config_;
    sockscope::SocketOptions socketOptions_;
    bool sessionFailed_ = false;
    sockscope::FamilyPreference prefer_ = sockscope::FamilyPreference::Sorted;
    std::unique_ptr<sockscope::Resolver> resolver_;
    std::unique_ptr<ConnectText> text_;
    std::unique_ptr<sockscope::Connector> connector_;
    std::optional<bool> connected_;
    bool checkOnly_ = false;
    bool hex_ = false;
    std::optional<std::vector<unsigned char>> send_;
    sockscope::Duration idleTimeout_{};
    std::string target_;
    std::unique_ptr<OutputWriter> output_;
    std::unique_ptr<sockscope::StreamSession> session_;
    std::unique_ptr<sockscope::InputReader> input_;
    std::string hexCarry_; // an odd hex digit left over from the last chunk of standard input
};

void ConnectCommand::addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Connects to TARGET, trying its addresses as RFC 8305 says (or one after another), and shows every "
           "attempt. Several TARGETs that are addresses are raced as one list."));
    parser.addPositionalArgument(QStringLiteral("target"),
                                 tr("host:port, [v6addr]:port, an address:port, or unix:/path and unix:@name"),
                                 tr("TARGET..."));
    parser.addOptions({
        {QStringLiteral("strategy"), tr("happy-eyeballs (RFC 8305) or sequential (one after another)."),
         tr("strategy"), QStringLiteral("happy-eyeballs")},
        {QStringLiteral("attempt-delay"), tr("Milliseconds before the next attempt starts (10 to 2000)."), tr("ms"),
         QStringLiteral("250")},
        {QStringLiteral("resolution-delay"), tr("Milliseconds to wait for the first family's answer (0 to 2000)."),
         tr("ms"), QStringLiteral("50")},
        {QStringLiteral("prefer"), tr("Which family goes first: sorted, inet6 or inet."), tr("family"),
         QStringLiteral("sorted")},
        {QStringLiteral("first-family-count"), tr("Addresses of the first family before they alternate: 1 or 2."),
         tr("count"), QStringLiteral("1")},
        {QStringLiteral("timeout"), tr("Milliseconds for the whole race; 0 for none."), tr("ms"),
         QStringLiteral("30000")},
        {QStringLiteral("attempt-timeout"), tr("Milliseconds for one attempt; 0 for the kernel's own."), tr("ms"),
         QStringLiteral("5000")},
        {QStringLiteral("send"),
         tr("Send TEXT (instead of standard input), then half-close. Escapes: \\n \\r \\t \\0 \\\\ \\xHH."),
         tr("text")},
        {QStringLiteral("hex"), tr("TEXT and standard input are hex digits.")},
        {QStringLiteral("idle-timeout"),
         tr("Milliseconds without data after which the connection is closed; 0 for none."), tr("ms"),
         QStringLiteral("0")},
        {QStringLiteral("check"), tr("Only the race: close once connected, sending nothing (as nc -z).")},
        {QStringLiteral("json"), tr("One JSON object a line.")},
    });
}

std::optional<InputError> ConnectCommand::readMilliseconds(const QCommandLineParser &parser, const char *name,
                                                           long lowest, long highest, sockscope::Duration &out)
{
    long value = 0;
    if (auto error = readNumberOption(parser, name, lowest, highest, value))
        return error;
    out = std::chrono::milliseconds(value);
    return std::nullopt;
}

std::optional<InputError> ConnectCommand::readOptions(const QCommandLineParser &parser)
{
    const QString strategy = parser.value(QStringLiteral("strategy"));
    if (strategy == QLatin1String("sequential"))
        config_.strategy = sockscope::ConnectStrategy::Sequential;
    else if (strategy != QLatin1String("happy-eyeballs"))
        return InputError{InputErrorCode::UnknownName, "strategy", strategy.toStdString(), 0, 0};
    if (auto error = readMilliseconds(parser, "attempt-delay", 10, 2000, config_.attemptDelay))
        return error;
    if (auto error = readMilliseconds(parser, "resolution-delay", 0, 2000, config_.resolutionDelay))
        return error;
    if (auto error = readMilliseconds(parser, "timeout", 0, 86'400'000, config_.overallTimeout))
        return error;
    if (auto error = readMilliseconds(parser, "attempt-timeout", 0, 86'400'000, config_.attemptTimeout))
        return error;
    if (auto error = sockscope::parsePreferOption(parser.value(QStringLiteral("prefer")).toStdString(), prefer_))
        return error;
    if (auto error = readMilliseconds(parser, "idle-timeout", 0, 86'400'000, idleTimeout_))
        return error;
    checkOnly_ = parser.isSet(QStringLiteral("check"));
    hex_ = parser.isSet(QStringLiteral("hex"));
    if (parser.isSet(QStringLiteral("send"))) {
        const std::string text = parser.value(QStringLiteral("send")).toStdString();
        std::size_t position = 0;
        send_ = hex_ ? sockscope::fromHex(text) : sockscope::fromEscapedText(text, &position);
        if (!send_) {
            return hex_ ? InputError{InputErrorCode::BadNumber, "--send", text, 0, 0}
                        : InputError{InputErrorCode::BadEscape, "--send", text.substr(position, 4), position, 0};
        }
    }
    const QStringList targets = parser.positionalArguments();
    const bool unixTarget = std::any_of(targets.begin(), targets.end(),
                                        [](const QString &t) { return sockscope::isUnixTarget(t.toStdString()); });
    if (auto error = readSocketOptionFlags(parser, unixTarget, socketOptions_))
        return error;
    return sockscope::parseFirstFamilyCountOption(parser.value(QStringLiteral("first-family-count")).toStdString(),
                                                  config_.firstFamilyCount);
}

int ConnectCommand::refuse(const std::string &target, const InputError &error)
{
    sockscope::Event event = sockscope::makeEvent(sockscope::EventKind::BadInput, context_.reactor().now(), target);
    event.input = error;
    context_.events().onEvent(event);
    return context_.badInput(error);
}

// Parses the targets and starts the race; false (with `status`) when the
// input is bad.
bool ConnectCommand::begin(const QStringList &targets, int &status)
{
    std::vector<std::string> texts;
    for (const QString &target : targets)
        texts.push_back(target.toStdString());
    std::string bad;
    auto parsed = sockscope::parseConnectTargets(texts, &bad);
    if (auto *error = std::get_if<InputError>(&parsed)) {
        status = refuse(bad, *error);
        return false;
    }
    target_ = targets.join(QLatin1Char(' ')).toStdString();
    connector_ = std::make_unique<sockscope::Connector>(context_.reactor(), context_.events(), target_, config_,
                                                        socketOptions_, [this](sockscope::UniqueFd socket) {
                                                            connected(std::move(socket));
                                                        });
    connector_->connect(*resolver_, std::get<std::vector<sockscope::ConnectTarget>>(parsed));
    return true;
}

int ConnectCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    addSocketOptionFlags(parser);
    int status = ExitSuccess;
    if (!context_.parse(parser, arguments, [this](const QCommandLineParser &p) { return readOptions(p); }, status))
        return status;
    const QStringList targets = parser.positionalArguments();
    if (targets.isEmpty()) {
        context_.printError(tr("a TARGET is needed"));
        return ExitUsage;
    }
    // The sorted order's first family is gai.conf's to say (read here, once,
    // before the loop runs).
    config_.firstFamily = prefer_ == sockscope::FamilyPreference::Inet    ? sockscope::Family::Inet
                          : prefer_ == sockscope::FamilyPreference::Inet6 ? sockscope::Family::Inet6
                                                                          : sockscope::sortedFirstFamily(sockscope::readGaiRules());
    if (!context_.start(parser.isSet(QStringLiteral("json"))))
        return ExitFailure;
    if (!context_.json()) {
        text_ = std::make_unique<ConnectText>(context_.startTime());
        context_.setTextSink(text_.get());
    }
    resolver_ = std::make_unique<sockscope::Resolver>(context_.reactor());
    if (!begin(targets, status))
        return context_.finish(status);
    context_.reactor().run();
    input_.reset();
    session_.reset();
    if (output_ && context_.interrupted())
        output_->abandon(); // a stalled reader must not hold up Ctrl-C
    context_.setOutputWriter(nullptr);
    output_.reset(); // otherwise writes what is queued first
    connector_.reset();
    resolver_.reset();
    if (context_.interrupted())
        return context_.finish(ExitFailure);
    return context_.finish(connected_.value_or(false) && !sessionFailed_ ? ExitSuccess : ExitFailure);
}

// The race is over: a failure ends the command; a connection goes on to
// the session, unless only the race was asked for.
void ConnectCommand::connected(sockscope::UniqueFd socket)
{
    connected_ = socket.valid();
    if (!socket.valid() || checkOnly_) {
        context_.reactor().stop();
        return;
    }
    // After this callback: the Connector goes only once it has returned.
    auto shared = std::make_shared<sockscope::UniqueFd>(std::move(socket));
    context_.reactor().post([this, shared] { startSession(std::move(*shared)); });
}

void ConnectCommand::startSession(sockscope::UniqueFd socket)
{
    connector_.reset();
    // The peer's bytes (or, with --json, their events) leave through a
    // thread of their own: a slow reader pauses the socket, never the loop.
    output_ = std::make_unique<OutputWriter>(
        context_.reactor(), STDOUT_FILENO,
        [this] {
            session_->resumeReading();
            resumeInput();
        },
        [this](std::error_code error) { context_.outputFailed(error); });
    if (context_.json())
        context_.setOutputWriter(output_.get());
    sockscope::StreamSession::Callbacks callbacks;
    callbacks.onData = [this](const std::vector<unsigned char> &bytes) { received(bytes); };
    callbacks.onClosed = [this](const std::string &reason) {
        // Ended by an error (a reset, a refused datagram): the command failed.
        sessionFailed_ = reason == "reset" || reason == "refused" || reason == "error";
        context_.reactor().stop();
    };
    callbacks.onDrained = [this] { resumeInput(); };
    std::error_code error;
    session_ = sockscope::StreamSession::start(context_.reactor(), context_.events(), target_, std::move(socket),
                                               idleTimeout_, std::move(callbacks), error);
    if (!session_) {
        context_.printError(MessageCatalog::errorMessage(error));
        context_.reactor().stop();
        return;
    }
    if (send_) {
        session_->send(*send_);
        session_->shutdownWrite();
    } else {
        startInput();
    }
}

// The peer's bytes, raw, to standard output (text mode; with --json their
// data event is queued already). A slow reader pauses the socket, not the
// loop.
void ConnectCommand::received(const std::vector<unsigned char> &bytes)
{
    if (!context_.json())
        output_->write(std::string(bytes.begin(), bytes.end()));
    if (output_->queued() >= OutputWriter::kHighWater)
        session_->pauseReading();
}

// A chunk of standard input to the peer: on a datagram socket, datagrams of
// at most the largest UDP payload (a 64 KiB read would be EMSGSIZE).
void ConnectCommand::sendChunk(std::vector<unsigned char> bytes)
{
    constexpr std::size_t kLargestDatagram = 65507; // 65535 less the IPv4 and UDP headers
    if (socketOptions_.socktype != SOCK_DGRAM || bytes.size() <= kLargestDatagram) {
        session_->send(std::move(bytes));
        return;
    }
    for (std::size_t at = 0; at < bytes.size(); at += kLargestDatagram) {
        const auto end = bytes.begin() + static_cast<std::ptrdiff_t>(std::min(bytes.size(), at + kLargestDatagram));
        session_->send(std::vector<unsigned char>(bytes.begin() + static_cast<std::ptrdiff_t>(at), end));
    }
}

// Standard input goes on once neither the peer nor standard output holds
// too much of it.
void ConnectCommand::resumeInput()
{
    if (input_ && session_->queued() < sockscope::StreamSession::kHighWater &&
        output_->queued() < OutputWriter::kHighWater)
        input_->resume();
}

// Standard input to the peer; its end half-closes the connection, which
// stays open for reading until the peer closes (netcat's way).
void ConnectCommand::startInput()
{
    std::error_code error;
    sockscope::UniqueFd fd = sockscope::openStandardInput(error);
    input_ = sockscope::InputReader::start(
        context_.reactor(), std::move(fd),
        [this](std::string_view bytes) {
            // A slow peer, or with --json a slow reader of our events,
            // pauses standard input, not the loop (resumeInput() resumes).
            if (session_->queued() >= sockscope::StreamSession::kHighWater ||
                output_->queued() >= OutputWriter::kHighWater)
                input_->pause();
            if (!hex_) {
                sendChunk(std::vector<unsigned char>(bytes.begin(), bytes.end()));
                return;
            }
            // Hex across chunk ends: whole bytes only, the odd digit kept.
            std::string digits = hexCarry_;
            for (char c : bytes) {
                if (std::isxdigit(static_cast<unsigned char>(c)))
                    digits.push_back(c);
            }
            hexCarry_ = digits.size() % 2 ? digits.substr(digits.size() - 1) : std::string();
            digits.resize(digits.size() - hexCarry_.size());
            if (auto decoded = sockscope::fromHex(digits))
                sendChunk(std::move(*decoded));
        },
        [this](std::error_code) { session_->shutdownWrite(); }, error);
    if (!input_)
        session_->shutdownWrite(); // no standard input to read: nothing to send
}

} // namespace

int runConnectCommand(const QStringList &arguments)
{
    ConnectCommand command;
    return command.run(arguments);
}
