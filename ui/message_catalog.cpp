#include "message_catalog.h"

#include <sockscope/events/error.h>

#include <QHash>
#include <cerrno>
#include <netdb.h>

QString MessageCatalog::namedErrorMessage(const std::error_code &error)
{
    return QStringLiteral("%1 (%2)").arg(QString::fromStdString(sockscope::errorName(error)), errorMessage(error));
}

QString MessageCatalog::errorMessage(const std::error_code &error)
{
    QString text;
    if (error.category() == sockscope::engineCategory())
        text = tr("Timed out: no answer within the time allowed");
    else if (error.category() == sockscope::resolverCategory())
        text = resolverErrorMessage(error.value());
    else if (const int number = sockscope::errnoValue(error))
        text = systemErrorMessage(number);
    if (text.isEmpty())
        text = QString::fromLocal8Bit(sockscope::errorText(error));
    return text;
}

QString MessageCatalog::systemErrorMessage(int errnoValue)
{
    switch (errnoValue) {
    case ECONNREFUSED: return tr("Connection refused: nothing is listening on that port");
    case ETIMEDOUT: return tr("Timed out: the other side did not answer");
    case EHOSTUNREACH: return tr("No route to the host");
    case ENETUNREACH: return tr("The network is unreachable");
    case ECONNRESET: return tr("Connection reset by the peer");
    case ECONNABORTED: return tr("Connection aborted");
    case EADDRINUSE: return tr("Address already in use");
    case EADDRNOTAVAIL: return tr("That address is not available on this machine");
    case EAFNOSUPPORT: return tr("Address family not supported");
    case EPROTONOSUPPORT: return tr("Protocol not supported");
    case EACCES: return tr("Permission denied");
    case EPERM: return tr("Operation not permitted");
    case ENOENT: return tr("No such file or directory");
    case EEXIST: return tr("Already exists");
    case ENAMETOOLONG: return tr("Name too long");
    case EMFILE: return tr("Too many open files in this process");
    case ENFILE: return tr("Too many open files in the system");
    case ENOMEM: return tr("Out of memory");
    case ENOBUFS: return tr("No buffer space available");
    case ENOSPC: return tr("No space left on the device");
    case EPIPE: return tr("Broken pipe: the other end was closed");
    case ENOTCONN: return tr("The socket is not connected");
    case ENOTSOCK: return tr("Not a socket");
    case EBADF: return tr("Bad file descriptor");
    case EINVAL: return tr("Invalid argument");
    case EAGAIN: return tr("Resource temporarily unavailable, try again");
    case EINTR: return tr("Interrupted by a signal");
    case ECANCELED: return tr("Cancelled");
    case ENXIO: return tr("No such device or address (no reader on the other end)");
    case ESRCH: return tr("No such process");
    case ECHILD: return tr("No child process");
    default: return {};
    }
}

QString MessageCatalog::resolverErrorMessage(int eaiValue)
{
    switch (eaiValue) {
    case EAI_NONAME: return tr("The name is not known");
    case EAI_NODATA: return tr("The name has no addresses");
    case EAI_ADDRFAMILY: return tr("The name has no address in the requested family");
    case EAI_AGAIN: return tr("Temporary failure in name resolution: the name server did not answer");
    case EAI_FAIL: return tr("Permanent failure in name resolution");
    case EAI_FAMILY: return tr("The address family is not supported");
    case EAI_SOCKTYPE: return tr("The socket type is not supported");
    case EAI_SERVICE: return tr("The service is not known for this socket type");
    case EAI_BADFLAGS: return tr("Invalid resolver flags");
    case EAI_MEMORY: return tr("Out of memory while resolving");
    case EAI_OVERFLOW: return tr("The resolver's buffer was too small");
    case EAI_CANCELED: return tr("The lookup was cancelled");
    default: return {};
    }
}

QString MessageCatalog::inputErrorMessage(const sockscope::InputError &error)
{
    return tr("%1: %2").arg(fieldLabel(QString::fromStdString(error.field)), inputProblem(error));
}

QString MessageCatalog::fieldLabel(const QString &field)
{
    if (field == QLatin1String("input"))
        return tr("input");
    if (field == QLatin1String("host"))
        return tr("host");
    if (field == QLatin1String("service"))
        return tr("service");
    if (field == QLatin1String("port"))
        return tr("port");
    if (field == QLatin1String("path"))
        return tr("path");
    if (field == QLatin1String("scope"))
        return tr("scope");
    if (field == QLatin1String("signal"))
        return tr("signal");
    if (field == QLatin1String("pid"))
        return tr("pid");
    return field; // an option's name, as typed on the command line
}

