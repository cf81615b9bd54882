// Words for what a lookup found, shared by the Resolve tab and the CLI's
// `resolve`: the "why this answer" lines (the verdict first), the connect
// order's rule, reverse names, and the schema's names for families, socket
// types and protocols.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/resolve/lookup.h>

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

class ResolveText {
    Q_DECLARE_TR_FUNCTIONS(ResolveText)
public:
    /// (topic, what it says) pairs: first the verdict (empty topic), then
    /// each thing that shaped the answer.
    static QList<QPair<QString, QString>> explanation(const sockscope::Lookup &lookup);
    /// "2 addresses" or "1 address in 3 entries", with %1 left for the target.
    static QString answerSummary(const sockscope::Lookup &lookup);
    /// "connect order: 2, 1 (...)", saying which rule applied; empty when
    /// fewer than two entries would be tried.
    static QString connectOrderText(const sockscope::Lookup &lookup);
    /// "name (confirmed)", "no name: EAI_NONAME", ...
    static QString reverseText(const sockscope::ReverseResult &reverse);
    /// Milliseconds with 3 decimals, in the user's locale ("0,542").
    static QString milliseconds(sockscope::Duration duration);

    /// The schema's words: "inet6", "stream", "tcp" (not translated: they
    /// are the names programs and people type).
    static QString familyName(sockscope::Family family);
    static QString socketTypeName(int socktype);
    static QString protocolName(int protocol);

private:
    static QString connectRuleText(const sockscope::ConnectOrder &order);
    static QString verdictText(const sockscope::Lookup &lookup, const sockscope::AnswerVerdict &verdict);
    static void addSources(QList<QPair<QString, QString>> &lines, const sockscope::ResolverExplanation &e,
                           const sockscope::AnswerVerdict &verdict);
    static void addNameServers(QList<QPair<QString, QString>> &lines, const sockscope::ResolverExplanation &e);
    static QString addrconfigText(const sockscope::AddrConfigState &state, int requestFlags, int requestFamily);
};
