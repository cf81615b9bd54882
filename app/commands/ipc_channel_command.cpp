#include "ipc_channel_command.h"

#include "command_context.h"
#include "event_text.h"

#include <sockscope/ipc/fifo.h>
#include <sockscope/ipc/pipe.h>
#include <sockscope/ipc/pipe_writers.h>

#include <QCommandLineParser>
#include <climits>
#include <fcntl.h>
#include <unistd.h>

using sockscope::Event;
using sockscope::EventKind;
using sockscope::InputError;

namespace {

using namespace std::chrono_literals;

constexpr int kChannelId = 1; // the one channel of a run
constexpr long kMaxBytes = 1L << 30;
constexpr long kMaxWriters = 64;
constexpr long kMaxChunk = 1L << 20;
constexpr long kMaxMessage = 65536;
// Long enough for a person to see the writer wait in open(), short enough
// not to keep them waiting.
constexpr auto kRendezvousPause = 250ms;

// The n-th byte of what is sent from end `from`: a pattern in which a lost,
// doubled or reordered byte shows.
unsigned char patternByte(int from, std::size_t n)
{
    return static_cast<unsigned char>((n * 131 + n / 251 + static_cast<std::size_t>(from) * 17) & 0xff);
}

std::vector<unsigned char> pattern(int from, std::size_t offset, std::size_t size)
{
    std::vector<unsigned char> bytes(size);
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = patternByte(from, offset + i);
    return bytes;
}

QString extraText(const Event &event, const char *key)
{
    return EventText::extra(event, key);
}

bool isData(const Event &event, const char *direction)
{
    return event.kind == EventKind::Data && event.payload && extraText(event, "direction") == QLatin1String(direction);
}

// What one end received, checked against what the other end sent.
struct Received {
    std::size_t bytes = 0;
    std::size_t messages = 0;
    std::size_t wrongMessages = 0; // a message of another size than sent
    std::optional<std::size_t> firstWrongByte;
    // `messageSize` 0: a stream, where reads need not match writes.
    void feed(int from, const std::vector<unsigned char> &payload, std::size_t messageSize, std::size_t total)
    {
        for (std::size_t i = 0; i < payload.size() && !firstWrongByte; ++i) {
            if (payload[i] != patternByte(from, bytes + i))
                firstWrongByte = bytes + i;
        }
        if (messageSize && bytes < total && payload.size() != std::min(messageSize, total - bytes))
            ++wrongMessages;
        bytes += payload.size();
        ++messages;
    }
};

class ChannelCommand {
    Q_DECLARE_TR_FUNCTIONS(ChannelCommand)
public:
    explicit ChannelCommand(const QString &name) : context_(name) {}
    int pipe(const QStringList &arguments);
    int socketPair(const QStringList &arguments);
    int fifo(const QStringList &arguments);

private:
    void addCommonOptions(QCommandLineParser &parser, const QString &bytesDefault);
    std::optional<InputError> readBytes(const QCommandLineParser &parser, long fallback);
    using OptionReader = std::function<std::optional<InputError>(const QCommandLineParser &)>;
    bool begin(QCommandLineParser &parser, const QStringList &arguments, const OptionReader &read, int &status);
    bool hold(std::unique_ptr<sockscope::Channel> channel, std::error_code error);
    void seen(const Event &event);
    void printEvent(const Event &event);
    int endOf(const Event &event) const;
    void sendPattern(int end, std::size_t messageSize);
    // The check's ipc-verified event and summary; the channel closed, the
    // run ended with 0 when it held, 1 when not.
    int finishVerified(bool ok, sockscope::ExtraFields fields, const QString &summary);

