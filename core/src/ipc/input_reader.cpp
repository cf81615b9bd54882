#include "sockscope/ipc/input_reader.h"

#include "sockscope/events/error.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sockscope {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr int kReadsPerWakeUp = 16; // one fast writer cannot hold the loop

} // namespace

UniqueFd openStandardInput(std::error_code &error)
{
    struct stat status{};
    UniqueFd fd;
    if (::fstat(STDIN_FILENO, &status) == 0 && (S_ISFIFO(status.st_mode) || S_ISCHR(status.st_mode)))
        fd.reset(::open("/proc/self/fd/0", O_RDONLY | O_NONBLOCK | O_CLOEXEC)); // O_NONBLOCK: a FIFO's open never waits
    if (!fd)
        fd.reset(::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3));
    if (!fd)
        error = lastSystemError();
    return fd;
}

InputReader::InputReader(Reactor &reactor, ChunkCallback onChunk, EndCallback onEnd)
    : reactor_(reactor), onChunk_(std::move(onChunk)), onEnd_(std::move(onEnd))
{
}

std::unique_ptr<InputReader> InputReader::start(Reactor &reactor, UniqueFd fd, ChunkCallback onChunk,
                                                EndCallback onEnd, std::error_code &error)
{
    std::unique_ptr<InputReader> reader(new InputReader(reactor, std::move(onChunk), std::move(onEnd)));
    InputReader *self = reader.get();
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
        self->direct_ = true;
        self->scheduleDirectRead();
    }
    if (error)
        return nullptr;
    return reader;
}

InputReader::~InputReader()
{
    reactor_.cancelTimer(directRead_);
    if (input_.valid() && originalFlags_ >= 0)
        ::fcntl(input_.get(), F_SETFL, originalFlags_);
}

void InputReader::pause()
{
    paused_ = true;
    if (direct_)
        reactor_.cancelTimer(std::exchange(directRead_, 0));
    else if (!ended_)
        input_.setInterest(Interest::None);
}

void InputReader::resume()
{
    paused_ = false;
    if (ended_)
        return;
    if (direct_)
        scheduleDirectRead();
    else
        input_.setInterest(Interest::Read);
}

void InputReader::readAvailable()
{
    char buffer[kChunk];
    for (int round = 0; round < kReadsPerWakeUp && !ended_ && !paused_; ++round) {
        const ssize_t got = ::read(input_.get(), buffer, sizeof buffer);
        if (got > 0) {
            onChunk_(std::string_view(buffer, static_cast<std::size_t>(got)));
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        finish(got == 0 ? std::error_code{} : lastSystemError());
    }
}

void InputReader::scheduleDirectRead()
{
    if (directRead_ == 0)
        directRead_ = reactor_.startTimer(Duration::zero(), [this] { readDirectly(); });
}

void InputReader::readDirectly()
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
    onChunk_(std::string_view(buffer, static_cast<std::size_t>(got)));
    if (!paused_ && !ended_)
        scheduleDirectRead();
}

void InputReader::finish(std::error_code error)
{
    ended_ = true;
    input_.setInterest(Interest::None);
    onEnd_(error);
}

} // namespace sockscope
