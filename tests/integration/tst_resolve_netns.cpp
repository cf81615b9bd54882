// `sockscope resolve` run inside network namespaces this test builds: a
// hosts file, ADDRCONFIG decided by the namespace's own addresses, a real
// DNS server (dnsmasq) with many records, a CNAME chain and NXDOMAIN, and a
// slow responder with 50 lookups in flight when SIGTERM arrives. Without
// root every case skips and says why.
#include "test_namespace.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

namespace {

QString binary()
{
    return qEnvironmentVariable("SOCKSCOPE_BINARY");
}

const QByteArray kHosts = "127.0.0.1 localhost\n"
                          "192.0.2.10 multi.test\n"
                          "2001:db8::10 multi.test\n"
                          "192.0.2.11 multi.test\n"
                          "2001:db8::11 multi.test\n";

struct Run {
    int status = -1;
    QList<QJsonObject> events;
    QByteArray out;
    QByteArray err;
};

Run resolveIn(TestNamespace &ns, const QStringList &arguments)
{
    Run run;
    run.status = ns.run(QStringList{binary(), QStringLiteral("resolve")} + arguments, &run.out, &run.err,
                        {QStringLiteral("LANG=C.UTF-8")});
    for (const QByteArray &line : run.out.split('\n')) {
        if (!line.isEmpty())
            run.events << QJsonDocument::fromJson(line).object();
    }
    // Every stream opens with run-start; the cases look at what follows.
    if (!run.events.isEmpty() && run.events.first().value(QStringLiteral("event")).toString() == QLatin1String("run-start"))
        run.events.removeFirst();
    return run;
}

QStringList addresses(const Run &run)
{
    QStringList list;
    for (const QJsonObject &event : run.events) {
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("address"))
            list << event.value(QStringLiteral("address")).toString();
    }
    return list;
}

QJsonObject lastEvent(const Run &run)
{
    return run.events.isEmpty() ? QJsonObject() : run.events.last();
}

// The addresses in the order a connector would try them.
QStringList connectOrder(const Run &run)
{
    QMap<int, QString> byRank;
    for (const QJsonObject &event : run.events) {
        if (event.contains(QStringLiteral("connect_order")))
            byRank.insert(event.value(QStringLiteral("connect_order")).toInt(), event.value(QStringLiteral("address")).toString());
    }
    return byRank.values();
}

QJsonObject firstNamed(const Run &run, const QString &name)
{
    for (const QJsonObject &event : run.events) {
        if (event.value(QStringLiteral("event")).toString() == name)
            return event;
    }
    return {};
}

bool writeResolverFiles(TestNamespace &ns, const QByteArray &nsswitch, const QByteArray &resolv)
{
    return ns.writeEtc(QStringLiteral("hosts"), kHosts) && ns.writeEtc(QStringLiteral("nsswitch.conf"), nsswitch) &&
           ns.writeEtc(QStringLiteral("resolv.conf"), resolv);
}

} // namespace

