#include "resolve_text.h"

#include "message_catalog.h"

#include <sockscope/events/error.h>

#include <QLocale>
#include <QStringList>
#include <algorithm>
#include <netdb.h>
#include <sys/socket.h>

namespace {

QString joined(const std::vector<std::string> &items, const QString &separator = QStringLiteral(", "))
{
    QStringList list;
    for (const std::string &item : items)
        list << QString::fromStdString(item);
    return list.join(separator);
}

} // namespace

QString ResolveText::verdictText(const sockscope::Lookup &lookup, const sockscope::AnswerVerdict &verdict)
{
    using Kind = sockscope::AnswerVerdict::Kind;
    const QString host = QString::fromStdString(lookup.request.host);
    const int family = lookup.request.hints.family;
    switch (verdict.kind) {
    case Kind::NoHost:
        return (lookup.request.hints.flags & AI_PASSIVE)
                   ? tr("no host and AI_PASSIVE: the wildcard addresses, nothing is looked up")
                   : tr("no host: the loopback addresses, nothing is looked up");
    case Kind::NumericAddress: return tr("numeric address, no lookup");
    case Kind::NumericHostRequired:
        return tr("AI_NUMERICHOST is set and “%1” is not numeric: nothing is looked up").arg(host);
    case Kind::TypeProtocolClash:
        return tr("%1 and %2 do not go together")
            .arg(socketTypeName(lookup.request.hints.socktype), protocolName(lookup.request.hints.protocol));
    case Kind::AddrConfigRefuses:
        return family == AF_INET ? tr("AI_ADDRCONFIG and no IPv4 address is configured: refused without a lookup")
                                 : tr("AI_ADDRCONFIG and no IPv6 address is configured: refused without a lookup");
    case Kind::HostsFile: return tr("answered by /etc/hosts line %1; DNS not asked").arg(verdict.hostsLine);
    case Kind::Dns: return tr("answered by DNS: /etc/hosts has no line for it");
    case Kind::DnsBeforeHosts:
        return tr("answered by DNS, or by /etc/hosts line %1 if DNS did not know it: nsswitch.conf asks DNS first")
            .arg(verdict.hostsLine);
    case Kind::OtherSource:
        return tr("answered by a source of nsswitch.conf other than /etc/hosts and DNS");
    case Kind::NotFound:
        return verdict.dnsAsked ? tr("neither /etc/hosts nor DNS knows “%1” (for this family)").arg(host)
                                : tr("no source of nsswitch.conf knows “%1” (for this family)").arg(host);
    case Kind::DnsFailed: return tr("DNS did not answer: the name servers failed or timed out");
    case Kind::ServiceUnknown:
        return tr("the service “%1” is not known for this socket type (/etc/services)")
            .arg(QString::fromStdString(lookup.request.service));
    case Kind::Failed:
        return tr("getaddrinfo failed: %1 (%2)")
            .arg(QString::fromStdString(sockscope::errorName(lookup.result->error)),
                 MessageCatalog::errorMessage(lookup.result->error));
    case Kind::Unknown: break;
    }
    return tr("unknown: the resolver configuration could not be read");
}

QList<QPair<QString, QString>> ResolveText::explanation(const sockscope::Lookup &lookup)
{
    using Kind = sockscope::AnswerVerdict::Kind;
    const sockscope::AnswerVerdict verdict = sockscope::answerVerdict(lookup);
    QList<QPair<QString, QString>> lines{{QString(), verdictText(lookup, verdict)}};
    // What stopped the lookup before any source was asked: the
    // configuration is beside the point.
    if (verdict.kind == Kind::NoHost || verdict.kind == Kind::NumericAddress ||
        verdict.kind == Kind::NumericHostRequired || verdict.kind == Kind::TypeProtocolClash)
        return lines;
    if (!lookup.explanation || !lookup.explanation->read)
        return lines;
    const sockscope::ResolverExplanation &e = *lookup.explanation;
    const sockscope::ResolveHints &hints = lookup.request.hints;
    lines.append({tr("AI_ADDRCONFIG"), addrconfigText(e.addrconfig, hints.flags, hints.family)});
    if (verdict.kind == Kind::AddrConfigRefuses)
        return lines;
    addSources(lines, e, verdict);
    if (verdict.kind != Kind::HostsFile)
        addNameServers(lines, e);
    if (e.gaiRules.empty()) {
        lines.append({tr("Address order"), e.gaiConfFound
                                                ? tr("/etc/gai.conf has no rules: RFC 6724's default policy orders the answer")
                                                : tr("no /etc/gai.conf: RFC 6724's default policy orders the answer")});
    }
    for (const sockscope::GaiConfRule &rule : e.gaiRules) {
        lines.append({tr("Address order"),
                      tr("/etc/gai.conf line %1: %2").arg(rule.line).arg(QString::fromStdString(rule.text))});
    }
    return lines;
}

