// FdPass on real descriptors through real socket pairs: a file opened by
// path, a pipe end, a TCP socket and the other end of a socket pair arrive
// as the same open files; 3 and 253 in one message; MSG_CTRUNC reported
// with nothing leaked; SCM_CREDENTIALS beside SO_PEERCRED, forged as root;
// a full nonblocking socket (EAGAIN) whose queued descriptors all go once
// the reader drains; a descriptor passed to another process (this binary
// as its own helper, started with posix_spawn); an FdPass destroyed by its
// sink in the middle of a message.
#include "process_census.h"
#include "reactor_helpers.h"
#include "scm_rights_message.h"

#include <sockscope/events/event.h>
#include <sockscope/ipc/fd_pass.h>
#include <sockscope/proc/spawn.h>

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <cstring>
#include <map>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::DescriptorIdentity;
using sockscope::Event;
using sockscope::EventKind;
using sockscope::FdPass;
using sockscope::FdPassOptions;
using sockscope::UniqueFd;

namespace {

const char *const kHelperFlag = "--receive-one-descriptor";

struct Recorder final : sockscope::EventSink {
    std::vector<Event> events;
    std::function<void(const Event &)> also;
    void onEvent(const Event &event) override
    {
        events.push_back(event);
        if (also)
            also(event);
    }
    std::vector<const Event *> of(EventKind kind) const
    {
        std::vector<const Event *> found;
        for (const Event &event : events) {
            if (event.kind == kind)
                found.push_back(&event);
        }
        return found;
    }
};

const sockscope::ExtraValue *field(const Event &event, const std::string &key)
{
    for (const auto &[name, value] : event.extra) {
        if (name == key)
            return &value;
    }
    return nullptr;
}

std::int64_t integer(const Event &event, const std::string &key)
{
    const auto *value = field(event, key);
    return value ? std::get<std::int64_t>(*value) : -1;
}

std::string text(const Event &event, const std::string &key)
{
    const auto *value = field(event, key);
    return value ? std::get<std::string>(*value) : std::string();
}

DescriptorIdentity identityOf(int fd)
{
    DescriptorIdentity identity;
    if (sockscope::readDescriptorIdentity(fd, identity))
        qFatal("fstat failed on %d", fd);
    return identity;
}

bool sameFile(const Event &event, const DescriptorIdentity &identity)
{
    return integer(event, "dev") == static_cast<std::int64_t>(identity.dev) &&
           integer(event, "inode") == static_cast<std::int64_t>(identity.inode);
}

UniqueFd tcpListener(int &port)
{
    UniqueFd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (!listener || ::bind(listener.get(), reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(listener.get(), 4) != 0 ||
        ::getsockname(listener.get(), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        qFatal("no TCP listener");
    port = ntohs(address.sin_port);
    return listener;
}

// Both ends of a socket pair, each driven by an FdPass on `reactor`.
struct Ends {
    std::unique_ptr<FdPass> sender;
    std::unique_ptr<FdPass> receiver;
};

bool connectEnds(sockscope::Reactor &reactor, Recorder &sent, Recorder &received, Ends &ends,
                 int type = SOCK_STREAM, FdPassOptions receiving = {}, FdPassOptions sending = {})
{
    UniqueFd first, second;
    if (sockscope::makeSocketPair(type, first, second))
        return false;
    std::error_code error;
    ends.sender = FdPass::start(reactor, sent, std::move(first), std::move(sending), error);
    ends.receiver = FdPass::start(reactor, received, std::move(second), std::move(receiving), error);
    return ends.sender && ends.receiver;
}

// The helper process: takes one descriptor from descriptor 3, prints its
// device and inode, and writes "seen" through it when it is a pipe end.
int receiveOneDescriptor()
{
    pollfd ready{3, POLLIN, 0};
    if (::poll(&ready, 1, 10000) != 1)
        return 3;
    ScmRightsMessage<1> buffer;
    msghdr &message = buffer.message;
    if (::recvmsg(3, &message, MSG_CMSG_CLOEXEC) != 1 || !CMSG_FIRSTHDR(&message))
        return 4;
    int fd = -1;
    std::memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&message)), sizeof fd);
    DescriptorIdentity identity;
    if (sockscope::readDescriptorIdentity(fd, identity))
        return 5;
    std::printf("%llu %llu\n", static_cast<unsigned long long>(identity.dev),
                static_cast<unsigned long long>(identity.inode));
    return 0;
}

} // namespace