QString MessageCatalog::endpointText(const sockscope::Event &event)
{
    if (!event.path.empty())
        return QStringLiteral("unix:") + QString::fromStdString(event.path);
    const QString address = QString::fromStdString(event.address);
    if (!event.port)
        return address;
    // Concatenated, not .arg(): a numeric scope ("fe80::1%3") holds a '%'.
    const QString port = QString::number(*event.port);
    return address.contains(QLatin1Char(':')) ? QLatin1Char('[') + address + QStringLiteral("]:") + port
                                              : address + QLatin1Char(':') + port;
}

QString MessageCatalog::acceptedValues(const QString &name)
{
    const QString field = name.startsWith(QLatin1String("--")) ? name.mid(2) : name; // an option or a field
    if (field == QLatin1String("protocol"))
        return tr("tcp, udp, a name from /etc/protocols (icmp, sctp, ...), or a number from 0 to 255");
    if (field == QLatin1String("family") || field == QLatin1String("prefer"))
        return field == QLatin1String("family") ? tr("any, inet or inet6") : tr("sorted, inet6 or inet");
    if (field == QLatin1String("type"))
        return tr("any, stream, dgram or raw");
    if (field == QLatin1String("unix-type"))
        return tr("stream, dgram or seqpacket");
    if (field == QLatin1String("v6only"))
        return tr("on or off");
    if (field == QLatin1String("strategy"))
        return tr("happy-eyeballs or sequential");
    if (field == QLatin1String("behaviour"))
        return tr("echo, discard, daytime, chargen, time, greeter, command, logger, forward or manual");
    if (field == QLatin1String("model"))
        return tr("in-loop, fork or prefork");
    if (field == QLatin1String("signal") || field == QLatin1String("signals"))
        return tr("a name such as USR1 or SIGUSR1, a number, or RTMIN+n ('sockscope signals list' shows them all)");
    if (field == QLatin1String("flags"))
        return tr("addrconfig, passive, canonname, numerichost, numericserv, v4mapped, all or idn");
    return {};
}

QString MessageCatalog::inputProblem(const sockscope::InputError &error)
{
    using sockscope::InputErrorCode;
    const QString value = QString::fromUtf8(error.value.data(), static_cast<qsizetype>(error.value.size()));
    const auto limit = static_cast<qulonglong>(error.limit);
    switch (error.code) {
    case InputErrorCode::Empty: return tr("nothing was given");
    case InputErrorCode::NulByte: return tr("contains a NUL byte at position %1").arg(error.position);
    case InputErrorCode::EmptyHost: return tr("the host is missing");
    case InputErrorCode::HostTooLong:
        return tr("the name is %1 characters long; a host name has at most %2").arg(value.size()).arg(limit);
    case InputErrorCode::LabelTooLong:
        return tr("the label “%1” is %2 characters long; a label has at most %3")
            .arg(value).arg(value.size()).arg(limit);
    case InputErrorCode::EmptyLabel:
        return tr("the name has an empty label (two dots in a row, or a dot at the start)");
    case InputErrorCode::BadHostCharacter: return tr("“%1” cannot appear in a host name").arg(value);
    case InputErrorCode::UnclosedBracket: return tr("the “[” is never closed with “]”");
    case InputErrorCode::TextAfterBracket:
        return tr("only “:service” may follow “]”, not “%1”").arg(value);
    case InputErrorCode::BadIpv6Literal:
        return tr("“%1” is not an IPv6 address (to add a port, write [address]:port)").arg(value);
    case InputErrorCode::EmptyScope: return tr("the scope after “%” is empty");
    case InputErrorCode::BadScope: return tr("“%1” is not an interface name or number").arg(value);
    case InputErrorCode::EmptyService: return tr("the service is missing");
    case InputErrorCode::BadServiceName: return tr("“%1” cannot appear in a service name").arg(value);
    case InputErrorCode::EmptyPort: return tr("the port in parentheses is missing");
    case InputErrorCode::BadPort: return tr("“%1” is not a port number").arg(value);
    case InputErrorCode::PortOutOfRange: return tr("%1 is out of range (0 to %2)").arg(value).arg(limit);
    case InputErrorCode::UnclosedParenthesis: return tr("the “(” is never closed with “)”");
    case InputErrorCode::TextAfterParenthesis:
        return tr("nothing may follow “)”, but “%1” does").arg(value);
    case InputErrorCode::EmptyPath: return tr("the socket path is empty");
    case InputErrorCode::PathTooLong:
        return tr("the path is %1 bytes long; a Unix socket path has at most %2").arg(error.value.size()).arg(limit);
    case InputErrorCode::BadNumber: return tr("“%1” is not a number").arg(value);
    case InputErrorCode::NumberOutOfRange:
        return tr("%1 is out of range (%2 to %3)").arg(value).arg(static_cast<qulonglong>(error.lowest)).arg(limit);
    case InputErrorCode::UnknownName: {
        const QString accepted = acceptedValues(QString::fromStdString(error.field));
        if (accepted.isEmpty())
            return tr("“%1” is not one of the accepted values").arg(value);
        return tr("“%1” is not accepted; use %2").arg(value, accepted);
    }
    case InputErrorCode::Conflict: return tr("“%1” conflicts with another part of the input").arg(value);
    case InputErrorCode::GivenTwice:
        return tr("“%1” is given twice, in the target and as an option; give it once").arg(value);
    case InputErrorCode::UnixNotAllowed:
        return error.field.find("bind") != std::string::npos ? tr("a Unix socket is no local IP address to bind")
                                                             : tr("a Unix socket address has no name to resolve");
    case InputErrorCode::BadEscape:
        return tr("“%1” is no escape: use \\n, \\r, \\t, \\0, \\\\ or \\x with two hex digits").arg(value);
    case InputErrorCode::NotNumeric: return tr("“%1” is a name; give a numeric address").arg(value);
    case InputErrorCode::UseInstead: return tr("does not apply here; use %1 instead").arg(value);
    case InputErrorCode::Required: return tr("is needed by %1").arg(value);
    case InputErrorCode::OnlyFor: return tr("applies only to %1").arg(value);
    case InputErrorCode::NotWatchable:
        return tr("%1 cannot be watched: SIGKILL and SIGSTOP cannot be caught, and SIGSEGV, SIGBUS, SIGILL, SIGFPE, "
                  "SIGTRAP and SIGSYS report a fault of the program itself")
            .arg(value);
    case InputErrorCode::NameTooLong:
        return tr("“%1” is %2 characters long; at most %3").arg(value).arg(value.size()).arg(limit);
    }
    return {};
}

