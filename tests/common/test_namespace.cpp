#include "test_namespace.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

const QString kEnvironmentKey = QStringLiteral("SOCKSCOPE_TEST_NAMESPACE");

QString ipTool()
{
    return QStandardPaths::findExecutable(QStringLiteral("ip"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                                                  QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
}

int runProcess(const QString &program, const QStringList &arguments, QByteArray *out, QByteArray *err,
               int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return -1;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    if (out)
        *out = process.readAllStandardOutput();
    if (err)
        *err = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

QString etcDirectory(const QString &name)
{
    return QStringLiteral("/etc/netns/") + name;
}

} // namespace

QString TestNamespace::unavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root to create network namespaces (run make test as root)");
    if (ipTool().isEmpty())
        return QStringLiteral("needs `ip` from iproute2");
    return {};
}

void TestNamespace::removeStale()
{
    QByteArray list;
    runProcess(ipTool(), {QStringLiteral("netns"), QStringLiteral("list")}, &list, nullptr, 10000);
    static const QRegularExpression pattern(QStringLiteral("^(sockscope-t(\\d+)-\\S+)"),
                                            QRegularExpression::MultilineOption);
    for (auto match = pattern.globalMatch(QString::fromUtf8(list)); match.hasNext();) {
        const auto found = match.next();
        const pid_t pid = found.captured(2).toInt();
        if (pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM))
            continue; // still running: not ours to remove
        runProcess(ipTool(), {QStringLiteral("netns"), QStringLiteral("delete"), found.captured(1)}, nullptr, nullptr,
                   10000);
        QDir(etcDirectory(found.captured(1))).removeRecursively();
    }
}

TestNamespace::TestNamespace(const QString &what)
    : name_(QStringLiteral("sockscope-t%1-%2").arg(::getpid()).arg(what))
{
}

TestNamespace::~TestNamespace()
{
    for (QProcess *helper : helpers_) {
        if (helper->state() != QProcess::NotRunning) {
            ::kill(static_cast<pid_t>(helper->processId()), SIGKILL);
            helper->waitForFinished(5000);
        }
        delete helper;
    }
    if (created_)
        runProcess(ipTool(), {QStringLiteral("netns"), QStringLiteral("delete"), name_}, nullptr, nullptr, 10000);
    QDir(etcDirectory(name_)).removeRecursively();
}

bool TestNamespace::create(QString *error)
{
    removeStale();
    QByteArray err;
    if (runProcess(ipTool(), {QStringLiteral("netns"), QStringLiteral("add"), name_}, nullptr, &err, 10000) != 0) {
        *error = QStringLiteral("ip netns add %1: %2").arg(name_, QString::fromUtf8(err).trimmed());
        return false;
    }
    created_ = true;
    return ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"), QStringLiteral("up")}, error);
}

bool TestNamespace::writeEtc(const QString &file, const QByteArray &content)
{
    if (!QDir().mkpath(etcDirectory(name_)))
        return false;
    QFile out(etcDirectory(name_) + QLatin1Char('/') + file);
    return out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(content) == content.size();
}

bool TestNamespace::ip(const QStringList &args, QString *error)
{
    QByteArray err;
    const int status = runProcess(ipTool(), QStringList{QStringLiteral("-n"), name_} + args, nullptr, &err, 10000);
    if (status != 0 && error)
        *error = QStringLiteral("ip -n %1 %2: %3").arg(name_, args.join(u' '), QString::fromUtf8(err).trimmed());
    return status == 0;
}

QStringList TestNamespace::wrap(const QStringList &command, const QStringList &environment) const
{
    QStringList arguments{QStringLiteral("netns"), QStringLiteral("exec"), name_};
    if (!environment.isEmpty())
        arguments << QStringLiteral("env") << environment;
    return arguments + command;
}

int TestNamespace::run(const QStringList &command, QByteArray *out, QByteArray *err, const QStringList &environment,
                       int timeoutMs)
{
    return runProcess(ipTool(), wrap(command, environment), out, err, timeoutMs);
}

QProcess *TestNamespace::start(const QStringList &command, const QStringList &environment)
{
    auto *process = new QProcess;
    // Dies with the test, even when the test is killed and runs no clean-up.
    process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    process->start(ipTool(), wrap(command, environment));
    helpers_.append(process);
    return process->waitForStarted(10000) ? process : nullptr;
}

QString currentTestNamespace()
{
    return qEnvironmentVariable("SOCKSCOPE_TEST_NAMESPACE");
}

int reexecInsideNamespace(int argc, char **argv, const QString &what,
                          const std::function<bool(TestNamespace &, QString *)> &setup)
{
    if (!currentTestNamespace().isEmpty())
        return -1;
    if (!TestNamespace::unavailableReason().isEmpty())
        return -1; // the cases skip, saying why
    QCoreApplication app(argc, argv);
    TestNamespace ns(what);
    QString error;
    if (!ns.create(&error) || !setup(ns, &error)) {
        qCritical("setting up namespace %s: %s", qPrintable(ns.name()), qPrintable(error));
        return 1;
    }
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    const QString self = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    child.start(ipTool(), ns.wrap(QStringList{self} + arguments, {kEnvironmentKey + QLatin1Char('=') + ns.name()}));
    if (!child.waitForStarted(10000))
        return 1;
    child.waitForFinished(-1); // ctest's TIMEOUT bounds this; PDEATHSIG ends the child then
    return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : 1;
}

bool startSlowDns(TestNamespace &ns, double delaySeconds, const QString &logFile, QString *error,
                  const QStringList &extra)
{
    const QString script = QStringLiteral(SOCKSCOPE_SOURCE_DIR "/tests/tools/slow_dns.py");
    QProcess *responder = ns.start(QStringList{QStringLiteral("/usr/bin/python3"), script, QStringLiteral("--delay"),
                                               QString::number(delaySeconds), QStringLiteral("--log"), logFile} +
                                   extra);
    if (!responder) {
        *error = QStringLiteral("the DNS responder did not start");
        return false;
    }
    QByteArray said;
    const QDeadlineTimer deadline(20000);
    while (!said.contains("ready") && !deadline.hasExpired() && responder->state() == QProcess::Running) {
        responder->waitForReadyRead(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 1)));
        said += responder->readAllStandardOutput();
    }
    if (!said.contains("ready")) {
        *error = QStringLiteral("the DNS responder did not come up: %1")
                     .arg(QString::fromUtf8(said + responder->readAllStandardError()));
        return false;
    }
    return true;
}
