// LineReader: lines from a descriptor, as they arrive, without blocking.
//
// An InputReader (input_reader.h: pipes, FIFOs and terminals as they
// deliver, regular files in chunks, the descriptor's flags given back)
// whose bytes are cut into lines: a line ends at '\n' (a '\r' before it is
// dropped); a last line without one is delivered at the end; a line longer
// than kMaxLine is cut there. Callbacks must not destroy the reader:
// destroy it after onEnd, from a posted function.
#pragma once

#include "sockscope/ipc/input_reader.h"

#include <string>

namespace sockscope {

class LineReader {
public:
    /// One line, without its end, and its 1-based number.
    using LineCallback = std::function<void(std::string_view line, int number)>;
    using EndCallback = InputReader::EndCallback;

    static std::unique_ptr<LineReader> start(Reactor &reactor, UniqueFd fd, LineCallback onLine, EndCallback onEnd,
                                             std::error_code &error);

    static constexpr std::size_t kMaxLine = 64 * 1024;

private:
    explicit LineReader(LineCallback onLine) : onLine_(std::move(onLine)) {}
    void consume(std::string_view bytes);
    void flush();

    LineCallback onLine_;
    std::string partial_;
    int lineNumber_ = 0;
    std::unique_ptr<InputReader> input_;
};

} // namespace sockscope
