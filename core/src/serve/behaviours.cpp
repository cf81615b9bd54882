#include "sockscope/serve/behaviour.h"

#include "behaviours_private.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>

namespace sockscope {

using behaviours::bytesOf;

namespace {

constexpr std::size_t kEchoBacklog = 1 << 20; // echo's unsent bytes before it stops reading
constexpr std::size_t kChargenFill = 1 << 20; // chargen keeps this much queued
constexpr std::int64_t kSecondsFrom1900To1970 = 2'208'988'800;

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class Echo final : public Behaviour {
public:
    void received(PeerChannel &peer, const std::vector<unsigned char> &bytes) override
    {
        peer.send(bytes);
        if (!peer.datagram() && peer.queued() > kEchoBacklog)
            peer.pauseReading(); // drained() resumes
    }
    void drained(PeerChannel &peer) override { peer.resumeReading(); }
};

class Discard final : public Behaviour {};

// Manual: the person answers each peer by hand (Server::sendTo); the
// behaviour itself says nothing.
class Manual final : public Behaviour {};

// Daytime and time: a message when a stream peer arrives, then the
// server's end; over datagrams, the message in answer to each one.
class Announcement : public Behaviour {
public:
    void opened(PeerChannel &peer) override
    {
        peer.send(message());
        peer.finish();
    }
    void received(PeerChannel &peer, const std::vector<unsigned char> &) override
    {
        if (peer.datagram())
            peer.send(message());
    }

private:
    virtual std::vector<unsigned char> message() const = 0;
};

// RFC 867 leaves the form free; this one says the zone, always UTC.
class Daytime final : public Announcement {
    std::vector<unsigned char> message() const override
    {
        // English names of our own: strftime's follow the locale, and RFC
        // 867 wants ASCII whatever the person's language.
        static constexpr const char *kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                "Thursday", "Friday", "Saturday"};
        static constexpr const char *kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};
        const std::time_t seconds = static_cast<std::time_t>(nowSeconds());
        std::tm utc{};
        ::gmtime_r(&seconds, &utc);
        char text[80];
        const int length = std::snprintf(text, sizeof text, "%s, %s %02d, %04d %02d:%02d:%02d-UTC\r\n",
                                         kDays[utc.tm_wday], kMonths[utc.tm_mon], utc.tm_mday, utc.tm_year + 1900,
                                         utc.tm_hour, utc.tm_min, utc.tm_sec);
        return bytesOf(std::string(text, static_cast<std::size_t>(std::max(length, 0))));
    }
};

class Chargen final : public Behaviour {
public:
    void opened(PeerChannel &peer) override { fill(peer); }
    void received(PeerChannel &peer, const std::vector<unsigned char> &) override
    {
        if (!peer.datagram())
            return; // what a stream peer sends is dropped, as RFC 864 says
        std::uniform_int_distribution<std::size_t> length(0, 512);
        std::vector<unsigned char> datagram = chargenLines(line_++, 8); // 592 bytes: enough for 512
        datagram.resize(length(random_));
        peer.send(std::move(datagram));
    }
    void drained(PeerChannel &peer) override { fill(peer); }

private:
    void fill(PeerChannel &peer)
    {
        constexpr std::size_t kLinesPerChunk = 885; // 64 KiB of 74-byte lines, about
        // send() says when nothing more goes (half-closed): the loop ends
        // there too, or it would spin for ever.
        while (peer.queued() < kChargenFill && peer.send(chargenLines(line_, kLinesPerChunk)))
            line_ += kLinesPerChunk;
    }

    std::uint64_t line_ = 0;
    std::minstd_rand random_{std::random_device{}()};
};

class Time final : public Announcement {
    std::vector<unsigned char> message() const override
    {
        const std::uint32_t value = rfc868Time(nowSeconds());
        return {static_cast<unsigned char>(value >> 24), static_cast<unsigned char>(value >> 16),
                static_cast<unsigned char>(value >> 8), static_cast<unsigned char>(value)};
    }
};

} // namespace

void Behaviour::opened(PeerChannel &) {}
void Behaviour::received(PeerChannel &, const std::vector<unsigned char> &) {}
void Behaviour::drained(PeerChannel &) {}
void Behaviour::named(PeerChannel &) {}
bool Behaviour::inputEnded(PeerChannel &)
{
    return false;
}

// A name that does not lead back to the address is a claim anyone with a
// PTR record can make: only a confirmed one is used.
std::string PeerChannel::displayName() const
{
    const PeerIdentity &who = identity_;
    if (who.name && !who.name->error && who.name->confirmed)
        return who.name->host;
    if (who.address.family() == Family::Unix && who.pid)
        return "pid " + std::to_string(*who.pid);
    return who.address.host();
}

namespace behaviours {

std::string localTimeText()
{
    const std::time_t seconds = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&seconds, &local);
    char text[32]; // asctime_r's own size, and its English names whatever the locale
    if (!::asctime_r(&local, text))
        return {};
    std::string out(text);
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

std::vector<unsigned char> bytesOf(std::string_view text)
{
    return {text.begin(), text.end()};
}

} // namespace behaviours

std::vector<unsigned char> chargenLines(std::uint64_t line, std::size_t lines)
{
    constexpr int kPrintable = 95; // ' ' to '~'
    constexpr int kColumns = 72;
    std::vector<unsigned char> out;
    out.reserve(lines * (kColumns + 2));
    for (std::size_t i = 0; i < lines; ++i) {
        const auto first = static_cast<int>((line + i) % kPrintable);
        for (int column = 0; column < kColumns; ++column)
            out.push_back(static_cast<unsigned char>(' ' + (first + column) % kPrintable));
        out.push_back('\r');
        out.push_back('\n');
    }
    return out;
}

std::uint32_t rfc868Time(std::int64_t unixSeconds)
{
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(unixSeconds + kSecondsFrom1900To1970));
}

const std::vector<std::string_view> &behaviourNames()
{
    static const std::vector<std::string_view> names = {"echo",    "discard", "daytime", "chargen", "time",
                                                        "greeter", "command", "logger",  "forward", "manual"};
    return names;
}

bool knownBehaviour(std::string_view name)
{
    const auto &names = behaviourNames();
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool streamOnlyBehaviour(std::string_view name)
{
    return name == "forward";
}

std::unique_ptr<Behaviour> makeBehaviour(std::string_view name, const BehaviourContext &context)
{
    if (name == "echo")
        return std::make_unique<Echo>();
    if (name == "discard")
        return std::make_unique<Discard>();
    if (name == "daytime")
        return std::make_unique<Daytime>();
    if (name == "chargen")
        return std::make_unique<Chargen>();
    if (name == "time")
        return std::make_unique<Time>();
    if (name == "greeter")
        return behaviours::makeGreeter(context);
    if (name == "command")
        return behaviours::makeCommandServer(context);
    if (name == "logger")
        return behaviours::makeConnectionLogger(context);
    if (name == "forward" && context.forwardTo && context.resolver)
        return behaviours::makePortForwarder(context);
    if (name == "manual")
        return std::make_unique<Manual>();
    return nullptr;
}

} // namespace sockscope
