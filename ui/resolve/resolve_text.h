// Words for what the resolver found, shared by the Resolve tab and the
// CLI's `resolve`: the "why this answer" lines and the schema's names for
// families, socket types and protocols.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/resolve/resolver_config.h>

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

class ResolveText {
    Q_DECLARE_TR_FUNCTIONS(ResolveText)
public:
    /// One (topic, what it says) pair per thing that shaped the answer.
    static QList<QPair<QString, QString>> explanation(const sockscope::ResolverExplanation &explanation,
                                                       int requestFlags, int requestFamily);
    /// The assumption behind the connect order shown beside the answer.
    static QString connectOrderAssumption();

    /// The schema's words: "inet6", "stream", "tcp" (not translated: they
    /// are the names programs and people type).
    static QString familyName(sockscope::Family family);
    static QString socketTypeName(int socktype);
    static QString protocolName(int protocol);

private:
    static QString addrconfigText(const sockscope::AddrConfigState &state, int requestFlags, int requestFamily);
};
