#include "ipc_fdpass_command.h"

#include "command_context.h"
#include "event_text.h"

#include <sockscope/events/error.h>
#include <sockscope/ipc/fd_pass.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <map>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using sockscope::Event;
using sockscope::EventKind;
using sockscope::InputError;
using sockscope::UniqueFd;

namespace {

using namespace std::chrono_literals;
constexpr auto kGiveUpAfter = 10s; // both ends are ours: only a broken kernel takes this long

std::int64_t integerField(const Event &event, const char *key)
{
    for (const auto &[name, value] : event.extra) {
        if (name == key && std::holds_alternative<std::int64_t>(value))
            return std::get<std::int64_t>(value);
    }
    return -1;
}

// A private 0700 directory with one file in it, both removed when it goes.
class OwnFile {
public:
    ~OwnFile()
    {
        if (!file_.isEmpty())
            ::unlink(QFile::encodeName(file_).constData());
        if (!directory_.isEmpty())
            ::rmdir(QFile::encodeName(directory_).constData());
    }
    std::error_code create(UniqueFd &out)
    {
        QByteArray pattern = QFile::encodeName(QDir::tempPath() + QStringLiteral("/sockscope-fdpass-XXXXXX"));
        if (!::mkdtemp(pattern.data())) // mode 0700
            return sockscope::lastSystemError();
        directory_ = QFile::decodeName(pattern);
        file_ = directory_ + QStringLiteral("/passed-file");
        out.reset(::open(QFile::encodeName(file_).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        if (!out)
            return sockscope::lastSystemError();
        const char text[] = "passed by sockscope ipc fdpass\n";
        if (::write(out.get(), text, sizeof text - 1) < 0)
            return sockscope::lastSystemError();
        return {};
    }
    const QString &path() const { return file_; }

private:
    QString directory_;
    QString file_;
};

class FdpassCommand {
    Q_DECLARE_TR_FUNCTIONS(FdpassCommand)
public:
    int run(const QStringList &arguments);

private:
    struct Passed {
        UniqueFd fd;
        QString label;
    };
    // Keeps what the check needs, prints for people, and hands every event on.
    class Observer final : public sockscope::EventSink {
    public:
        explicit Observer(FdpassCommand &command) : command_(command) {}
        void onEvent(const Event &event) override { command_.observe(event); }

    private:
        FdpassCommand &command_;
    };
    using Slot = std::pair<std::int64_t, std::int64_t>; // message, index

    std::optional<InputError> readOptions(const QCommandLineParser &parser);
    int openPaths();
    std::error_code makeOwnDescriptors();
    bool startEnds();
    void passAll();
    void observe(const Event &event);
    void print(const Event &event);
    QString identityText(const Event &event) const;
    bool verify();

    CommandContext context_{QStringLiteral("ipc fdpass")};
    Observer observer_{*this};
    long perMessage_ = 0; // 0: all in one message
    long controlSpace_ = static_cast<long>(sockscope::FdPass::kMaxDescriptorsPerMessage);
    QStringList paths_;
    OwnFile ownFile_;
    UniqueFd pipeWriteEnd_; // kept open: the passed read end stays a live pipe
    std::vector<Passed> passed_;
    std::map<int, QString> labels_; // our descriptor number -> what it is
    std::unique_ptr<sockscope::FdPass> sender_;
    std::unique_ptr<sockscope::FdPass> receiver_;
    std::map<Slot, std::pair<std::int64_t, std::int64_t>> sent_, received_; // -> dev, inode
    std::uint64_t messages_ = 0;
    bool stopping_ = false;
    bool failed_ = false; // a send failed, or the pair closed early
};

std::optional<InputError> FdpassCommand::readOptions(const QCommandLineParser &parser)
{
    const long most = static_cast<long>(sockscope::FdPass::kMaxDescriptorsPerMessage);
    if (parser.isSet(QStringLiteral("per-message"))) {
        if (auto error = readNumberOption(parser, "per-message", 1, most, perMessage_))
            return error;
    }
    if (parser.isSet(QStringLiteral("control-space"))) {
        if (auto error = readNumberOption(parser, "control-space", 1, most, controlSpace_))
            return error;
    }
    paths_ = parser.positionalArguments();
    return std::nullopt;
}

// Each PATH read-only; a path that cannot be opened is bad input, named.
int FdpassCommand::openPaths()
{
    for (const QString &path : paths_) {
        UniqueFd fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
        if (!fd) {
            context_.printError(tr("%1: cannot open: %2").arg(path, EventText::failure(sockscope::lastSystemError())));
            return ExitUsage;
        }
        passed_.push_back(Passed{std::move(fd), path});
    }
    return ExitSuccess;
}

// A file in a private directory, a pipe's read end, a TCP socket listening
// on loopback: one of each kind a person passes.
std::error_code FdpassCommand::makeOwnDescriptors()
{
    UniqueFd file;
    if (std::error_code error = ownFile_.create(file))
        return error;
    passed_.push_back(Passed{std::move(file), ownFile_.path()});
    sockscope::PipeEnds pipe;
    if (std::error_code error = sockscope::makePipe(pipe))
        return error;
    pipeWriteEnd_ = std::move(pipe.write);
    passed_.push_back(Passed{std::move(pipe.read), tr("a pipe's read end")});
    UniqueFd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    sockaddr_in loopback{};
    loopback.sin_family = AF_INET;
    loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!listener || ::bind(listener.get(), reinterpret_cast<const sockaddr *>(&loopback), sizeof loopback) != 0 ||
        ::listen(listener.get(), 1) != 0)
        return sockscope::lastSystemError();
    passed_.push_back(Passed{std::move(listener), tr("a TCP socket listening on loopback")});
    return {};
}

bool FdpassCommand::startEnds()
{
    UniqueFd ours, theirs;
    std::error_code error = sockscope::makeSocketPair(SOCK_STREAM, ours, theirs);
    sockscope::FdPassOptions sending;
    sending.readDetails = true;
    sending.target = "sender";
    sockscope::FdPassOptions receiving = sending;
    sending.receives = false; // descriptors go one way
    receiving.target = "receiver";
    receiving.passCredentials = true;
    receiving.controlSpace = static_cast<std::size_t>(controlSpace_);
    if (!error)
        sender_ = sockscope::FdPass::start(context_.reactor(), observer_, std::move(ours), sending, error);
    if (!error)
        receiver_ = sockscope::FdPass::start(context_.reactor(), observer_, std::move(theirs), receiving, error);
    if (error)
        context_.printError(EventText::failure(error));
    return !error;
}

// Messages of --per-message descriptors each, taken in turn, until each was
// sent once (the last message wraps around to fill itself).
void FdpassCommand::passAll()
{
    const std::size_t count = passed_.size();
    const std::size_t each = perMessage_ > 0 ? static_cast<std::size_t>(perMessage_) : count;
    const std::size_t messages = (count + each - 1) / each;
    for (std::size_t m = 0; m < messages && !failed_; ++m) {
        std::vector<int> descriptors;
        for (std::size_t i = 0; i < each; ++i)
            descriptors.push_back(passed_[(m * each + i) % count].fd.get());
        if (sender_->send(descriptors))
            failed_ = true; // said by its ipc-failed
        else
            ++messages_;
    }
}

void FdpassCommand::observe(const Event &event)
{
    const Slot slot{integerField(event, "message"), integerField(event, "index")};
    const std::pair<std::int64_t, std::int64_t> identity{integerField(event, "dev"), integerField(event, "inode")};
    if (event.kind == EventKind::DescriptorSent)
        sent_[slot] = identity;
    else if (event.kind == EventKind::DescriptorReceived)
        received_[slot] = identity;
    else if (event.kind == EventKind::IpcFailed || event.kind == EventKind::IpcClosed)
        failed_ = true;
    context_.events().onEvent(event);
    if (!context_.json())
        print(event);
    const bool allRead = receiver_ && receiver_->messagesReceived() >= messages_ && messages_ > 0;
    if ((allRead || failed_) && !stopping_) {
        stopping_ = true;
        context_.reactor().post([this] { context_.reactor().stop(); }); // after this batch's events
    }
}

QString FdpassCommand::identityText(const Event &event) const
{
    QString text = tr("%1, dev %2, inode %3, mode %4")
                       .arg(EventText::extra(event, "type"))
                       .arg(integerField(event, "dev"))
                       .arg(integerField(event, "inode"))
                       .arg(QString::number(integerField(event, "mode"), 8));
    for (const char *key : {"link", "local_address", "peer_address"}) {
        const QString value = EventText::extra(event, key);
        if (!value.isEmpty())
            text += QStringLiteral(", %1 %2").arg(QString::fromLatin1(key), value);
    }
    return text;
}

void FdpassCommand::print(const Event &event)
{
    const QString message = QString::number(integerField(event, "message"));
    const QString fd = QString::number(integerField(event, "fd"));
    switch (event.kind) {
    case EventKind::DescriptorSent:
        context_.print(tr("sent      message %1 #%2: fd %3 (%4): %5\n")
                           .arg(message, EventText::extra(event, "index"), fd,
                                labels_.count(static_cast<int>(integerField(event, "fd")))
                                    ? labels_.at(static_cast<int>(integerField(event, "fd")))
                                    : QString(),
                                identityText(event)));
        break;
    case EventKind::DescriptorReceived:
        context_.print(tr("received  message %1 #%2: fd %3: %4\n")
                           .arg(message, EventText::extra(event, "index"), fd, identityText(event)));
        break;
    case EventKind::ControlTruncated:
        context_.print(tr("message %1: control data cut off (MSG_CTRUNC): %2 descriptors arrived, room for %3; "
                          "the kernel closed the rest\n")
                           .arg(message, EventText::extra(event, "received"), EventText::extra(event, "control_space")));
        break;
    case EventKind::CredentialsReceived:
        context_.print(tr("message %1: credentials pid %2 uid %3 gid %4; SO_PEERCRED pid %5 uid %6 gid %7: %8\n")
                           .arg(message)
                           .arg(event.pid.value_or(-1))
                           .arg(event.uid.value_or(-1))
                           .arg(event.gid.value_or(-1))
                           .arg(EventText::extra(event, "peer_pid"), EventText::extra(event, "peer_uid"),
                                EventText::extra(event, "peer_gid"),
                                EventText::extra(event, "agree") == QLatin1String("true")
                                    ? tr("they agree")
                                    : tr("they disagree (SO_PEERCRED is the kernel's: trust it)")));
        break;
    case EventKind::IpcFailed:
        context_.print(tr("message %1: not sent: %2\n").arg(message, EventText::failure(event.error)));
        break;
    case EventKind::IpcClosed:
        context_.print(tr("%1: the other end closed\n").arg(QString::fromStdString(event.target)));
        break;
    default:
        break;
    }
}

// Each descriptor sent arrived, at the same place, as the same file.
bool FdpassCommand::verify()
{
    std::int64_t matched = 0;
    for (const auto &[slot, identity] : sent_) {
        const auto arrived = received_.find(slot);
        if (arrived != received_.end() && arrived->second == identity)
            ++matched;
    }
    const bool ok = !failed_ && matched == static_cast<std::int64_t>(sent_.size()) && !sent_.empty() &&
                    received_.size() == sent_.size();
    Event verified = sockscope::makeEvent(EventKind::IpcVerified, context_.reactor().now());
    verified.extra.emplace_back("ok", ok);
    verified.extra.emplace_back("sent", static_cast<std::int64_t>(sent_.size()));
    verified.extra.emplace_back("received", static_cast<std::int64_t>(received_.size()));
    verified.extra.emplace_back("matched", matched);
    context_.events().onEvent(verified);
    if (!context_.json()) {
        context_.print(ok ? tr("all %1 descriptors arrived as the same files (same device and inode)\n").arg(matched)
                          : tr("%1 of %2 descriptors arrived as the same files\n").arg(matched).arg(sent_.size()));
    }
    return ok;
}

int FdpassCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Passes descriptors over a Unix socket pair (SCM_RIGHTS, as Perl's IO::FDPass): by default a file, a "
           "pipe end and a socket of its own, or each PATH opened read-only. Shows the identity of each descriptor "
           "sent and received (type, dev, inode, mode, /proc link, socket addresses) and the sender's credentials "
           "beside SO_PEERCRED, and checks that each arrived as the same file. Exit status 0 when all did, 1 when "
           "not (a control space smaller than a message cuts descriptors off: MSG_CTRUNC)."));
    parser.addPositionalArgument(QStringLiteral("paths"), tr("Files to open read-only and pass."), tr("[PATH...]"));
    parser.addOption({QStringLiteral("per-message"), tr("Descriptors in each message (1-253; default: all in one)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("control-space"),
                      tr("Descriptors the receiving control buffer has room for (1-253; default 253)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("json"), tr("One JSON object a line.")});
    int status = ExitSuccess;
    if (!context_.parse(parser, arguments, [this](const QCommandLineParser &p) { return readOptions(p); }, status))
        return status;
    if (!paths_.isEmpty()) {
        if (const int opened = openPaths(); opened != ExitSuccess)
            return opened;
    } else if (const std::error_code error = makeOwnDescriptors()) {
        context_.printError(EventText::failure(error));
        return ExitFailure;
    }
    for (const Passed &one : passed_)
        labels_[one.fd.get()] = one.label;
    if (!context_.start(parser.isSet(QStringLiteral("json"))) || !startEnds())
        return ExitFailure;
    passAll();
    const sockscope::TimerId giveUp = context_.reactor().startTimer(kGiveUpAfter, [this] {
        failed_ = true;
        context_.reactor().stop();
    });
    context_.reactor().run();
    context_.reactor().cancelTimer(giveUp);
    const bool ok = !context_.interrupted() && verify();
    receiver_.reset();
    sender_.reset();
    return context_.finish(ok ? ExitSuccess : ExitFailure);
}

} // namespace

int runIpcFdpassCommand(const QStringList &arguments)
{
    FdpassCommand command;
    return command.run(arguments);
}
