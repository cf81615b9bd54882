#include "sockscope/ipc/line_reader.h"

#include "sockscope/events/error.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace sockscope {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

} // namespace

LineReader::LineReader(Reactor &reactor, UniqueFd fd, LineCallback onLine, EndCallback onEnd)
    : reactor_(reactor), fd_(std::move(fd)), onLine_(std::move(onLine)), onEnd_(std::move(onEnd)),
      alive_(std::make_shared<bool>(true))
{
}

std::unique_ptr<LineReader> LineReader::start(Reactor &reactor, UniqueFd fd, LineCallback onLine, EndCallback onEnd,
                                              std::error_code &error)
{
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK) != 0) {
        error = lastSystemError();
        return nullptr;
    }
    std::unique_ptr<LineReader> reader(new LineReader(reactor, std::move(fd), std::move(onLine), std::move(onEnd)));
    LineReader *self = reader.get();
    error = reactor.watch(self->fd_.get(), Interest::Read, [self](Readiness) { self->readAvailable(); },
                          &self->watch_);
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
    *alive_ = false;
    reactor_.unwatch(watch_);
    reactor_.cancelTimer(directRead_);
}

void LineReader::readAvailable()
{
    char buffer[kChunk];
    // A bounded number of reads per wake-up, so one fast writer cannot hold
    // the loop.
    for (int round = 0; round < 16; ++round) {
        const ssize_t got = ::read(fd_.get(), buffer, sizeof buffer);
        if (got > 0) {
            if (!consume(buffer, static_cast<std::size_t>(got)))
                return;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        finish(got == 0 ? std::error_code{} : lastSystemError());
        return;
    }
}

void LineReader::readDirectly()
{
    directRead_ = 0;
    char buffer[kChunk];
    ssize_t got;
    do {
        got = ::read(fd_.get(), buffer, sizeof buffer);
    } while (got < 0 && errno == EINTR);
    if (got <= 0) {
        finish(got == 0 ? std::error_code{} : lastSystemError());
        return;
    }
    if (!consume(buffer, static_cast<std::size_t>(got)))
        return;
    directRead_ = reactor_.startTimer(Duration::zero(), [this] { readDirectly(); });
}

// Hands out every complete line; false if a callback destroyed the reader.
bool LineReader::consume(const char *data, std::size_t size)
{
    const std::shared_ptr<bool> alive = alive_;
    std::size_t start = 0;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] != '\n')
            continue;
        if (partial_.size() < kMaxLine)
            partial_.append(data + start, std::min(i - start, kMaxLine - partial_.size()));
        start = i + 1;
        if (!partial_.empty() && partial_.back() == '\r')
            partial_.pop_back();
        const std::string line = std::move(partial_);
        partial_.clear();
        onLine_(line, ++lineNumber_);
        if (!*alive)
            return false;
    }
    if (partial_.size() < kMaxLine)
        partial_.append(data + start, std::min(size - start, kMaxLine - partial_.size()));
    return true;
}

void LineReader::finish(std::error_code error)
{
    reactor_.unwatch(watch_);
    watch_ = 0;
    if (!partial_.empty()) {
        const std::shared_ptr<bool> alive = alive_;
        const std::string line = std::move(partial_);
        partial_.clear();
        onLine_(line, ++lineNumber_);
        if (!*alive)
            return;
    }
    onEnd_(error);
}

} // namespace sockscope
