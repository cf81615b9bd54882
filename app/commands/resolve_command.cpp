#include "resolve_command.h"

#include "command_context.h"
#include "message_catalog.h"
#include "resolve/resolve_text.h"

#include <sockscope/events/error.h>
#include <sockscope/ipc/line_reader.h>
#include <sockscope/resolve/endpoint.h>
#include <sockscope/resolve/lookup.h>
#include <sockscope/resolve/resolve_options.h>
#include <sockscope/resolve/resolver.h>

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

using sockscope::InputError;

namespace {

class ResolveCommand : private sockscope::LookupSession::Observer {
    Q_DECLARE_TR_FUNCTIONS(ResolveCommand)
public:
    int run(const QStringList &arguments);

private:
    void addOptions(QCommandLineParser &parser);
    std::optional<InputError> readOptions(const QCommandLineParser &parser);
    int checkTargets(const QCommandLineParser &parser);
    bool startInput(const QCommandLineParser &parser);
    void inputEnded(std::error_code error);
    void lookupFinished(std::size_t index) override;
    void printReady();
    void stopWhenDone();
    void printText(const sockscope::Lookup &lookup);
    int exitStatus() const;

    CommandContext context_{QStringLiteral("resolve")};
    std::unique_ptr<sockscope::Resolver> resolver_;
    std::unique_ptr<sockscope::LookupSession> session_;
    std::unique_ptr<sockscope::LineReader> input_;
    sockscope::LookupOptions options_;
    long workers_ = sockscope::Resolver::kDefaultWorkers;
    bool inputOpen_ = false;
    bool inputFailed_ = false;
    std::size_t nextToPrint_ = 0;
};

void ResolveCommand::addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(tr("Shows every address TARGET resolves to, in getaddrinfo's order."));
    parser.addPositionalArgument(QStringLiteral("target"),
                                 tr("host, host:service, [v6addr]:service, or host:name(port)"), tr("TARGET"));
    parser.addOptions({
        {QStringLiteral("service"), tr("The service: a name from /etc/services, a port, or name(port)."),
         tr("service")},
        {QStringLiteral("family"), tr("Address family: any, inet or inet6."), tr("family"), QStringLiteral("any")},
        {QStringLiteral("type"), tr("Socket type: stream, dgram, raw or any."), tr("type"), QStringLiteral("any")},
        {QStringLiteral("protocol"), tr("Protocol: tcp, udp, a name from /etc/protocols, or a number."),
         tr("protocol")},
        {QStringLiteral("flags"),
         tr("getaddrinfo flags (addrconfig, passive, canonname, numerichost, numericserv, v4mapped, all): "
            "+name and -name change the default (addrconfig), a plain list replaces it."),
         tr("flags")},
        {QStringLiteral("prefer"),
         tr("Which family a connector tries first: sorted (the family of the first address, as RFC 6724 and "
            "gai.conf sort them), inet6 or inet."),
         tr("family"), QStringLiteral("sorted")},
        {QStringLiteral("first-family-count"),
         tr("Addresses of the first family tried before the families alternate (RFC 8305): 1 or 2."),
         tr("count"), QStringLiteral("1")},
        {QStringLiteral("reverse"), tr("Look up the name of every address, and whether it resolves back.")},
        {QStringLiteral("name-required"), tr("With --reverse: fail where an address has no name (NI_NAMEREQD).")},
        {QStringLiteral("explain"), tr("Show what shaped the answer: nsswitch.conf, hosts, resolv.conf, "
                                       "AI_ADDRCONFIG, gai.conf.")},
        {QStringLiteral("file"), tr("Resolve every target in FILE (one a line; - for standard input)."), tr("file")},
        {QStringLiteral("workers"), tr("Lookups at once (the worker pool's size)."), tr("count"),
         QString::number(sockscope::Resolver::kDefaultWorkers)},
        {QStringLiteral("json"), tr("One JSON object a line.")},
    });
}

