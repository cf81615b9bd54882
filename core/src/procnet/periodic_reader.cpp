#include "sockscope/procnet/periodic_reader.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace sockscope {

struct PeriodicReader::Shared {
    std::mutex mutex;
    std::condition_variable wake;
    bool requested = false;
    bool stopping = false;
    bool alive = true; // on the loop thread: false once the reader is gone
    std::thread worker;
};

PeriodicReader::PeriodicReader(Reactor &reactor, Duration interval, Reading read)
    : reactor_(reactor), interval_(interval), shared_(std::make_shared<Shared>())
{
    shared_->worker = std::thread([shared = shared_, loop = &reactor_, read = std::move(read), this] {
        std::unique_lock<std::mutex> lock(shared->mutex);
        for (;;) {
            shared->wake.wait(lock, [&] { return shared->requested || shared->stopping; });
            if (shared->stopping)
                return;
            shared->requested = false;
            lock.unlock();
            Result result = read();
            lock.lock();
            if (shared->stopping)
                return;
            loop->post([shared, result = std::move(result), this] {
                if (shared->alive)
                    arrived(result);
            });
        }
    });
    request();
}

PeriodicReader::~PeriodicReader()
{
    reactor_.cancelTimer(timer_);
    shared_->alive = false;
    {
        const std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->stopping = true;
    }
    shared_->wake.notify_one();
    shared_->worker.join();
}

int PeriodicReader::readings() const
{
    return readings_;
}

void PeriodicReader::request()
{
    {
        const std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->requested = true;
    }
    shared_->wake.notify_one();
}

void PeriodicReader::arrived(const Result &result)
{
    ++readings_;
    const std::shared_ptr<Shared> guard = shared_;
    const bool again = result();
    if (!guard->alive || !again)
        return; // destroyed by its owner meanwhile, or nothing more to read
    timer_ = reactor_.startTimer(interval_, [this] {
        timer_ = 0;
        request();
    });
}

} // namespace sockscope
