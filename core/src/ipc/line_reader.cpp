#include "sockscope/ipc/line_reader.h"

#include "sockscope/events/error.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace sockscope {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

} // namespace

LineReader::LineReader(Reactor &reactor, LineCallback onLine, EndCallback onEnd)
    : reactor_(reactor), onLine_(std::move(onLine)), onEnd_(std::move(onEnd))
{
}

std::unique_ptr<LineReader> LineReader::start(Reactor &reactor, UniqueFd fd, LineCallback onLine, EndCallback onEnd,
                                              std::error_code &error)
{
    std::unique_ptr<LineReader> reader(new LineReader(reactor, std::move(onLine), std::move(onEnd)));
    LineReader *self = reader.get();
    self->originalFlags_ = ::fcntl(fd.get(), F_GETFL);
    if (self->originalFlags_ < 0 || ::fcntl(fd.get(), F_SETFL, self->originalFlags_ | O_NONBLOCK) != 0) {
        error = lastSystemError();
        return nullptr;
    }
    error = WatchedFd::start(reactor, std::move(fd), Interest::Read, [self](Readiness) { self->readAvailable(); },
                             self->input_);
    if (error == std::errc::operation_not_permitted) {
        // A regular file or /dev/null: always "ready", read it in chunks.
        error.clear();
        self->directRead_ = reactor.startTimer(Duration::zero(), [self] { self->readDirectly(); });
    }
    if (error)
        return nullptr;
    return reader;
}

LineReader::~LineReader()
{
    reactor_.cancelTimer(directRead_);
    if (input_.valid() && originalFlags_ >= 0)
        ::fcntl(input_.get(), F_SETFL, originalFlags_);
}

void LineReader::readAvailable()
{
    char buffer[kChunk];
    // A bounded number of reads per wake-up, so one fast writer cannot hold
    // the loop.
    for (int round = 0; round < 16 && !ended_; ++round) {
        const ssize_t got = ::read(input_.get(), buffer, sizeof buffer);
        if (got > 0) {
            consume(buffer, static_cast<std::size_t>(got));
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        finish(got == 0 ? std::error_code{} : lastSystemError());
    }
}

void LineReader::readDirectly()
{
    directRead_ = 0;
    char buffer[kChunk];
    ssize_t got;
    do {
        got = ::read(input_.get(), buffer, sizeof buffer);
    } while (got < 0 && errno == EINTR);
    if (got <= 0) {
        finish(got == 0 ? std::error_code{} : lastSystemError());
        return;
    }
    consume(buffer, static_cast<std::size_t>(got));
    directRead_ = reactor_.startTimer(Duration::zero(), [this] { readDirectly(); });
}

void LineReader::consume(const char *data, std::size_t size)
{
    std::size_t start = 0;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] != '\n')
            continue;
        if (partial_.size() < kMaxLine)
            partial_.append(data + start, std::min(i - start, kMaxLine - partial_.size()));
        start = i + 1;
        if (!partial_.empty() && partial_.back() == '\r')
            partial_.pop_back();
        onLine_(partial_, ++lineNumber_);
        partial_.clear();
    }
    if (partial_.size() < kMaxLine)
        partial_.append(data + start, std::min(size - start, kMaxLine - partial_.size()));
}

void LineReader::finish(std::error_code error)
{
    ended_ = true;
    input_.setInterest(Interest::None);
    if (!partial_.empty()) {
        onLine_(partial_, ++lineNumber_);
        partial_.clear();
    }
    onEnd_(error);
}

} // namespace sockscope
