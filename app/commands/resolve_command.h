// `sockscope resolve`: every address a name resolves to, in getaddrinfo's
// order, with what shaped the answer.
#pragma once

#include <QStringList>

int runResolveCommand(const QStringList &arguments);
