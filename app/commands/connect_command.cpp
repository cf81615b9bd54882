#include "connect_command.h"

#include "command_context.h"
#include "message_catalog.h"
#include "resolve/resolve_text.h"

#include <sockscope/connect/connector.h>
#include <sockscope/events/error.h>
#include <sockscope/resolve/endpoint.h>
#include <sockscope/resolve/resolve_options.h>
#include <sockscope/resolve/resolver_config.h>

#include <QCommandLineParser>
#include <optional>

using sockscope::InputError;
using sockscope::InputErrorCode;

namespace {

// The events in words, one line each, as they happen.
class ConnectText final : public sockscope::EventSink {
    Q_DECLARE_TR_FUNCTIONS(ConnectText)
public:
    ConnectText(CommandContext &context, sockscope::TimePoint start) : context_(context), start_(start) {}
    void onEvent(const sockscope::Event &event) override;

private:
    QString where(const sockscope::Event &event) const;
    QString reason(const sockscope::Event &event) const;

    CommandContext &context_;
    sockscope::TimePoint start_;
};

QString ConnectText::where(const sockscope::Event &event) const
{
    const QString address = QString::fromStdString(event.address);
    const QString port = QString::number(event.port.value_or(0));
    return address.contains(QLatin1Char(':')) ? QLatin1Char('[') + address + QStringLiteral("]:") + port
                                              : address + QLatin1Char(':') + port;
}

QString ConnectText::reason(const sockscope::Event &event) const
{
    for (const auto &[key, value] : event.extra) {
        if (key == "reason")
            return QString::fromStdString(std::get<std::string>(value));
    }
    return {};
}

void ConnectText::onEvent(const sockscope::Event &event)
{
    using sockscope::EventKind;
    const QString at = ResolveText::milliseconds(event.time - start_);
    const QString attempt = event.attempt ? QString::number(*event.attempt) : QString();
    const auto failure = [](const std::error_code &error) {
        return QStringLiteral("%1 (%2)").arg(QString::fromStdString(sockscope::errorName(error)),
                                             MessageCatalog::errorMessage(error));
    };
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
        break;
    case EventKind::ConnectFailed: line = tr("%1 ms  could not connect: %2").arg(at, failure(event.error)); break;
    default: return;
    }
    context_.print(line + QLatin1Char('\n'));
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

    CommandContext context_{QStringLiteral("connect")};
    sockscope::RaceConfig config_;
    sockscope::FamilyPreference prefer_ = sockscope::FamilyPreference::Sorted;
    std::unique_ptr<sockscope::Resolver> resolver_;
    std::unique_ptr<ConnectText> text_;
    std::unique_ptr<sockscope::Connector> connector_;
    std::optional<bool> connected_;
};

void ConnectCommand::addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Connects to TARGET, trying its addresses as RFC 8305 says (or one after another), and shows every "
           "attempt. Several TARGETs that are addresses are raced as one list."));
    parser.addPositionalArgument(QStringLiteral("target"), tr("host:port, [v6addr]:port, or an address:port"),
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
    std::vector<sockscope::SocketAddress> addresses;
    std::optional<sockscope::Endpoint> name;
    for (const QString &target : targets) {
        const std::string text = target.toStdString();
        auto parsed = sockscope::parseEndpoint(text);
        InputError error;
        if (auto *bad = std::get_if<InputError>(&parsed))
            error = *bad;
        const auto *endpoint = std::get_if<sockscope::Endpoint>(&parsed);
        if (endpoint && endpoint->kind == sockscope::Endpoint::Kind::Unix)
            error = InputError{InputErrorCode::UnixNotAllowed, "host", text, 0, 0};
        else if (endpoint && endpoint->service.empty())
            error = InputError{InputErrorCode::EmptyService, "service", "", text.size(), 0};
        else if (endpoint) {
            const auto numeric = sockscope::SocketAddress::fromNumeric(endpoint->host, 0);
            if (!numeric && targets.size() > 1)
                error = InputError{InputErrorCode::Conflict, "host", endpoint->host, 0, 0};
            else if (!numeric)
                name = *endpoint;
            else {
                const bool ok = endpoint->service.find_first_not_of("0123456789") == std::string::npos;
                if (!ok)
                    error = InputError{InputErrorCode::BadPort, "port", endpoint->service, text.rfind(':') + 1, 0};
                auto address = *numeric;
                address.setPort(ok ? std::stoi(endpoint->service) : 0);
                addresses.push_back(address);
            }
        }
        if (!error.field.empty()) {
            status = refuse(text, error);
            return false;
        }
    }
    connector_ = std::make_unique<sockscope::Connector>(
        context_.reactor(), context_.events(), targets.join(QLatin1Char(' ')).toStdString(), config_,
        [this](sockscope::UniqueFd socket) {
            connected_ = socket.valid();
            context_.reactor().stop();
        });
    if (name) {
        sockscope::ResolveRequest request;
        request.host = name->host;
        request.service = name->service;
        request.fallbackPort = name->fallbackPort;
        request.hints.socktype = SOCK_STREAM;
        connector_->resolve(*resolver_, request);
    } else {
        connector_->connect(std::move(addresses));
    }
    return true;
}

int ConnectCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    int status = ExitSuccess;
    if (!context_.parse(parser, arguments, status))
        return status;
    if (auto error = readOptions(parser))
        return context_.badInput(*error);
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
    if (!context_.start(parser.isSet(QStringLiteral("json")), arguments))
        return ExitFailure;
    if (!context_.json()) {
        text_ = std::make_unique<ConnectText>(context_, context_.startTime());
        context_.setTextSink(text_.get());
    }
    resolver_ = std::make_unique<sockscope::Resolver>(context_.reactor());
    if (!begin(targets, status))
        return context_.finish(status);
    if (!connected_)
        context_.reactor().run();
    connector_.reset();
    resolver_.reset();
    if (context_.interrupted())
        return context_.finish(ExitFailure);
    return context_.finish(connected_.value_or(false) ? ExitSuccess : ExitFailure);
}

} // namespace

int runConnectCommand(const QStringList &arguments)
{
    ConnectCommand command;
    return command.run(arguments);
}
