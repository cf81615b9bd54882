// `sockscope ipc shm|sem|msg|list` as a person runs it: the round trips
// that check themselves, objects created by one invocation and used and
// removed by the next, the system's list showing them, and bad input
// named by its field. Run in an IPC namespace of its own (the programs it
// starts share it); at the end nothing of this test is left there.
#include "cli_run.h"
#include "sysv_namespace.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

namespace {

Run ipc(QStringList arguments)
{
    return run(QStringList{QStringLiteral("ipc")} + arguments);
}

QList<QJsonObject> events(const QString &out)
{
    QList<QJsonObject> list;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        list << QJsonDocument::fromJson(line.toUtf8()).object();
    return list;
}

QJsonObject firstEvent(const QString &out, const QString &name)
{
    for (const QJsonObject &event : events(out)) {
        if (event.value(QStringLiteral("event")).toString() == name)
            return event;
    }
    return {};
}

// The id a `create --json` reported.
int createdId(const Run &created)
{
    return firstEvent(created.out, QStringLiteral("ipc-created")).value(QStringLiteral("id")).toInt(-1);
}

// Rows of /proc/sysvipc/NAME, header left out.
int sysvRows(const QString &name)
{
    QFile table(QStringLiteral("/proc/sysvipc/") + name);
    if (!table.open(QIODevice::ReadOnly))
        return -1;
    return static_cast<int>(table.readAll().trimmed().split('\n').size()) - 1;
}

} // namespace

class TestSysvCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(binary()), "SOCKSCOPE_BINARY is not set to the program");
        if (const QString problem = ipcNamespaceProblem(); !problem.isEmpty())
            QSKIP(qPrintable(problem));
    }

    void cleanupTestCase()
    {
        for (const QString &table : {QStringLiteral("shm"), QStringLiteral("sem"), QStringLiteral("msg")})
            QCOMPARE(sysvRows(table), 0);
    }

    void roundTripsHold_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("checks");
        QTest::newRow("shm") << QStringLiteral("shm")
                             << QStringList{QStringLiteral("bytes-intact"), QStringLiteral("removed-stays-while-attached"),
                                            QStringLiteral("gone-after-last-detach")};
        QTest::newRow("sem") << QStringLiteral("sem")
                             << QStringList{QStringLiteral("wait-goes-to-worker"), QStringLiteral("post-releases-wait"),
                                            QStringLiteral("nowait-gives-eagain"), QStringLiteral("zero-holds-at-once")};
        QTest::newRow("msg") << QStringLiteral("msg")
                             << QStringList{QStringLiteral("messages-by-type"), QStringLiteral("removal-wakes-with-eidrm")};
    }

    void roundTripsHold()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, checks);
        const Run text = ipc({kind});
        QCOMPARE(text.status, 0);
        QVERIFY2(!text.out.contains(QStringLiteral("DOES NOT HOLD")), qPrintable(text.out));
        const Run json = ipc({kind, QStringLiteral("--json")});
        QCOMPARE(json.status, 0);
        QStringList passed;
        for (const QJsonObject &event : events(json.out)) {
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("ipc-verified") &&
                event.value(QStringLiteral("ok")).toBool())
                passed << event.value(QStringLiteral("check")).toString();
        }
        QCOMPARE(passed, checks);
        QCOMPARE(sysvRows(kind), 0);
    }

    void segmentAcrossInvocations()
    {
        const Run created = ipc({QStringLiteral("shm"), QStringLiteral("create"), QStringLiteral("--size"),
                                 QStringLiteral("64"), QStringLiteral("--json")});
        QCOMPARE(created.status, 0);
        const QString id = QString::number(createdId(created));
        QVERIFY(id != QLatin1String("-1"));
        QCOMPARE(sysvRows(QStringLiteral("shm")), 1); // left there, as asked

        const Run listed = ipc({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(listed.status, 0);
        const QJsonObject object = firstEvent(listed.out, QStringLiteral("ipc-object"));
        QCOMPARE(object.value(QStringLiteral("kind")).toString(), QStringLiteral("shm"));
        QCOMPARE(object.value(QStringLiteral("id")).toInt(), id.toInt());
        QCOMPARE(object.value(QStringLiteral("size")).toInt(), 64);

        QCOMPARE(ipc({QStringLiteral("shm"), QStringLiteral("write"), id, QStringLiteral("hello\\x00there"),
                      QStringLiteral("--offset"), QStringLiteral("8")})
                     .status,
                 0);
        const Run read = ipc({QStringLiteral("shm"), QStringLiteral("read"), id, QStringLiteral("--offset"),
                              QStringLiteral("8"), QStringLiteral("--length"), QStringLiteral("11"), QStringLiteral("--json")});
        QCOMPARE(read.status, 0);
        QCOMPARE(firstEvent(read.out, QStringLiteral("ipc-op")).value(QStringLiteral("hex")).toString(),
                 QStringLiteral("68656c6c6f007468657265"));
        const Run beyond = ipc({QStringLiteral("shm"), QStringLiteral("read"), id, QStringLiteral("--offset"),
                                QStringLiteral("60"), QStringLiteral("--length"), QStringLiteral("10")});
        QCOMPARE(beyond.status, 1);
        QVERIFY2(beyond.out.contains(QStringLiteral("ERANGE")), qPrintable(beyond.out));
        QCOMPARE(ipc({QStringLiteral("shm"), QStringLiteral("rm"), id}).status, 0);
        QCOMPARE(sysvRows(QStringLiteral("shm")), 0);
        QCOMPARE(ipc({QStringLiteral("shm"), QStringLiteral("rm"), id}).status, 1); // gone: EINVAL
    }

    void semaphoresAcrossInvocations()
    {
        const Run created = ipc({QStringLiteral("sem"), QStringLiteral("create"), QStringLiteral("--count"),
                                 QStringLiteral("2"), QStringLiteral("--json")});
        QCOMPARE(created.status, 0);
        const QString id = QString::number(createdId(created));
        QCOMPARE(ipc({QStringLiteral("sem"), QStringLiteral("set"), id, QStringLiteral("1"), QStringLiteral("5")}).status, 0);
        QCOMPARE(ipc({QStringLiteral("sem"), QStringLiteral("op"), id, QStringLiteral("1:-2"), QStringLiteral("0:+1")}).status, 0);
        const Run got = ipc({QStringLiteral("sem"), QStringLiteral("get"), id, QStringLiteral("--json")});
        const QJsonArray values = firstEvent(got.out, QStringLiteral("ipc-op")).value(QStringLiteral("semaphores")).toArray();
        QCOMPARE(values.size(), 2);
        QCOMPARE(values[0].toObject().value(QStringLiteral("value")).toInt(), 1);
        QCOMPARE(values[1].toObject().value(QStringLiteral("value")).toInt(), 3);
        const Run refused = ipc({QStringLiteral("sem"), QStringLiteral("op"), id, QStringLiteral("1:-4"),
                                 QStringLiteral("--nowait"), QStringLiteral("--json")});
        QCOMPARE(refused.status, 1);
        QCOMPARE(firstEvent(refused.out, QStringLiteral("ipc-op")).value(QStringLiteral("error")).toString(),
                 QStringLiteral("EAGAIN"));
        // A wait nobody releases, cancelled after its --max-seconds.
        const Run cancelled = ipc({QStringLiteral("sem"), QStringLiteral("op"), id, QStringLiteral("1:-4"),
                                   QStringLiteral("--max-seconds"), QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(cancelled.status, 1);
        QVERIFY(!firstEvent(cancelled.out, QStringLiteral("ipc-waiting")).isEmpty());
        QCOMPARE(firstEvent(cancelled.out, QStringLiteral("ipc-op")).value(QStringLiteral("error")).toString(),
                 QStringLiteral("ECANCELED"));
        QCOMPARE(ipc({QStringLiteral("sem"), QStringLiteral("rm"), id}).status, 0);
    }

    void messagesAcrossInvocations()
    {
        const Run created = ipc({QStringLiteral("msg"), QStringLiteral("create"), QStringLiteral("--json")});
        QCOMPARE(created.status, 0);
        const QString id = QString::number(createdId(created));
        QCOMPARE(ipc({QStringLiteral("msg"), QStringLiteral("send"), id, QStringLiteral("5"), QStringLiteral("five")}).status, 0);
        QCOMPARE(ipc({QStringLiteral("msg"), QStringLiteral("send"), id, QStringLiteral("2"), QStringLiteral("two")}).status, 0);
        const Run listed = ipc({QStringLiteral("list")});
        QVERIFY2(listed.out.contains(QStringLiteral("msg id %1").arg(id)), qPrintable(listed.out));
        const Run lowest = ipc({QStringLiteral("msg"), QStringLiteral("recv"), id, QStringLiteral("--json"), QStringLiteral("--"),
                                QStringLiteral("-9")}); // a negative number after --, or it reads as an option
        QCOMPARE(lowest.status, 0);
        const QJsonObject received = firstEvent(lowest.out, QStringLiteral("ipc-op"));
        QCOMPARE(received.value(QStringLiteral("message_type")).toInt(), 2);
        QCOMPARE(received.value(QStringLiteral("text")).toString(), QStringLiteral("two"));
        const Run next = ipc({QStringLiteral("msg"), QStringLiteral("recv"), id, QStringLiteral("--nowait")});
        QVERIFY2(next.out.contains(QStringLiteral("five")), qPrintable(next.out));
        const Run empty = ipc({QStringLiteral("msg"), QStringLiteral("recv"), id, QStringLiteral("--nowait"), QStringLiteral("--json")});
        QCOMPARE(empty.status, 1);
        QCOMPARE(firstEvent(empty.out, QStringLiteral("ipc-op")).value(QStringLiteral("error")).toString(), QStringLiteral("ENOMSG"));
        QCOMPARE(ipc({QStringLiteral("msg"), QStringLiteral("rm"), id}).status, 0);
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("field");
        QTest::newRow("id no number") << QStringList{QStringLiteral("shm"), QStringLiteral("rm"), QStringLiteral("abc")} << QStringLiteral("id");
        QTest::newRow("unknown action") << QStringList{QStringLiteral("sem"), QStringLiteral("write"), QStringLiteral("1")} << QStringLiteral("action");
        QTest::newRow("size out of range") << QStringList{QStringLiteral("shm"), QStringLiteral("create"), QStringLiteral("--size"), QStringLiteral("0")} << QStringLiteral("size");
        QTest::newRow("bad op") << QStringList{QStringLiteral("sem"), QStringLiteral("op"), QStringLiteral("1"), QStringLiteral("0:x")} << QStringLiteral("op");
        QTest::newRow("type zero") << QStringList{QStringLiteral("msg"), QStringLiteral("send"), QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("a")} << QStringLiteral("type");
        QTest::newRow("mode not octal") << QStringList{QStringLiteral("msg"), QStringLiteral("create"), QStringLiteral("--mode"), QStringLiteral("999")} << QStringLiteral("mode");
    }

    void badInputExitsTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, field);
        const Run result = ipc(arguments);
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.contains(field), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestSysvCli)
#include "tst_sysv_cli.moc"
