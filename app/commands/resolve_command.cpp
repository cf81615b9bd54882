#include "resolve_command.h"

#include "command_context.h"
#include "message_catalog.h"
#include "resolve/resolve_text.h"

#include <sockscope/resolve/endpoint.h>
#include <sockscope/events/error.h>
#include <sockscope/resolve/resolve_options.h>
#include <sockscope/resolve/resolver.h>
#include <sockscope/ipc/signal_watcher.h>

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>
#include <csignal>
#include <optional>

using sockscope::Event;

namespace {

// Lets SIGINT and SIGTERM (blocked since main()) end the process while it
// is held up in a blocking read.
class SignalsUnblocked {
public:
    explicit SignalsUnblocked(bool active) : active_(active)
    {
        if (active_)
            sockscope::unblockSignals({SIGINT, SIGTERM});
    }
    ~SignalsUnblocked()
    {
        if (active_)
            sockscope::blockSignals({SIGINT, SIGTERM});
    }

private:
    bool active_;
};

} // namespace
using sockscope::EventKind;
using sockscope::InputError;

namespace {

class ResolveCommand {
    Q_DECLARE_TR_FUNCTIONS(ResolveCommand)
public:
    int run(const QStringList &arguments);

private:
    struct Job {
        QString target;      // as typed
        int line = 0;        // in --file, 1-based
        std::optional<InputError> badInput;
        sockscope::ResolveRequest request;
        std::optional<sockscope::ResolveResult> result;
        std::vector<std::optional<sockscope::ReverseResult>> reverses;
        int reversesPending = 0;
        std::optional<sockscope::ResolverExplanation> explanation;
        bool explainPending = false;
        bool printed = false;
        bool complete() const { return badInput || (result && reversesPending == 0 && !explainPending); }
    };

    void addOptions(QCommandLineParser &parser);
    std::optional<InputError> readHints(const QCommandLineParser &parser);
    Job makeJob(const QString &target, int line);
    int readTargets(const QCommandLineParser &parser, std::vector<Job> &jobs);
    void start(std::size_t index);
    void resolved(std::size_t index, const sockscope::ResolveResult &result);
    void printReady();
    void printText(const Job &job);
    void printJson(const Job &job);
    Event eventFor(const Job &job, EventKind kind) const;
    Event explanationEvent(const Job &job) const;
    int exitStatus() const;