QString MessageCatalog::fieldName(const QString &key)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("forward"), QT_TR_NOOP("forward to")},
        {QStringLiteral("connect_order"), QT_TR_NOOP("connect order")},
        {QStringLiteral("addresses"), QT_TR_NOOP("addresses")},
        {QStringLiteral("entries"), QT_TR_NOOP("entries")},
        {QStringLiteral("flags"), QT_TR_NOOP("flags")},
        {QStringLiteral("hint_family"), QT_TR_NOOP("requested family")},
        {QStringLiteral("hint_socktype"), QT_TR_NOOP("requested type")},
        {QStringLiteral("hint_protocol"), QT_TR_NOOP("requested protocol")},
        {QStringLiteral("canonname"), QT_TR_NOOP("canonical name")},
        {QStringLiteral("fallback_port"), QT_TR_NOOP("fallback port used")},
        {QStringLiteral("connect_order_rule"), QT_TR_NOOP("connect order rule")},
        {QStringLiteral("connect_first_family"), QT_TR_NOOP("first family")},
        {QStringLiteral("first_family_count"), QT_TR_NOOP("first family count")},
        {QStringLiteral("name"), QT_TR_NOOP("name")},
        {QStringLiteral("confirmed"), QT_TR_NOOP("confirmed")},
        {QStringLiteral("confirm_error"), QT_TR_NOOP("confirmation failed")},
        {QStringLiteral("line"), QT_TR_NOOP("line")},
        {QStringLiteral("time"), QT_TR_NOOP("time")},
        {QStringLiteral("version"), QT_TR_NOOP("version")},
        {QStringLiteral("argv"), QT_TR_NOOP("arguments")},
        {QStringLiteral("nsswitch_hosts"), QT_TR_NOOP("nsswitch hosts")},
        {QStringLiteral("hosts_lines"), QT_TR_NOOP("hosts lines")},
        {QStringLiteral("nameservers"), QT_TR_NOOP("name servers")},
        {QStringLiteral("ignored_nameservers"), QT_TR_NOOP("ignored name servers")},
        {QStringLiteral("search"), QT_TR_NOOP("search domains")},
        {QStringLiteral("search_order"), QT_TR_NOOP("names asked")},
        {QStringLiteral("addrconfig"), QT_TR_NOOP("AI_ADDRCONFIG")},
        {QStringLiteral("addrconfig_ipv4"), QT_TR_NOOP("counted IPv4")},
        {QStringLiteral("addrconfig_ipv6"), QT_TR_NOOP("counted IPv6")},
        {QStringLiteral("gai_rules"), QT_TR_NOOP("gai.conf rules")},
        {QStringLiteral("local_address"), QT_TR_NOOP("local address")},
        {QStringLiteral("local_port"), QT_TR_NOOP("local port")},
        {QStringLiteral("reason"), QT_TR_NOOP("reason")},
        {QStringLiteral("attempts"), QT_TR_NOOP("attempts")},
        {QStringLiteral("outcome"), QT_TR_NOOP("outcome")},
        {QStringLiteral("options"), QT_TR_NOOP("socket options")},
        {QStringLiteral("option"), QT_TR_NOOP("option")},
        {QStringLiteral("requested"), QT_TR_NOOP("asked")},
        {QStringLiteral("effective"), QT_TR_NOOP("in effect")},
        {QStringLiteral("requested_device"), QT_TR_NOOP("device asked")},
        {QStringLiteral("device"), QT_TR_NOOP("device")},
        {QStringLiteral("local_path"), QT_TR_NOOP("local path")},
        {QStringLiteral("resolv_timeout_s"), QT_TR_NOOP("resolver timeout (s)")},
        {QStringLiteral("resolv_attempts"), QT_TR_NOOP("resolver attempts")},
        {QStringLiteral("ndots"), QT_TR_NOOP("ndots")},
        {QStringLiteral("direction"), QT_TR_NOOP("direction")},
        {QStringLiteral("bytes_in"), QT_TR_NOOP("bytes in")},
        {QStringLiteral("bytes_out"), QT_TR_NOOP("bytes out")},
    };
    const char *name = names.value(key);
    return name ? tr(name) : key;
}

