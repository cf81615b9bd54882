// Events kept as they arrive, for tests that check what the engine said.
#pragma once

#include <sockscope/events/event.h>

#include <QStringList>
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

class Recorder final : public sockscope::EventSink {
public:
    void onEvent(const sockscope::Event &event) override { events.push_back(event); }
    QStringList names() const
    {
        QStringList list;
        for (const sockscope::Event &event : events) {
            QString name = QString::fromLatin1(sockscope::eventName(event.kind).data());
            if (event.attempt)
                name += QStringLiteral(" %1").arg(*event.attempt);
            list << name;
        }
        return list;
    }
    const sockscope::Event *find(sockscope::EventKind kind, int attempt = -1) const
    {
        for (const sockscope::Event &event : events) {
            if (event.kind == kind && (attempt < 0 || event.attempt == attempt))
                return &event;
        }
        return nullptr;
    }
    /// A text field; empty when absent (or not text).
    static std::string extra(const sockscope::Event &event, const std::string &key)
    {
        for (const auto &[name, value] : event.extra) {
            if (name == key && std::holds_alternative<std::string>(value))
                return std::get<std::string>(value);
        }
        return {};
    }
    /// A number field; -1 when absent (or not a number).
    static std::int64_t number(const sockscope::Event &event, const std::string &key)
    {
        for (const auto &[name, value] : event.extra) {
            if (name == key && std::holds_alternative<std::int64_t>(value))
                return std::get<std::int64_t>(value);
        }
        return -1;
    }
    /// The payloads of every `data` event whose text fields have the given
    /// values ({"stream", "stdout"}, {"end", "read"}, ...), in order.
    std::string bytesWhere(const std::vector<std::pair<std::string, std::string>> &fields) const
    {
        std::string bytes;
        for (const sockscope::Event &event : events) {
            const bool match = std::all_of(fields.begin(), fields.end(),
                                           [&](const auto &field) { return extra(event, field.first) == field.second; });
            if (event.kind == sockscope::EventKind::Data && event.payload && match)
                bytes.append(event.payload->begin(), event.payload->end());
        }
        return bytes;
    }
    std::vector<sockscope::Event> events;
};

/// The `reason` of the first event of `kind`, or empty.
inline std::string reasonOf(const Recorder &recorder, sockscope::EventKind kind)
{
    const sockscope::Event *event = recorder.find(kind);
    return event ? Recorder::extra(*event, "reason") : std::string();
}
