// Descriptors passed per second over a Unix stream socket pair, one a
// message, in batches of 32 sends then 32 receives, every received
// descriptor closed:
// - a raw sendmsg/recvmsg loop in this process (the baseline);
// - FdPass at both ends on an EpollReactor, each received descriptor's
//   fstat identity recorded and its descriptor-received event built, each
//   descriptor-sent built without the identity (identifySent off: the
//   receiving end's record is the one compared); its 32 messages handed
//   over in one sendMessages (one sendmmsg), still one descriptor each;
// - the same with the sender's fstat identity too;
// - FdPass with full identity (fstat and the /proc link, both ends);
// - Perl's IO::FDPass (Debian's libio-fdpass-perl) in the same loop shape,
//   run by /usr/bin/perl (tests/bench/fdpass_perl.pl).
// Several rounds interleaved; each bounded by a count and a time. Target:
// FdPass at least 0.9 of raw.
#include "bench_rounds.h"
#include "scm_rights_message.h"

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
constexpr int kMessages = 100000;
constexpr int kBatch = 32;
constexpr int kRounds = 5;
constexpr auto kMostPerRound = std::chrono::seconds(10);
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

bool rawReceive(int socket)
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
    ::close(fd);
    return true;
}

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

double rawLoop(int passed)
{
    Pair pair = makePair();
    const auto begin = Clock::now();
    int done = 0;
    while (done < kMessages && Clock::now() - begin < kMostPerRound) {
        for (int i = 0; i < kBatch; ++i) {
            if (!rawSend(pair.sender.get(), passed))
                return 0;
        }
        for (int i = 0; i < kBatch; ++i) {
            if (!rawReceive(pair.receiver.get()))
                return 0;
        }
        done += kBatch;
    }
    return done / seconds(begin);
}

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

double throughFdPass(sockscope::EpollReactor &reactor, int passed, Identity identity)
{
    Pair pair = makePair();
    CountingSink sink;
    sink.reactor = &reactor;
    sockscope::FdPassOptions options;
    options.keepReceived = false; // closed once recorded, as the raw loop closes them
    options.readDetails = identity == Identity::Full;
    sockscope::FdPassOptions sending = options;
    sending.identifySent = identity != Identity::Received;
    std::error_code error;
    auto sender = sockscope::FdPass::start(reactor, sink, std::move(pair.sender), sending, error);
    auto receiver = sockscope::FdPass::start(reactor, sink, std::move(pair.receiver), options, error);
    if (!sender || !receiver)
        return 0;
    const int descriptor[] = {passed};
    // One descriptor a message, as the raw loop; handed over as one batch (one sendmmsg).
    const std::vector<sockscope::FdPassMessage> batch(kBatch, sockscope::FdPassMessage{descriptor, {}, std::nullopt});
    const auto begin = Clock::now();
    while (sink.received < kMessages && Clock::now() - begin < kMostPerRound && !sink.failed) {
        sink.waitingFor = sink.received + kBatch;
        if (sender->sendMessages(batch))
            return 0;
        reactor.run();
    }
    return sink.failed ? 0 : sink.received / seconds(begin);
}

// Perl's loop, its rate as it measured it; 0 when Perl or the module is missing.
double perlLoop()
{
    char command[512];
    std::snprintf(command, sizeof command, "/usr/bin/perl %s/tests/bench/fdpass_perl.pl %d %d %d 2>/dev/null",
                  SOCKSCOPE_SOURCE_DIR, kMessages, kBatch, static_cast<int>(kMostPerRound.count()));
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
    std::vector<double> raw, ours, both, full, perl, ourRatios, bothRatios, fullRatios, perlRatios;
    for (int round = 0; round < kRounds; ++round) {
        raw.push_back(rawLoop(passed.get()));
        ours.push_back(throughFdPass(*reactor, passed.get(), Identity::Received));
        both.push_back(throughFdPass(*reactor, passed.get(), Identity::BothEnds));
        full.push_back(throughFdPass(*reactor, passed.get(), Identity::Full));
        perl.push_back(perlLoop());
        ourRatios.push_back(ours.back() / raw.back());
        bothRatios.push_back(both.back() / raw.back());
        fullRatios.push_back(full.back() / raw.back());
        perlRatios.push_back(perl.back() / raw.back());
    }
    std::printf("Descriptors passed over a Unix stream socket pair, 1 a message, %d messages a round in batches of %d "
                "(median of %d interleaved rounds; ratios: median of each round's own)\n",
                kMessages, kBatch, kRounds);
    std::printf("  raw sendmsg/recvmsg loop         %9.0f /s   1.00x\n", median(raw));
    std::printf("  FdPass, fstat identity received  %9.0f /s   %.2fx\n", median(ours), median(ourRatios));
    std::printf("  FdPass, fstat identity both ends %9.0f /s   %.2fx\n", median(both), median(bothRatios));
    std::printf("  FdPass, full identity (+ link)   %9.0f /s   %.2fx\n", median(full), median(fullRatios));
    if (median(perl) > 0)
        std::printf("  Perl IO::FDPass                  %9.0f /s   %.2fx\n", median(perl), median(perlRatios));
    else
        std::printf("  Perl IO::FDPass                  not measured (/usr/bin/perl with libio-fdpass-perl needed)\n");
    std::printf("  target (FdPass at least 0.90x raw): %s\n", median(ourRatios) >= 0.9 ? "met" : "MISSED");
    return 0;
}
