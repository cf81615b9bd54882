// Events kept as they arrive, for tests that check what the engine said.
#pragma once

#include <sockscope/events/event.h>

#include <QStringList>
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
    static std::string extra(const sockscope::Event &event, const std::string &key)
    {
        for (const auto &[name, value] : event.extra) {
            if (name == key)
                return std::get<std::string>(value);
        }
        return {};
    }
    std::vector<sockscope::Event> events;
};

/// The `reason` of the first event of `kind`, or empty.
inline std::string reasonOf(const Recorder &recorder, sockscope::EventKind kind)
{
    const sockscope::Event *event = recorder.find(kind);
    return event ? Recorder::extra(*event, "reason") : std::string();
}
