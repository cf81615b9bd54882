// Descriptors passed per second over a Unix stream socket pair, one a
// message, in batches of 32 sends then 32 receives, every received
// descriptor closed:
// - a raw sendmsg/recvmsg loop in this process (the baseline);
// - the same raw loop with each received descriptor's identity read as
//   FdPass reads it (readDescriptorIdentity: fstat): the work FdPass is
//   asked to do, without FdPass, so the two can be told apart;
// - FdPass at both ends on an EpollReactor (the sending end send-only, as
//   descriptors go one way), each received descriptor's fstat identity
//   recorded and its descriptor-received event built, each
//   descriptor-sent built without the identity (identifySent off: the
//   receiving end's record is the one compared); its 32 messages handed
//   over in one sendMessages (one sendmmsg), still one descriptor each;
// - the same with the sender's fstat identity too;
// - FdPass with full identity (fstat and the /proc link, both ends);
// - Perl's IO::FDPass (Debian's libio-fdpass-perl) in the same loop shape,
//   run by /usr/bin/perl (tests/bench/fdpass_perl.pl): a process of its
//   own, so it runs after the others in each round, not in turns with them.
// Several rounds interleaved; each bounded by a count and a time. Target:
// FdPass at least 0.9 of raw.
#include "bench_rounds.h"
#include "scm_rights_message.h"

#include <sockscope/ipc/descriptor_identity.h>
#include <sockscope/ipc/fd_pass.h>
#include <sockscope/reactor/epoll_reactor.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = sockscope::Clock;
constexpr int kMessages = 100000; // each way's, a round
constexpr int kBatch = 32;
// The ways take turns a slice at a time, so a slow spell of the shared
// cores (rates here vary by a tenth from one second to the next) falls on
// all of them alike.
constexpr int kSlices = 25;
constexpr int kSliceMessages = kMessages / kSlices; // 125 batches
constexpr int kRounds = 9;
constexpr auto kMostPerBatch = std::chrono::seconds(2);
constexpr auto kMostForPerl = std::chrono::seconds(10);
const char *const kPassed = "/etc/hostname";

struct Pair {
    sockscope::UniqueFd sender;
    sockscope::UniqueFd receiver;
};

Pair makePair()
{
    Pair pair;
    if (sockscope::makeSocketPair(SOCK_STREAM, pair.sender, pair.receiver))
        std::abort();
    return pair;
}

bool rawSend(int socket, int fd)
{
    ScmRightsMessage<1> buffer;
    msghdr &message = buffer.message;
    cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(header), &fd, sizeof fd);
    return ::sendmsg(socket, &message, MSG_NOSIGNAL) == 1;
}

bool rawReceive(int socket, bool identify)
{
    ScmRightsMessage<sockscope::FdPass::kMaxDescriptorsPerMessage> buffer;
    msghdr &message = buffer.message;
    if (::recvmsg(socket, &message, MSG_CMSG_CLOEXEC) != 1)
        return false;
    const cmsghdr *header = CMSG_FIRSTHDR(&message);
    if (!header || header->cmsg_type != SCM_RIGHTS)
        return false;
    int fd = -1;
    std::memcpy(&fd, CMSG_DATA(header), sizeof fd);
    sockscope::DescriptorIdentity identity;
    const bool known = !identify || !sockscope::readDescriptorIdentity(fd, identity);
    ::close(fd);
    return known;
}

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

// One way of passing descriptors, run a slice at a time: its socket pair
// (and FdPass ends) live from slice to slice, its time is summed.
class Lane {
public:
    virtual ~Lane() = default;
    // False when a message was refused or lost.
    bool runSlice(int messages)
    {
        const auto begin = Clock::now();
        const bool fine = pass(messages);
        seconds_ += seconds(begin);
        messages_ += messages;
        return fine;
    }
    double rate() const { return seconds_ > 0 ? messages_ / seconds_ : 0; }

private:
    virtual bool pass(int messages) = 0;
    double seconds_ = 0;
    double messages_ = 0;
};

class RawLane final : public Lane {
public:
    RawLane(int passed, bool identify) : pair_(makePair()), passed_(passed), identify_(identify) {}

private:
    bool pass(int messages) override
    {
        for (int done = 0; done < messages; done += kBatch) {
            for (int i = 0; i < kBatch; ++i) {
                if (!rawSend(pair_.sender.get(), passed_))
                    return false;
            }
            for (int i = 0; i < kBatch; ++i) {
                if (!rawReceive(pair_.receiver.get(), identify_))
                    return false;
            }
        }
        return true;
    }
    Pair pair_;
    int passed_;
    bool identify_;
};

// Counts what arrived and stops the loop once a batch is in.
struct CountingSink final : sockscope::EventSink {
    sockscope::EpollReactor *reactor = nullptr;
    int received = 0;
    int waitingFor = 0;
    bool failed = false;
    void onEvent(const sockscope::Event &event) override
    {
        if (event.kind == sockscope::EventKind::DescriptorReceived && ++received >= waitingFor)
            reactor->stop();
        if (event.kind == sockscope::EventKind::IpcFailed || event.kind == sockscope::EventKind::IpcClosed ||
            event.kind == sockscope::EventKind::ControlTruncated) {
            failed = true;
            reactor->stop();
        }
    }
};

enum class Identity { Received, BothEnds, Full };