    CommandContext context_;
    sockscope::FunctionSink sink_{[this](const Event &event) { seen(event); }};
    std::unique_ptr<sockscope::Channel> ownChannel_;
    sockscope::Channel *channel_ = nullptr;
    std::unique_ptr<sockscope::PipeWriters> writers_;
    std::unique_ptr<sockscope::FrameCheck> frames_;
    std::array<Received, 2> received_;
    std::array<bool, 2> ended_{};
    std::function<void(const Event &)> onEvent_;
    long bytes_ = 0;
    long writers_count_ = 1;
    long chunk_ = PIPE_BUF;
    std::optional<long> capacity_;
    sockscope::SocketType type_ = sockscope::SocketType::Stream;
    std::string path_;
    int status_ = ExitSuccess;
};

void ChannelCommand::addCommonOptions(QCommandLineParser &parser, const QString &bytesDefault)
{
    parser.addOption({QStringLiteral("bytes"), tr("How many bytes to send (default %1).").arg(bytesDefault), tr("N")});
    parser.addOption({QStringLiteral("json"), tr("One JSON object a line.")});
}

std::optional<InputError> ChannelCommand::readBytes(const QCommandLineParser &parser, long fallback)
{
    bytes_ = fallback;
    if (!parser.isSet(QStringLiteral("bytes")))
        return std::nullopt;
    return readNumberOption(parser, "bytes", 1, kMaxBytes, bytes_);
}

// Parses, then starts the loop and the output: false, with `status` set,
// when the command must not go on.
bool ChannelCommand::begin(QCommandLineParser &parser, const QStringList &arguments, const OptionReader &read,
                           int &status)
{
    status = ExitSuccess;
    return context_.begin(parser, arguments, read, status);
}

bool ChannelCommand::hold(std::unique_ptr<sockscope::Channel> channel, std::error_code error)
{
    ownChannel_ = std::move(channel);
    channel_ = ownChannel_.get();
    if (!channel_)
        context_.printError(EventText::failure(error));
    return channel_ != nullptr;
}

int ChannelCommand::endOf(const Event &event) const
{
    const QString end = extraText(event, "end");
    if (!channel_ || end.isEmpty())
        return -1;
    return end == QString::fromStdString(channel_->endName(0)) ? 0 : 1;
}

void ChannelCommand::seen(const Event &event)
{
    context_.events().onEvent(event);
    if (!context_.json())
        printEvent(event);
    if (onEvent_)
        onEvent_(event);
}

void ChannelCommand::printEvent(const Event &event)
{
    const QString end = extraText(event, "end");
    switch (event.kind) {
    case EventKind::IpcCreated:
        if (extraText(event, "kind") == QLatin1String("pipe"))
            context_.print(tr("pipe: capacity %1 bytes (at most %2 without CAP_SYS_RESOURCE), PIPE_BUF %3\n")
                               .arg(extraText(event, "capacity"), extraText(event, "max_capacity"),
                                    extraText(event, "pipe_buf")));
        else if (extraText(event, "kind") == QLatin1String("fifo"))
            context_.print(tr("fifo: %1 (mode 0600, in a directory only we can enter)\n")
                               .arg(QString::fromStdString(event.path)));
        else
            context_.print(tr("socketpair: %1\n").arg(QString::fromLatin1(sockscope::socketTypeName(*event.socktype).data())));
        break;
    case EventKind::IpcFailed:
        context_.print(tr("%1 %2: %3\n").arg(extraText(event, "operation"), end, EventText::failure(event.error)));
        break;
    case EventKind::IpcWaiting:
        context_.print(tr("open for writing: waiting for a reader\n"));
        break;
    case EventKind::IpcOpened:
        context_.print(event.elapsed ? tr("open for %1: done after %2 ms\n")
                                           .arg(end)
                                           .arg(std::chrono::duration<double, std::milli>(*event.elapsed).count(), 0, 'f', 1)
                                     : tr("open for %1: done\n").arg(end));
        break;
    case EventKind::IpcClosed:
        context_.print(tr("end %1 closed (%2)\n").arg(end, extraText(event, "reason")));
        break;
    case EventKind::IpcRemoved:
        context_.print(tr("removed %1\n").arg(QString::fromStdString(event.path)));
        break;
    default:
        break; // data is summed up at the end
    }
}

int ChannelCommand::finishVerified(bool ok, sockscope::ExtraFields fields, const QString &summary)
{
    Event event = sockscope::makeEvent(EventKind::IpcVerified, context_.reactor().now());
    event.extra.emplace_back("ipc", std::int64_t{kChannelId});
    event.extra.emplace_back("ok", ok);
    for (auto &field : fields)
        event.extra.push_back(std::move(field));
    context_.events().onEvent(event);
    if (!context_.json())
        context_.print(summary + QLatin1Char('\n'));
    channel_ = nullptr;
    ownChannel_.reset();
    return context_.finish(ok ? ExitSuccess : ExitFailure);
}

void ChannelCommand::sendPattern(int end, std::size_t messageSize)
{
    const std::size_t total = static_cast<std::size_t>(bytes_);
    for (std::size_t offset = 0; offset < total; offset += messageSize) {
        const std::vector<unsigned char> bytes = pattern(end, offset, std::min(messageSize, total - offset));
        channel_->write(end, bytes.data(), bytes.size());
    }
}

int ChannelCommand::pipe(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Makes a pipe and has WRITERS threads write into it at once, in chunks of CHUNK bytes, while this "
           "process reads it. Every chunk must arrive whole and each writer's in order: a write of at most "
           "PIPE_BUF bytes is atomic. With larger chunks and several writers the kernel may cut them, which "
           "is shown (exit status 1). --capacity asks for another pipe size (F_SETPIPE_SZ)."));
    addCommonOptions(parser, QStringLiteral("1048576"));
    parser.addOption({QStringLiteral("writers"), tr("How many writers at once (default 1)."), tr("K")});
    parser.addOption({QStringLiteral("chunk"), tr("Bytes a write (default PIPE_BUF, %1).").arg(PIPE_BUF), tr("N")});
    parser.addOption({QStringLiteral("capacity"), tr("The pipe's capacity to ask for, in bytes."), tr("N")});
    int status = ExitSuccess;
    const auto read = [this](const QCommandLineParser &p) -> std::optional<InputError> {
        if (auto error = readBytes(p, 1L << 20))
            return error;
        if (p.isSet(QStringLiteral("writers")))
            if (auto error = readNumberOption(p, "writers", 1, kMaxWriters, writers_count_))
                return error;
        if (p.isSet(QStringLiteral("chunk")))
            if (auto error = readNumberOption(p, "chunk", sockscope::kSmallestFrame, kMaxChunk, chunk_))
                return error;
        if (p.isSet(QStringLiteral("capacity"))) {
            long capacity = 0;
            if (auto error = readNumberOption(p, "capacity", 1, INT_MAX, capacity))
                return error;
            capacity_ = capacity;
        }
        return std::nullopt;
    };
    if (!begin(parser, arguments, read, status))
        return status;
    std::error_code error;
    if (!hold(sockscope::openPipe(context_.reactor(), sink_, kChannelId, capacity_, error), error))
        return context_.finish(ExitFailure);
    if (capacity_ && sockscope::pipeCapacity(channel_->fd(0)) < *capacity_)
        return context_.finish(ExitFailure); // refused, and said so
    const auto framesEach = static_cast<std::size_t>(
        std::max<long>(1, bytes_ / (writers_count_ * chunk_)));
    frames_ = std::make_unique<sockscope::FrameCheck>(static_cast<int>(writers_count_), framesEach,
                                                      static_cast<std::size_t>(chunk_));
    onEvent_ = [this](const Event &event) {
        if (isData(event, "in"))
            frames_->feed(event.payload->data(), event.payload->size());
        if (event.kind == EventKind::IpcClosed && extraText(event, "reason") == QLatin1String("eof"))
            context_.reactor().stop();
    };
    std::error_code startError;
    writers_ = sockscope::PipeWriters::start(
        context_.reactor(), sockscope::UniqueFd(::fcntl(channel_->fd(0), F_DUPFD_CLOEXEC, 0)),
        static_cast<int>(writers_count_), framesEach, static_cast<std::size_t>(chunk_),
        [this](std::error_code failure) {
            if (failure)
                context_.printError(tr("a writer failed: %1").arg(EventText::failure(failure)));
            writers_.reset();
            channel_->closeEnd(0); // the reader's EOF
        },
        startError);
    if (!writers_) {
        context_.printError(tr("cannot start the writers: %1").arg(EventText::failure(startError)));
        return context_.finish(ExitFailure);
    }
    context_.reactor().run();
    writers_.reset();
    if (context_.interrupted())
        return context_.finish(ExitFailure);
    const sockscope::FrameCheckResult result = frames_->result();
    QString summary = tr("%1 bytes from %2 writers in chunks of %3: %4 chunks whole and in order")
                          .arg(result.bytes)
                          .arg(writers_count_)
                          .arg(chunk_)
                          .arg(result.wholeFrames);
    if (result.firstCutAt)
        summary += tr("; at byte %1 a chunk was cut by another writer's bytes (writes above PIPE_BUF, %2, are not "
                      "atomic)")
                       .arg(*result.firstCutAt)
                       .arg(PIPE_BUF);
    sockscope::ExtraFields fields{{"bytes_in", std::int64_t(result.bytes)},
                                  {"writers", std::int64_t{writers_count_}},
                                  {"chunk", std::int64_t{chunk_}},
                                  {"whole_chunks", std::int64_t(result.wholeFrames)},
                                  {"pipe_buf", std::int64_t{PIPE_BUF}}};
    if (result.firstCutAt)
        fields.emplace_back("first_cut_at", std::int64_t(*result.firstCutAt));
    return finishVerified(result.complete, std::move(fields), summary);
}

