// `sockscope run` as a person runs it: real programs from Debian (/bin/cat,
// /bin/sh, /usr/bin/env), their output as it is or as events, their exit
// status or the signal that ended them, and what they inherit from us:
// no blocked and no ignored signal.
#include "cli_run.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

namespace {

struct RunResult {
    int status = -1;
    QByteArray out;
    QByteArray err;
};

RunResult runProgram(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.setProcessEnvironment(cleanEnvironment());
    process.start(binary(), QStringList{QStringLiteral("run")} + arguments);
    process.write(input);
    process.closeWriteChannel();
    RunResult result;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QList<QJsonObject> events(const QByteArray &out)
{
    QList<QJsonObject> list;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            list << QJsonDocument::fromJson(line).object();
    }
    return list;
}

QByteArray streamBytes(const QList<QJsonObject> &list, const QString &stream)
{
    QByteArray bytes;
    for (const QJsonObject &event : list) {
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("data") &&
            event.value(QStringLiteral("stream")).toString() == stream)
            bytes += QByteArray::fromHex(event.value(QStringLiteral("hex")).toString().toLatin1());
    }
    return bytes;
}

} // namespace

class TestRunCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), "SOCKSCOPE_BINARY is not set to the program"); }

    // Its output as it is, both streams, and its exit status as ours.
    void passesOutputAndStatusThrough()
    {
        const RunResult result =
            runProgram({QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; exit 3")});
        QCOMPARE(result.status, 3);
        QCOMPARE(result.out, QByteArray("out\n"));
        QCOMPARE(result.err, QByteArray("err\n"));
    }

    // perlipc's open2: our standard input goes to /bin/cat and comes back.
    void inputGoesToTheProgram()
    {
        const QByteArray text(300000, 'c');
        const RunResult result = runProgram({QStringLiteral("cat")}, text); // found in PATH, as execvp would
        QCOMPARE(result.status, 0);
        QCOMPARE(result.out, text);
    }

    void eventsInJson()
    {
        const RunResult result = runProgram({QStringLiteral("--json"), QStringLiteral("--"), QStringLiteral("/bin/sh"),
                                             QStringLiteral("-c"), QStringLiteral("echo hi; echo oops >&2")});
        QCOMPARE(result.status, 0);
        const QList<QJsonObject> list = events(result.out);
        QVERIFY(list.size() >= 4);
        QCOMPARE(list.at(0).value(QStringLiteral("event")).toString(), QStringLiteral("run-start"));
        const QJsonObject started = list.at(1);
        QCOMPARE(started.value(QStringLiteral("event")).toString(), QStringLiteral("child-started"));
        QCOMPARE(started.value(QStringLiteral("argv")).toArray().at(0).toString(), QStringLiteral("/bin/sh"));
        const int pid = started.value(QStringLiteral("pid")).toInt();
        QVERIFY(pid > 0);
        QCOMPARE(streamBytes(list, QStringLiteral("stdout")), QByteArray("hi\n"));
        QCOMPARE(streamBytes(list, QStringLiteral("stderr")), QByteArray("oops\n"));
        const QJsonObject ended = list.last();
        QCOMPARE(ended.value(QStringLiteral("event")).toString(), QStringLiteral("child-exited"));
        QCOMPARE(ended.value(QStringLiteral("pid")).toInt(), pid);
        QCOMPARE(ended.value(QStringLiteral("status")).toInt(), 0);
    }

    // Ended by a signal: said with its name, and 128+N as our status.
    void signalThatEndedIt()
    {
        const RunResult result = runProgram({QStringLiteral("--json"), QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                             QStringLiteral("kill -TERM $$")});
        QCOMPARE(result.status, 128 + 15);
        const QJsonObject ended = events(result.out).last();
        QCOMPARE(ended.value(QStringLiteral("signal")).toInt(), 15);
        QCOMPARE(ended.value(QStringLiteral("signal_name")).toString(), QStringLiteral("SIGTERM"));
        QVERIFY(!ended.contains(QStringLiteral("status")));
    }

    // Sockscope blocks signals for its signalfd and ignores SIGPIPE: none
    // of it reaches a program it runs.
    void nothingBlockedOrIgnoredInTheChild()
    {
        const RunResult result =
            runProgram({QStringLiteral("/bin/grep"), QStringLiteral("-E"), QStringLiteral("^Sig(Blk|Ign):"),
                        QStringLiteral("/proc/self/status")});
        QCOMPARE(result.status, 0);
        const QList<QByteArray> lines = result.out.split('\n');
        QCOMPARE(lines.value(0), QByteArray("SigBlk:\t0000000000000000"));
        // glibc's two own signals (32, 33) too, which its posix_spawn leaves ignored.
        QCOMPARE(lines.value(1), QByteArray("SigIgn:\t0000000000000000"));
    }

    void badInput()
    {
        const RunResult none = runProgram({});
        QCOMPARE(none.status, 2);
        QVERIFY2(none.err.contains("program"), none.err.constData());
        const RunResult missing = runProgram({QStringLiteral("/no/such/program")});
        QCOMPARE(missing.status, 127);
        QVERIFY2(missing.err.contains("/no/such/program") && missing.err.contains("ENOENT"), missing.err.constData());
        const RunResult notRunnable = runProgram({QStringLiteral("/etc/hostname")});
        QCOMPARE(notRunnable.status, 126);
        QVERIFY2(notRunnable.err.contains("/etc/hostname"), notRunnable.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestRunCli)
#include "tst_run_cli.moc"
