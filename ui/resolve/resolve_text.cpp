#include "resolve_text.h"

#include <QStringList>
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

QList<QPair<QString, QString>> ResolveText::explanation(const sockscope::ResolverExplanation &e, int requestFlags,
                                                        int requestFamily)
{
    QList<QPair<QString, QString>> lines;
    const QString name = QString::fromStdString(e.name);

    if (!e.nsswitchFound)
        lines.append({tr("Sources"), tr("no /etc/nsswitch.conf: glibc asks DNS, then /etc/hosts")});
    else if (e.nsswitchHosts.empty())
        lines.append({tr("Sources"), tr("nsswitch.conf has no hosts line: glibc asks DNS, then /etc/hosts")});
    else
        lines.append({tr("Sources"), tr("nsswitch.conf says hosts: %1").arg(QString::fromStdString(e.nsswitchHosts))});

    if (e.hostsMatches.empty())
        lines.append({tr("/etc/hosts"), tr("no line names “%1”").arg(name)});
    for (const sockscope::HostsLine &line : e.hostsMatches) {
        lines.append({tr("/etc/hosts"), tr("line %1: %2 %3")
                                            .arg(line.line)
                                            .arg(QString::fromStdString(line.address), joined(line.names, QStringLiteral(" ")))});
    }

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

    lines.append({tr("AI_ADDRCONFIG"), addrconfigText(e.addrconfig, requestFlags, requestFamily)});

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

QString ResolveText::addrconfigText(const sockscope::AddrConfigState &state, int requestFlags, int requestFamily)
{
    if (!(requestFlags & AI_ADDRCONFIG))
        return tr("off: every family in the answer is kept");
    const QString ipv4 = state.ipv4.empty() ? tr("none") : joined(state.ipv4);
    const QString ipv6 = state.ipv6.empty() ? tr("none") : joined(state.ipv6);
    QString verdict;
    if (state.refuses(requestFamily))
        verdict = requestFamily == AF_INET ? tr("no IPv4 address is configured: glibc answers EAI_NONAME at once")
                                           : tr("no IPv6 address is configured: glibc answers EAI_NONAME at once");
    else if (requestFamily != AF_UNSPEC)
        verdict = tr("the requested family is configured");
    else if (state.hidesIpv4())
        verdict = tr("IPv4 answers are hidden");
    else if (state.hidesIpv6())
        verdict = tr("IPv6 answers are hidden");
    else if (state.ipv4.empty())
        verdict = tr("no address but 127.0.0.1 and ::1: glibc has no information and hides nothing");
    else
        verdict = tr("both families are kept");
    return tr("%1 (counted IPv4: %2; IPv6: %3)").arg(verdict, ipv4, ipv6);
}

QString ResolveText::connectOrderAssumption()
{
    return tr("RFC 8305 interleaving, IPv6 first, assuming both families' answers arrived within the resolution "
              "delay");
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
    switch (protocol) {
    case IPPROTO_TCP: return QStringLiteral("tcp");
    case IPPROTO_UDP: return QStringLiteral("udp");
    default: return QString::number(protocol);
    }
}