    CommandContext context_{QStringLiteral("resolve")};
    std::unique_ptr<sockscope::Resolver> resolver_;
    sockscope::ResolveHints hints_;
    QString service_;
    bool reverse_ = false;
    int reverseFlags_ = 0;
    bool explain_ = false;
    std::vector<Job> jobs_;
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

std::optional<InputError> ResolveCommand::readHints(const QCommandLineParser &parser)
{
    if (auto error = sockscope::parseFamilyOption(parser.value(QStringLiteral("family")).toStdString(), hints_.family))
        return error;
    if (auto error = sockscope::parseSocketTypeOption(parser.value(QStringLiteral("type")).toStdString(), hints_.socktype))
        return error;
    if (parser.isSet(QStringLiteral("protocol"))) {
        if (auto error = sockscope::parseProtocolOption(parser.value(QStringLiteral("protocol")).toStdString(),
                                                        hints_.protocol))
            return error;
    }
    if (parser.isSet(QStringLiteral("flags"))) {
        if (auto error = sockscope::parseFlagsOption(parser.value(QStringLiteral("flags")).toStdString(), hints_.flags))
            return error;
    }
    if (parser.isSet(QStringLiteral("service"))) {
        std::string service, fallback;
        if (auto error = sockscope::parseService(parser.value(QStringLiteral("service")).toStdString(), service, fallback))
            return error;
        service_ = parser.value(QStringLiteral("service"));
    }
    reverse_ = parser.isSet(QStringLiteral("reverse"));
    if (parser.isSet(QStringLiteral("name-required")))
        reverseFlags_ |= NI_NAMEREQD;
    if (hints_.socktype == SOCK_DGRAM)
        reverseFlags_ |= NI_DGRAM;
    explain_ = parser.isSet(QStringLiteral("explain"));
    return std::nullopt;
}

ResolveCommand::Job ResolveCommand::makeJob(const QString &target, int line)
{
    Job job;
    job.target = target;
    job.line = line;
    const std::string text = target.toStdString();
    auto parsed = sockscope::parseEndpoint(text);
    if (auto *error = std::get_if<InputError>(&parsed)) {
        job.badInput = *error;
        return job;
    }
    const auto &endpoint = std::get<sockscope::Endpoint>(parsed);
    if (endpoint.kind == sockscope::Endpoint::Kind::Unix) {
        job.badInput = InputError{sockscope::InputErrorCode::UnixNotAllowed, "host", text, 0, 0};
        return job;
    }
    job.request.host = endpoint.host;
    job.request.service = endpoint.service;
    job.request.fallbackPort = endpoint.fallbackPort;
    job.request.hints = hints_;
    if (!service_.isEmpty()) {
        if (!endpoint.service.empty()) {
            job.badInput = InputError{sockscope::InputErrorCode::GivenTwice, "service", endpoint.service,
                                      text.rfind(':') + 1, 0};
            return job;
        }
        sockscope::parseService(service_.toStdString(), job.request.service, job.request.fallbackPort);
    }
    return job;
}

int ResolveCommand::readTargets(const QCommandLineParser &parser, std::vector<Job> &jobs)
{
    const QStringList positional = parser.positionalArguments();
    if (!parser.isSet(QStringLiteral("file"))) {
        if (positional.size() != 1) {
            context_.printError(positional.isEmpty() ? tr("a TARGET is needed (or --file FILE)")
                                                     : tr("one TARGET at a time (or --file FILE)"));
            return ExitUsage;
        }
        jobs.push_back(makeJob(positional.constFirst(), 0)); // bad input is reported with the results
        return ExitSuccess;
    }
    if (!positional.isEmpty()) {
        context_.printError(tr("give either TARGET or --file, not both"));
        return ExitUsage;
    }
    const QString path = parser.value(QStringLiteral("file"));
    QFile file;
    const bool fromStdin = path == QLatin1String("-");
    const bool opened = fromStdin ? file.open(stdin, QIODevice::ReadOnly)
                                  : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        context_.printError(tr("cannot read %1: %2").arg(path, file.errorString()));
        return ExitUsage;
    }
    // Read before the loop starts, blocking: Ctrl-C must still work while a
    // person types the list, and nothing is open yet that needs cleaning up.
    const SignalsUnblocked interruptible(fromStdin);
    int line = 0;
    while (!file.atEnd()) {
        ++line;
        const QString text = QString::fromUtf8(file.readLine()).trimmed();
        if (text.isEmpty() || text.startsWith(QLatin1Char('#')))
            continue;
        jobs.push_back(makeJob(text, line));
    }
    return ExitSuccess;
}

int ResolveCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    int status = ExitSuccess;
    if (!context_.parse(parser, arguments, status))
        return status;
    if (auto error = readHints(parser))
        return context_.badInput(*error);
    bool workersOk = false;
    const int workers = parser.value(QStringLiteral("workers")).toInt(&workersOk);
    if (!workersOk) {
        return context_.badInput(InputError{sockscope::InputErrorCode::BadNumber, "--workers",
                                            parser.value(QStringLiteral("workers")).toStdString(), 0, 0});
    }
    if (workers < 1 || workers > 256) {
        return context_.badInput(InputError{sockscope::InputErrorCode::NumberOutOfRange, "--workers",
                                            parser.value(QStringLiteral("workers")).toStdString(), 0, 256, 1});
    }
    status = readTargets(parser, jobs_);
    if (status != ExitSuccess)
        return status;
    if (!context_.start(parser.isSet(QStringLiteral("json"))))
        return ExitFailure;
    resolver_ = std::make_unique<sockscope::Resolver>(context_.reactor(), workers);
    for (std::size_t i = 0; i < jobs_.size(); ++i)
        start(i);
    printReady();
    if (nextToPrint_ < jobs_.size())
        context_.reactor().run();
    resolver_.reset(); // lookups still in flight are dropped, not waited for
    if (context_.interrupted())
        return ExitFailure;
    return exitStatus();
}

void ResolveCommand::start(std::size_t index)
{
    Job &job = jobs_[index];
    if (job.badInput)
        return;
    resolver_->resolve(job.request, [this, index](const sockscope::ResolveResult &result) { resolved(index, result); });
    if (explain_ && !job.request.host.empty()) {
        job.explainPending = true;
        resolver_->explain(job.request.host, {}, [this, index](const sockscope::ResolverExplanation &explanation) {
            jobs_[index].explanation = explanation;
            jobs_[index].explainPending = false;
            printReady();
        });
    }
}

