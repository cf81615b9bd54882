// Words for events on a terminal, shared by the subcommands that print
// them as lines (connect on standard error, serve on standard output).
#pragma once

#include <sockscope/events/event.h>

#include <QString>
#include <cstdio>
#include <system_error>

namespace EventText {

/// "127.0.0.1:80", "[::1]:80", "unix:/path": where an event happened.
QString where(const sockscope::Event &event);
/// "ECONNREFUSED (Connection refused: ...)", in the user's language.
QString failure(const std::error_code &error);
/// An extra field in words ("" when absent).
QString extra(const sockscope::Event &event, const char *key);
/// Writes `line` and a newline to `stream`, flushed; the error when it
/// could not (EPIPE: the reader went away).
std::error_code writeLine(std::FILE *stream, const QString &line);

} // namespace EventText
