// perlipc's greeter: "Hello there, NAME, it's now TIME", then the end. The
// name waits for the reverse lookup at most kNameWait: a peer is greeted
// within a second whatever its DNS does.
#include "behaviours_private.h"

#include <utility>

namespace sockscope::behaviours {
namespace {

using namespace std::chrono_literals;

constexpr Duration kNameWait = 1s;

class Greeter final : public Behaviour {
public:
    explicit Greeter(const BehaviourContext &context) : reactor_(*context.reactor) {}
    ~Greeter() override { reactor_.cancelTimer(timer_); }

    void opened(PeerChannel &peer) override
    {
        if (!peer.identity().namePending) {
            greet(peer);
            return;
        }
        timer_ = reactor_.startTimer(kNameWait, [this, &peer] {
            timer_ = 0;
            greet(peer);
        });
    }
    void named(PeerChannel &peer) override
    {
        if (!peer.datagram())
            greet(peer);
    }
    // A client that sends nothing may well half-close at once (`socat -
    // </dev/null`): it still gets its greeting.
    bool inputEnded(PeerChannel &) override { return true; }
    void received(PeerChannel &peer, const std::vector<unsigned char> &) override
    {
        if (peer.datagram())
            peer.send(greeting(peer));
    }

private:
    static std::vector<unsigned char> greeting(const PeerChannel &peer)
    {
        return bytesOf("Hello there, " + peer.displayName() + ", it's now " + localTimeText() + "\r\n");
    }
    void greet(PeerChannel &peer)
    {
        if (std::exchange(greeted_, true))
            return;
        reactor_.cancelTimer(std::exchange(timer_, 0));
        peer.send(greeting(peer));
        peer.finish();
    }

    Reactor &reactor_;
    TimerId timer_ = 0;
    bool greeted_ = false;
};

} // namespace

std::unique_ptr<Behaviour> makeGreeter(const BehaviourContext &context)
{
    return std::make_unique<Greeter>(context);
}

} // namespace sockscope::behaviours
