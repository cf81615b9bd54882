// `sockscope ipc shm|sem|msg`: running it, an action on an object named by
// its id (so one invocation can use what another created), and the events
// in words. ipc_sysv_command_private.h says where the rest is.
#include "ipc_sysv_command.h"

#include "event_text.h"
#include "ipc_sysv_command_private.h"
#include "ipc/sysv_event_text.h"

#include <sockscope/events/error.h>

#include <sys/ipc.h>

using sockscope::Event;
using sockscope::SysvKind;
using sockscope::SysvOutcome;

sockscope::SysvObjects::Completion SysvCommand::keepIn(std::optional<SysvOutcome> &slot)
{
    return [this, &slot](const SysvOutcome &outcome) {
        slot = outcome;
        if (waiting_) // asked while no loop runs, a stop would end the next run at once
            context_.reactor().stop();
    };
}

void SysvCommand::runWhileWaiting(const std::optional<SysvOutcome> &slot, std::chrono::milliseconds limit)
{
    waiting_ = true;
    if (!slot)
        context_.reactor().runFor(limit);
    waiting_ = false;
}

bool SysvCommand::pollUntil(const std::function<bool()> &done, std::chrono::milliseconds limit)
{
    const auto deadline = sockscope::Clock::now() + limit;
    while (!done() && !context_.interrupted() && sockscope::Clock::now() < deadline)
        context_.reactor().runFor(std::chrono::milliseconds(20));
    return done();
}

bool SysvCommand::finishWaiting(const SysvOutcome &started, std::optional<SysvOutcome> &slot,
                                std::chrono::milliseconds limit)
{
    if (!started.waiter)
        return !started.error;
    if (!context_.interrupted())
        runWhileWaiting(slot, limit);
    if (!slot) {
        objects_->cancel(*started.waiter); // ECANCELED, reported
        runWhileWaiting(slot, kMostForCancel); // a semop's comes through the loop
    }
    return slot && !slot->error;
}

std::chrono::milliseconds SysvCommand::waitLimit() const
{
    return maxSeconds_ ? std::chrono::milliseconds(std::chrono::seconds(maxSeconds_))
                       : std::chrono::milliseconds(std::chrono::hours(24 * 365));
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
    const sockscope::SysvObjects::Completion keep = keepIn(done);
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
    return finishWaiting(started, done, waitLimit()) ? ExitSuccess : ExitFailure;
}

void SysvCommand::show(const Event &event)
{
    if (const QString line = SysvEventText::sentence(event); !line.isEmpty())
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
    if (!context_.begin(parser, arguments, [this](const QCommandLineParser &p) { return readOptions(p); }, status))
        return status;
    if (!context_.json()) {
        text_ = std::make_unique<sockscope::FunctionSink>([this](const sockscope::Event &event) { show(event); });
        context_.setTextSink(text_.get());
    }
    objects_ = std::make_unique<sockscope::SysvObjects>(context_.reactor(), context_.events());
    status = action_.isEmpty() ? roundTrip() : act();
    objects_.reset(); // cancels what waits, removes what is still ours
    return context_.finish(status);
}

int runIpcSysvCommand(const QStringList &arguments)
{
    const std::optional<SysvKind> kind = sockscope::sysvKindFromName(arguments.value(1).toStdString());
    if (!kind)
        return ExitUsage; // the dispatcher sends only shm, sem and msg
    SysvCommand command(*kind);
    return command.run(arguments);
}
