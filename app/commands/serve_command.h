#pragma once

#include <sockscope/events/input_error.h>
#include <sockscope/serve/server.h>

#include <QStringList>
#include <optional>

class QCommandLineParser;

/// What serve and its workers read alike: --max-peers, --idle-timeout,
/// --no-names, and --to parsed as a target.
std::optional<sockscope::InputError> readPeerOptions(const QCommandLineParser &parser, sockscope::ServerConfig &config);

/// `sockscope serve BEHAVIOUR ...`: runs a server on the core and
/// EpollReactor and reports who connects.
int runServeCommand(const QStringList &arguments);
