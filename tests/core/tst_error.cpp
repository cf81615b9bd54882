#include <sockscope/events/error.h>

#include <QTest>
#include <cerrno>
#include <netdb.h>

class TestError : public QObject {
    Q_OBJECT
private slots:
    void systemErrorNames_data()
    {
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("name");
        QTest::newRow("refused") << ECONNREFUSED << QStringLiteral("ECONNREFUSED");
        QTest::newRow("timedout") << ETIMEDOUT << QStringLiteral("ETIMEDOUT");
        QTest::newRow("hostunreach") << EHOSTUNREACH << QStringLiteral("EHOSTUNREACH");
        QTest::newRow("addrinuse") << EADDRINUSE << QStringLiteral("EADDRINUSE");
        QTest::newRow("mfile") << EMFILE << QStringLiteral("EMFILE");
        QTest::newRow("again") << EAGAIN << QStringLiteral("EAGAIN");
        QTest::newRow("unknown") << 4242 << QStringLiteral("E4242");
    }
    void systemErrorNames()
    {
        QFETCH(int, value);
        QFETCH(QString, name);
        const std::error_code error(value, std::system_category());
        QCOMPARE(QString::fromStdString(sockscope::errorName(error)), name);
        QCOMPARE(sockscope::errnoValue(error), value);
        QVERIFY(!sockscope::errorText(error).empty());
    }

    void resolverErrorNames_data()
    {
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("name");
        QTest::newRow("noname") << EAI_NONAME << QStringLiteral("EAI_NONAME");
        QTest::newRow("again") << EAI_AGAIN << QStringLiteral("EAI_AGAIN");
        QTest::newRow("fail") << EAI_FAIL << QStringLiteral("EAI_FAIL");
        QTest::newRow("service") << EAI_SERVICE << QStringLiteral("EAI_SERVICE");
        QTest::newRow("nodata") << EAI_NODATA << QStringLiteral("EAI_NODATA");
        QTest::newRow("addrfamily") << EAI_ADDRFAMILY << QStringLiteral("EAI_ADDRFAMILY");
        QTest::newRow("unknown") << -4242 << QStringLiteral("EAI_-4242");
    }
    void resolverErrorNames()
    {
        QFETCH(int, value);
        QFETCH(QString, name);
        const std::error_code error = sockscope::resolverError(value, 0);
        QCOMPARE(&error.category(), &sockscope::resolverCategory());
        QCOMPARE(QString::fromStdString(sockscope::errorName(error)), name);
        QCOMPARE(sockscope::errnoValue(error), 0); // not an errno
        QCOMPARE(QString::fromStdString(sockscope::errorText(error)), QString::fromLocal8Bit(gai_strerror(value)));
    }

    void eaiSystemKeepsTheRealErrno()
    {
        const std::error_code error = sockscope::resolverError(EAI_SYSTEM, EMFILE);
        QCOMPARE(error.value(), EMFILE);
        QCOMPARE(&error.category(), &std::system_category());
        QCOMPARE(QString::fromStdString(sockscope::errorName(error)), QStringLiteral("EMFILE"));
    }

    void lastSystemErrorReadsErrno()
    {
        errno = ENOENT;
        QCOMPARE(sockscope::lastSystemError().value(), ENOENT);
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
