#include "ipc_sysv_command.h"

#include "command_context.h"
#include "event_text.h"

#include <sockscope/events/error.h>
#include <sockscope/ipc/sysv_list.h>
#include <sockscope/ipc/sysv_objects.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <climits>
#include <cstring>
#include <sys/syscall.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>

using sockscope::Event;
using sockscope::EventKind;
using sockscope::InputError;
using sockscope::InputErrorCode;
using sockscope::SysvKind;
using sockscope::SysvOutcome;

namespace {

constexpr long kMaxSegmentBytes = 1L << 30; // a lab, not a database
constexpr long kMaxSemaphores = 32000;      // SEMMSL
constexpr long kMaxSemaphoreValue = 32767;  // SEMVMX
constexpr long kMaxMessageBytes = 1L << 20;
constexpr long kMaxWaitSeconds = 86400;

const sockscope::ExtraValue *field(const Event &event, const char *name)
{
    for (const auto &[key, value] : event.extra) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

long long number(const Event &event, const char *name, long long otherwise = 0)
{
    const sockscope::ExtraValue *value = field(event, name);
    return value && std::holds_alternative<std::int64_t>(*value) ? std::get<std::int64_t>(*value) : otherwise;
}

QString word(const Event &event, const char *name)
{
    const sockscope::ExtraValue *value = field(event, name);
    return value && std::holds_alternative<std::string>(*value) ? QString::fromStdString(std::get<std::string>(*value))
                                                                 : QString();
}

/// Whether a thread of this process is in system call `number` now
/// (/proc/self/task/*/syscall): a worker that really waits.
bool threadInSyscall(long number)
{
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        QFile file(QStringLiteral("/proc/self/task/%1/syscall").arg(task));
        if (file.open(QIODevice::ReadOnly) && file.readAll().split(' ').value(0).toLong() == number)
            return true;
    }
    return false;
}

QString octal(long long mode)
{
    return QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0'));
}

// A number a person typed as field `name`, in [lowest, highest]; `base` 0
// takes 0x for hex (keys).
std::optional<InputError> readNumber(const QString &text, const char *name, long lowest, long highest, long &out,
                                     int base = 10)
{
    bool ok = false;
    const long value = text.toLong(&ok, base);
    if (!ok)
        return InputError{InputErrorCode::BadNumber, name, text.toStdString(), 0, 0};
    if (value < lowest || value > highest) {
        return InputError{InputErrorCode::NumberOutOfRange, name, text.toStdString(), 0,
                          static_cast<std::size_t>(highest), static_cast<std::size_t>(std::max(lowest, 0L))};
    }
    out = value;
    return std::nullopt;
}

class SysvCommand {
    Q_DECLARE_TR_FUNCTIONS(SysvCommand)
public:
    explicit SysvCommand(SysvKind kind)
        : kind_(kind), context_(QStringLiteral("ipc ") + QString::fromLatin1(sockscope::sysvKindName(kind).data()))
    {
    }
    int run(const QStringList &arguments);

private:
    std::optional<InputError> readOptions(const QCommandLineParser &parser);
    std::optional<InputError> readAction(const QStringList &words);
    std::optional<InputError> readData(const QString &text, bool hex);
    std::optional<InputError> readSemaphoreOps(const QStringList &words);
    int act();
    int roundTrip();
    bool sharedMemoryRoundTrip();
    bool semaphoreRoundTrip();
    bool messageRoundTrip();
    bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds limit);
    // A blocking operation's end: waited for, up to --max-seconds.
    bool finishWaiting(const SysvOutcome &started, std::optional<SysvOutcome> &done);
    void verified(const char *check, bool ok);
    void show(const Event &event);

    class TextSink final : public sockscope::EventSink {
    public:
        explicit TextSink(SysvCommand &command) : command_(command) {}
        void onEvent(const Event &event) override { command_.show(event); }

    private:
        SysvCommand &command_;
    };

