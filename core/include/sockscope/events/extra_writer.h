// ExtraWriter: writes an event's extra fields in order into an Event that
// is refilled from one report to the next, so a burst of events of one
// shape costs no allocation: a field whose name is already in its place
// only gets its new value. Whatever the previous fill left after the last
// field put is dropped when the writer goes. The writer only borrows the
// event, for its own lifetime.
#pragma once

#include "sockscope/events/event.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace sockscope {

class ExtraWriter {
public:
    explicit ExtraWriter(ExtraFields &fields) : fields_(fields) {}
    ~ExtraWriter() { fields_.erase(fields_.begin() + static_cast<std::ptrdiff_t>(next_), fields_.end()); }
    ExtraWriter(const ExtraWriter &) = delete;
    ExtraWriter &operator=(const ExtraWriter &) = delete;

    // Keys are literals: their length is known where the comparison is made.
    template <std::size_t N>
    void put(const char (&key)[N], std::int64_t value)
    {
        slot(key) = value;
    }
    template <std::size_t N>
    void put(const char (&key)[N], bool value)
    {
        slot(key) = value;
    }
    template <std::size_t N>
    void put(const char (&key)[N], std::string_view value)
    {
        ExtraValue &held = slot(key);
        if (auto *text = std::get_if<std::string>(&held))
            text->assign(value);
        else
            held = std::string(value);
    }

private:
    // The value of the next field, named `key`: the one in place when it
    // has that name, else a new one (and what followed it goes).
    template <std::size_t N>
    ExtraValue &slot(const char (&key)[N])
    {
        constexpr std::size_t length = N - 1;
        if (next_ < fields_.size()) {
            const std::string &name = fields_[next_].first;
            if (name.size() == length && std::memcmp(name.data(), key, length) == 0)
                return fields_[next_++].second;
        }
        fields_.erase(fields_.begin() + static_cast<std::ptrdiff_t>(next_), fields_.end());
        fields_.emplace_back().first.assign(key, length);
        return fields_[next_++].second;
    }

    ExtraFields &fields_;
    std::size_t next_ = 0;
};

} // namespace sockscope