class TestFdPass : public QObject {
    Q_OBJECT
    std::unique_ptr<sockscope::EpollReactor> reactor_;

private slots:
    void init() { reactor_ = makeReactor(); }
    void cleanup() { reactor_.reset(); }

    void identityNamesTheKind()
    {
        sockscope::PipeEnds pipe;
        QVERIFY(!sockscope::makePipe(pipe));
        QCOMPARE(sockscope::descriptorTypeName(identityOf(pipe.read.get())), std::string_view("pipe"));
        QTemporaryDir directory;
        const QByteArray fifo = QFile::encodeName(directory.filePath(QStringLiteral("fifo")));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        UniqueFd named(::open(fifo.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
        QCOMPARE(sockscope::descriptorTypeName(identityOf(named.get())), std::string_view("fifo"));
        UniqueFd dir(::open(QFile::encodeName(directory.path()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QCOMPARE(sockscope::descriptorTypeName(identityOf(dir.get())), std::string_view("dir"));
        UniqueFd null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        QCOMPARE(sockscope::descriptorTypeName(identityOf(null.get())), std::string_view("char"));
        QCOMPARE(::symlink("/dev/null", QFile::encodeName(directory.filePath(QStringLiteral("link"))).constData()), 0);
        UniqueFd link(::open(QFile::encodeName(directory.filePath(QStringLiteral("link"))).constData(),
                             O_PATH | O_NOFOLLOW | O_CLOEXEC));
        QCOMPARE(sockscope::descriptorTypeName(identityOf(link.get())), std::string_view("symlink"));
        DescriptorIdentity closed;
        QVERIFY(sockscope::readDescriptorIdentity(-1, closed) == std::errc::bad_file_descriptor);
    }

    // A file, a pipe end, a TCP socket and a socket pair's other end, in one
    // message: the same files arrive, and the same open files (an offset
    // moved through one is moved in the other; bytes written through a
    // received end come out of ours).
    void theSameOpenFilesArrive()
    {
        Recorder sent, received;
        Ends ends;
        FdPassOptions detailed;
        detailed.readDetails = true;
        QVERIFY(connectEnds(*reactor_, sent, received, ends, SOCK_STREAM, detailed));
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("passed"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("0123456789");
        }
        UniqueFd file(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
        sockscope::PipeEnds pipe;
        QVERIFY(!sockscope::makePipe(pipe));
        int port = 0;
        UniqueFd listener = tcpListener(port);
        UniqueFd ours, theirs;
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, ours, theirs));

        const std::vector<int> passed{file.get(), pipe.write.get(), listener.get(), theirs.get()};
        const std::string bytes = "here";
        QVERIFY(!ends.sender->send(passed, std::span(reinterpret_cast<const unsigned char *>(bytes.data()), 4)));
        QVERIFY(runUntil(*reactor_, [&] { return received.of(EventKind::DescriptorReceived).size() == 4; }));

        const auto arrived = received.of(EventKind::DescriptorReceived);
        const auto left = sent.of(EventKind::DescriptorSent);
        QCOMPARE(left.size(), std::size_t{4});
        const std::vector<std::string> types{"file", "pipe", "socket", "socket"};
        for (std::size_t i = 0; i < passed.size(); ++i) {
            QVERIFY2(sameFile(*arrived[i], identityOf(passed[i])), types[i].c_str());
            QVERIFY(sameFile(*left[i], identityOf(passed[i])));
            QCOMPARE(text(*arrived[i], "type"), types[i]);
            QCOMPARE(integer(*arrived[i], "mode"), static_cast<std::int64_t>(identityOf(passed[i]).mode));
            QCOMPARE(integer(*arrived[i], "message"), std::int64_t{0});
            QCOMPARE(integer(*arrived[i], "index"), static_cast<std::int64_t>(i));
            QCOMPARE(integer(*arrived[i], "count"), std::int64_t{4});
            QCOMPARE(arrived[i]->bytes, std::optional<std::uint64_t>(4));
        }
        QCOMPARE(text(*arrived[0], "link"), QFile::encodeName(path).toStdString());
        QCOMPARE(text(*arrived[1], "link"), "pipe:[" + std::to_string(identityOf(pipe.write.get()).inode) + "]");
        QCOMPARE(text(*arrived[2], "local_address"), "127.0.0.1:" + std::to_string(port));
        QCOMPARE(arrived[2]->socktype, std::optional(sockscope::SocketType::Stream));
        QCOMPARE(text(*arrived[3], "local_address"), std::string("unix:"));

        // The same open files: what one end does, the other sees.
        const auto &held = ends.receiver->received();
        QCOMPARE(held.size(), std::size_t{4});
        QCOMPARE(::lseek(held[0].fd.get(), 6, SEEK_SET), off_t{6});
        QCOMPARE(::lseek(file.get(), 0, SEEK_CUR), off_t{6});
        QCOMPARE(::write(held[1].fd.get(), "through", 7), ssize_t{7});
        char buffer[16] = {};
        QCOMPARE(::read(pipe.read.get(), buffer, sizeof buffer), ssize_t{7});
        QCOMPARE(QByteArray(buffer, 7), QByteArray("through"));
        QCOMPARE(::write(held[3].fd.get(), "pair", 4), ssize_t{4});
        QCOMPARE(::read(ours.get(), buffer, sizeof buffer), ssize_t{4});
        QCOMPARE(QByteArray(buffer, 4), QByteArray("pair"));
        // Received close-on-exec (MSG_CMSG_CLOEXEC), and taken out once.
        QVERIFY(::fcntl(held[1].fd.get(), F_GETFD) & FD_CLOEXEC);
        UniqueFd taken = ends.receiver->take(0, 2);
        QVERIFY(taken.valid());
        QVERIFY(identityOf(taken.get()).sameFile(identityOf(listener.get())));
        QVERIFY(!ends.receiver->take(0, 2).valid());
        QCOMPARE(ends.receiver->received().size(), std::size_t{3});
    }

    // A send-only end is not watched for reading: what comes to it is
    // never reported, what it sends arrives, and its peer's going shows as
    // EPIPE on its next send.
    void sendOnlyEndOnlySends()
    {
        Recorder sent, received;
        Ends ends;
        FdPassOptions sendOnly;
        sendOnly.receives = false;
        QVERIFY(connectEnds(*reactor_, sent, received, ends, SOCK_STREAM, {}, sendOnly));
        const int descriptor[] = {STDIN_FILENO};
        QVERIFY(!ends.receiver->send(descriptor, {}));
        QVERIFY(!ends.sender->send(descriptor, {}));
        QVERIFY(runUntil(*reactor_, [&] { return received.of(EventKind::DescriptorReceived).size() == 1; }));
        QVERIFY(!runUntil(*reactor_, [&] { return !sent.of(EventKind::DescriptorReceived).empty(); }, 50ms));
        ends.receiver.reset();
        QCOMPARE(ends.sender->send(descriptor, {}), std::error_code(EPIPE, std::system_category()));
        const auto failed = sent.of(EventKind::IpcFailed);
        QCOMPARE(failed.size(), std::size_t{1});
        QCOMPARE(failed.front()->error, std::error_code(EPIPE, std::system_category()));
    }

    void severalPerMessage_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("type");
        QTest::newRow("3, stream") << 3 << int{SOCK_STREAM};
        QTest::newRow("253, stream") << 253 << int{SOCK_STREAM};
        QTest::newRow("253, dgram") << 253 << int{SOCK_DGRAM};
        QTest::newRow("253, seqpacket") << 253 << int{SOCK_SEQPACKET};
    }
    void severalPerMessage()
    {
        QFETCH(int, count);
        QFETCH(int, type);
        Recorder sent, received;
        Ends ends;
        QVERIFY(connectEnds(*reactor_, sent, received, ends, type));
        std::vector<sockscope::PipeEnds> pipes(static_cast<std::size_t>(count));
        std::vector<int> passed;
        for (auto &pipe : pipes) {
            QVERIFY(!sockscope::makePipe(pipe));
            passed.push_back(pipe.read.get());
        }
        QVERIFY(!ends.sender->send(passed));
        QVERIFY(!ends.sender->send(std::vector<int>{passed.front()})); // a second message after it
        QVERIFY(runUntil(*reactor_, [&] {
            return received.of(EventKind::DescriptorReceived).size() == static_cast<std::size_t>(count) + 1;
        }));
        const auto arrived = received.of(EventKind::DescriptorReceived);
        for (int i = 0; i < count; ++i) {
            QVERIFY(sameFile(*arrived[static_cast<std::size_t>(i)], identityOf(passed[static_cast<std::size_t>(i)])));
            QCOMPARE(integer(*arrived[static_cast<std::size_t>(i)], "message"), std::int64_t{0});
            QCOMPARE(integer(*arrived[static_cast<std::size_t>(i)], "count"), std::int64_t{count});
        }
        QCOMPARE(integer(*arrived.back(), "message"), std::int64_t{1});
        QVERIFY(received.of(EventKind::ControlTruncated).empty());
        QCOMPARE(ends.receiver->messagesReceived(), std::uint64_t{2});
        QVERIFY(ends.sender->send(std::vector<int>(254, passed.front())) == std::errc::invalid_argument);
    }

    // Room for 1, 3 sent: 1 arrives, the truncation is said, and the kernel
    // closed the other 2 (none reached us, none is left anywhere).
    void controlTruncatedLeaksNothing()
    {
        const int before = descriptorCount(::getpid());
        {
            Recorder sent, received;
            Ends ends;
            FdPassOptions small;
            small.controlSpace = 1;
            QVERIFY(connectEnds(*reactor_, sent, received, ends, SOCK_STREAM, small));
            std::vector<sockscope::PipeEnds> pipes(3);
            std::vector<int> passed;
            for (auto &pipe : pipes) {
                QVERIFY(!sockscope::makePipe(pipe));
                passed.push_back(pipe.read.get());
            }
            const int withPipes = descriptorCount(::getpid());
            QVERIFY(!ends.sender->send(passed));
            QVERIFY(runUntil(*reactor_, [&] { return !received.of(EventKind::ControlTruncated).empty(); }));
            const Event &truncated = *received.of(EventKind::ControlTruncated).front();
            QCOMPARE(integer(truncated, "received"), std::int64_t{1});
            QCOMPARE(integer(truncated, "control_space"), std::int64_t{1});
            QCOMPARE(received.of(EventKind::DescriptorReceived).size(), std::size_t{1});
            QVERIFY(sameFile(*received.of(EventKind::DescriptorReceived).front(), identityOf(passed[0])));
            QCOMPARE(descriptorCount(::getpid()), withPipes + 1); // the one held
            // A pipe whose only reader left is the one cut off: its write end
            // sees no reader at all once ours closes (POLLERR).
            pipes[1].read.reset();
            pollfd writer{pipes[1].write.get(), POLLOUT, 0};
            QCOMPARE(::poll(&writer, 1, 0), 1);
            QVERIFY(writer.revents & POLLERR);
        }
        QCOMPARE(descriptorCount(::getpid()), before);
    }

    void credentialsAgreeForOurselves()
    {
        Recorder sent, received;
        Ends ends;
        FdPassOptions passing;
        passing.passCredentials = true;
        QVERIFY(connectEnds(*reactor_, sent, received, ends, SOCK_STREAM, passing));
        UniqueFd null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        QVERIFY(!ends.sender->send(std::vector<int>{null.get()}, {}, sockscope::ownCredentials()));
        QVERIFY(!ends.sender->send(std::vector<int>{null.get()})); // none claimed: the kernel puts ours
        QVERIFY(runUntil(*reactor_, [&] { return received.of(EventKind::CredentialsReceived).size() == 2; }));
        for (const Event *credentials : received.of(EventKind::CredentialsReceived)) {
            QCOMPARE(credentials->pid, std::optional<int>(::getpid()));
            QCOMPARE(credentials->uid, std::optional<int>(static_cast<int>(::getuid())));
            QCOMPARE(integer(*credentials, "peer_pid"), std::int64_t{::getpid()});
            QVERIFY(std::get<bool>(*field(*credentials, "agree")));
        }
        QCOMPARE(integer(*received.of(EventKind::CredentialsReceived).back(), "message"), std::int64_t{1});
    }

    // A privileged sender may claim any pid; SO_PEERCRED still says who it is.
    void forgedCredentialsDisagree()
    {
        if (::geteuid() != 0)
            QSKIP("claiming another pid in SCM_CREDENTIALS needs CAP_SYS_ADMIN (run as root)");
        Recorder sent, received;
        Ends ends;
        FdPassOptions passing;
        passing.passCredentials = true;
        QVERIFY(connectEnds(*reactor_, sent, received, ends, SOCK_DGRAM, passing));
        sockscope::Credentials forged = sockscope::ownCredentials();
        forged.pid = 1;
        UniqueFd null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        QVERIFY(!ends.sender->send(std::vector<int>{null.get()}, {}, forged));
        QVERIFY(runUntil(*reactor_, [&] { return !received.of(EventKind::CredentialsReceived).empty(); }));
        const Event &credentials = *received.of(EventKind::CredentialsReceived).front();
        QCOMPARE(credentials.pid, std::optional<int>(1));
        QCOMPARE(integer(credentials, "peer_pid"), std::int64_t{::getpid()});
        QVERIFY(!std::get<bool>(*field(credentials, "agree")));
        QCOMPARE(sent.of(EventKind::DescriptorSent).front()->pid, std::optional<int>(1));
    }

    // IO::FDPass: "might fail with EAGAIN ... should succeed if called on a
    // socket that indicates writability". Here that retry is FdPass's: the
    // socket is full, descriptors are queued (the caller's closed at once),
    // and all arrive, in order, once the reader drains.
    void queuedWhileTheSocketIsFull()
    {
        Recorder sent, received;
        UniqueFd first, second;
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, first, second));
        std::size_t filled = 0;
        const std::vector<char> chunk(4096, 'f');
        while (::write(first.get(), chunk.data(), chunk.size()) > 0)
            filled += chunk.size();
        QCOMPARE(errno, EAGAIN);
        std::error_code error;
        auto sender = FdPass::start(*reactor_, sent, std::move(first), {}, error);
        QVERIFY(sender);
        std::vector<DescriptorIdentity> expected;
        for (int i = 0; i < 20; ++i) {
            sockscope::PipeEnds pipe;
            QVERIFY(!sockscope::makePipe(pipe));
            expected.push_back(identityOf(pipe.read.get()));
            QVERIFY(!sender->send(std::vector<int>{pipe.read.get()})); // closed at the end of this turn
        }
        QCOMPARE(sender->queuedMessages(), std::size_t{20});
        QVERIFY(sent.of(EventKind::DescriptorSent).empty());
        reactor_->runFor(10ms);
        QCOMPARE(sender->queuedMessages(), std::size_t{20}); // nobody reads yet: still waiting

        auto receiver = FdPass::start(*reactor_, received, std::move(second), {}, error);
        QVERIFY(receiver);
        QVERIFY(runUntil(*reactor_, [&] { return received.of(EventKind::DescriptorReceived).size() == 20; }));
        QCOMPARE(sender->queuedMessages(), std::size_t{0});
        QCOMPARE(sent.of(EventKind::DescriptorSent).size(), std::size_t{20});
        const auto arrived = received.of(EventKind::DescriptorReceived);
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QVERIFY(sameFile(*arrived[i], expected[i]));
            QCOMPARE(integer(*arrived[i], "message"), static_cast<std::int64_t>(i));
        }
        QVERIFY(filled > 0);
    }