    SysvKind kind_;
    CommandContext context_;
    std::unique_ptr<TextSink> text_;
    std::unique_ptr<sockscope::SysvObjects> objects_;
    QString action_;
    int id_ = -1;
    sockscope::SysvCreate create_;
    long size_ = 4096;
    long count_ = 1;
    long offset_ = 0;
    long length_ = 0;
    long number_ = 0;
    long value_ = 0;
    long messageType_ = 0;
    long maxBytes_ = 8192;
    long maxSeconds_ = 0; // 0: wait until done or interrupted
    int flags_ = 0;
    bool hex_ = false;
    std::vector<unsigned char> data_;
    std::vector<sockscope::SemaphoreOp> ops_;
    bool allOk_ = true;
};

std::optional<InputError> SysvCommand::readData(const QString &text, bool hex)
{
    const std::string typed = text.toStdString();
    if (hex) {
        std::optional<std::vector<unsigned char>> bytes = sockscope::fromHex(typed);
        if (!bytes)
            return InputError{InputErrorCode::BadNumber, "data", typed, 0, 0};
        data_ = std::move(*bytes);
        return std::nullopt;
    }
    std::size_t position = 0;
    std::optional<std::vector<unsigned char>> bytes = sockscope::fromEscapedText(typed, &position);
    if (!bytes)
        return InputError{InputErrorCode::BadEscape, "data", typed, position, 0};
    data_ = std::move(*bytes);
    return std::nullopt;
}

// "NUM:OP" or "NUM:OP:FLAGS", FLAGS "nowait", "undo" or both with a comma:
// "0:-1" waits to take one, "0:0" waits for zero, "1:+2:nowait".
std::optional<InputError> SysvCommand::readSemaphoreOps(const QStringList &words)
{
    if (words.isEmpty())
        return InputError{InputErrorCode::Empty, "op", "", 0, 0};
    for (const QString &text : words) {
        const QStringList parts = text.split(QLatin1Char(':'));
        if (parts.size() < 2 || parts.size() > 3)
            return InputError{InputErrorCode::BadNumber, "op", text.toStdString(), 0, 0};
        long number = 0;
        long op = 0;
        if (auto error = readNumber(parts[0], "op", 0, kMaxSemaphores - 1, number))
            return error;
        if (auto error = readNumber(parts[1], "op", SHRT_MIN, SHRT_MAX, op))
            return error;
        int flags = flags_;
        for (const QString &flag : parts.value(2).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (flag == QLatin1String("nowait"))
                flags |= IPC_NOWAIT;
            else if (flag == QLatin1String("undo"))
                flags |= SEM_UNDO;
            else
                return InputError{InputErrorCode::UnknownName, "op", flag.toStdString(), 0, 0};
        }
        ops_.push_back(sockscope::SemaphoreOp{static_cast<int>(number), static_cast<int>(op), flags});
    }
    return std::nullopt;
}

// The action and its words: "create", "rm ID", "write ID DATA", ...
std::optional<InputError> SysvCommand::readAction(const QStringList &words)
{
    action_ = words.value(0);
    if (action_.isEmpty())
        return std::nullopt; // the round trip
    QStringList accepted{QStringLiteral("create"), QStringLiteral("rm")};
    if (kind_ == SysvKind::SharedMemory)
        accepted << QStringLiteral("write") << QStringLiteral("read");
    if (kind_ == SysvKind::Semaphores)
        accepted << QStringLiteral("op") << QStringLiteral("set") << QStringLiteral("get");
    if (kind_ == SysvKind::MessageQueue)
        accepted << QStringLiteral("send") << QStringLiteral("recv");
    if (!accepted.contains(action_))
        return InputError{InputErrorCode::UnknownName, "action", action_.toStdString(), 0, 0};
    if (action_ == QLatin1String("create"))
        return words.size() > 1 ? std::optional(InputError{InputErrorCode::UnknownName, "action", words[1].toStdString(), 0, 0})
                                : std::nullopt;
    if (words.size() < 2)
        return InputError{InputErrorCode::Empty, "id", "", 0, 0};
    long id = 0;
    if (auto error = readNumber(words[1], "id", 0, INT_MAX, id))
        return error;
    id_ = static_cast<int>(id);
    const QStringList rest = words.mid(2);
    if (action_ == QLatin1String("write") || action_ == QLatin1String("send")) {
        const int dataAt = action_ == QLatin1String("send") ? 1 : 0;
        if (action_ == QLatin1String("send")) {
            if (rest.isEmpty())
                return InputError{InputErrorCode::Empty, "type", "", 0, 0};
            if (auto error = readNumber(rest[0], "type", 1, LONG_MAX, messageType_))
                return error;
        }
        if (rest.size() != dataAt + 1)
            return InputError{InputErrorCode::Empty, "data", "", 0, 0};
        return readData(rest[dataAt], hex_);
    }
    if (action_ == QLatin1String("op"))
        return readSemaphoreOps(rest);
    if (action_ == QLatin1String("set")) {
        if (rest.size() != 2)
            return InputError{InputErrorCode::Empty, rest.isEmpty() ? "number" : "value", "", 0, 0};
        if (auto error = readNumber(rest[0], "number", 0, kMaxSemaphores - 1, number_))
            return error;
        return readNumber(rest[1], "value", 0, kMaxSemaphoreValue, value_);
    }
    if (action_ == QLatin1String("recv") && !rest.isEmpty())
        return readNumber(rest[0], "type", LONG_MIN + 1, LONG_MAX, messageType_);
    return std::nullopt;
}

