// The Perl Cookbook's fwdport: each peer gets a connection of its own to
// the target, made by the Connector (happy eyeballs and all) and carried
// by a StreamSession. Its events go to the server's sink tagged with the
// peer, all but `data`: the peer's own data events already show every
// byte, and each end's close says its byte totals.
//
// Back-pressure both ways: a side stops reading while more than kBacklog
// waits to go out on the other. A half-close is passed on (the peer's FIN
// becomes ours to the target, and the target's to the peer), so a client
// that shuts down its sending side still gets the whole answer.
#include "behaviours_private.h"

#include "sockscope/connect/stream_session.h"

#include <utility>

namespace sockscope::behaviours {
namespace {

constexpr std::size_t kBacklog = 1 << 20;

// The upstream connection's events, as the peer's.
class PeerTaggedSink final : public EventSink {
public:
    PeerTaggedSink(EventSink &next, std::uint64_t peer) : next_(next), peer_(peer) {}
    void onEvent(const Event &event) override
    {
        if (event.kind == EventKind::Data)
            return;
        Event tagged = event;
        tagged.peer = peer_;
        next_.onEvent(tagged);
    }

private:
    EventSink &next_;
    std::uint64_t peer_;
};

class PortForwarder final : public Behaviour {
public:
    explicit PortForwarder(const BehaviourContext &context) : context_(context) {}
    ~PortForwarder() override
    {
        dying_ = true; // the upstream's onClosed must not reach for the peer
        connector_.reset();
        if (!upstream_)
            return;
        // The peer is done, both ways, before the target has all it sent:
        // what is queued still goes, then the target's end closes.
        if (!upstream_->closed() && upstream_->writeShut() && upstream_->queued() > 0 && context_.linger) {
            upstream_->setCallbacks({});
            context_.linger(std::move(upstream_), std::move(sink_));
            return;
        }
        upstream_->close("stopped");
    }

    void opened(PeerChannel &peer) override
    {
        peer_ = &peer;
        peer.pauseReading(); // until there is somewhere to send it
        sink_ = std::make_unique<PeerTaggedSink>(*context_.events, peer.identity().id);
        connector_ = std::make_unique<Connector>(*context_.reactor, *sink_, context_.forwardToText,
                                                 RaceConfig{}, SocketOptions{},
                                                 [this](UniqueFd socket) { upstreamConnected(std::move(socket)); });
        connector_->connect(*context_.resolver, *context_.forwardTo);
    }
    void received(PeerChannel &peer, const std::vector<unsigned char> &bytes) override
    {
        if (!upstream_) {
            early_.insert(early_.end(), bytes.begin(), bytes.end());
            return;
        }
        upstream_->send(bytes.data(), bytes.size());
        if (upstream_->queued() > kBacklog)
            peer.pauseReading(); // the upstream's onDrained resumes
    }
    void drained(PeerChannel &) override
    {
        if (upstream_)
            upstream_->resumeReading();
    }
    bool inputEnded(PeerChannel &) override
    {
        inputEnded_ = true;
        if (upstream_)
            upstream_->shutdownWrite();
        return true; // the target's answer may still be on its way
    }

private:
    void upstreamConnected(UniqueFd socket)
    {
        if (!socket) { // connect-failed said why
            peer_->close();
            return;
        }
        std::error_code error;
        upstream_ = StreamSession::start(*context_.reactor, *sink_, context_.forwardToText,
                                         std::move(socket), Duration::zero(), upstreamCallbacks(), error);
        if (!upstream_) {
            peer_->close();
            return;
        }
        if (!early_.empty())
            upstream_->send(std::exchange(early_, {}));
        if (inputEnded_)
            upstream_->shutdownWrite();
        else
            peer_->resumeReading();
    }

    StreamSession::Callbacks upstreamCallbacks()
    {
        StreamSession::Callbacks callbacks;
        callbacks.onData = [this](const std::vector<unsigned char> &bytes) {
            peer_->send(bytes);
            if (peer_->queued() > kBacklog)
                upstream_->pauseReading(); // drained() resumes
        };
        callbacks.onDrained = [this] { peer_->resumeReading(); };
        callbacks.onEndOfInput = [this] {
            peer_->halfClose();
            return true;
        };
        callbacks.onClosed = [this](const std::string &reason) {
            // Both ways ended (peer-closed): the peer's side ends by itself
            // once its queue is written. Anything else ends the peer too.
            if (!dying_ && reason != "peer-closed")
                peer_->close();
        };
        return callbacks;
    }

    BehaviourContext context_;
    PeerChannel *peer_ = nullptr;
    std::unique_ptr<EventSink> sink_; // the upstream's events go here: it lives as long as the upstream
    std::unique_ptr<Connector> connector_;
    std::unique_ptr<StreamSession> upstream_;
    std::vector<unsigned char> early_; // read before the upstream connected
    bool inputEnded_ = false;
    bool dying_ = false;
};

} // namespace

std::unique_ptr<Behaviour> makePortForwarder(const BehaviourContext &context)
{
    return std::make_unique<PortForwarder>(context);
}

} // namespace sockscope::behaviours
