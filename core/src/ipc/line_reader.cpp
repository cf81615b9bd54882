#include "sockscope/ipc/line_reader.h"

#include <algorithm>

namespace sockscope {

std::unique_ptr<LineReader> LineReader::start(Reactor &reactor, UniqueFd fd, LineCallback onLine, EndCallback onEnd,
                                              std::error_code &error)
{
    std::unique_ptr<LineReader> reader(new LineReader(std::move(onLine)));
    LineReader *self = reader.get();
    self->input_ = InputReader::start(
        reactor, std::move(fd), [self](std::string_view bytes) { self->consume(bytes); },
        [self, onEnd = std::move(onEnd)](std::error_code end) {
            self->flush();
            onEnd(end);
        },
        error);
    if (!self->input_)
        return nullptr;
    return reader;
}

void LineReader::consume(std::string_view bytes)
{
    std::size_t start = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '\n')
            continue;
        if (partial_.size() < kMaxLine)
            partial_.append(bytes.substr(start, std::min(i - start, kMaxLine - partial_.size())));
        start = i + 1;
        if (!partial_.empty() && partial_.back() == '\r')
            partial_.pop_back();
        onLine_(partial_, ++lineNumber_);
        partial_.clear();
    }
    if (partial_.size() < kMaxLine)
        partial_.append(bytes.substr(start, std::min(bytes.size() - start, kMaxLine - partial_.size())));
}

// The last line, when the input ends without a newline.
void LineReader::flush()
{
    if (partial_.empty())
        return;
    onLine_(partial_, ++lineNumber_);
    partial_.clear();
}

} // namespace sockscope