void ResolveText::addSources(QList<QPair<QString, QString>> &lines, const sockscope::ResolverExplanation &e,
                             const sockscope::AnswerVerdict &verdict)
{
    if (!e.nsswitchFound)
        lines.append({tr("Sources"), tr("no /etc/nsswitch.conf: glibc asks DNS, then /etc/hosts")});
    else if (e.nsswitchHosts.empty())
        lines.append({tr("Sources"), tr("nsswitch.conf has no hosts line: glibc asks DNS, then /etc/hosts")});
    else
        lines.append({tr("Sources"), tr("nsswitch.conf says hosts: %1").arg(QString::fromStdString(e.nsswitchHosts))});
    if (e.hostsMatches.empty())
        lines.append({tr("/etc/hosts"), tr("no line names “%1”").arg(QString::fromStdString(e.name))});
    for (const sockscope::HostsLine &line : e.hostsMatches) {
        QString text = tr("line %1: %2 %3")
                           .arg(line.line)
                           .arg(QString::fromStdString(line.address), joined(line.names, QStringLiteral(" ")));
        const auto &skipped = verdict.skippedHostsLines;
        if (std::find(skipped.begin(), skipped.end(), line.line) != skipped.end())
            text = tr("%1 (skipped: another family than requested)").arg(text);
        lines.append({tr("/etc/hosts"), text});
    }
}

void ResolveText::addNameServers(QList<QPair<QString, QString>> &lines, const sockscope::ResolverExplanation &e)
{
    const sockscope::ResolvConf &conf = e.resolv;
    if (!conf.found)
        lines.append({tr("Name servers"), tr("no /etc/resolv.conf: glibc asks 127.0.0.1")});
    else if (conf.nameservers.empty())
        lines.append({tr("Name servers"), tr("none in resolv.conf: glibc asks 127.0.0.1")});
    else if (conf.ignoredNameservers.empty())
        lines.append({tr("Name servers"), joined(conf.nameservers)});
    else
        lines.append({tr("Name servers"), tr("%1; ignored: %2 (glibc uses the first 3)")
                                              .arg(joined(conf.nameservers), joined(conf.ignoredNameservers))});
    QString search = conf.search.empty() ? tr("none") : joined(conf.search, QStringLiteral(" "));
    if (conf.searchSource == sockscope::ResolvConf::SearchSource::HostName)
        search = tr("%1 (from the host name: resolv.conf names none)").arg(search);
    else if (conf.searchSource == sockscope::ResolvConf::SearchSource::Environment)
        search = tr("%1 (from LOCALDOMAIN)").arg(search);
    lines.append({tr("Search domains"), search});
    QString options = tr("ndots %1, timeout %2 s, attempts %3").arg(conf.ndots).arg(conf.timeout).arg(conf.attempts);
    if (!conf.otherOptions.empty())
        options += QStringLiteral(", ") + joined(conf.otherOptions, QStringLiteral(" "));
    lines.append({tr("Resolver options"), options});
    if (!e.searchOrder.empty())
        lines.append({tr("DNS is asked"), joined(e.searchOrder, QStringLiteral(" → "))});
}

QString ResolveText::addrconfigText(const sockscope::AddrConfigState &state, int requestFlags, int requestFamily)
{
    using Verdict = sockscope::AddrConfigVerdict;
    QString text;
    switch (sockscope::addrconfigVerdict(state, requestFlags, requestFamily)) {
    case Verdict::Off: return tr("off: every family in the answer is kept");
    case Verdict::Unknown: return tr("unknown: the configured addresses could not be read (glibc then keeps both)");
    case Verdict::RefusesFamily:
        text = requestFamily == AF_INET ? tr("no IPv4 address is configured: glibc answers EAI_NONAME at once")
                                        : tr("no IPv6 address is configured: glibc answers EAI_NONAME at once");
        break;
    case Verdict::FamilyConfigured: text = tr("the requested family is configured"); break;
    case Verdict::HidesInet: text = tr("IPv4 answers are hidden"); break;
    case Verdict::HidesInet6: text = tr("IPv6 answers are hidden"); break;
    case Verdict::NoInformation:
        text = tr("no address but 127.0.0.1 and ::1: glibc has no information and hides nothing");
        break;
    case Verdict::KeepsBoth: text = tr("both families are kept"); break;
    }
    const QString ipv4 = state.ipv4.empty() ? tr("none") : joined(state.ipv4);
    const QString ipv6 = state.ipv6.empty() ? tr("none") : joined(state.ipv6);
    return tr("%1 (counted IPv4: %2; IPv6: %3)").arg(text, ipv4, ipv6);
}