int ChannelCommand::socketPair(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Makes a socketpair and sends BYTES from each end to the other at once; what arrives must be what was "
           "sent, in order, and with dgram or seqpacket in messages of the size they were sent (4096 bytes)."));
    addCommonOptions(parser, QStringLiteral("65536"));
    parser.addOption({QStringLiteral("type"), tr("stream, dgram or seqpacket (default stream)."), tr("type")});
    int status = ExitSuccess;
    const auto read = [this](const QCommandLineParser &p) -> std::optional<InputError> {
        if (auto error = readBytes(p, kMaxMessage))
            return error;
        const QString type = p.value(QStringLiteral("type"));
        if (type.isEmpty() || type == QLatin1String("stream"))
            type_ = sockscope::SocketType::Stream;
        else if (type == QLatin1String("dgram"))
            type_ = sockscope::SocketType::Datagram;
        else if (type == QLatin1String("seqpacket"))
            type_ = sockscope::SocketType::SeqPacket;
        else
            return InputError{sockscope::InputErrorCode::UnknownName, "--unix-type", type.toStdString(), 0, 0};
        return std::nullopt;
    };
    if (!begin(parser, arguments, read, status))
        return status;
    std::error_code error;
    if (!hold(sockscope::openSocketPair(context_.reactor(), sink_, kChannelId, type_, error), error))
        return context_.finish(ExitFailure);
    const std::size_t messageSize = type_ == sockscope::SocketType::Stream ? 0 : PIPE_BUF;
    onEvent_ = [this, messageSize](const Event &event) {
        const int end = endOf(event);
        if (end < 0 || !isData(event, "in"))
            return;
        received_[static_cast<std::size_t>(end)].feed(1 - end, *event.payload, messageSize, static_cast<std::size_t>(bytes_));
        if (received_[0].bytes >= static_cast<std::size_t>(bytes_) && received_[1].bytes >= static_cast<std::size_t>(bytes_))
            context_.reactor().stop();
    };
    for (int end = 0; end < 2; ++end)
        sendPattern(end, messageSize ? messageSize : static_cast<std::size_t>(kMaxMessage));
    context_.reactor().run();
    if (context_.interrupted())
        return context_.finish(ExitFailure);
    bool ok = true;
    for (const Received &got : received_)
        ok = ok && got.bytes == static_cast<std::size_t>(bytes_) && !got.firstWrongByte && got.wrongMessages == 0;
    const QString summary =
        ok ? tr("%1 bytes each way, intact and in order (%2 and %3 reads)").arg(bytes_).arg(received_[0].messages).arg(received_[1].messages)
           : tr("what arrived is not what was sent: %1 and %2 bytes, %3 and %4 messages of the wrong size")
                 .arg(received_[0].bytes).arg(received_[1].bytes).arg(received_[0].wrongMessages).arg(received_[1].wrongMessages);
    return finishVerified(ok, {{"bytes_in", std::int64_t(received_[0].bytes + received_[1].bytes)},
                               {"bytes_out", std::int64_t{2 * bytes_}}},
                          summary);
}

