#include "sockscope/ipc/pipe_writers.h"

#include "sockscope/events/error.h"
#include "sockscope/ipc/quiet_write.h"

#include <cerrno>
#include <mutex>
#include <poll.h>
#include <system_error>

namespace sockscope {
namespace {

constexpr unsigned char kFrameMark = 0xF5;
constexpr std::size_t kHeader = 6;
constexpr int kPollMs = 200; // how soon a stopping writer notices

} // namespace

std::vector<unsigned char> pipeFrame(int writer, std::uint32_t sequence, std::size_t size)
{
    std::vector<unsigned char> frame(size);
    frame[0] = kFrameMark;
    frame[1] = static_cast<unsigned char>(writer);
    for (int i = 0; i < 4; ++i)
        frame[2 + static_cast<std::size_t>(i)] = static_cast<unsigned char>(sequence >> (24 - 8 * i));
    for (std::size_t i = kHeader; i < size; ++i)
        frame[i] = static_cast<unsigned char>(writer * 31 + sequence * 7 + i);
    return frame;
}

std::unique_ptr<PipeWriters> PipeWriters::start(Reactor &reactor, UniqueFd fd, int writers, std::size_t framesEach,
                                                std::size_t frameSize, Done done, std::error_code &error)
{
    error.clear();
    std::unique_ptr<PipeWriters> self(new PipeWriters);
    self->fd_ = std::move(fd);
    self->framesEach_ = framesEach;
    self->frameSize_ = frameSize;
    self->running_ = writers;
    auto failure = std::make_shared<std::error_code>();
    auto failureLock = std::make_shared<std::mutex>();
    for (int writer = 0; writer < writers; ++writer) {
        PipeWriters *p = self.get();
        try {
            self->threads_.emplace_back([p, writer, &reactor, done, failure, failureLock, alive = p->alive_] {
                const std::error_code outcome = p->writeAll(writer);
                {
                    const std::lock_guard<std::mutex> lock(*failureLock);
                    if (outcome && !*failure)
                        *failure = outcome;
                }
                if (p->running_.fetch_sub(1) == 1) // the last one reports for all
                    reactor.post([done, failure, alive] {
                        if (*alive)
                            done(*failure);
                    });
            });
        } catch (const std::system_error &refused) {
            error = refused.code(); // no thread to be had (EAGAIN)
            return nullptr; // the destructor stops and joins those started
        }
    }
    return self;
}

PipeWriters::~PipeWriters()
{
    *alive_ = false;
    stopping_ = true;
    for (std::thread &thread : threads_)
        thread.join();
}

std::error_code PipeWriters::writeAll(int writer)
{
    for (std::uint32_t sequence = 0; sequence < framesEach_; ++sequence) {
        const std::vector<unsigned char> frame = pipeFrame(writer, sequence, frameSize_);
        std::size_t offset = 0;
        while (offset < frame.size()) {
            if (stopping_)
                return std::make_error_code(std::errc::operation_canceled);
            const ssize_t wrote = writeWithoutSigpipe(fd_.get(), frame.data() + offset, frame.size() - offset);
            if (wrote >= 0) {
                offset += static_cast<std::size_t>(wrote);
                continue;
            }
            if (errno != EAGAIN && errno != EINTR)
                return lastSystemError();
            pollfd waiting{fd_.get(), POLLOUT, 0};
            ::poll(&waiting, 1, kPollMs);
        }
    }
    return {};
}

FrameCheck::FrameCheck(int writers, std::size_t framesEach, std::size_t frameSize)
    : frameSize_(frameSize), framesEach_(framesEach), nextSequence_(static_cast<std::size_t>(writers), 0)
{
    frame_.reserve(frameSize);
}

void FrameCheck::feed(const unsigned char *data, std::size_t size)
{
    result_.bytes += size;
    if (result_.firstCutAt)
        return; // after a cut the frames cannot be found again
    for (std::size_t i = 0; i < size && !result_.firstCutAt; ++i) {
        frame_.push_back(data[i]);
        if (frame_.size() == frameSize_)
            checkFrame();
    }
}

void FrameCheck::checkFrame()
{
    const std::uint64_t offset = result_.wholeFrames * frameSize_;
    const int writer = frame_[1];
    std::uint32_t sequence = 0;
    for (int i = 0; i < 4; ++i)
        sequence = (sequence << 8) | frame_[2 + static_cast<std::size_t>(i)];
    const bool known = frame_[0] == kFrameMark && writer < static_cast<int>(nextSequence_.size());
    if (!known || sequence != nextSequence_[static_cast<std::size_t>(writer)] ||
        frame_ != pipeFrame(writer, sequence, frameSize_)) {
        result_.firstCutAt = offset;
        return;
    }
    ++nextSequence_[static_cast<std::size_t>(writer)];
    ++result_.wholeFrames;
    frame_.clear();
}

FrameCheckResult FrameCheck::result() const
{
    FrameCheckResult out = result_;
    out.complete = !out.firstCutAt && frame_.empty() &&
                   out.wholeFrames == framesEach_ * nextSequence_.size();
    return out;
}

} // namespace sockscope
