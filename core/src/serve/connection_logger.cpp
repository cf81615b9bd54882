// The Perl Cookbook's backsniff: a connection logger. Each peer is logged
// once, as a `peer-logged` event with its address, its reverse name and
// the first bytes it sent, then the connection ends. It waits for the
// bytes at most kBytesWait and for the name at most kNameWait, so a silent
// peer or a hanging lookup still gets its line.
#include "behaviours_private.h"

#include <algorithm>
#include <utility>

namespace sockscope::behaviours {
namespace {

using namespace std::chrono_literals;

constexpr Duration kBytesWait = 1s;
constexpr Duration kNameWait = 5s;
constexpr std::size_t kFirstBytes = 64;

class ConnectionLogger final : public Behaviour {
public:
    explicit ConnectionLogger(const BehaviourContext &context) : reactor_(*context.reactor), events_(*context.events) {}
    ~ConnectionLogger() override
    {
        reactor_.cancelTimer(bytesTimer_);
        reactor_.cancelTimer(nameTimer_);
    }

    void opened(PeerChannel &peer) override { startWaiting(peer); }
    void received(PeerChannel &peer, const std::vector<unsigned char> &bytes) override
    {
        if (logged_)
            return;
        if (peer.datagram() && !waiting_)
            startWaiting(peer); // a datagram peer opens with its first datagram
        const std::size_t room = kFirstBytes - std::min(first_.size(), kFirstBytes);
        first_.insert(first_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(room, bytes.size())));
        bytesSettled_ = true;
        logWhenReady(peer);
    }
    void named(PeerChannel &peer) override { logWhenReady(peer); }
    bool inputEnded(PeerChannel &peer) override
    {
        bytesSettled_ = true;
        logWhenReady(peer);
        return true; // open until logged: logWhenReady() ends it
    }

private:
    void startWaiting(PeerChannel &peer)
    {
        waiting_ = true;
        bytesTimer_ = reactor_.startTimer(kBytesWait, [this, &peer] {
            bytesTimer_ = 0;
            bytesSettled_ = true;
            logWhenReady(peer);
        });
        nameTimer_ = reactor_.startTimer(kNameWait, [this, &peer] {
            nameTimer_ = 0;
            nameGivenUp_ = true;
            logWhenReady(peer);
        });
    }

    void logWhenReady(PeerChannel &peer)
    {
        const bool nameSettled = !peer.identity().namePending || nameGivenUp_;
        if (logged_ || !bytesSettled_ || !nameSettled)
            return;
        logged_ = true;
        reactor_.cancelTimer(std::exchange(bytesTimer_, 0));
        reactor_.cancelTimer(std::exchange(nameTimer_, 0));
        events_.onEvent(logEvent(peer));
        peer.finish();
    }

    Event logEvent(const PeerChannel &peer) const
    {
        const PeerIdentity &who = peer.identity();
        Event event = makeEvent(EventKind::PeerLogged, reactor_.now());
        event.peer = who.id;
        putEndpoint(event, who.address);
        if (who.name && !who.name->error) {
            event.extra.emplace_back("name", who.name->host);
            event.extra.emplace_back("confirmed", who.name->confirmed);
        } else if (who.name) {
            event.extra.emplace_back("name_error", who.name->error);
        }
        event.bytes = first_.size();
        event.payload = first_;
        return event;
    }

    Reactor &reactor_;
    EventSink &events_;
    std::vector<unsigned char> first_;
    TimerId bytesTimer_ = 0;
    TimerId nameTimer_ = 0;
    bool waiting_ = false;
    bool bytesSettled_ = false;
    bool nameGivenUp_ = false;
    bool logged_ = false;
};

} // namespace

std::unique_ptr<Behaviour> makeConnectionLogger(const BehaviourContext &context)
{
    return std::make_unique<ConnectionLogger>(context);
}

} // namespace sockscope::behaviours