int ChannelCommand::fifo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Makes a FIFO (in a private directory, or at PATH) and shows its open rendezvous: a nonblocking open "
           "for writing fails with ENXIO while nobody reads, a blocking one waits until a reader opens; then "
           "BYTES go through it and must arrive intact and in order. The FIFO is removed at the end."));
    parser.addPositionalArgument(QStringLiteral("path"), tr("Where to make the FIFO; it must not exist."), tr("[PATH]"));
    addCommonOptions(parser, QStringLiteral("65536"));
    int status = ExitSuccess;
    const auto read = [this](const QCommandLineParser &p) -> std::optional<InputError> {
        if (auto error = readBytes(p, kMaxMessage))
            return error;
        if (p.positionalArguments().size() > 1)
            return InputError{sockscope::InputErrorCode::UnknownName, "argument", p.positionalArguments().at(1).toStdString(), 0, 0};
        if (!p.positionalArguments().isEmpty()) {
            path_ = p.positionalArguments().front().toStdString();
            if (path_.empty())
                return InputError{sockscope::InputErrorCode::EmptyPath, "path", "", 0, 0};
        }
        return std::nullopt;
    };
    if (!begin(parser, arguments, read, status))
        return status;
    std::error_code error;
    auto fifo = sockscope::Fifo::create(context_.reactor(), sink_, kChannelId, path_, error);
    if (!fifo) {
        context_.printError(tr("cannot make the FIFO %1: %2")
                                .arg(QString::fromStdString(path_), EventText::failure(error)));
        return context_.finish(ExitFailure);
    }
    onEvent_ = [this, &fifo](const Event &event) {
        if (event.kind == EventKind::IpcOpened && extraText(event, "end") == QLatin1String("write") && fifo->channel()) {
            channel_ = fifo->channel();
            sendPattern(0, static_cast<std::size_t>(kMaxMessage));
            channel_->closeEnd(0);
        }
        if (isData(event, "in"))
            received_[1].feed(0, *event.payload, 0, static_cast<std::size_t>(bytes_));
        if (event.kind == EventKind::IpcClosed && extraText(event, "reason") == QLatin1String("eof"))
            context_.reactor().stop();
        if (event.kind == EventKind::IpcFailed && extraText(event, "operation") != QLatin1String("open"))
            context_.reactor().stop();
    };
    fifo->openWriterNow(); // ENXIO: nobody reads yet
    fifo->openWriterWaiting();
    context_.reactor().startTimer(kRendezvousPause, [&fifo] { fifo->openReader(); });
    context_.reactor().run();
    const bool ok = !context_.interrupted() && received_[1].bytes == static_cast<std::size_t>(bytes_) &&
                    !received_[1].firstWrongByte;
    channel_ = nullptr;
    fifo.reset(); // removes it
    return finishVerified(ok, {{"bytes_in", std::int64_t(received_[1].bytes)}, {"bytes_out", std::int64_t{bytes_}}},
                          ok ? tr("%1 bytes through the FIFO, intact and in order").arg(bytes_)
                             : tr("what arrived is not what was sent (%1 of %2 bytes)").arg(received_[1].bytes).arg(bytes_));
}

} // namespace

int runIpcPipeCommand(const QStringList &arguments)
{
    return ChannelCommand(QStringLiteral("ipc pipe")).pipe(arguments);
}

int runIpcSocketPairCommand(const QStringList &arguments)
{
    return ChannelCommand(QStringLiteral("ipc socketpair")).socketPair(arguments);
}

int runIpcFifoCommand(const QStringList &arguments)
{
    return ChannelCommand(QStringLiteral("ipc fifo")).fifo(arguments);
}
