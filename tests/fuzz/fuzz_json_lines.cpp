// libFuzzer target for reading JSON Lines back (File > Open reads files a
// person picks, from anywhere): whatever the bytes, parseJsonLine returns
// an event or refuses the line, never crashes, and what it accepts is
// written and read again to the same line.
#include <sockscope/events/json_lines.h>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const sockscope::TimePoint start{};
    const std::string line(reinterpret_cast<const char *>(data), size);
    const auto event = sockscope::parseJsonLine(line, start);
    if (!event)
        return 0;
    const std::string written = sockscope::formatJsonLine(*event, start);
    const auto again = sockscope::parseJsonLine(written, start);
    if (!again || sockscope::formatJsonLine(*again, start) != written)
        std::abort();
    return 0;
}
