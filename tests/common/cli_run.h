// Running the sockscope binary from a test as a person would: with a clean
// environment, through bash, as a server whose port comes from its
// listening event; and an echo server this project did not write.
#pragma once

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

struct Run {
    int status = -1;
    QString out;
    QString err;
};

inline QString binary()
{
    return qEnvironmentVariable("SOCKSCOPE_BINARY");
}

// An environment with no display and no language chosen: each test adds
// what it is about.
inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANG", "LC_ALL", "LC_MESSAGES",
                             "LANGUAGE"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    return env;
}

inline Run run(const QStringList &arguments, const QProcessEnvironment &env = cleanEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary(), arguments);
    process.closeWriteChannel(); // standard input ends at once
    Run result;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// Runs `script` in bash with $0 set to the program.
inline Run shell(const QString &script)
{
    QProcess bash;
    bash.setProcessEnvironment(cleanEnvironment());
    bash.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), script, binary()});
    Run result;
    if (!bash.waitForFinished(30000))
        return result;
    result.status = bash.exitCode();
    result.out = QString::fromUtf8(bash.readAllStandardOutput());
    result.err = QString::fromUtf8(bash.readAllStandardError());
    return result;
}

// `sockscope serve ... --json` running, its port read from its listening
// event; stopped (SIGKILL if still running) when it goes.
struct ServeRun {
    QProcess process;
    int port = 0;
    QByteArray seen;

    bool start(const QStringList &arguments, const QStringList &prefix = {})
    {
        process.setProcessEnvironment(cleanEnvironment());
        const QStringList serve = QStringList{QStringLiteral("serve")} + arguments + QStringList{QStringLiteral("--json")};
        if (prefix.isEmpty())
            process.start(binary(), serve);
        else
            process.start(prefix.front(), prefix.mid(1) + QStringList{binary()} + serve);
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired() && !seen.contains("\"event\":\"listening\"")) {
            if (!process.waitForReadyRead(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 1))))
                return false;
            seen += process.readAllStandardOutput();
        }
        for (const QByteArray &line : seen.split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("listening")) {
                port = event.value(QStringLiteral("port")).toInt();
                return true;
            }
        }
        return false;
    }
    const QByteArray &output()
    {
        seen += process.readAllStandardOutput();
        return seen;
    }
    ~ServeRun()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
};

/// Starts an echo server on 127.0.0.1 (Python's socket module: code this
/// project did not write) that echoes until the client's half-close, then
/// closes; returns "127.0.0.1:PORT", empty if it did not start.
inline QString startEchoServer(QProcess &echo)
{
    echo.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral("-c"), QStringLiteral("import socket, threading\n"
                                                         "s = socket.socket()\n"
                                                         "s.bind(('127.0.0.1', 0))\n"
                                                         "s.listen(16)\n"
                                                         "print(s.getsockname()[1], flush=True)\n"
                                                         "def serve(c):\n"
                                                         "    try:\n"
                                                         "        while (d := c.recv(65536)):\n"
                                                         "            c.sendall(d)\n"
                                                         "    except OSError:\n"
                                                         "        pass\n"
                                                         "    c.close()\n"
                                                         "while True:\n"
                                                         "    threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()\n")});
    if (!echo.waitForReadyRead(10000))
        return {};
    return QStringLiteral("127.0.0.1:") + QString::fromLatin1(echo.readAllStandardOutput().trimmed());
}