std::optional<InputError> SysvCommand::readOptions(const QCommandLineParser &parser)
{
    const auto option = [&](const char *name, long lowest, long highest, long &out, int base = 10) -> std::optional<InputError> {
        if (!parser.isSet(QLatin1String(name)))
            return std::nullopt;
        const std::string field = std::string("--") + name;
        long value = 0;
        if (auto error = readNumber(parser.value(QLatin1String(name)), name, lowest, highest, value, base)) {
            error->field = field;
            return error;
        }
        out = value;
        return std::nullopt;
    };
    long key = 0;
    long mode = 0600;
    for (auto error : {option("size", 1, kMaxSegmentBytes, size_), option("count", 1, kMaxSemaphores, count_),
                       option("key", INT_MIN, INT_MAX, key, 0), option("mode", 0, 0777, mode, 8),
                       option("offset", 0, kMaxSegmentBytes, offset_), option("length", 0, kMaxSegmentBytes, length_),
                       option("max-bytes", 1, kMaxMessageBytes, maxBytes_),
                       option("max-seconds", 1, kMaxWaitSeconds, maxSeconds_)}) {
        if (error)
            return error;
    }
    create_.key = key;
    create_.mode = static_cast<int>(mode);
    if (parser.isSet(QStringLiteral("nowait")))
        flags_ |= IPC_NOWAIT;
    hex_ = parser.isSet(QStringLiteral("hex"));
    return readAction(parser.positionalArguments());
}

bool SysvCommand::waitFor(const std::function<bool()> &done, std::chrono::milliseconds limit)
{
    const auto deadline = sockscope::Clock::now() + limit;
    while (!done() && !context_.interrupted() && sockscope::Clock::now() < deadline)
        context_.reactor().runFor(std::chrono::milliseconds(20));
    return done();
}

bool SysvCommand::finishWaiting(const SysvOutcome &started, std::optional<SysvOutcome> &done)
{
    if (!started.waiter)
        return !started.error;
    const auto limit = maxSeconds_ ? std::chrono::milliseconds(std::chrono::seconds(maxSeconds_))
                                   : std::chrono::milliseconds(std::chrono::hours(24 * 365));
    if (!waitFor([&] { return done.has_value(); }, limit))
        objects_->cancel(*started.waiter); // ECANCELED, reported
    return done && !done->error;
}

void SysvCommand::verified(const char *check, bool ok)
{
    Event event = sockscope::makeEvent(EventKind::IpcVerified, context_.reactor().now());
    event.extra = {{"kind", std::string(sockscope::sysvKindName(kind_))}, {"check", std::string(check)}, {"ok", ok}};
    context_.events().onEvent(event);
    allOk_ = allOk_ && ok;
}