QString MessageCatalog::eventKindLabel(sockscope::EventKind kind)
{
    using sockscope::EventKind;
    switch (kind) {
    case EventKind::RunStart: return tr("Run started");
    case EventKind::BadInput: return tr("Bad input");
    case EventKind::ResolverConfig: return tr("Resolver configuration");
    case EventKind::Address: return tr("Address");
    case EventKind::ReverseResolved: return tr("Reverse name");
    case EventKind::Resolved: return tr("Resolved");
    case EventKind::ResolveFailed: return tr("Resolution failed");
    case EventKind::FamilyResolved: return tr("Family resolved");
    case EventKind::AttemptStart: return tr("Connection attempt started");
    case EventKind::AttemptFailed: return tr("Connection attempt failed");
    case EventKind::AttemptCancelled: return tr("Connection attempt cancelled");
    case EventKind::Connected: return tr("Connected");
    case EventKind::ConnectFailed: return tr("Connecting failed");
    case EventKind::Data: return tr("Data");
    case EventKind::Closed: return tr("Closed");
    case EventKind::Listening: return tr("Listening");
    case EventKind::PeerAccepted: return tr("Peer accepted");
    case EventKind::PeerRefused: return tr("Peer refused");
    case EventKind::PeerClosed: return tr("Peer closed");
    case EventKind::PeerLogged: return tr("Peer logged");
    case EventKind::PeerOwner: return tr("Peer's process");
    case EventKind::AcceptPaused: return tr("Accepting paused");
    case EventKind::AcceptResumed: return tr("Accepting resumed");
    case EventKind::WorkerStarted: return tr("Worker started");
    case EventKind::WorkerExited: return tr("Worker exited");
    case EventKind::Restarted: return tr("Restarted");
    case EventKind::ChildStarted: return tr("Child started");
    case EventKind::ChildExited: return tr("Child exited");
    case EventKind::ServerError: return tr("Server error");
    case EventKind::ServerStopped: return tr("Server stopped");
    case EventKind::SignalReceived: return tr("Signal received");
    case EventKind::SignalSent: return tr("Signal sent");
    case EventKind::IpcCreated: return tr("Created");
    case EventKind::IpcOpened: return tr("End opened");
    case EventKind::IpcWaiting: return tr("Waiting");
    case EventKind::IpcClosed: return tr("End closed");
    case EventKind::IpcRemoved: return tr("Removed");
    case EventKind::IpcFailed: return tr("Failed");
    case EventKind::IpcVerified: return tr("Checked");
    case EventKind::IpcOp: return tr("Operation");
    case EventKind::IpcObject: return tr("System V object");
    case EventKind::DescriptorSent: return tr("Descriptor sent");
    case EventKind::DescriptorReceived: return tr("Descriptor received");
    case EventKind::CredentialsReceived: return tr("Credentials received");
    case EventKind::ControlTruncated: return tr("Control data truncated");
    case EventKind::SocketAppeared: return tr("Socket appeared");
    case EventKind::SocketGone: return tr("Socket gone");
    }
    return {};
}

sockscope::MessageFormatter MessageCatalog::formatter()
{
    return {[](const std::error_code &error) { return errorMessage(error).toStdString(); },
            [](const sockscope::InputError &error) { return inputErrorMessage(error).toStdString(); }};
}
