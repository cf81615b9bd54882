#include "ipc_command.h"

#include "command_context.h"
#include "ipc_channel_command.h"
#include "ipc_fdpass_command.h"
#include "ipc_list_command.h"
#include "ipc_sysv_command.h"

int runIpcCommand(const QStringList &arguments)
{
    // "sockscope ipc pipe ...": the primitive is the command from here on.
    const QString primitive = arguments.value(2);
    QStringList rest = arguments;
    rest.removeAt(1);
    if (primitive == QLatin1String("pipe"))
        return runIpcPipeCommand(rest);
    if (primitive == QLatin1String("socketpair"))
        return runIpcSocketPairCommand(rest);
    if (primitive == QLatin1String("fifo"))
        return runIpcFifoCommand(rest);
    if (primitive == QLatin1String("fdpass"))
        return runIpcFdpassCommand(rest);
    if (primitive == QLatin1String("shm") || primitive == QLatin1String("sem") || primitive == QLatin1String("msg"))
        return runIpcSysvCommand(rest);
    if (primitive == QLatin1String("list"))
        return runIpcListCommand(rest);
    CommandContext context(QStringLiteral("ipc"));
    const QString choices = QStringLiteral("pipe, socketpair, fifo, fdpass, shm, sem, msg, list");
    context.printError(primitive.isEmpty()
                           ? CommandContext::tr("say which primitive: %1").arg(choices)
                           : CommandContext::tr("“%1” is no primitive; use %2").arg(primitive, choices));
    return ExitUsage;
}