void ResolveCommand::resolved(std::size_t index, const sockscope::ResolveResult &result)
{
    Job &job = jobs_[index];
    job.result = result;
    if (reverse_ && !result.error) {
        job.reverses.resize(result.entries.size());
        job.reversesPending = static_cast<int>(result.entries.size());
        for (std::size_t i = 0; i < result.entries.size(); ++i) {
            resolver_->reverse(result.entries[i].address, {reverseFlags_, true},
                               [this, index, i](const sockscope::ReverseResult &reverse) {
                                   jobs_[index].reverses[i] = reverse;
                                   --jobs_[index].reversesPending;
                                   printReady();
                               });
        }
    }
    printReady();
}

void ResolveCommand::printReady()
{
    while (nextToPrint_ < jobs_.size() && jobs_[nextToPrint_].complete()) {
        const Job &job = jobs_[nextToPrint_++];
        if (context_.json())
            printJson(job);
        else
            printText(job);
    }
    if (nextToPrint_ == jobs_.size())
        context_.reactor().stop();
}

Event ResolveCommand::eventFor(const Job &job, EventKind kind) const
{
    Event event;
    event.kind = kind;
    event.time = sockscope::Clock::now();
    event.target = job.target.toStdString();
    return event;
}

// Stable keys for programs; the window and the text output put the same
// facts into words.
Event ResolveCommand::explanationEvent(const Job &job) const
{
    const sockscope::ResolverExplanation &e = *job.explanation;
    const int family = job.request.hints.family;
    std::vector<std::string> hostsLines;
    for (const sockscope::HostsLine &line : e.hostsMatches) {
        std::string text = std::to_string(line.line) + ": " + line.address;
        for (const std::string &name : line.names)
            text += " " + name;
        hostsLines.push_back(text);
    }
    std::vector<std::string> gaiRules;
    for (const sockscope::GaiConfRule &rule : e.gaiRules)
        gaiRules.push_back(std::to_string(rule.line) + ": " + rule.text);
    std::string decision = "keeps-both";
    if (!(job.request.hints.flags & AI_ADDRCONFIG))
        decision = "off";
    else if (e.addrconfig.refuses(family))
        decision = "refuses-family";
    else if (family == AF_UNSPEC && e.addrconfig.hidesIpv4())
        decision = "hides-inet";
    else if (family == AF_UNSPEC && e.addrconfig.hidesIpv6())
        decision = "hides-inet6";
    else if (e.addrconfig.ipv4.empty() && e.addrconfig.ipv6.empty())
        decision = "no-information";
    Event event = eventFor(job, EventKind::ResolverConfig);
    event.extra = {{"nsswitch_hosts", e.nsswitchHosts},
                   {"hosts_lines", hostsLines},
                   {"nameservers", e.resolv.nameservers},
                   {"ignored_nameservers", e.resolv.ignoredNameservers},
                   {"search", e.resolv.search},
                   {"ndots", std::int64_t{e.resolv.ndots}},
                   {"timeout", std::int64_t{e.resolv.timeout}},
                   {"attempts", std::int64_t{e.resolv.attempts}},
                   {"search_order", e.searchOrder},
                   {"addrconfig", decision},
                   {"addrconfig_ipv4", e.addrconfig.ipv4},
                   {"addrconfig_ipv6", e.addrconfig.ipv6},
                   {"gai_rules", gaiRules}};
    return event;
}

void ResolveCommand::printJson(const Job &job)
{
    if (job.badInput) {
        printText(job); // and in words on standard error
        Event event = eventFor(job, EventKind::BadInput);
        event.extra = {{"error", std::string(sockscope::inputErrorName(job.badInput->code))},
                       {"message", MessageCatalog::inputErrorMessage(*job.badInput).toStdString()},
                       {"field", job.badInput->field},
                       {"position", static_cast<std::int64_t>(job.badInput->position)}};
        if (job.line)
            event.extra.emplace_back("line", std::int64_t{job.line});
        context_.emitEvent(event);
        return;
    }
    const sockscope::ResolveResult &result = *job.result;
    if (job.explanation)
        context_.emitEvent(explanationEvent(job));
    if (result.error) {
        Event event = eventFor(job, EventKind::ResolveFailed);
        event.error = result.error;
        event.elapsed = result.elapsed;
        context_.emitEvent(event);
        return;
    }
    const std::vector<std::size_t> order = sockscope::connectOrder(result.entries);
    for (std::size_t i = 0; i < result.entries.size(); ++i) {
        Event event = sockscope::addressEvent(result.entries[i]);
        event.time = sockscope::Clock::now();
        event.target = job.target.toStdString();
        event.extra.emplace_back("connect_order",
                                 static_cast<std::int64_t>(std::find(order.begin(), order.end(), i) - order.begin()));
        if (!result.canonicalName.empty())
            event.extra.emplace_back("canonname", result.canonicalName);
        if (reverse_ && job.reverses[i]) {
            const sockscope::ReverseResult &reverse = *job.reverses[i];
            if (reverse.error) {
                event.extra.emplace_back("reverse_error", sockscope::errorName(reverse.error));
            } else {
                event.extra.emplace_back("reverse", reverse.host);
                event.extra.emplace_back("confirmed", reverse.confirmed);
            }
        }
        context_.emitEvent(event);
    }
    Event done = eventFor(job, EventKind::Resolved);
    done.elapsed = result.elapsed;
    done.extra.emplace_back("count", static_cast<std::int64_t>(result.entries.size()));
    done.extra.emplace_back("flags", sockscope::flagNames(job.request.hints.flags));
    if (!result.canonicalName.empty())
        done.extra.emplace_back("canonname", result.canonicalName);
    if (result.usedFallbackPort)
        done.extra.emplace_back("fallback_port", true);
    context_.emitEvent(done);
}

