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

/// Turns an error into a sentence for people. The default is errorText().
using MessageFormatter = std::function<std::string(const std::error_code &)>;

/// One event as one line of JSON, without the newline. `start` is the time
/// t_ms counts from.
std::string formatJsonLine(const Event &event, TimePoint start, const MessageFormatter &formatter = {});

/// Writes events to a stream, one line each, flushed as written so that a
/// reader (`| jq`, `tail -f`) sees every event live.
class JsonLinesWriter final : public EventSink {
public:
    JsonLinesWriter(std::FILE *out, TimePoint start, MessageFormatter formatter = {});

    void onEvent(const Event &event) override;
    /// False once a write failed (EPIPE when the reader went away, ENOSPC).
    bool ok() const noexcept { return ok_; }

private:
    std::FILE *out_;
    TimePoint start_;
    MessageFormatter formatter_;
    bool ok_ = true;
};

} // namespace sockscope
