// `sockscope ipc fdpass` as a person runs it: its own file, pipe end and
// socket arrive as the same files (--json, dev and inode on both ends);
// a control space smaller than the message is MSG_CTRUNC, said and exit 1;
// a path that cannot be opened is bad input that names it; its temporary
// directory is gone afterwards.
#include "cli_run.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

namespace {

QList<QJsonObject> events(const QString &out)
{
    QList<QJsonObject> list;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        list << QJsonDocument::fromJson(line.toUtf8()).object();
    return list;
}

QList<QJsonObject> named(const QList<QJsonObject> &list, const QString &name)
{
    QList<QJsonObject> found;
    for (const QJsonObject &event : list) {
        if (event.value(QStringLiteral("event")).toString() == name)
            found << event;
    }
    return found;
}

QStringList fdpass(const QStringList &arguments)
{
    return QStringList{QStringLiteral("ipc"), QStringLiteral("fdpass")} + arguments;
}

QStringList leftovers()
{
    return QDir(QDir::tempPath()).entryList({QStringLiteral("sockscope-fdpass-*")}, QDir::Dirs);
}

} // namespace

class TestFdpassCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), "SOCKSCOPE_BINARY is not set to the program"); }

    void ownDescriptorsArriveAsTheSameFiles()
    {
        const QStringList before = leftovers();
        const Run result = run(fdpass({QStringLiteral("--json")}));
        QCOMPARE(result.status, 0);
        const QList<QJsonObject> list = events(result.out);
        const QList<QJsonObject> sent = named(list, QStringLiteral("descriptor-sent"));
        const QList<QJsonObject> received = named(list, QStringLiteral("descriptor-received"));
        QCOMPARE(sent.size(), 3);
        QCOMPARE(received.size(), 3);
        QStringList types;
        for (qsizetype i = 0; i < sent.size(); ++i) {
            for (const char *key : {"dev", "inode", "mode", "message", "index"}) {
                const QString field = QString::fromLatin1(key);
                QVERIFY2(sent[i].value(field).isDouble(), key);
                QCOMPARE(received[i].value(field), sent[i].value(field));
            }
            QCOMPARE(received[i].value(QStringLiteral("type")), sent[i].value(QStringLiteral("type")));
            types << received[i].value(QStringLiteral("type")).toString();
        }
        QCOMPARE(types, (QStringList{QStringLiteral("file"), QStringLiteral("pipe"), QStringLiteral("socket")}));
        QVERIFY(received[2].value(QStringLiteral("local_address")).toString().startsWith(QStringLiteral("127.0.0.1:")));
        const QJsonObject credentials = named(list, QStringLiteral("credentials-received")).value(0);
        QCOMPARE(credentials.value(QStringLiteral("agree")).toBool(), true);
        const QJsonObject verified = named(list, QStringLiteral("ipc-verified")).value(0);
        QCOMPARE(verified.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(verified.value(QStringLiteral("matched")).toInt(), 3);
        QCOMPARE(leftovers(), before); // its private directory removed
    }

    void truncatedControlFails()
    {
        const Run result = run(fdpass({QStringLiteral("--json"), QStringLiteral("--control-space"), QStringLiteral("1"),
                                       QStringLiteral("--per-message"), QStringLiteral("3")}));
        QCOMPARE(result.status, 1);
        const QList<QJsonObject> list = events(result.out);
        const QList<QJsonObject> truncated = named(list, QStringLiteral("control-truncated"));
        QCOMPARE(truncated.size(), 1);
        QCOMPARE(truncated[0].value(QStringLiteral("received")).toInt(), 1);
        QCOMPARE(named(list, QStringLiteral("descriptor-received")).size(), 1);
        QCOMPARE(named(list, QStringLiteral("ipc-verified")).value(0).value(QStringLiteral("ok")).toBool(), false);
        // In words too.
        const Run text = run(fdpass({QStringLiteral("--control-space"), QStringLiteral("1"),
                                     QStringLiteral("--per-message"), QStringLiteral("3")}));
        QCOMPARE(text.status, 1);
        QVERIFY2(text.out.contains(QStringLiteral("MSG_CTRUNC")), qPrintable(text.out));
    }

    void pathsGiven()
    {
        const Run result = run(fdpass({QStringLiteral("--per-message"), QStringLiteral("1"), QStringLiteral("--json"),
                                       QStringLiteral("/etc/hostname"), QStringLiteral("/dev/null")}));
        QCOMPARE(result.status, 0);
        const QList<QJsonObject> received = named(events(result.out), QStringLiteral("descriptor-received"));
        QCOMPARE(received.size(), 2);
        QCOMPARE(received[0].value(QStringLiteral("link")).toString(), QStringLiteral("/etc/hostname"));
        QCOMPARE(received[1].value(QStringLiteral("type")).toString(), QStringLiteral("char"));
        QCOMPARE(received[1].value(QStringLiteral("message")).toInt(), 1);
    }

    void badInput()
    {
        const Run missing = run(fdpass({QStringLiteral("/no/such/file")}));
        QCOMPARE(missing.status, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("/no/such/file")) && missing.err.contains(QStringLiteral("ENOENT")),
                 qPrintable(missing.err));
        const Run tooMany = run(fdpass({QStringLiteral("--per-message"), QStringLiteral("254")}));
        QCOMPARE(tooMany.status, 2);
        QVERIFY2(tooMany.err.contains(QStringLiteral("--per-message")), qPrintable(tooMany.err));
        const Run none = run(fdpass({QStringLiteral("--control-space"), QStringLiteral("0")}));
        QCOMPARE(none.status, 2);
        QVERIFY2(none.err.contains(QStringLiteral("--control-space")), qPrintable(none.err));
    }
};

QTEST_GUILESS_MAIN(TestFdpassCli)
#include "tst_fdpass_cli.moc"