int SysvCommand::act()
{
    std::error_code error;
    if (action_ == QLatin1String("create")) {
        std::optional<int> id = kind_ == SysvKind::SharedMemory ? objects_->createSharedMemory(static_cast<std::size_t>(size_), create_, error)
                                : kind_ == SysvKind::Semaphores ? objects_->createSemaphores(static_cast<int>(count_), create_, error)
                                                                : objects_->createMessageQueue(create_, error);
        if (!id)
            return ExitFailure;
        objects_->release(kind_, *id); // asked for: it stays
        if (!context_.json()) {
            context_.print(tr("It stays until removed: sockscope ipc %1 rm %2\n")
                               .arg(QString::fromLatin1(sockscope::sysvKindName(kind_).data()))
                               .arg(*id));
        }
        return ExitSuccess;
    }
    if (action_ == QLatin1String("rm"))
        return objects_->remove(kind_, id_) ? ExitFailure : ExitSuccess;
    if (action_ == QLatin1String("write"))
        return objects_->write(id_, static_cast<std::size_t>(offset_), data_).error ? ExitFailure : ExitSuccess;
    if (action_ == QLatin1String("read"))
        return objects_->read(id_, static_cast<std::size_t>(offset_), static_cast<std::size_t>(length_)).error ? ExitFailure : ExitSuccess;
    if (action_ == QLatin1String("set"))
        return objects_->setSemaphore(id_, static_cast<int>(number_), static_cast<int>(value_)).error ? ExitFailure : ExitSuccess;
    if (action_ == QLatin1String("get"))
        return objects_->semaphores(id_).error ? ExitFailure : ExitSuccess;
    std::optional<SysvOutcome> done;
    const auto keep = [&done](const SysvOutcome &outcome) { done = outcome; };
    SysvOutcome started;
    if (action_ == QLatin1String("op")) {
        started = objects_->semop(id_, ops_, keep);
    } else if (action_ == QLatin1String("send")) {
        started = objects_->send(id_, messageType_, data_, flags_, keep);
    } else {
        sockscope::MessageReceive how;
        how.type = messageType_;
        how.flags = flags_;
        how.maxBytes = static_cast<std::size_t>(maxBytes_);
        started = objects_->receive(id_, how, keep);
    }
    return finishWaiting(started, done) ? ExitSuccess : ExitFailure;
}

// Bytes in, the same bytes out; then a segment removed while attached
// stays listed as removed until it is detached.
bool SysvCommand::sharedMemoryRoundTrip()
{
    std::error_code error;
    const std::optional<int> id = objects_->createSharedMemory(static_cast<std::size_t>(size_), create_, error);
    if (!id)
        return false;
    std::vector<unsigned char> pattern(static_cast<std::size_t>(std::min(size_, 256L)));
    for (std::size_t i = 0; i < pattern.size(); ++i)
        pattern[i] = static_cast<unsigned char>(i);
    objects_->write(*id, 0, pattern);
    verified("bytes-intact", objects_->read(*id, 0, pattern.size()).bytes == pattern);
    objects_->attach(*id);
    objects_->remove(SysvKind::SharedMemory, *id);
    sockscope::SysvListing listing = sockscope::readSysvListing(error);
    const auto listed = [&] {
        return std::find_if(listing.segments.begin(), listing.segments.end(),
                             [&](const sockscope::SysvSegmentInfo &segment) { return segment.id == *id; });
    };
    verified("removed-stays-while-attached", !error && listed() != listing.segments.end() && listed()->removed());
    objects_->detach(*id);
    listing = sockscope::readSysvListing(error);
    verified("gone-after-last-detach", !error && listed() == listing.segments.end());
    return allOk_;
}

// A wait that goes to a worker and a post from the loop that releases it;
// IPC_NOWAIT's EAGAIN; a wait for zero that holds at once.
bool SysvCommand::semaphoreRoundTrip()
{
    std::error_code error;
    const std::optional<int> id = objects_->createSemaphores(1, create_, error);
    if (!id)
        return false;
    std::optional<SysvOutcome> taken;
    const SysvOutcome waiting = objects_->semop(*id, {{0, -1, 0}}, [&](const SysvOutcome &outcome) { taken = outcome; });
    verified("wait-goes-to-worker", waiting.waiter.has_value());
    context_.reactor().post([&] { objects_->semop(*id, {{0, +1, 0}}); });
    waitFor([&] { return taken.has_value(); }, std::chrono::seconds(10));
    verified("post-releases-wait", taken && !taken->error && taken->semaphores.size() == 1 && taken->semaphores[0].value == 0);
    const SysvOutcome refused = objects_->semop(*id, {{0, -1, IPC_NOWAIT}});
    verified("nowait-gives-eagain", refused.error == std::error_code(EAGAIN, std::system_category()));
    const SysvOutcome zero = objects_->semop(*id, {{0, 0, 0}});
    verified("zero-holds-at-once", !zero.error && !zero.waiter);
    objects_->remove(SysvKind::Semaphores, *id);
    return allOk_;
}

