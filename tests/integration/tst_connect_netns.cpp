// `sockscope connect` in a network namespace this test builds: a name whose
// first address (::1) has its SYNs dropped without a word (nftables, inside
// the namespace) and whose second (127.0.0.1) has a listener. Happy
// eyeballs connects to the second after the attempt delay; sequential waits
// for the first attempt's own timeout; the events say so. The drop is
// proved silent before anything relies on it. Without root it skips and
// says why.
#include "test_namespace.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

constexpr int kPort = 8080;

// A listener on 127.0.0.1:kPort that accepts and says nothing.
const char kListener[] = R"(
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(64)
print("ready", flush=True)
kept = []
while True:
    kept.append(s.accept()[0])
)";

struct Run {
    int status = -1;
    QList<QJsonObject> events;
    QByteArray err;

    // The first event named `name` (and of `attempt`, if given).
    QJsonObject find(const QString &name, int attempt = -1) const
    {
        for (const QJsonObject &event : events) {
            if (event.value(QStringLiteral("event")).toString() == name &&
                (attempt < 0 || event.value(QStringLiteral("attempt")).toInt() == attempt))
                return event;
        }
        return {};
    }
    double at(const QString &name, int attempt) const { return find(name, attempt).value(QStringLiteral("t_ms")).toDouble(); }
    // The whole run, for a failure message.
    QByteArray said() const
    {
        QByteArray text = err;
        for (const QJsonObject &event : events)
            text += QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
        return text;
    }
};

Run connectIn(TestNamespace &ns, const QStringList &arguments)
{
    Run run;
    QByteArray out;
    run.status = ns.run(QStringList{qEnvironmentVariable("SOCKSCOPE_BINARY"), QStringLiteral("connect")} + arguments +
                            QStringList{QStringLiteral("--check"), QStringLiteral("--json")},
                        &out, &run.err, {QStringLiteral("LANG=C.UTF-8")});
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            run.events << QJsonDocument::fromJson(line).object();
    }
    return run;
}

} // namespace

class TestConnectNetns : public QObject {
    Q_OBJECT
    std::unique_ptr<TestNamespace> ns_;

private slots:
    void initTestCase()
    {
        const QString reason = TestNamespace::unavailableReason();
        if (!reason.isEmpty())
            QSKIP(qPrintable(reason));
        ns_ = std::make_unique<TestNamespace>(QStringLiteral("connect"));
        QString error;
        QVERIFY2(ns_->create(&error), qPrintable(error));
        QVERIFY(ns_->writeEtc(QStringLiteral("hosts"), "::1 race.test\n127.0.0.1 race.test\n"));
        QVERIFY(ns_->writeEtc(QStringLiteral("nsswitch.conf"), "hosts: files\n"));
        QVERIFY(ns_->writeEtc(QStringLiteral("gai.conf"), "# RFC 6724's defaults: IPv6 first\n"));
        const QString rule = QStringLiteral("table inet t { chain in { type filter hook input priority 0; policy accept; "
                                            "ip6 daddr ::1 tcp dport %1 drop; }; }")
                                 .arg(kPort);
        QByteArray said;
        QCOMPARE(ns_->run({QStringLiteral("nft"), rule}, nullptr, &said), 0);
        QProcess *listener = ns_->start({QStringLiteral("/usr/bin/python3"), QStringLiteral("-c"),
                                         QString::fromLatin1(kListener), QString::number(kPort)});
        QVERIFY(listener);
        QDeadlineTimer deadline(20000);
        while (!said.contains("ready") && !deadline.hasExpired() && listener->state() == QProcess::Running) {
            listener->waitForReadyRead(200);
            said += listener->readAllStandardOutput();
        }
        QVERIFY2(said.contains("ready"), said.constData());
    }

    void dropIsSilent()
    {
        // Before relying on it: no refusal, no ICMP, only our own timeout.
        const Run run = connectIn(*ns_, {QStringLiteral("[::1]:%1").arg(kPort), QStringLiteral("--attempt-timeout"),
                                         QStringLiteral("400")});
        QVERIFY2(run.status == 1, run.said().constData());
        const QJsonObject failed = run.find(QStringLiteral("attempt-failed"), 0);
        QCOMPARE(failed.value(QStringLiteral("reason")).toString(), QStringLiteral("attempt-timeout"));
        QVERIFY(!failed.contains(QStringLiteral("errno")));
        QVERIFY(run.at(QStringLiteral("attempt-failed"), 0) - run.at(QStringLiteral("attempt-start"), 0) >= 400);
    }

    void happyEyeballsConnectsAfterTheAttemptDelay()
    {
        const Run run = connectIn(*ns_, {QStringLiteral("race.test:%1").arg(kPort), QStringLiteral("--attempt-delay"),
                                         QStringLiteral("200")});
        QVERIFY2(run.status == 0, run.said().constData());
        QCOMPARE(run.find(QStringLiteral("attempt-start"), 0).value(QStringLiteral("address")).toString(),
                 QStringLiteral("::1"));
        const QJsonObject connected = run.find(QStringLiteral("connected"));
        QCOMPARE(connected.value(QStringLiteral("attempt")).toInt(), 1);
        QCOMPARE(connected.value(QStringLiteral("address")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(run.find(QStringLiteral("attempt-cancelled"), 0).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("lost-race"));
        const double gap = run.at(QStringLiteral("attempt-start"), 1) - run.at(QStringLiteral("attempt-start"), 0);
        QVERIFY2(gap >= 200 && gap < 2000, run.said().constData());
        QCOMPARE(run.find(QStringLiteral("family-resolved")).isEmpty(), false);
    }

    void sequentialWaitsForTheAttemptTimeout()
    {
        const Run run = connectIn(*ns_, {QStringLiteral("race.test:%1").arg(kPort), QStringLiteral("--strategy"),
                                         QStringLiteral("sequential"), QStringLiteral("--attempt-timeout"),
                                         QStringLiteral("500")});
        QVERIFY2(run.status == 0, run.said().constData());
        QCOMPARE(run.find(QStringLiteral("attempt-failed"), 0).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("attempt-timeout"));
        const double gap = run.at(QStringLiteral("attempt-start"), 1) - run.at(QStringLiteral("attempt-start"), 0);
        QVERIFY2(gap >= 500 && gap < 3000, run.said().constData());
        QCOMPARE(run.find(QStringLiteral("connected")).value(QStringLiteral("attempt")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConnectNetns)
#include "tst_connect_netns.moc"
