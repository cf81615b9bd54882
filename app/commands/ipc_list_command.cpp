// `sockscope ipc list`: the System V objects of /proc/sysvipc, as events or
// in words.
#include "ipc_list_command.h"

#include "command_context.h"
#include "event_text.h"
#include "ipc/sysv_event_fields.h"

#include <sockscope/ipc/sysv_list.h>

#include <QCommandLineParser>

using sockscope::Event;
using sockscope::InputError;
using sockscope::InputErrorCode;
using SysvEventFields::field;
using SysvEventFields::number;
using SysvEventFields::octal;
using SysvEventFields::word;

namespace {

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
    if (!context.begin(parser, arguments, noWords, status))
        return status;
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

int runIpcListCommand(const QStringList &arguments)
{
    ListCommand command;
    return command.run(arguments);
}
