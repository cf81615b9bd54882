#include "output_writer.h"

#include <cerrno>
#include <unistd.h>

// Everything the thread uses: it may outlive the OutputWriter (abandon()).
struct OutputWriter::Shared {
    int fd = -1;
    sockscope::Reactor *reactor = nullptr; // touched only while `alive`
    mutable std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable written; // a chunk was written (or writing failed)
    std::deque<std::string> chunks;
    std::size_t queued = 0;
    bool closing = false;
    bool failed = false;
    bool aboveHigh = false; // the caller was told to pause
    bool alive = true; // the OutputWriter, for deliveries posted to the loop
    bool abandoned = false;
    std::function<void()> drained;
    std::function<void(std::error_code)> onFailure;
};

OutputWriter::OutputWriter(sockscope::Reactor &reactor, int fd, std::function<void()> drained,
                           std::function<void(std::error_code)> failed)
    : shared_(std::make_shared<Shared>())
{
    shared_->fd = fd;
    shared_->reactor = &reactor;
    shared_->drained = std::move(drained);
    shared_->onFailure = std::move(failed);
    thread_ = std::thread(&OutputWriter::run, shared_);
}

OutputWriter::~OutputWriter()
{
    {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->closing = true;
        shared_->alive = false;
    }
    shared_->wake.notify_one();
    if (thread_.joinable())
        thread_.join();
}

bool OutputWriter::waitWritten(std::chrono::milliseconds limit)
{
    std::unique_lock<std::mutex> lock(shared_->mutex);
    // Written means the last chunk too: the thread takes a chunk off the
    // queue before writing it, and counts it as written after.
    return shared_->written.wait_for(
        lock, limit, [&] { return (shared_->chunks.empty() && shared_->queued == 0) || shared_->failed; });
}

void OutputWriter::abandon()
{
    {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->chunks.clear();
        shared_->queued = 0;
        shared_->closing = true;
        shared_->alive = false;
        shared_->abandoned = true;
    }
    shared_->wake.notify_one();
    thread_.detach(); // it holds only `Shared`, and posts nothing once not alive
}

void OutputWriter::write(std::string bytes)
{
    if (bytes.empty())
        return;
    {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        if (shared_->failed)
            return;
        shared_->queued += bytes.size();
        shared_->aboveHigh = shared_->aboveHigh || shared_->queued >= kHighWater;
        shared_->chunks.push_back(std::move(bytes));
    }
    shared_->wake.notify_one();
}

std::size_t OutputWriter::queued() const
{
    std::lock_guard<std::mutex> lock(shared_->mutex);
    return shared_->queued;
}

void OutputWriter::run(std::shared_ptr<Shared> shared_)
{
    std::unique_lock<std::mutex> lock(shared_->mutex);
    for (;;) {
        shared_->wake.wait(lock, [&] { return shared_->closing || !shared_->chunks.empty(); });
        if (shared_->chunks.empty())
            return; // closing, and everything is written
        std::string chunk = std::move(shared_->chunks.front());
        shared_->chunks.pop_front();
        lock.unlock();
        std::size_t done = 0;
        int error = 0;
        while (done < chunk.size() && error == 0) {
            const ssize_t wrote = ::write(shared_->fd, chunk.data() + done, chunk.size() - done);
            if (wrote >= 0)
                done += static_cast<std::size_t>(wrote);
            else if (errno != EINTR)
                error = errno;
        }
        lock.lock();
        if (shared_->abandoned)
            return;
        shared_->queued -= chunk.size();
        shared_->written.notify_all();
        const auto shared = shared_;
        if (error != 0) {
            shared_->failed = true;
            shared_->chunks.clear();
            shared_->queued = 0;
            shared_->written.notify_all();
            shared_->reactor->post([shared, error] {
                if (shared->alive)
                    shared->onFailure(std::error_code(error, std::system_category()));
            });
            return;
        }
        if (shared_->aboveHigh && shared_->queued < kLowWater) {
            shared_->aboveHigh = false;
            shared_->reactor->post([shared] {
                if (shared->alive)
                    shared->drained();
            });
        }
    }
}