    // Another process: this binary as a helper, started with posix_spawn,
    // gets the descriptor on its descriptor 3 and sees the same inode.
    void toAnotherProcess()
    {
        Recorder sent;
        UniqueFd ours, theirs;
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, ours, theirs));
        sockscope::PipeEnds output;
        QVERIFY(!sockscope::makePipe(output));
        sockscope::SpawnRequest request;
        request.argv = {QCoreApplication::applicationFilePath().toStdString(), kHelperFlag};
        request.descriptors = {{1, output.write.get()}, {3, theirs.get()}};
        auto spawned = sockscope::spawnProcess(request);
        QVERIFY(std::holds_alternative<sockscope::SpawnedProcess>(spawned));
        auto &child = std::get<sockscope::SpawnedProcess>(spawned);
        theirs.reset();
        output.write.reset();
        std::error_code error;
        auto pass = FdPass::start(*reactor_, sent, std::move(ours), {}, error);
        QVERIFY(pass);
        sockscope::PipeEnds passed;
        QVERIFY(!sockscope::makePipe(passed));
        QVERIFY(!pass->send(std::vector<int>{passed.read.get()}));
        QByteArray said;
        QVERIFY(runUntil(*reactor_, [&] {
            char buffer[128];
            const ssize_t got = ::read(output.read.get(), buffer, sizeof buffer);
            if (got > 0)
                said.append(buffer, got);
            return got == 0;
        }, 10s));
        const auto exit = sockscope::waitForChild(child.pidfd.get(), 10s);
        QVERIFY(exit);
        QCOMPARE(exit->status, std::optional<int>(0));
        const DescriptorIdentity identity = identityOf(passed.read.get());
        QCOMPARE(said.trimmed(), QByteArray::number(static_cast<qulonglong>(identity.dev)) + ' ' +
                                     QByteArray::number(static_cast<qulonglong>(identity.inode)));
        QVERIFY(runUntil(*reactor_, [&] { return pass->closed(); })); // it has gone: EOF
        QCOMPARE(text(*sent.of(EventKind::IpcClosed).front(), "reason"), std::string("peer-closed"));
    }

    void batchesKeepTheirOrder_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("stream") << int{SOCK_STREAM};
        QTest::newRow("dgram") << int{SOCK_DGRAM};
        QTest::newRow("seqpacket") << int{SOCK_SEQPACKET};
    }
    // sendMessages: 150 messages in a few system calls (more than one batch;
    // on a stream one ends after the message with 3 bytes; a datagram
    // socket fills and the rest is queued), plus a send() from inside the
    // first descriptor-sent. Each arrives with the number its descriptor-sent
    // gave it, in that order, and none is left open at the receiving end
    // (keepReceived off: closed a batch at a time).
    void batchesKeepTheirOrder()
    {
        QFETCH(int, type);
        Recorder sent, received;
        Ends ends;
        FdPassOptions closing;
        closing.keepReceived = false;
        QVERIFY(connectEnds(*reactor_, sent, received, ends, type, closing));
        constexpr std::size_t kCount = 150;
        constexpr std::size_t kWithData = 70;
        std::vector<sockscope::PipeEnds> pipes(kCount + 1); // the last for the send() from the sink
        std::vector<int> numbers;
        for (auto &pipe : pipes) {
            QVERIFY(!sockscope::makePipe(pipe));
            numbers.push_back(pipe.read.get());
        }
        const std::string data = "abc";
        std::vector<sockscope::FdPassMessage> messages;
        for (std::size_t i = 0; i < kCount; ++i)
            messages.push_back(sockscope::FdPassMessage{std::span(&numbers[i], 1), {}, std::nullopt});
        messages[kWithData].bytes = std::span(reinterpret_cast<const unsigned char *>(data.data()), data.size());
        bool nested = false;
        sent.also = [&](const Event &event) {
            if (event.kind == EventKind::DescriptorSent && !std::exchange(nested, true))
                QVERIFY(!ends.sender->send(std::span(&numbers[kCount], 1)));
        };
        const int before = descriptorCount(::getpid());
        QVERIFY(!ends.sender->sendMessages(messages));
        QVERIFY(runUntil(*reactor_, [&] { return received.of(EventKind::DescriptorReceived).size() == kCount + 1; }));
        QCOMPARE(ends.sender->messagesSent(), std::uint64_t{kCount + 1});
        QCOMPARE(ends.receiver->messagesReceived(), std::uint64_t{kCount + 1});

        std::map<std::int64_t, const Event *> sentByNumber;
        for (const Event *event : sent.of(EventKind::DescriptorSent))
            sentByNumber[integer(*event, "message")] = event;
        QCOMPARE(sentByNumber.size(), kCount + 1);
        const auto arrived = received.of(EventKind::DescriptorReceived);
        for (std::size_t k = 0; k < arrived.size(); ++k) {
            const std::int64_t number = integer(*arrived[k], "message");
            QCOMPARE(number, static_cast<std::int64_t>(k));
            QCOMPARE(integer(*arrived[k], "inode"), integer(*sentByNumber[number], "inode"));
            const bool withData = integer(*arrived[k], "inode") == static_cast<std::int64_t>(identityOf(numbers[kWithData]).inode);
            QCOMPARE(arrived[k]->bytes, std::optional<std::uint64_t>(withData ? 3 : 1));
        }
        QCOMPARE(descriptorCount(::getpid()), before);

        const std::vector<int> tooMany(254, numbers.front());
        const sockscope::FdPassMessage oneTooMany[] = {messages.front(), {tooMany, {}, std::nullopt}};
        QVERIFY(ends.sender->sendMessages(oneTooMany) == std::errc::invalid_argument);
        QCOMPARE(ends.sender->messagesSent(), std::uint64_t{kCount + 1}); // neither went
    }

    // The sink destroys the FdPass at the first of three descriptors: no
    // crash, and the two not yet reported are closed too.
    void destroyedByItsSink()
    {
        Recorder sent, received;
        Ends ends;
        QVERIFY(connectEnds(*reactor_, sent, received, ends));
        std::vector<sockscope::PipeEnds> pipes(3);
        std::vector<int> passed;
        for (auto &pipe : pipes) {
            QVERIFY(!sockscope::makePipe(pipe));
            passed.push_back(pipe.read.get());
        }
        const int before = descriptorCount(::getpid());
        received.also = [&](const Event &event) {
            if (event.kind == EventKind::DescriptorReceived)
                ends.receiver.reset();
        };
        QVERIFY(!ends.sender->send(passed));
        QVERIFY(runUntil(*reactor_, [&] { return !ends.receiver; }));
        QCOMPARE(received.of(EventKind::DescriptorReceived).size(), std::size_t{1});
        // Its socket gone (and the sender's, if it saw the end already), nothing received left open.
        QCOMPARE(descriptorCount(::getpid()), before - 1 - (ends.sender->closed() ? 1 : 0));
    }

    void notAUnixSocket()
    {
        Recorder events;
        std::error_code error;
        sockscope::PipeEnds pipe;
        QVERIFY(!sockscope::makePipe(pipe));
        QVERIFY(!FdPass::start(*reactor_, events, std::move(pipe.read), {}, error));
        QVERIFY(error == std::errc::not_a_socket);
        int port = 0;
        QVERIFY(!FdPass::start(*reactor_, events, tcpListener(port), {}, error));
        QVERIFY(error == std::errc::address_family_not_supported);
        UniqueFd first, second;
        QVERIFY(!sockscope::makeSocketPair(SOCK_STREAM, first, second));
        FdPassOptions none;
        none.controlSpace = 0;
        QVERIFY(!FdPass::start(*reactor_, events, std::move(first), none, error));
        QVERIFY(error == std::errc::invalid_argument);
    }
};

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], kHelperFlag) == 0)
        return receiveOneDescriptor();
    QCoreApplication app(argc, argv);
    TestFdPass test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fd_pass.moc"