void ResolveCommand::printText(const Job &job)
{
    QString out;
    QTextStream text(&out);
    if (job.badInput) {
        const QString where = job.line ? tr("line %1: ").arg(job.line) : QString();
        context_.printError(where + MessageCatalog::inputErrorMessage(*job.badInput));
        return;
    }
    const sockscope::ResolveResult &result = *job.result;
    const double ms = std::chrono::duration<double, std::milli>(result.elapsed).count();
    if (result.error) {
        text << tr("%1: %2 (%3 ms)")
                    .arg(job.target,
                         QStringLiteral("%1: %2").arg(QString::fromStdString(sockscope::errorName(result.error)),
                                                      MessageCatalog::errorMessage(result.error)))
                    .arg(ms, 0, 'f', 3)
             << '\n';
    } else {
        text << tr("%1: %n address(es) in %2 ms", nullptr, static_cast<int>(result.entries.size()))
                    .arg(job.target)
                    .arg(ms, 0, 'f', 3)
             << '\n';
        if (result.usedFallbackPort)
            text << "  " << tr("the service name is unknown: the fallback port was used") << '\n';
        const std::vector<std::size_t> order = sockscope::connectOrder(result.entries);
        for (std::size_t i = 0; i < result.entries.size(); ++i) {
            const sockscope::ResolvedEntry &entry = result.entries[i];
            text << QStringLiteral("  %1  %2 %3 %4 %5 %6")
                        .arg(i + 1, 2)
                        .arg(ResolveText::familyName(entry.address.family()), -5)
                        .arg(ResolveText::socketTypeName(entry.socktype), -6)
                        .arg(ResolveText::protocolName(entry.protocol), -3)
                        .arg(QString::fromStdString(entry.address.host()), -28)
                        .arg(entry.address.port());
            if (reverse_ && job.reverses[i]) {
                const sockscope::ReverseResult &reverse = *job.reverses[i];
                if (reverse.error)
                    text << "  " << tr("no name (%1)").arg(QString::fromStdString(sockscope::errorName(reverse.error)));
                else
                    text << "  " << QString::fromStdString(reverse.host) << ' '
                         << (reverse.confirmed ? tr("(confirmed)") : tr("(does not resolve back)"));
            }
            text << '\n';
        }
        if (!result.canonicalName.empty())
            text << "  " << tr("canonical name: %1").arg(QString::fromStdString(result.canonicalName)) << '\n';
        if (result.entries.size() > 1) {
            QStringList tries;
            for (std::size_t i : order)
                tries << QString::number(i + 1);
            text << "  " << tr("connect order: %1").arg(tries.join(QStringLiteral(", "))) << "  ("
                 << ResolveText::connectOrderAssumption() << ")\n";
        }
    }
    if (job.explanation) {
        text << "  " << tr("Why this answer:") << '\n';
        for (const auto &[topic, line] :
             ResolveText::explanation(*job.explanation, job.request.hints.flags, job.request.hints.family))
            text << "    " << topic << ": " << line << '\n';
    }
    text.flush();
    context_.print(out);
}

int ResolveCommand::exitStatus() const
{
    bool failed = false;
    for (const Job &job : jobs_) {
        if (job.badInput)
            return ExitUsage;
        failed = failed || !job.result || job.result->error;
    }
    return failed ? ExitFailure : ExitSuccess;
}

} // namespace

int runResolveCommand(const QStringList &arguments)
{
    ResolveCommand command;
    return command.run(arguments);
}
