// perlipc's "Command?" server: a prompt, one command a line, an answer. It
// knows help, date, echo, stats and quit, and never runs a program. A line
// is at most kMaxLine bytes (a longer one is refused, up to its end), and
// it stops reading while its answers pile up unread, as echo does.
#include "behaviours_private.h"

#include <algorithm>
#include <string>

namespace sockscope::behaviours {
namespace {

constexpr std::size_t kMaxLine = 1024;
constexpr std::size_t kBacklog = 1 << 20;
constexpr std::string_view kPrompt = "Command? ";

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    return text;
}

class CommandServer final : public Behaviour {
public:
    explicit CommandServer(const BehaviourContext &context) : stats_(context.stats) {}

    void opened(PeerChannel &peer) override { peer.send(bytesOf(kPrompt)); }
    void received(PeerChannel &peer, const std::vector<unsigned char> &bytes) override
    {
        if (peer.datagram()) { // a line or several, answered in one datagram; no prompt
            std::string reply;
            std::string_view lines(reinterpret_cast<const char *>(bytes.data()), bytes.size());
            while (!lines.empty()) {
                const std::size_t end = std::min(lines.find('\n'), lines.size());
                reply += answer(trimmed(lines.substr(0, std::min(end, kMaxLine)))).text;
                lines.remove_prefix(std::min(end + 1, lines.size()));
            }
            if (!reply.empty())
                peer.send(bytesOf(reply));
            return;
        }
        for (unsigned char byte : bytes) {
            if (!take(peer, static_cast<char>(byte)))
                return;
        }
        if (peer.queued() > kBacklog)
            peer.pauseReading(); // drained() resumes
    }
    void drained(PeerChannel &peer) override { peer.resumeReading(); }
    // A last line without its newline is a command too (`printf date | nc`).
    bool inputEnded(PeerChannel &peer) override
    {
        if (!line_.empty() || tooLong_)
            take(peer, '\n');
        return false;
    }

private:
    struct Answer {
        std::string text;
        bool quit = false;
    };

    // False once the peer has quit.
    bool take(PeerChannel &peer, char byte)
    {
        if (byte != '\n') {
            if (line_.size() < kMaxLine)
                line_.push_back(byte);
            else
                tooLong_ = true;
            return true;
        }
        const Answer reply = tooLong_ ? Answer{"Line too long (at most 1024 bytes).\r\n"} : answer(trimmed(line_));
        line_.clear();
        tooLong_ = false;
        peer.send(bytesOf(reply.text));
        if (reply.quit) {
            peer.finish();
            return false;
        }
        peer.send(bytesOf(kPrompt));
        return true;
    }

    Answer answer(std::string_view line) const
    {
        const std::size_t space = line.find(' ');
        const std::string_view command = line.substr(0, space);
        const std::string_view rest = space == std::string_view::npos ? std::string_view{} : trimmed(line.substr(space + 1));
        if (command.empty())
            return {};
        if (command == "help")
            return {"Commands: help, date, echo TEXT, stats, quit\r\n"};
        if (command == "date")
            return {localTimeText() + "\r\n"};
        if (command == "echo")
            return {std::string(rest) + "\r\n"};
        if (command == "stats")
            return {statsText()};
        if (command == "quit")
            return {"Bye.\r\n", true};
        return {"Unknown command '" + std::string(command) + "'; try help.\r\n"};
    }

    std::string statsText() const
    {
        const ServerStats stats = stats_ ? stats_() : ServerStats{};
        return "Peers: " + std::to_string(stats.openPeers) + " open, " + std::to_string(stats.acceptedPeers) +
               " accepted; bytes in " + std::to_string(stats.bytesIn) + ", out " + std::to_string(stats.bytesOut) +
               "; up " + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(stats.uptime).count()) +
               " s\r\n";
    }

    std::function<ServerStats()> stats_;
    std::string line_;
    bool tooLong_ = false;
};

} // namespace

std::unique_ptr<Behaviour> makeCommandServer(const BehaviourContext &context)
{
    return std::make_unique<CommandServer>(context);
}

} // namespace sockscope::behaviours
