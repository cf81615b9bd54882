// Reading `ipc shm|sem|msg`'s command line: the options, the action and its
// words, each number in its range and each bad one an InputError naming it.
#include "ipc_sysv_command_private.h"

#include <sockscope/events/error.h>

#include <climits>
#include <sys/ipc.h>
#include <sys/sem.h>

using sockscope::InputError;
using sockscope::InputErrorCode;
using sockscope::SysvKind;

namespace {

constexpr long kMaxSegmentBytes = 1L << 30; // a lab, not a database
constexpr long kMaxSemaphores = 32000;      // SEMMSL
constexpr long kMaxSemaphoreValue = 32767;  // SEMVMX
constexpr long kMaxMessageBytes = 1L << 20;
constexpr long kMaxWaitSeconds = 86400;

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

} // namespace

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