QString ResolveText::answerSummary(const sockscope::Lookup &lookup)
{
    const int addresses = static_cast<int>(lookup.addresses.size());
    const int entries = lookup.result ? static_cast<int>(lookup.result->entries.size()) : 0;
    const QString count = tr("%n address(es)", nullptr, addresses);
    if (entries == addresses)
        return QStringLiteral("%1: ") + count;
    return QStringLiteral("%1: ") + tr("%1 in %n entries", nullptr, entries).arg(count);
}

QString ResolveText::connectOrderText(const sockscope::Lookup &lookup)
{
    QList<QPair<int, int>> ranked; // (rank, row)
    for (std::size_t i = 0; i < lookup.connectRank.size(); ++i) {
        if (lookup.connectRank[i] >= 0)
            ranked.append({lookup.connectRank[i], static_cast<int>(i) + 1});
    }
    if (ranked.size() < 2)
        return {};
    std::sort(ranked.begin(), ranked.end());
    QStringList rows;
    for (const auto &[rank, row] : ranked)
        rows << QString::number(row);
    return tr("connect order: %1 (%2)").arg(rows.join(QStringLiteral(", ")), connectRuleText(lookup.order));
}

QString ResolveText::connectRuleText(const sockscope::ConnectOrder &order)
{
    if (!order.bothFamilies)
        return tr("one family only: getaddrinfo's order");
    using sockscope::FamilyPreference;
    const QString first = order.firstFamily == sockscope::Family::Inet ? QStringLiteral("IPv4") : QStringLiteral("IPv6");
    QString rule;
    switch (order.rule) {
    case FamilyPreference::Sorted: rule = tr("%1 first, as the sorted answer starts (RFC 6724, gai.conf)").arg(first); break;
    case FamilyPreference::Inet6: rule = tr("%1 first, as chosen (prefer IPv6)").arg(first); break;
    case FamilyPreference::Inet: rule = tr("%1 first, as chosen (prefer IPv4)").arg(first); break;
    }
    if (order.firstFamilyCount > 1)
        rule += tr("; %1 of it before the families alternate").arg(order.firstFamilyCount);
    return tr("RFC 8305: %1, then the families alternate").arg(rule);
}

QString ResolveText::reverseText(const sockscope::ReverseResult &reverse)
{
    if (reverse.error) {
        return tr("no name: %1 (%2)")
            .arg(QString::fromStdString(sockscope::errorName(reverse.error)), MessageCatalog::errorMessage(reverse.error));
    }
    const QString name = QString::fromStdString(reverse.host);
    if (reverse.confirmError) {
        return tr("%1 (not confirmed: %2, %3)")
            .arg(name, QString::fromStdString(sockscope::errorName(reverse.confirmError)),
                 MessageCatalog::errorMessage(reverse.confirmError));
    }
    if (reverse.confirmed)
        return tr("%1 (confirmed)").arg(name);
    // A numeric answer (no NI_NAMEREQD, no name) has nothing to confirm.
    if (sockscope::SocketAddress::fromNumeric(reverse.host, 0))
        return tr("%1 (no name)").arg(name);
    return tr("%1 (does not resolve back)").arg(name);
}

QString ResolveText::milliseconds(sockscope::Duration duration)
{
    return QLocale().toString(std::chrono::duration<double, std::milli>(duration).count(), 'f', 3);
}

QString ResolveText::familyName(sockscope::Family family)
{
    const std::string_view name = sockscope::familyName(family);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QString ResolveText::socketTypeName(int socktype)
{
    const auto type = sockscope::socketTypeFromNative(socktype);
    if (!type)
        return QString::number(socktype);
    const std::string_view name = sockscope::socketTypeName(*type);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QString ResolveText::protocolName(int protocol)
{
    const std::string name = sockscope::protocolName(protocol);
    return name.empty() ? QStringLiteral("-") : QString::fromStdString(name);
}