// Typed messages taken by type in the order msgrcv promises; a waiting
// receive woken by the queue's removal with EIDRM.
bool SysvCommand::messageRoundTrip()
{
    std::error_code error;
    const std::optional<int> id = objects_->createMessageQueue(create_, error);
    if (!id)
        return false;
    const auto text = [](const char *words) { return std::vector<unsigned char>(words, words + std::strlen(words)); };
    objects_->send(*id, 3, text("third"), IPC_NOWAIT);
    objects_->send(*id, 1, text("first"), IPC_NOWAIT);
    objects_->send(*id, 2, text("second"), IPC_NOWAIT);
    std::vector<std::pair<long, std::vector<unsigned char>>> got;
    for (long type : {-3L, 0L, 2L}) {
        sockscope::MessageReceive how;
        how.type = type;
        how.flags = IPC_NOWAIT;
        const SysvOutcome outcome = objects_->receive(*id, how);
        got.emplace_back(outcome.messageType, outcome.bytes);
    }
    const decltype(got) expected{{1, text("first")}, {3, text("third")}, {2, text("second")}};
    verified("messages-by-type", got == expected);
    std::optional<SysvOutcome> woken;
    const SysvOutcome waiting = objects_->receive(*id, {}, [&](const SysvOutcome &outcome) { woken = outcome; });
    // Removed once the worker waits in msgrcv (removed earlier, it would
    // find no queue: EINVAL).
    waitFor([] { return threadInSyscall(SYS_msgrcv); }, std::chrono::seconds(10));
    objects_->remove(SysvKind::MessageQueue, *id);
    waitFor([&] { return woken.has_value(); }, std::chrono::seconds(10));
    verified("removal-wakes-with-eidrm",
             waiting.waiter && woken && woken->error == std::error_code(EIDRM, std::system_category()));
    return allOk_;
}

int SysvCommand::roundTrip()
{
    const bool ok = kind_ == SysvKind::SharedMemory ? sharedMemoryRoundTrip()
                    : kind_ == SysvKind::Semaphores ? semaphoreRoundTrip()
                                                    : messageRoundTrip();
    objects_->removeAll(); // whatever a failure left
    return ok && allOk_ ? ExitSuccess : ExitFailure;
}