class FdPassLane final : public Lane {
public:
    FdPassLane(sockscope::EpollReactor &reactor, int passed, Identity identity)
        : reactor_(reactor), descriptor_{passed},
          // One descriptor a message, as the raw loop; handed over as one batch (one sendmmsg).
          batch_(kBatch, sockscope::FdPassMessage{descriptor_, {}, std::nullopt})
    {
        Pair pair = makePair();
        sink_.reactor = &reactor;
        sockscope::FdPassOptions options;
        options.keepReceived = false; // closed once recorded, as the raw loop closes them
        options.readDetails = identity == Identity::Full;
        sockscope::FdPassOptions sending = options;
        sending.identifySent = identity != Identity::Received;
        sending.receives = false; // one way, as the raw loop
        std::error_code error;
        sender_ = sockscope::FdPass::start(reactor, sink_, std::move(pair.sender), sending, error);
        receiver_ = sockscope::FdPass::start(reactor, sink_, std::move(pair.receiver), options, error);
    }

private:
    bool pass(int messages) override
    {
        if (!sender_ || !receiver_)
            return false;
        const int goal = sink_.received + messages;
        while (sink_.received < goal && !sink_.failed) {
            sink_.waitingFor = sink_.received + kBatch;
            if (sender_->sendMessages(batch_) || reactor_.runFor(kMostPerBatch) || sink_.received < sink_.waitingFor)
                return false; // refused, the loop failed, or the batch did not all arrive in time
        }
        return !sink_.failed;
    }
    sockscope::EpollReactor &reactor_;
    CountingSink sink_;
    const int descriptor_[1];
    const std::vector<sockscope::FdPassMessage> batch_;
    std::unique_ptr<sockscope::FdPass> sender_;
    std::unique_ptr<sockscope::FdPass> receiver_;
};

// Perl's loop, its rate as it measured it; 0 when Perl or the module is missing.
double perlLoop()
{
    char command[512];
    std::snprintf(command, sizeof command, "/usr/bin/perl %s/tests/bench/fdpass_perl.pl %d %d %d 2>/dev/null",
                  SOCKSCOPE_SOURCE_DIR, kMessages, kBatch, static_cast<int>(kMostForPerl.count()));
    FILE *perl = ::popen(command, "r");
    if (!perl)
        return 0;
    double rate = 0;
    if (std::fscanf(perl, "%lf", &rate) != 1)
        rate = 0;
    ::pclose(perl);
    return rate;
}

} // namespace

int main()
{
    std::signal(SIGPIPE, SIG_IGN);
    std::error_code error;
    auto reactor = sockscope::EpollReactor::create(error);
    sockscope::UniqueFd passed(::open(kPassed, O_RDONLY | O_CLOEXEC));
    if (!reactor || !passed) {
        std::printf("cannot start: no reactor or no %s\n", kPassed);
        return 1;
    }
    const char *const names[] = {"raw sendmsg/recvmsg loop", "raw loop + identity (fstat) received",
                                 "FdPass, fstat identity received", "FdPass, fstat identity both ends",
                                 "FdPass, full identity (+ link)", "Perl IO::FDPass"};
    constexpr std::size_t kWays = std::size(names);
    constexpr std::size_t kOurs = 2;
    constexpr std::size_t kPerl = kWays - 1;
    std::vector<double> rates[kWays];
    std::vector<double> ratios[kWays];
    for (int round = 0; round < kRounds; ++round) {
        RawLane raw(passed.get(), false);
        RawLane rawStat(passed.get(), true);
        FdPassLane ours(*reactor, passed.get(), Identity::Received);
        FdPassLane both(*reactor, passed.get(), Identity::BothEnds);
        FdPassLane full(*reactor, passed.get(), Identity::Full);
        Lane *const lanes[] = {&raw, &rawStat, &ours, &both, &full};
        for (int slice = 0; slice < kSlices; ++slice) {
            for (std::size_t turn = 0; turn < std::size(lanes); ++turn) {
                // Each slice starts with another way: none always follows the same one.
                const std::size_t way = (turn + static_cast<std::size_t>(slice)) % std::size(lanes);
                if (!lanes[way]->runSlice(kSliceMessages)) {
                    std::printf("%s: a message was refused or lost\n", names[way]);
                    return 1;
                }
            }
        }
        for (std::size_t way = 0; way < std::size(lanes); ++way)
            rates[way].push_back(lanes[way]->rate());
        rates[kPerl].push_back(perlLoop());
        for (std::size_t way = 0; way < kWays; ++way)
            ratios[way].push_back(rates[way].back() / rates[0].back());
    }
    std::printf("Descriptors passed over a Unix stream socket pair, 1 a message, %d messages a round in batches of %d, "
                "the ways taking turns %d at a time (median of %d rounds; ratios: median of each round's own)\n",
                kMessages, kBatch, kSliceMessages, kRounds);
    for (std::size_t way = 0; way < kWays; ++way) {
        if (median(rates[way]) > 0)
            std::printf("  %-38s %9.0f /s   %.2fx\n", names[way], median(rates[way]), median(ratios[way]));
        else
            std::printf("  %-38s not measured (/usr/bin/perl with libio-fdpass-perl needed)\n", names[way]);
    }
    std::printf("  target (FdPass at least 0.90x raw): %.3fx, %s\n", median(ratios[kOurs]),
                median(ratios[kOurs]) >= 0.9 ? "met" : "MISSED");
    return 0;
}