std::optional<InputError> ResolveCommand::readOptions(const QCommandLineParser &parser)
{
    sockscope::ResolveHints &hints = options_.hints;
    const auto value = [&](const char *name) { return parser.value(QLatin1String(name)).toStdString(); };
    if (auto error = sockscope::parseFamilyOption(value("family"), hints.family))
        return error;
    if (auto error = sockscope::parseSocketTypeOption(value("type"), hints.socktype))
        return error;
    if (parser.isSet(QStringLiteral("protocol"))) {
        if (auto error = sockscope::parseProtocolOption(value("protocol"), hints.protocol))
            return error;
    }
    if (parser.isSet(QStringLiteral("flags"))) {
        if (auto error = sockscope::parseFlagsOption(value("flags"), hints.flags))
            return error;
    }
    if (parser.isSet(QStringLiteral("service"))) {
        std::string service, fallback;
        if (auto error = sockscope::parseService(value("service"), service, fallback))
            return error;
        options_.service = value("service");
    }
    if (auto error = sockscope::parsePreferOption(value("prefer"), options_.order.prefer))
        return error;
    if (auto error = sockscope::parseFirstFamilyCountOption(value("first-family-count"),
                                                             options_.order.firstFamilyCount))
        return error;
    options_.reverse = parser.isSet(QStringLiteral("reverse"));
    if (parser.isSet(QStringLiteral("name-required")))
        options_.reverseOptions.flags |= NI_NAMEREQD;
    if (hints.socktype == SOCK_DGRAM)
        options_.reverseOptions.flags |= NI_DGRAM;
    options_.explain = parser.isSet(QStringLiteral("explain"));
    return readNumberOption(parser, "workers", 1, 256, workers_);
}

int ResolveCommand::checkTargets(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("file"))) {
        if (positional.isEmpty())
            return ExitSuccess;
        context_.printError(tr("give either TARGET or --file, not both"));
        return ExitUsage;
    }
    if (positional.size() == 1)
        return ExitSuccess;
    context_.printError(positional.isEmpty() ? tr("a TARGET is needed (or --file FILE)")
                                             : tr("one TARGET at a time (or --file FILE)"));
    return ExitUsage;
}

// Reads --file on the loop, as lines arrive: a pipe or FIFO may deliver its
// names long after the first read found none, and only its end ends it.
bool ResolveCommand::startInput(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("file"));
    sockscope::UniqueFd fd;
    std::error_code error;
    if (path == QLatin1String("-"))
        fd = sockscope::openStandardInput(error);
    else
        fd.reset(::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd && !error)
        error = sockscope::lastSystemError();
    if (!error) {
        input_ = sockscope::LineReader::start(
            context_.reactor(), std::move(fd),
            [this](std::string_view line, int number) {
                const QString text = QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size())).trimmed();
                if (!text.isEmpty() && !text.startsWith(QLatin1Char('#')))
                    session_->start(text.toStdString(), options_, number);
            },
            [this](std::error_code end) { inputEnded(end); }, error);
    }
    if (error) {
        context_.printError(tr("cannot read %1: %2").arg(path, MessageCatalog::errorMessage(error)));
        return false;
    }
    inputOpen_ = true;
    return true;
}

void ResolveCommand::inputEnded(std::error_code error)
{
    inputOpen_ = false;
    if (error) {
        inputFailed_ = true;
        context_.printError(tr("reading the target list failed: %1").arg(MessageCatalog::errorMessage(error)));
    }
    context_.reactor().post([this] { input_.reset(); });
    stopWhenDone();
}

int ResolveCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    int status = ExitSuccess;
    if (!context_.parse(parser, arguments, [this](const QCommandLineParser &p) { return readOptions(p); }, status))
        return status;
    if ((status = checkTargets(parser)) != ExitSuccess)
        return status;
    if (!context_.start(parser.isSet(QStringLiteral("json"))))
        return ExitFailure;
    resolver_ = std::make_unique<sockscope::Resolver>(context_.reactor(), static_cast<int>(workers_));
    session_ = std::make_unique<sockscope::LookupSession>(context_.reactor(), *resolver_, context_.events(),
                                                          static_cast<sockscope::LookupSession::Observer *>(this));
    if (parser.isSet(QStringLiteral("file"))) {
        if (!startInput(parser))
            return ExitUsage;
    } else {
        session_->start(parser.positionalArguments().constFirst().toStdString(), options_);
    }
    if (inputOpen_ || session_->unfinished() > 0)
        context_.reactor().run();
    status = context_.interrupted() ? ExitFailure : exitStatus();
    input_.reset();
    session_.reset();
    resolver_.reset(); // lookups still in flight are dropped, not waited for
    return context_.finish(status);
}

