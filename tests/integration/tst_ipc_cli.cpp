// `sockscope ipc pipe|socketpair|fifo` as a person runs them: each checks
// what it shows and says so in its exit status; the FIFO leaves nothing
// behind; a capacity beyond /proc/sys/fs/pipe-max-size is refused with
// EPERM for a user without CAP_SYS_RESOURCE (run as nobody when root).
#include "cli_run.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

namespace {

QList<QJsonObject> eventsOf(const QString &out)
{
    QList<QJsonObject> list;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        list << QJsonDocument::fromJson(line.toUtf8()).object();
    return list;
}

QJsonObject firstNamed(const QList<QJsonObject> &events, const QString &name)
{
    for (const QJsonObject &event : events) {
        if (event.value(QStringLiteral("event")).toString() == name)
            return event;
    }
    return {};
}

} // namespace

class TestIpcCli : public QObject {
    Q_OBJECT
private slots:
    void primitivesCheckWhatTheyShow_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("pipe") << QStringList{QStringLiteral("pipe")};
        QTest::newRow("pipe, 4 writers of PIPE_BUF")
            << QStringList{QStringLiteral("pipe"), QStringLiteral("--writers"), QStringLiteral("4"),
                           QStringLiteral("--bytes"), QStringLiteral("4000000")};
        QTest::newRow("pipe with capacity") << QStringList{QStringLiteral("pipe"), QStringLiteral("--capacity"),
                                                           QStringLiteral("262144")};
        QTest::newRow("stream pair") << QStringList{QStringLiteral("socketpair")};
        QTest::newRow("dgram pair") << QStringList{QStringLiteral("socketpair"), QStringLiteral("--type"),
                                                   QStringLiteral("dgram"), QStringLiteral("--bytes"),
                                                   QStringLiteral("100000")};
        QTest::newRow("seqpacket pair") << QStringList{QStringLiteral("socketpair"), QStringLiteral("--type"),
                                                       QStringLiteral("seqpacket")};
        QTest::newRow("fifo") << QStringList{QStringLiteral("fifo")};
    }

    void primitivesCheckWhatTheyShow()
    {
        QFETCH(QStringList, arguments);
        const Run result = run(QStringList{QStringLiteral("ipc")} + arguments + QStringList{QStringLiteral("--json")});
        QCOMPARE(result.status, 0);
        const QList<QJsonObject> events = eventsOf(result.out);
        QCOMPARE(events.first().value(QStringLiteral("argv")).toArray().at(1).toString(), QStringLiteral("ipc"));
        const QJsonObject verified = firstNamed(events, QStringLiteral("ipc-verified"));
        QVERIFY2(verified.value(QStringLiteral("ok")).toBool(), qPrintable(result.out.right(400)));
        QVERIFY(!firstNamed(events, QStringLiteral("ipc-created")).isEmpty());
    }

    void fifoShowsTheRendezvousAndLeavesNothing()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("named"));
        const Run result = run({QStringLiteral("ipc"), QStringLiteral("fifo"), path, QStringLiteral("--json")});
        QCOMPARE(result.status, 0);
        const QList<QJsonObject> events = eventsOf(result.out);
        QCOMPARE(firstNamed(events, QStringLiteral("ipc-failed")).value(QStringLiteral("error")).toString(),
                 QStringLiteral("ENXIO"));
        QVERIFY(!firstNamed(events, QStringLiteral("ipc-waiting")).isEmpty());
        QVERIFY(!firstNamed(events, QStringLiteral("ipc-removed")).isEmpty());
        QVERIFY(!QFileInfo::exists(path));
        // Where it stood now exists as a file: the FIFO cannot be made there.
        QFile taken(path);
        QVERIFY(taken.open(QIODevice::WriteOnly));
        const Run refused = run({QStringLiteral("ipc"), QStringLiteral("fifo"), path});
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("EEXIST")), qPrintable(refused.err));
    }

    void capacityBeyondTheLimitIsEpermForAUser()
    {
        if (::geteuid() != 0)
            QSKIP("needs root, to run the command as nobody (without CAP_SYS_RESOURCE)");
        const Run result = shell(QStringLiteral("exec /usr/bin/setpriv --reuid=nobody --regid=nogroup --clear-groups "
                                                "\"$0\" ipc pipe --capacity 16777216 --json"));
        QCOMPARE(result.status, 1);
        const QJsonObject failed = firstNamed(eventsOf(result.out), QStringLiteral("ipc-failed"));
        QCOMPARE(failed.value(QStringLiteral("operation")).toString(), QStringLiteral("set-capacity"));
        QCOMPARE(failed.value(QStringLiteral("error")).toString(), QStringLiteral("EPERM"));
    }

    void badInputNamesTheField_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no writers") << QStringList{QStringLiteral("pipe"), QStringLiteral("--writers"), QStringLiteral("0")}
                                    << "--writers: 0 is out of range";
        QTest::newRow("tiny chunk") << QStringList{QStringLiteral("pipe"), QStringLiteral("--chunk"), QStringLiteral("2")}
                                    << "--chunk: 2 is out of range";
        QTest::newRow("bytes no number") << QStringList{QStringLiteral("socketpair"), QStringLiteral("--bytes"), QStringLiteral("lots")}
                                         << "--bytes: “lots” is not a number";
        QTest::newRow("type") << QStringList{QStringLiteral("socketpair"), QStringLiteral("--type"), QStringLiteral("raw")}
                              << "“raw” is not accepted; use stream, dgram or seqpacket";
        QTest::newRow("primitive") << QStringList{QStringLiteral("tube")} << "“tube” is no primitive";
        QTest::newRow("nothing") << QStringList{} << "say which primitive";
    }

    void badInputNamesTheField()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Run result = run(QStringList{QStringLiteral("ipc")} + arguments);
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestIpcCli)
#include "tst_ipc_cli.moc"
