// The socket options `connect` and `serve` share (DESIGN.md, "The command
// line"), as command-line options: added to a parser, read into core's
// SocketOptions, each mistake an InputError naming its option.
#pragma once

#include <sockscope/events/input_error.h>
#include <sockscope/socket/socket_options.h>

#include <optional>

class QCommandLineParser;

void addSocketOptionFlags(QCommandLineParser &parser);

/// Reads the flags into `options` (socktype included: SOCK_DGRAM for
/// --udp). `unixTarget`: the target is a Unix socket, so --unix-type
/// applies and --udp does not.
std::optional<sockscope::InputError> readSocketOptionFlags(const QCommandLineParser &parser, bool unixTarget,
                                                           sockscope::SocketOptions &options);