void ResolveCommand::lookupFinished(std::size_t)
{
    printReady();
    stopWhenDone();
}

void ResolveCommand::stopWhenDone()
{
    if (!inputOpen_ && session_->unfinished() == 0)
        context_.reactor().stop();
}

// JSON streams every event as it happens; text prints each target's block
// once it is complete, in input order.
void ResolveCommand::printReady()
{
    while (nextToPrint_ < session_->size() && session_->lookup(nextToPrint_).finished) {
        const sockscope::Lookup &lookup = session_->lookup(nextToPrint_++);
        if (lookup.badInput) {
            const QString where = lookup.line ? tr("line %1: ").arg(lookup.line) : QString();
            context_.printError(where + MessageCatalog::inputErrorMessage(*lookup.badInput));
        } else if (!context_.json()) {
            printText(lookup);
        }
    }
}

void ResolveCommand::printText(const sockscope::Lookup &lookup)
{
    QString out;
    QTextStream text(&out);
    const QString target = QString::fromStdString(lookup.target);
    const sockscope::ResolveResult &result = *lookup.result;
    const QString ms = ResolveText::milliseconds(result.elapsed);
    if (result.error) {
        text << tr("%1: %2: %3 (%4 ms)")
                    .arg(target, QString::fromStdString(sockscope::errorName(result.error)),
                         MessageCatalog::errorMessage(result.error), ms)
             << '\n';
    } else {
        text << ResolveText::answerSummary(lookup).arg(target) << tr(" in %1 ms").arg(ms) << '\n';
        if (result.usedFallbackPort)
            text << "  " << tr("the service name is unknown: the fallback port was used") << '\n';
        for (std::size_t i = 0; i < result.entries.size(); ++i) {
            const sockscope::ResolvedEntry &entry = result.entries[i];
            // Padded, not .arg()-chained: a numeric scope ("fe80::1%3") holds a '%'.
            text << "  " << QString::number(i + 1).rightJustified(2) << "  "
                 << ResolveText::familyName(entry.address.family()).leftJustified(5) << ' '
                 << ResolveText::socketTypeName(entry.socktype).leftJustified(6) << ' '
                 << ResolveText::protocolName(entry.protocol).leftJustified(3) << ' '
                 << QString::fromStdString(entry.address.host()).leftJustified(28) << ' ' << entry.address.port();
            const sockscope::LookupAddress &address = lookup.addresses[lookup.addressOf[i]];
            if (address.reverse)
                text << "  " << ResolveText::reverseText(*address.reverse);
            text << '\n';
        }
        if (!result.canonicalName.empty())
            text << "  " << tr("canonical name: %1").arg(QString::fromStdString(result.canonicalName)) << '\n';
        if (const QString order = ResolveText::connectOrderText(lookup); !order.isEmpty())
            text << "  " << order << '\n';
    }
    if (lookup.options.explain) {
        text << "  " << tr("Why this answer:") << '\n';
        for (const auto &[topic, line] : ResolveText::explanation(lookup))
            text << "    " << (topic.isEmpty() ? line : topic + QStringLiteral(": ") + line) << '\n';
    }
    text.flush();
    context_.print(out);
}

int ResolveCommand::exitStatus() const
{
    bool failed = inputFailed_;
    for (std::size_t i = 0; i < session_->size(); ++i) {
        const sockscope::Lookup &lookup = session_->lookup(i);
        if (lookup.badInput)
            return ExitUsage;
        failed = failed || lookup.failed();
    }
    return failed ? ExitFailure : ExitSuccess;
}

} // namespace

int runResolveCommand(const QStringList &arguments)
{
    ResolveCommand command;
    return command.run(arguments);
}
