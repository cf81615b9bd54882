#include "sockscope/events/json_lines.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

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

std::string errorMessage(const std::error_code &error, const MessageFormatter &formatter)
{
    return formatter.error ? formatter.error(error) : errorText(error);
}

void putError(ordered_json &json, const std::error_code &error, const MessageFormatter &formatter)
{
    json["error"] = errorName(error);
    if (const int number = errnoValue(error))
        json["errno"] = number;
    json["message"] = errorMessage(error, formatter);
}

void putExtra(ordered_json &json, const std::string &key, const ExtraValue &value, const MessageFormatter &formatter);

ordered_json objectsJson(const ExtraObjects &objects, const MessageFormatter &formatter)
{
    ordered_json array = ordered_json::array();
    for (const ExtraObject &object : objects) {
        ordered_json item = ordered_json::object();
        for (const auto &[key, value] : object.fields) {
            if (const auto *error = std::get_if<std::error_code>(&value); error && key == "error")
                putError(item, *error, formatter);
            else
                putExtra(item, key, value, formatter);
        }
        array.push_back(std::move(item));
    }
    return array;
}

void putExtra(ordered_json &json, const std::string &key, const ExtraValue &value, const MessageFormatter &formatter)
{
    std::visit(
        [&](const auto &v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::error_code>) {
                ordered_json error = ordered_json::object();
                putError(error, v, formatter);
                json[key] = std::move(error);
            } else if constexpr (std::is_same_v<T, ExtraObjects>) {
                json[key] = objectsJson(v, formatter);
            } else {
                json[key] = v;
            }
        },
        value);
}

// An input mistake has its own fields, never `error` (DESIGN.md).
void putInputError(ordered_json &json, const InputError &input, const MessageFormatter &formatter)
{
    json["field"] = input.field;
    json["problem"] = inputErrorName(input.code);
    json["position"] = input.position;
    json["length"] = input.value.size();
    json["value"] = input.value;
    if (input.limit != 0)
        json["limit"] = input.limit;
    if (input.lowest != 0)
        json["lowest"] = input.lowest;
    json["message"] = formatter.input ? formatter.input(input) : std::string(inputErrorName(input.code));
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
    if (event.protocol && *event.protocol != 0)
        json["protocol"] = protocolName(*event.protocol);
    if (event.error)
        putError(json, event.error, formatter);
    if (event.input)
        putInputError(json, *event.input, formatter);
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
        putExtra(json, key, value, formatter);
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
    if (failure_)
        return;
    std::string line = formatJsonLine(event, start_, formatter_);
    line.push_back('\n');
    errno = 0;
    if (std::fwrite(line.data(), 1, line.size(), out_) != line.size() || std::fflush(out_) != 0)
        failure_ = std::error_code(errno ? errno : EIO, std::system_category());
}

} // namespace sockscope

namespace sockscope {
namespace {

using json = nlohmann::ordered_json; // keeps the extra fields in their order

// The fields formatJsonLine() writes for its own members, which are read
// back into them; everything else is an extra field.
constexpr std::string_view kOwnFields[] = {
    "event", "target", "t_ms", "address", "port", "path", "family", "socktype", "protocol", "error", "errno",
    "message", "elapsed_ms", "bytes", "hex", "text", "peer", "attempt", "pid", "uid", "gid", "signal",
    "signal_name", "status", "field", "problem", "position", "length", "value", "limit", "lowest"};

// A time from a file may be anything: beyond about 30 years either way it
// is refused rather than overflowing the clock's integer.
Duration fromMilliseconds(double ms)
{
    if (!std::isfinite(ms) || std::abs(ms) > 1e12)
        throw std::out_of_range("time out of range");
    return std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::milli>(ms));
}

// An integer field, in range for T; anything else (a float such as 1e300,
// whose conversion would be undefined, a string, a number too big) throws,
// and the line is refused.
template <typename T>
T integerField(const json &object, const char *key, T fallback)
{
    if (!object.contains(key))
        return fallback;
    const json &value = object[key];
    if (value.is_number_unsigned() && std::in_range<T>(value.get<std::uint64_t>()))
        return static_cast<T>(value.get<std::uint64_t>());
    if (value.is_number_integer() && !value.is_number_unsigned() && std::in_range<T>(value.get<std::int64_t>()))
        return static_cast<T>(value.get<std::int64_t>());
    throw std::invalid_argument("not an integer in range");
}

std::error_code errorOf(const json &object)
{
    return errorFromName(object.value("error", std::string()), integerField(object, "errno", 0));
}

// Arrays of objects nest no deeper than this: a line from elsewhere
// cannot make the reader recurse without bound.
constexpr int kMaxObjectDepth = 4;

std::optional<ExtraValue> extraOf(const json &value, int depth = 0);

// An array of objects; an object's error fields become one error_code
// named "error", as objectsJson() wrote them.
std::optional<ExtraValue> objectsOf(const json &array, int depth)
{
    if (depth >= kMaxObjectDepth)
        return std::nullopt;
    ExtraObjects objects;
    for (const json &item : array) {
        if (!item.is_object())
            return std::nullopt;
        ExtraObject object;
        for (const auto &[key, value] : item.items()) {
            if (key == "error" && value.is_string())
                object.fields.emplace_back(key, errorOf(item));
            else if (key == "errno" || (key == "message" && item.contains("error")))
                continue;
            else if (auto extra = extraOf(value, depth + 1))
                object.fields.emplace_back(key, std::move(*extra));
        }
        objects.push_back(std::move(object));
    }
    return objects;
}

std::optional<ExtraValue> extraOf(const json &value, int depth)
{
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    if (value.is_number())
        return value.get<double>();
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_object() && value.contains("error"))
        return errorOf(value);
    if (value.is_array() && std::all_of(value.begin(), value.end(), [](const json &item) { return item.is_string(); }))
        return value.get<std::vector<std::string>>();
    if (value.is_array() && !value.empty() && value.front().is_object())
        return objectsOf(value, depth);
    return std::nullopt;
}