class TestResolveNetns : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        const QString reason = TestNamespace::unavailableReason();
        if (!reason.isEmpty())
            QSKIP(qPrintable(reason));
        QVERIFY(QFile::exists(binary()));
    }

    void hostsFileInGetaddrinfosOrder()
    {
        TestNamespace ns(QStringLiteral("hosts"));
        QString error;
        QVERIFY2(ns.create(&error), qPrintable(error));
        QVERIFY(writeResolverFiles(ns, "hosts: files\n", ""));
        const Run run = resolveIn(ns, {QStringLiteral("multi.test"), QStringLiteral("--type"), QStringLiteral("stream"),
                                       QStringLiteral("--json")});
        QCOMPARE(run.status, 0);
        // getent, from glibc, asks getaddrinfo the same question: same order.
        QByteArray both;
        QCOMPARE(ns.run({QStringLiteral("getent"), QStringLiteral("ahosts"), QStringLiteral("multi.test")}, &both), 0);
        QStringList expected;
        for (const QByteArray &line : both.split('\n')) {
            if (line.contains("STREAM"))
                expected << QString::fromLatin1(line.split(' ').constFirst());
        }
        QCOMPARE(addresses(run), expected);
        QCOMPARE(addresses(run).size(), 4);
        QCOMPARE(lastEvent(run).value(QStringLiteral("event")).toString(), QStringLiteral("resolved"));
        QCOMPARE(lastEvent(run).value(QStringLiteral("entries")).toInt(), 4);
        QCOMPARE(lastEvent(run).value(QStringLiteral("addresses")).toArray().size(), 4);
        for (const QJsonObject &event : run.events)
            QCOMPARE(event.value(QStringLiteral("target")).toString(), QStringLiteral("multi.test"));
    }

    void servicePortFallback()
    {
        TestNamespace ns(QStringLiteral("fallback"));
        QString error;
        QVERIFY2(ns.create(&error), qPrintable(error));
        QVERIFY(writeResolverFiles(ns, "hosts: files\n", ""));
        Run run = resolveIn(ns, {QStringLiteral("multi.test:no-such-service(8080)"), QStringLiteral("--type"),
                                 QStringLiteral("stream"), QStringLiteral("--json")});
        QCOMPARE(run.status, 0);
        QCOMPARE(run.events.first().value(QStringLiteral("port")).toInt(), 8080);
        QVERIFY(lastEvent(run).value(QStringLiteral("fallback_port")).toBool());
        run = resolveIn(ns, {QStringLiteral("multi.test:http(8080)"), QStringLiteral("--type"),
                             QStringLiteral("stream"), QStringLiteral("--json")});
        QCOMPARE(run.events.first().value(QStringLiteral("port")).toInt(), 80);
        QVERIFY(!lastEvent(run).contains(QStringLiteral("fallback_port")));
        run = resolveIn(ns, {QStringLiteral("multi.test:no-such-service"), QStringLiteral("--type"),
                             QStringLiteral("stream"), QStringLiteral("--json")});
        QCOMPARE(run.status, 1);
        QCOMPARE(lastEvent(run).value(QStringLiteral("error")).toString(), QStringLiteral("EAI_SERVICE"));
    }

    void addrconfigFollowsConfiguredAddresses()
    {
        // IPv4 on a veth whose IPv6 is disabled: no IPv6 address but
        // loopback, so AI_ADDRCONFIG hides the AAAA answers.
        TestNamespace v4only(QStringLiteral("v4only"));
        QString error;
        QVERIFY2(v4only.create(&error), qPrintable(error));
        QVERIFY(writeResolverFiles(v4only, "hosts: files\n", ""));
        QVERIFY2(v4only.ip({QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("veth0"), QStringLiteral("type"),
                            QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), QStringLiteral("veth1")},
                           &error),
                 qPrintable(error));
        QCOMPARE(v4only.run({QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
                             QStringLiteral("net.ipv6.conf.veth0.disable_ipv6=1")}),
                 0);
        QVERIFY(v4only.ip({QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("192.0.2.1/24"),
                           QStringLiteral("dev"), QStringLiteral("veth0")}, &error));
        QVERIFY(v4only.ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("veth0"), QStringLiteral("up")}, &error));
        const QStringList stream{QStringLiteral("multi.test"), QStringLiteral("--type"), QStringLiteral("stream"),
                                 QStringLiteral("--json")};
        QCOMPARE(addresses(resolveIn(v4only, stream)), (QStringList{QStringLiteral("192.0.2.10"), QStringLiteral("192.0.2.11")}));
        QCOMPARE(addresses(resolveIn(v4only, stream + QStringList{QStringLiteral("--flags"), QStringLiteral("-addrconfig")})).size(), 4);
        // The explanation names the address that decided it.
        const Run explained = resolveIn(v4only, {QStringLiteral("multi.test"), QStringLiteral("--explain")});
        QVERIFY2(explained.out.contains("IPv6 answers are hidden") && explained.out.contains("192.0.2.1 (veth0)"),
                 explained.out.constData());
        const Run json = resolveIn(v4only, stream + QStringList{QStringLiteral("--explain")});
        QCOMPARE(firstNamed(json, QStringLiteral("resolver-config")).value(QStringLiteral("addrconfig")).toString(),
                 QStringLiteral("hides-inet6"));

        // The same with IPv6 left on: the veth's fe80:: address counts, and
        // nothing is hidden.
        TestNamespace dual(QStringLiteral("linklocal"));
        QVERIFY2(dual.create(&error), qPrintable(error));
        QVERIFY(writeResolverFiles(dual, "hosts: files\n", ""));
        QVERIFY(dual.ip({QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("veth0"), QStringLiteral("type"),
                         QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), QStringLiteral("veth1")}, &error));
        QVERIFY(dual.ip({QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("192.0.2.1/24"),
                         QStringLiteral("dev"), QStringLiteral("veth0")}, &error));
        QVERIFY(dual.ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("veth0"), QStringLiteral("up")}, &error));
        QVERIFY(dual.ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("veth1"), QStringLiteral("up")}, &error));
        // The link-local address appears once the link is up (DAD done).
        QDeadlineTimer deadline(10000);
        QByteArray shown;
        while (!shown.contains("fe80::") && !deadline.hasExpired()) {
            dual.run({QStringLiteral("ip"), QStringLiteral("-6"), QStringLiteral("addr"), QStringLiteral("show"),
                      QStringLiteral("dev"), QStringLiteral("veth0")}, &shown);
            if (!shown.contains("fe80::"))
                QTest::qWait(50);
        }
        QVERIFY2(shown.contains("fe80::"), shown.constData());
        QCOMPARE(addresses(resolveIn(dual, stream)).size(), 4);

        // With only lo, one family asked for is refused outright, and the
        // explanation says why; 127.0.0.2 then counts as IPv4.
        TestNamespace bare(QStringLiteral("bare"));
        QVERIFY2(bare.create(&error), qPrintable(error));
        QVERIFY(writeResolverFiles(bare, "hosts: files\n", ""));
        const Run refused = resolveIn(bare, {QStringLiteral("multi.test"), QStringLiteral("--family"),
                                             QStringLiteral("inet"), QStringLiteral("--explain")});
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.out.contains("EAI_NONAME") && refused.out.contains("no IPv4 address is configured"),
                 refused.out.constData());
        QCOMPARE(addresses(resolveIn(bare, stream)).size(), 4); // AF_UNSPEC: no information, both kept
        QVERIFY(bare.ip({QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("127.0.0.2/8"),
                         QStringLiteral("dev"), QStringLiteral("lo")}, &error));
        QCOMPARE(addresses(resolveIn(bare, {QStringLiteral("multi.test"), QStringLiteral("--family"), QStringLiteral("inet"),
                                             QStringLiteral("--type"), QStringLiteral("stream"), QStringLiteral("--json")})),
                 (QStringList{QStringLiteral("192.0.2.10"), QStringLiteral("192.0.2.11")}));
    }

    void connectOrderFollowsTheSortedAnswer()
    {
        // gai.conf gives IPv4-mapped addresses the highest precedence: the
        // sorted answer starts with IPv4, and so does the connect order.
        TestNamespace ns(QStringLiteral("gaiconf"));
        QString error;
        QVERIFY2(ns.create(&error), qPrintable(error));
        QVERIFY(writeResolverFiles(ns, "hosts: files\n", ""));
        QVERIFY(ns.writeEtc(QStringLiteral("gai.conf"), "precedence ::ffff:0:0/96 100\n"));
        const QStringList stream{QStringLiteral("multi.test"), QStringLiteral("--type"), QStringLiteral("stream")};
        const Run run = resolveIn(ns, stream + QStringList{QStringLiteral("--json")});
        QCOMPARE(run.status, 0);
        QCOMPARE(addresses(run).first(), QStringLiteral("192.0.2.10"));
        QCOMPARE(connectOrder(run), (QStringList{QStringLiteral("192.0.2.10"), QStringLiteral("2001:db8::10"),
                                     QStringLiteral("192.0.2.11"), QStringLiteral("2001:db8::11")}));
        QCOMPARE(lastEvent(run).value(QStringLiteral("connect_first_family")).toString(), QStringLiteral("inet"));
        QCOMPARE(lastEvent(run).value(QStringLiteral("connect_order_rule")).toString(), QStringLiteral("sorted"));

        const Run explained = resolveIn(ns, stream + QStringList{QStringLiteral("--explain")});
        QVERIFY2(explained.out.contains("IPv4 first, as the sorted answer starts") &&
                     explained.out.contains("/etc/gai.conf line 1: precedence ::ffff:0:0/96 100") &&
                     explained.out.contains("answered by /etc/hosts line 2; DNS not asked"),
                 explained.out.constData());

        // Chosen rather than sorted: IPv6 first, two of it before alternating.
        const Run chosen = resolveIn(ns, stream + QStringList{QStringLiteral("--prefer"), QStringLiteral("inet6"),
                                                              QStringLiteral("--first-family-count"),
                                                              QStringLiteral("2"), QStringLiteral("--json")});
        QCOMPARE(connectOrder(chosen), (QStringList{QStringLiteral("2001:db8::10"), QStringLiteral("2001:db8::11"),
                                     QStringLiteral("192.0.2.10"), QStringLiteral("192.0.2.11")}));
        QCOMPARE(lastEvent(chosen).value(QStringLiteral("connect_order_rule")).toString(), QStringLiteral("inet6"));
        const Run bad = resolveIn(ns, stream + QStringList{QStringLiteral("--first-family-count"), QStringLiteral("3")});
        QCOMPARE(bad.status, 2);
        QVERIFY2(bad.err.contains("first-family-count"), bad.err.constData());
    }

    void realDnsServer()
    {
        TestNamespace ns(QStringLiteral("dnsmasq"));
        QString error;
        QVERIFY2(ns.create(&error), qPrintable(error));
        QVERIFY(ns.writeEtc(QStringLiteral("hosts"), "127.0.0.1 localhost\n"));
        QVERIFY(ns.writeEtc(QStringLiteral("nsswitch.conf"), "hosts: files dns\n"));
        QVERIFY(ns.writeEtc(QStringLiteral("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n"));
        QStringList command{QStringLiteral("dnsmasq"), QStringLiteral("--no-daemon"), QStringLiteral("--no-resolv"),
                            QStringLiteral("--no-hosts"), QStringLiteral("--listen-address=127.0.0.1"),
                            QStringLiteral("--bind-interfaces"), QStringLiteral("--pid-file"),
                            QStringLiteral("--log-facility=-"), QStringLiteral("--local=/test/"),
                            QStringLiteral("--cname=alias1.test,alias2.test"),
                            QStringLiteral("--cname=alias2.test,target.test"),
                            QStringLiteral("--host-record=target.test,192.0.2.50")};
        for (int i = 1; i <= 4; ++i)
            command << QStringLiteral("--host-record=many.test,192.0.2.%1,2001:db8::%1").arg(i);
        QProcess *dnsmasq = ns.start(command);
        QVERIFY(dnsmasq);
        QByteArray said;
        QDeadlineTimer deadline(20000);
        while (!said.contains("started") && !deadline.hasExpired() && dnsmasq->state() == QProcess::Running) {
            dnsmasq->waitForReadyRead(200);
            said += dnsmasq->readAllStandardError() + dnsmasq->readAllStandardOutput();
        }
        QVERIFY2(said.contains("started"), said.constData());

        const Run many = resolveIn(ns, {QStringLiteral("many.test"), QStringLiteral("--type"), QStringLiteral("stream"),
                                        QStringLiteral("--json")});
        QCOMPARE(many.status, 0);
        // dnsmasq rotates the order of several records: compare sets.
        const QStringList got = addresses(many);
        QCOMPARE(QSet<QString>(got.begin(), got.end()),
                 (QSet<QString>{QStringLiteral("192.0.2.1"), QStringLiteral("192.0.2.2"), QStringLiteral("192.0.2.3"),
                                QStringLiteral("192.0.2.4"), QStringLiteral("2001:db8::1"), QStringLiteral("2001:db8::2"),
                                QStringLiteral("2001:db8::3"), QStringLiteral("2001:db8::4")}));

        const Run chain = resolveIn(ns, {QStringLiteral("alias1.test"), QStringLiteral("--flags"),
                                         QStringLiteral("+canonname"), QStringLiteral("--json")});
        QCOMPARE(chain.status, 0);
        QCOMPARE(lastEvent(chain).value(QStringLiteral("canonname")).toString(), QStringLiteral("target.test"));
        QCOMPARE(addresses(chain).first(), QStringLiteral("192.0.2.50"));

        const Run missing = resolveIn(ns, {QStringLiteral("nothing.test"), QStringLiteral("--json")});
        QCOMPARE(missing.status, 1);
        QCOMPARE(lastEvent(missing).value(QStringLiteral("event")).toString(), QStringLiteral("resolve-failed"));
        QCOMPARE(lastEvent(missing).value(QStringLiteral("error")).toString(), QStringLiteral("EAI_NONAME"));
        QVERIFY(!lastEvent(missing).value(QStringLiteral("message")).toString().isEmpty());
    }

    void fileWithBadLines()
    {
        TestNamespace ns(QStringLiteral("file"));
        QString error;
        QVERIFY2(ns.create(&error), qPrintable(error));
        QVERIFY(writeResolverFiles(ns, "hosts: files\n", ""));
        QTemporaryDir dir;
        QFile list(dir.filePath(QStringLiteral("targets")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("multi.test:80\n# a comment\n\nlocalhost:http\nbad host\nmulti.test:99999\nlocalhost\n");
        list.close();
        const Run run = resolveIn(ns, {QStringLiteral("--file"), list.fileName(), QStringLiteral("--type"),
                                       QStringLiteral("stream")});
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains("line 5: host:"), run.err.constData());
        QVERIFY2(run.err.contains("line 6: port:"), run.err.constData());
        // The good lines are still resolved, one block each, in input order.
        const int first = static_cast<int>(run.out.indexOf("multi.test:80:"));
        const int second = static_cast<int>(run.out.indexOf("localhost:http:"));
        const int third = static_cast<int>(run.out.indexOf("\nlocalhost: ", second));
        QVERIFY2(first >= 0 && second > first && third > second, run.out.constData());
    }

    void promptExitWithFiftyLookupsInFlight()
    {
        TestNamespace ns(QStringLiteral("slowexit"));
        QString error;
        QVERIFY2(ns.create(&error), qPrintable(error));
        QVERIFY(writeResolverFiles(ns, "hosts: files dns\n", "nameserver 127.0.0.1\noptions timeout:30 attempts:1\n"));
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("queries.log"));
        QVERIFY2(startSlowDns(ns, 10.0, log, &error), qPrintable(error));
        QFile list(dir.filePath(QStringLiteral("targets")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        for (int i = 0; i < 50; ++i)
            list.write(QStringLiteral("n%1.slow.test\n").arg(i).toUtf8());
        list.close();

        QProcess process;
        process.start(QStringLiteral("ip"), ns.wrap({binary(), QStringLiteral("resolve"), QStringLiteral("--file"),
                                                     list.fileName(), QStringLiteral("--json")}));
        QVERIFY(process.waitForStarted());
        auto queries = [&] {
            QFile file(log);
            return file.open(QIODevice::ReadOnly) ? file.readAll().count('\n') : 0;
        };
        // 16 lookups (the whole pool) are inside getaddrinfo: an A and an
        // AAAA query each.
        QTRY_VERIFY_WITH_TIMEOUT(queries() >= 32, 20000);
        QElapsedTimer exit;
        exit.start();
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM); // ip netns exec has become sockscope
        QVERIFY(process.waitForFinished(10000));
        const qint64 took = exit.elapsed();
        qInfo("exit with 50 lookups in flight took %lld ms", static_cast<long long>(took));
        QVERIFY2(took < 1000, qPrintable(QString::number(took)));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1); // interrupted: the lookups did not finish
    }
};

QTEST_GUILESS_MAIN(TestResolveNetns)
#include "tst_resolve_netns.moc"
