// `sockscope connect`: the connection race to every address of a target,
// every attempt shown as it happens, then the connection is closed. (The
// session after it, standard input to the socket and the socket to standard
// output, arrives with issue 7's session part.)
#pragma once

#include <QStringList>

int runConnectCommand(const QStringList &arguments);