template <typename T>
void readOptional(const json &object, const char *key, std::optional<T> &out)
{
    if (object.contains(key))
        out = integerField<T>(object, key, T{});
}

void readInput(const json &object, Event &event)
{
    const auto code = inputErrorCodeFromName(object.value("problem", std::string()));
    if (!code)
        return;
    InputError input;
    input.code = *code;
    input.field = object.value("field", std::string());
    input.value = object.value("value", std::string());
    input.position = integerField(object, "position", std::size_t{0});
    input.limit = integerField(object, "limit", std::size_t{0});
    input.lowest = integerField(object, "lowest", std::size_t{0});
    event.input = input;
}

void readAddressFields(const json &object, Event &event)
{
    event.target = object.value("target", std::string());
    event.address = object.value("address", std::string());
    event.path = object.value("path", std::string());
    readOptional(object, "port", event.port);
    if (object.contains("family"))
        event.family = familyFromName(object["family"].get<std::string>());
    if (object.contains("socktype"))
        event.socktype = socketTypeFromName(object["socktype"].get<std::string>());
    if (object.contains("protocol"))
        event.protocol = protocolFromName(object["protocol"].get<std::string>());
}

void readCounts(const json &object, Event &event)
{
    if (object.contains("elapsed_ms"))
        event.elapsed = fromMilliseconds(object["elapsed_ms"].get<double>());
    readOptional(object, "bytes", event.bytes);
    if (object.contains("hex")) {
        event.payload = fromHex(object["hex"].get<std::string>());
        if (!event.payload)
            throw std::invalid_argument("hex that is none");
    }
    readOptional(object, "peer", event.peer);
    readOptional(object, "attempt", event.attempt);
    readOptional(object, "pid", event.pid);
    readOptional(object, "uid", event.uid);
    readOptional(object, "gid", event.gid);
    readOptional(object, "signal", event.signal);
    readOptional(object, "status", event.status);
}

} // namespace

std::optional<Event> parseJsonLine(std::string_view line, TimePoint start, std::string *problem)
{
    const json object = json::parse(line, nullptr, false);
    std::optional<EventKind> kind;
    if (object.is_object() && object.contains("event") && object["event"].is_string())
        kind = eventKindFromName(object["event"].get<std::string>());
    if (!kind) {
        if (problem)
            *problem = object.is_discarded() ? "not-json" : "unknown-event";
        return std::nullopt;
    }
    try {
        Event event = makeEvent(*kind, start + fromMilliseconds(object.value("t_ms", 0.0)));
        readAddressFields(object, event);
        if (object.contains("error"))
            event.error = errorOf(object);
        readInput(object, event);
        readCounts(object, event);
        for (const auto &[key, value] : object.items()) {
            if (std::find(std::begin(kOwnFields), std::end(kOwnFields), key) != std::end(kOwnFields))
                continue;
            if (auto extra = extraOf(value))
                event.extra.emplace_back(key, std::move(*extra));
        }
        return event;
    } catch (const std::exception &) {
        // A known field with the wrong type, or hex that is none.
        if (problem)
            *problem = "bad-field";
        return std::nullopt;
    }
}

} // namespace sockscope
