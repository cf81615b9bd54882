// Reading back the fields of System V IPC events (core's ipc-* events, the
// /proc/sysvipc listing's ipc-object) to put them in words: shared by
// `ipc shm|sem|msg`, `ipc list` and the window's System V page.
#pragma once

#include <sockscope/events/event.h>

#include <QString>
#include <cstdint>
#include <string>
#include <variant>

namespace SysvEventFields {

inline const sockscope::ExtraValue *field(const sockscope::Event &event, const char *name)
{
    for (const auto &[key, value] : event.extra) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

inline long long number(const sockscope::Event &event, const char *name, long long otherwise = 0)
{
    const sockscope::ExtraValue *value = field(event, name);
    return value && std::holds_alternative<std::int64_t>(*value) ? std::get<std::int64_t>(*value) : otherwise;
}

inline QString word(const sockscope::Event &event, const char *name)
{
    const sockscope::ExtraValue *value = field(event, name);
    return value && std::holds_alternative<std::string>(*value) ? QString::fromStdString(std::get<std::string>(*value))
                                                                 : QString();
}

inline QString octal(long long mode)
{
    return QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0'));
}

} // namespace SysvEventFields
