// JSON Lines: the CLI's --json output and the window's export.
//
// One event becomes one JSON object on one line, following DESIGN.md's
// schema. Everything in it is valid JSON whatever the bytes: payloads go out
// as "hex" (lossless) beside a "text" preview, and any string that is not
// valid UTF-8 has its bad bytes replaced. The "message" of an error comes
// from a MessageFormatter, which the application sets to its translated
// message catalogue so that the CLI and the window say the same words.
//
// nlohmann::json is used only in json_lines.cpp: it is slow to compile.
#pragma once

#include "sockscope/events/event.h"

#include <cstdio>
#include <functional>
#include <string>

namespace sockscope {

/// Turns engine codes into sentences for people: an error (the default is
/// errorText()) and an input mistake (the default is its problem's name).
struct MessageFormatter {
    std::function<std::string(const std::error_code &)> error;
    std::function<std::string(const InputError &)> input;
};

/// One event as one line of JSON, without the newline. `start` is the time
/// t_ms counts from.
std::string formatJsonLine(const Event &event, TimePoint start, const MessageFormatter &formatter = {});

/// Reads a line of formatJsonLine()'s output (any `--json` output, or an
/// export of the window's log) back into an Event, `t_ms` counted from
/// `start`. Messages are not kept: they are made again from the codes.
/// nullopt, and `problem` set, for a line that is not such an event.
std::optional<Event> parseJsonLine(std::string_view line, TimePoint start, std::string *problem = nullptr);

/// Writes events to a stream, one line each, flushed as written so that a
/// reader (`| jq`, `tail -f`) sees every event live.
class JsonLinesWriter final : public EventSink {
public:
    JsonLinesWriter(std::FILE *out, TimePoint start, MessageFormatter formatter = {});

    void onEvent(const Event &event) override;
    /// False once a write failed (EPIPE when the reader went away, ENOSPC).
    bool ok() const noexcept { return !failure_; }
    /// Why the first failed write failed; nothing is written after it.
    std::error_code failure() const noexcept { return failure_; }

private:
    std::FILE *out_;
    TimePoint start_;
    MessageFormatter formatter_;
    std::error_code failure_;
};

} // namespace sockscope