void SysvCommand::show(const Event &event)
{
    const QString kind = word(event, "kind");
    const long long id = number(event, "id");
    const QString operation = word(event, "operation");
    const QString bytes = event.payload ? QString::fromStdString(sockscope::printablePreview(*event.payload)) : QString();
    QString line;
    switch (event.kind) {
    case EventKind::IpcCreated:
        line = tr("created %1 %2 (key %3, mode %4").arg(kind).arg(id).arg(number(event, "key")).arg(octal(number(event, "mode")));
        if (field(event, "size"))
            line += tr(", %n byte(s)", nullptr, static_cast<int>(number(event, "size")));
        if (field(event, "count"))
            line += tr(", %n semaphore(s)", nullptr, static_cast<int>(number(event, "count")));
        if (field(event, "max_bytes"))
            line += tr(", room for %1 bytes").arg(number(event, "max_bytes"));
        line += QLatin1Char(')');
        break;
    case EventKind::IpcWaiting:
        line = tr("%1 on %2 %3 waits (waiter %4)…").arg(operation, kind).arg(id).arg(number(event, "waiter"));
        break;
    case EventKind::IpcOp:
        if (event.error) {
            line = tr("%1 on %2 %3 failed: %4").arg(operation, kind).arg(id).arg(EventText::failure(event.error));
        } else if (operation == QLatin1String("write") || operation == QLatin1String("read")) {
            line = (operation == QLatin1String("write") ? tr("wrote %1 bytes at offset %2: %3") : tr("read %1 bytes at offset %2: %3"))
                       .arg(event.bytes.value_or(0))
                       .arg(number(event, "offset"))
                       .arg(bytes);
        } else if (operation == QLatin1String("attach") || operation == QLatin1String("detach")) {
            line = (operation == QLatin1String("attach") ? tr("attached %1 %2: attached %3 time(s) now") : tr("detached %1 %2: attached %3 time(s) now"))
                       .arg(kind).arg(id).arg(number(event, "attached"));
        } else if (operation == QLatin1String("send")) {
            line = tr("sent a message of type %1, %2 bytes: %3").arg(number(event, "message_type")).arg(event.bytes.value_or(0)).arg(bytes);
        } else if (operation == QLatin1String("receive")) {
            line = tr("received a message of type %1, %2 bytes: %3").arg(number(event, "message_type")).arg(event.bytes.value_or(0)).arg(bytes);
        } else {
            QStringList values;
            if (const auto *states = field(event, "semaphores"); states && std::holds_alternative<sockscope::ExtraObjects>(*states)) {
                for (const sockscope::ExtraObject &state : std::get<sockscope::ExtraObjects>(*states)) {
                    Event as;
                    as.extra = state.fields;
                    values << tr("#%1 = %2 (%3 waiting to take, %4 for zero)")
                                  .arg(number(as, "number")).arg(number(as, "value")).arg(number(as, "waiting")).arg(number(as, "waiting_zero"));
                }
            }
            line = tr("%1 on sem %2: %3").arg(operation).arg(id).arg(values.join(QStringLiteral("; ")));
        }
        break;
    case EventKind::IpcRemoved:
        line = tr("removed %1 %2").arg(kind).arg(id);
        if (number(event, "attached") > 0)
            line += tr(": still attached %1 time(s), so it stays listed (key 0) until the last detach").arg(number(event, "attached"));
        break;
    case EventKind::IpcFailed:
        line = tr("could not %1 %2 %3: %4").arg(operation, kind).arg(id).arg(EventText::failure(event.error));
        break;
    case EventKind::IpcVerified:
        line = (std::get<bool>(*field(event, "ok")) ? tr("checked: %1") : tr("DOES NOT HOLD: %1")).arg(word(event, "check"));
        break;
    default:
        return;
    }
    context_.print(line + QLatin1Char('\n'));
}

int SysvCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("System V IPC as perlipc shows it. Actions name an object by its id, so one run can use what another "
           "created; `create` leaves the object there (remove it with `rm ID`). With no action: a create-use-remove "
           "round trip that checks what it shows; exit status 1 when it does not hold.\n"
           "shm: create [--size N] | write ID DATA [--offset N] [--hex] | read ID [--offset N] [--length N] | rm ID\n"
           "sem: create [--count N] | op ID NUM:OP[:nowait,undo]... | set ID NUM VALUE | get ID | rm ID\n"
           "msg: create | send ID TYPE DATA [--hex] | recv ID [TYPE] [--max-bytes N] | rm ID (a negative TYPE after --)\n"
           "op, send and recv wait (on a worker) unless --nowait; --max-seconds N cancels a wait after N seconds."));
    parser.addPositionalArgument(QStringLiteral("action"), tr("What to do, and its arguments."), tr("[ACTION ARGS...]"));
    parser.addOption({QStringLiteral("json"), tr("One JSON object a line.")});
    parser.addOption({QStringLiteral("key"), tr("create: a key (decimal or 0x hex) instead of IPC_PRIVATE."), QStringLiteral("KEY")});
    parser.addOption({QStringLiteral("mode"), tr("create: permission bits, octal (default 600)."), QStringLiteral("MODE")});
    parser.addOption({QStringLiteral("size"), tr("shm create: bytes (default 4096)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("count"), tr("sem create: semaphores in the set (default 1)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("offset"), tr("shm write, read: where in the segment."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("length"), tr("shm read: how many bytes (default: to the end)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("hex"), tr("DATA is hex digits, not text with \\n, \\xHH escapes.")});
    parser.addOption({QStringLiteral("nowait"), tr("IPC_NOWAIT: fail with EAGAIN or ENOMSG instead of waiting.")});
    parser.addOption({QStringLiteral("max-bytes"), tr("msg recv: the longest message taken (default 8192)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("max-seconds"), tr("Cancel a wait after N seconds."), QStringLiteral("N")});
    int status = ExitSuccess;
    if (!context_.parse(parser, arguments, [this](const QCommandLineParser &p) { return readOptions(p); }, status))
        return status;
    if (!context_.start(parser.isSet(QStringLiteral("json"))))
        return ExitFailure;
    if (!context_.json()) {
        text_ = std::make_unique<TextSink>(*this);
        context_.setTextSink(text_.get());
    }
    objects_ = std::make_unique<sockscope::SysvObjects>(context_.reactor(), context_.events());
    status = action_.isEmpty() ? roundTrip() : act();
    objects_.reset(); // cancels what waits, removes what is still ours
    return context_.finish(status);
}

class ListCommand {
    Q_DECLARE_TR_FUNCTIONS(ListCommand)
public:
    int run(const QStringList &arguments);
};

int ListCommand::run(const QStringList &arguments)
{
    CommandContext context(QStringLiteral("ipc list"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists every System V object (shared memory, semaphore sets, message queues) of this IPC namespace, "
           "from /proc/sysvipc. A segment removed while still attached is shown as removed: it goes at its last "
           "detach."));
    parser.addOption({QStringLiteral("json"), tr("One JSON object a line.")});
    int status = ExitSuccess;
    const auto noWords = [](const QCommandLineParser &p) -> std::optional<InputError> {
        if (!p.positionalArguments().isEmpty())
            return InputError{InputErrorCode::UnknownName, "action", p.positionalArguments().front().toStdString(), 0, 0};
        return std::nullopt;
    };
    if (!context.parse(parser, arguments, noWords, status))
        return status;
    if (!context.start(parser.isSet(QStringLiteral("json"))))
        return ExitFailure;
    std::error_code error;
    const sockscope::SysvListing listing = sockscope::readSysvListing(error);
    if (error) {
        context.printError(tr("cannot read /proc/sysvipc: %1").arg(EventText::failure(error)));
        return context.finish(ExitFailure);
    }
    const std::vector<Event> events = sockscope::sysvListingEvents(listing, context.reactor().now());
    if (context.json()) {
        for (const Event &event : events)
            context.events().onEvent(event);
        return context.finish(ExitSuccess);
    }
    if (events.empty())
        context.print(tr("no System V objects\n"));
    for (const Event &event : events) {
        const QString kind = word(event, "kind");
        QString line = tr("%1 id %2 key %3 mode %4 uid %5").arg(kind).arg(number(event, "id")).arg(number(event, "key"))
                           .arg(octal(number(event, "mode"))).arg(event.uid.value_or(0));
        if (kind == QLatin1String("shm")) {
            line += tr(", %1 bytes, attached %2").arg(number(event, "size")).arg(number(event, "attached"));
            if (const auto *removed = field(event, "removed"); removed && std::get<bool>(*removed))
                line += tr(", removed: goes at its last detach");
        } else if (kind == QLatin1String("sem")) {
            line += tr(", %n semaphore(s)", nullptr, static_cast<int>(number(event, "count")));
        } else {
            line += tr(", %1 message(s), %2 bytes queued").arg(number(event, "messages")).arg(number(event, "bytes_queued"));
        }
        context.print(line + QLatin1Char('\n'));
    }
    return context.finish(ExitSuccess);
}

} // namespace

int runIpcSysvCommand(const QStringList &arguments)
{
    const std::optional<SysvKind> kind = sockscope::sysvKindFromName(arguments.value(1).toStdString());
    if (!kind)
        return ExitUsage; // the dispatcher sends only shm, sem and msg
    SysvCommand command(*kind);
    return command.run(arguments);
}

int runIpcListCommand(const QStringList &arguments)
{
    ListCommand command;
    return command.run(arguments);
}
