#include "sockscope/events/json_lines.h"

#include "sockscope/events/error.h"

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

namespace sockscope {
namespace {

using nlohmann::ordered_json;

// Milliseconds with 3 decimals, as the schema says: rounded here so the
// number printed is exactly the one meant, not 12.345000000000001.
double milliseconds(Duration duration)
{
    const double ms = std::chrono::duration<double, std::milli>(duration).count();
    return std::round(ms * 1000.0) / 1000.0;
}

std::string_view protocolName(int protocol)
{
    switch (protocol) {
    case 6: return "tcp";
    case 17: return "udp";
    default: return {};
    }
}

void putExtra(ordered_json &json, const std::string &key, const ExtraValue &value)
{
    std::visit([&](const auto &v) { json[key] = v; }, value);
}

void putError(ordered_json &json, const std::error_code &error, const MessageFormatter &formatter)
{
    json["error"] = errorName(error);
    if (const int number = errnoValue(error))
        json["errno"] = number;
    json["message"] = formatter ? formatter(error) : errorText(error);
}

} // namespace

std::string formatJsonLine(const Event &event, TimePoint start, const MessageFormatter &formatter)
{
    ordered_json json;
    json["event"] = eventName(event.kind);
    if (!event.target.empty())
        json["target"] = event.target;
    json["t_ms"] = milliseconds(event.time - start);
    if (!event.address.empty())
        json["address"] = event.address;
    if (event.port)
        json["port"] = *event.port;
    if (!event.path.empty())
        json["path"] = event.path;
    if (event.family)
        json["family"] = familyName(*event.family);
    if (event.socktype)
        json["socktype"] = socketTypeName(*event.socktype);
    if (event.protocol) {
        const std::string_view name = protocolName(*event.protocol);
        if (name.empty())
            json["protocol"] = *event.protocol;
        else
            json["protocol"] = name;
    }
    if (event.error)
        putError(json, event.error, formatter);
    if (event.elapsed)
        json["elapsed_ms"] = milliseconds(*event.elapsed);
    if (event.bytes)
        json["bytes"] = *event.bytes;
    if (event.payload) {
        json["hex"] = toHex(*event.payload);
        json["text"] = printablePreview(*event.payload);
    }
    if (event.peer)
        json["peer"] = *event.peer;
    if (event.attempt)
        json["attempt"] = *event.attempt;
    if (event.pid)
        json["pid"] = *event.pid;
    if (event.uid)
        json["uid"] = *event.uid;
    if (event.gid)
        json["gid"] = *event.gid;
    if (event.signal) {
        json["signal"] = *event.signal;
        json["signal_name"] = signalName(*event.signal);
    }
    if (event.status)
        json["status"] = *event.status;
    for (const auto &[key, value] : event.extra)
        putExtra(json, key, value);
    // Input as typed and names from the system need not be UTF-8; replace
    // bad bytes instead of throwing out of the writer.
    return json.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

JsonLinesWriter::JsonLinesWriter(std::FILE *out, TimePoint start, MessageFormatter formatter)
    : out_(out), start_(start), formatter_(std::move(formatter))
{
}

void JsonLinesWriter::onEvent(const Event &event)
{
    if (!ok_)
        return;
    std::string line = formatJsonLine(event, start_, formatter_);
    line.push_back('\n');
    if (std::fwrite(line.data(), 1, line.size(), out_) != line.size() || std::fflush(out_) != 0)
        ok_ = false;
}

} // namespace sockscope
