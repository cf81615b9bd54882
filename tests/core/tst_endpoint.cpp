// The one endpoint parser: every accepted form, and every class of bad
// input with the field, problem and position it reports.
#undef QT_NO_CAST_FROM_ASCII // the data tables read better with plain literals
#include <sockscope/resolve/endpoint.h>
#include <sockscope/resolve/happy_eyeballs.h>
#include <sockscope/resolve/resolve_options.h>
#include <sockscope/resolve/socket_address.h>

#include <QTest>
#include <netdb.h>

using sockscope::Endpoint;
using sockscope::InputError;
using sockscope::InputErrorCode;

Q_DECLARE_METATYPE(InputErrorCode)

namespace {
QString q(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

class TestEndpoint : public QObject {
    Q_OBJECT
private slots:
    void accepted_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("fallback");
        QTest::addColumn<bool>("ipv6");
        QTest::newRow("name") << "localhost" << "localhost" << "" << "" << false;
        QTest::newRow("name:port") << "example.com:80" << "example.com" << "80" << "" << false;
        QTest::newRow("name:service") << "example.com:http" << "example.com" << "http" << "" << false;
        QTest::newRow("ipv4:port") << "127.0.0.1:7" << "127.0.0.1" << "7" << "" << false;
        QTest::newRow("port 0") << "h:0" << "h" << "0" << "" << false;
        QTest::newRow("port 65535") << "h:65535" << "h" << "65535" << "" << false;
        QTest::newRow("leading zeros") << "h:00080" << "h" << "00080" << "" << false;
        QTest::newRow("fallback") << "h:http(8080)" << "h" << "http" << "8080" << false;
        QTest::newRow("service with dash") << "h:http-alt" << "h" << "http-alt" << "" << false;
        QTest::newRow("bracketed") << "[::1]" << "::1" << "" << "" << true;
        QTest::newRow("bracketed port") << "[::1]:443" << "::1" << "443" << "" << true;
        QTest::newRow("bracketed fallback") << "[::1]:https(8443)" << "::1" << "https" << "8443" << true;
        QTest::newRow("bare v6") << "::1" << "::1" << "" << "" << true;
        QTest::newRow("bare v6 long") << "2001:db8::1:80" << "2001:db8::1:80" << "" << "" << true;
        QTest::newRow("v6 scope name") << "fe80::1%lo" << "fe80::1%lo" << "" << "" << true;
        QTest::newRow("v6 scope number") << "[fe80::1%2]:22" << "fe80::1%2" << "22" << "" << true;
        QTest::newRow("v4-mapped") << "[::ffff:127.0.0.1]:80" << "::ffff:127.0.0.1" << "80" << "" << true;
        QTest::newRow("trailing dot") << "example.com." << "example.com." << "" << "" << false;
        QTest::newRow("underscore") << "_sip._tcp.example" << "_sip._tcp.example" << "" << "" << false;
        QTest::newRow("utf-8 name") << QStringLiteral("bücher.example") << QStringLiteral("bücher.example") << ""
                                    << "" << false;
        QTest::newRow("63-char label") << QString(63, u'a') + ".x" << QString(63, u'a') + ".x" << "" << "" << false;
        // 32 two-byte letters: 64 bytes of UTF-8, but "xn--" plus 38 in ASCII.
        QTest::newRow("long idn label") << QString(32, u'ü') + ".example" << QString(32, u'ü') + ".example" << ""
                                        << "" << false;
    }
    void accepted()
    {
        QFETCH(QString, input);
        QFETCH(QString, host);
        QFETCH(QString, service);
        QFETCH(QString, fallback);
        QFETCH(bool, ipv6);
        const auto result = sockscope::parseEndpoint(input.toStdString());
        const Endpoint *endpoint = std::get_if<Endpoint>(&result);
        QVERIFY2(endpoint, std::holds_alternative<InputError>(result)
                               ? sockscope::inputErrorName(std::get<InputError>(result).code)
                               : "");
        QCOMPARE(endpoint->kind, Endpoint::Kind::Host);
        QCOMPARE(q(endpoint->host), host);
        QCOMPARE(q(endpoint->service), service);
        QCOMPARE(q(endpoint->fallbackPort), fallback);
        QCOMPARE(endpoint->ipv6Literal, ipv6);
    }

    void unixEndpoints()
    {
        auto result = sockscope::parseEndpoint("unix:/tmp/s.sock");
        QVERIFY(std::holds_alternative<Endpoint>(result));
        QCOMPARE(std::get<Endpoint>(result).kind, Endpoint::Kind::Unix);
        QCOMPARE(q(std::get<Endpoint>(result).path), QStringLiteral("/tmp/s.sock"));
        QVERIFY(!std::get<Endpoint>(result).abstract);
        result = sockscope::parseEndpoint("unix:@sockscope-test");
        QVERIFY(std::get<Endpoint>(result).abstract);
        QCOMPARE(q(std::get<Endpoint>(result).path), QStringLiteral("sockscope-test"));
        QCOMPARE(q(std::get<Endpoint>(result).unixDisplayPath()), QStringLiteral("@sockscope-test"));
        result = sockscope::parseEndpoint("unix:/" + std::string(106, 'p')); // 107 bytes: the most that fits
        QVERIFY(std::holds_alternative<Endpoint>(result));
    }

    void emptyHostForListeners()
    {
        QVERIFY(std::holds_alternative<InputError>(sockscope::parseEndpoint(":7000")));
        const auto result = sockscope::parseEndpoint(":7000", {true});
        QVERIFY(std::holds_alternative<Endpoint>(result));
        QCOMPARE(q(std::get<Endpoint>(result).service), QStringLiteral("7000"));
    }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<InputErrorCode>("code");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("position");
        QTest::newRow("empty") << QByteArray("") << InputErrorCode::Empty << "input" << 0;
        QTest::newRow("nul") << QByteArray("ho\0st", 5) << InputErrorCode::NulByte << "input" << 2;
        QTest::newRow("empty host") << QByteArray(":80") << InputErrorCode::EmptyHost << "host" << 0;
        QTest::newRow("empty brackets") << QByteArray("[]:80") << InputErrorCode::EmptyHost << "host" << 0;
        QTest::newRow("unclosed bracket") << QByteArray("[::1:80") << InputErrorCode::UnclosedBracket << "host" << 0;
        QTest::newRow("text after bracket") << QByteArray("[::1]80") << InputErrorCode::TextAfterBracket << "host" << 5;
        QTest::newRow("not v6 in brackets") << QByteArray("[localhost]:80") << InputErrorCode::BadIpv6Literal << "host" << 1;
        QTest::newRow("bad v6") << QByteArray("1::2::3") << InputErrorCode::BadIpv6Literal << "host" << 0;
        QTest::newRow("two colons name") << QByteArray("host:80:90") << InputErrorCode::BadIpv6Literal << "host" << 0;
        QTest::newRow("empty scope") << QByteArray("fe80::1%") << InputErrorCode::EmptyScope << "scope" << 8;
        QTest::newRow("bad scope") << QByteArray("fe80::1%a b") << InputErrorCode::BadScope << "scope" << 8;
        QTest::newRow("long scope") << QByteArray("fe80::1%abcdefghijklmnopq") << InputErrorCode::BadScope << "scope" << 8;
        QTest::newRow("empty service") << QByteArray("host:") << InputErrorCode::EmptyService << "service" << 5;
        QTest::newRow("port too big") << QByteArray("host:65536") << InputErrorCode::PortOutOfRange << "port" << 5;
        QTest::newRow("port far too big") << QByteArray("host:99999999999") << InputErrorCode::PortOutOfRange << "port" << 5;
        QTest::newRow("bad service char") << QByteArray("host:ht tp") << InputErrorCode::BadServiceName << "service" << 7;
        QTest::newRow("empty fallback") << QByteArray("host:http()") << InputErrorCode::EmptyPort << "port" << 10;
        QTest::newRow("bad fallback") << QByteArray("host:http(x)") << InputErrorCode::BadPort << "port" << 10;
        QTest::newRow("fallback too big") << QByteArray("host:http(70000)") << InputErrorCode::PortOutOfRange << "port" << 10;
        QTest::newRow("unclosed paren") << QByteArray("host:http(80") << InputErrorCode::UnclosedParenthesis << "service" << 9;
        QTest::newRow("text after paren") << QByteArray("host:http(80)x") << InputErrorCode::TextAfterParenthesis << "service" << 13;
        QTest::newRow("no name before paren") << QByteArray("host:(80)") << InputErrorCode::EmptyService << "service" << 5;
        QTest::newRow("space in host") << QByteArray("my host") << InputErrorCode::BadHostCharacter << "host" << 2;
        QTest::newRow("slash in host") << QByteArray("a/b:80") << InputErrorCode::BadHostCharacter << "host" << 1;
        QTest::newRow("empty label") << QByteArray("a..b") << InputErrorCode::EmptyLabel << "host" << 2;
        QTest::newRow("leading dot") << QByteArray(".a") << InputErrorCode::EmptyLabel << "host" << 0;
        QTest::newRow("label 64") << QByteArray("x.") + QByteArray(64, 'a') << InputErrorCode::LabelTooLong << "host" << 2;
        QTest::newRow("name 254") << (QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.' + QByteArray(63, 'c') + '.' + QByteArray(62, 'd'))
                                  << InputErrorCode::HostTooLong << "host" << 0;
        QTest::newRow("unix empty") << QByteArray("unix:") << InputErrorCode::EmptyPath << "path" << 5;
        QTest::newRow("unix empty abstract") << QByteArray("unix:@") << InputErrorCode::EmptyPath << "path" << 5;
        QTest::newRow("unix too long") << QByteArray("unix:/") + QByteArray(107, 'p') << InputErrorCode::PathTooLong << "path" << 5;
        QTest::newRow("abstract too long") << QByteArray("unix:@") + QByteArray(108, 'p') << InputErrorCode::PathTooLong << "path" << 6;
        QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe.example") << InputErrorCode::BadHostCharacter << "host" << 0;
        QTest::newRow("slash in service") << QByteArray("Unix:/tmp/s") << InputErrorCode::BadServiceName << "service" << 5;
    }
    void rejected()
    {
        QFETCH(QByteArray, input);
        QFETCH(InputErrorCode, code);
        QFETCH(QString, field);
        QFETCH(int, position);
        const auto result = sockscope::parseEndpoint(std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
        const InputError *error = std::get_if<InputError>(&result);
        QVERIFY2(error, "accepted bad input");
        QCOMPARE(QString::fromLatin1(sockscope::inputErrorName(error->code)), QString::fromLatin1(sockscope::inputErrorName(code)));
        QCOMPARE(q(error->field), field);
        QCOMPARE(static_cast<int>(error->position), position);
    }

    void bracketsHoldIpv6Only()
    {
        std::string host;
        bool ipv6 = false;
        QCOMPARE(sockscope::parseHost("[example.com]", host, ipv6)->code, InputErrorCode::BadIpv6Literal);
        QCOMPARE(sockscope::parseHost("[1.2.3.4]", host, ipv6)->code, InputErrorCode::BadIpv6Literal);
        QCOMPARE(sockscope::parseHost("[]", host, ipv6)->code, InputErrorCode::EmptyHost);
        QVERIFY(!sockscope::parseHost("[::1]", host, ipv6));
        QVERIFY(ipv6);
    }

    void limitsAreReported()
    {
        const auto result = sockscope::parseEndpoint("host:70000");
        QCOMPARE(std::get<InputError>(result).limit, std::size_t{65535});
        QCOMPARE(q(std::get<InputError>(result).value), QStringLiteral("70000"));
        const auto label = sockscope::parseEndpoint(std::string(70, 'l') + ".example");
        QCOMPARE(std::get<InputError>(label).limit, std::size_t{63});
        QCOMPARE(std::get<InputError>(label).value.size(), std::size_t{70});
    }

    void socketAddressFormatting()
    {
        auto v4 = sockscope::SocketAddress::fromNumeric("127.0.0.1", 80);
        QVERIFY(v4);
        QCOMPARE(q(v4->toString()), QStringLiteral("127.0.0.1:80"));
        QCOMPARE(q(v4->host()), QStringLiteral("127.0.0.1"));
        // Written by hand, not inet_ntop: every digit count, both ends.
        for (const char *text : {"0.0.0.0", "255.255.255.255", "10.99.100.9", "192.0.2.250", "1.20.199.200"})
            QCOMPARE(q(sockscope::SocketAddress::fromNumeric(text, 0)->host()), QString::fromLatin1(text));
        QCOMPARE(v4->family(), sockscope::Family::Inet);
        QVERIFY(v4->isLoopback());
        auto v6 = sockscope::SocketAddress::fromNumeric("::1", 443);
        QCOMPARE(q(v6->toString()), QStringLiteral("[::1]:443"));
        QCOMPARE(v6->port(), 443);
        v6->setPort(8443);
        QCOMPARE(q(v6->toString()), QStringLiteral("[::1]:8443"));
        auto scoped = sockscope::SocketAddress::fromNumeric("fe80::1%lo", 22);
        QVERIFY(scoped);
        QCOMPARE(q(scoped->host()), QStringLiteral("fe80::1%lo"));
        QCOMPARE(q(scoped->toString()), QStringLiteral("[fe80::1%lo]:22"));
        QVERIFY(scoped->scopeId() != 0);
        auto path = sockscope::SocketAddress::unix("/tmp/s", false);
        QCOMPARE(q(path->toString()), QStringLiteral("unix:/tmp/s"));
        auto abstract = sockscope::SocketAddress::unix("name", true);
        QCOMPARE(q(abstract->toString()), QStringLiteral("unix:@name"));
        QCOMPARE(abstract->family(), sockscope::Family::Unix);
        QVERIFY(!sockscope::SocketAddress::unix(std::string(108, 'x'), false));
        QVERIFY(!sockscope::SocketAddress::fromNumeric("not-an-address", 1));
        QVERIFY(*v4 == *sockscope::SocketAddress::fromNumeric("127.0.0.1", 80));
        QVERIFY(*v4 != *sockscope::SocketAddress::fromNumeric("127.0.0.2", 80));
    }

    void happyEyeballsInterleaves_data()
    {
        QTest::addColumn<QString>("v6");
        QTest::addColumn<QString>("v4");
        QTest::addColumn<int>("preferred");
        QTest::addColumn<int>("firstCount");
        QTest::addColumn<QString>("order");
        QTest::newRow("equal") << "A B C" << "a b c" << 6 << 1 << "A a B b C c";
        QTest::newRow("more v6") << "A B C D" << "a" << 6 << 1 << "A a B C D";
        QTest::newRow("more v4") << "A" << "a b c" << 6 << 1 << "A a b c";
        QTest::newRow("first count 2") << "A B C" << "a b c" << 6 << 2 << "A B a C b c";
        QTest::newRow("prefer v4") << "A B" << "a b" << 4 << 1 << "a A b B";
        QTest::newRow("v4 only") << "" << "a b" << 6 << 1 << "a b";
        QTest::newRow("v6 only") << "A B" << "" << 6 << 1 << "A B";
        QTest::newRow("count 0 means 1") << "A B" << "a b" << 6 << 0 << "A a B b";
        QTest::newRow("none") << "" << "" << 6 << 1 << "";
    }
    void happyEyeballsInterleaves()
    {
        QFETCH(QString, v6);
        QFETCH(QString, v4);
        QFETCH(int, preferred);
        QFETCH(int, firstCount);
        QFETCH(QString, order);
        auto split = [](const QString &s) {
            const QStringList parts = s.split(u' ', Qt::SkipEmptyParts);
            return std::vector<QString>(parts.begin(), parts.end());
        };
        const auto result = sockscope::happyEyeballsOrder(
            split(v6), split(v4), preferred == 4 ? sockscope::Family::Inet : sockscope::Family::Inet6,
            static_cast<std::size_t>(firstCount));
        QCOMPARE(QStringList(result.begin(), result.end()).join(u' '), order);
    }

    void flags_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        QTest::addColumn<bool>("ok");
        QTest::newRow("add keeps default") << "+canonname" << (AI_ADDRCONFIG | AI_CANONNAME) << true;
        QTest::newRow("remove") << "-addrconfig" << 0 << true;
        QTest::newRow("replace") << "canonname,passive" << (AI_CANONNAME | AI_PASSIVE) << true;
        QTest::newRow("with ai_ and case") << "AI_CanonName" << AI_CANONNAME << true;
        QTest::newRow("none") << "" << 0 << true;
        QTest::newRow("add and remove") << "+all,+v4mapped,-addrconfig" << (AI_ALL | AI_V4MAPPED) << true;
        QTest::newRow("unknown") << "+bogus" << 0 << false;
        QTest::newRow("mixed") << "canonname,+passive" << 0 << false;
        QTest::newRow("empty item") << "canonname," << 0 << false;
    }
    void flags()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        QFETCH(bool, ok);
        int flags = AI_ADDRCONFIG;
        const auto error = sockscope::parseFlagsOption(text.toStdString(), flags);
        QCOMPARE(!error, ok);
        if (ok)
            QCOMPARE(flags, expected);
        else
            QCOMPARE(q(error->field), QStringLiteral("flags"));
    }

    void otherHints()
    {
        int family = -1, socktype = -1, protocol = -1;
        QVERIFY(!sockscope::parseFamilyOption("inet6", family));
        QCOMPARE(family, AF_INET6);
        QVERIFY(sockscope::parseFamilyOption("inet7", family));
        QVERIFY(!sockscope::parseSocketTypeOption("DGRAM", socktype));
        QCOMPARE(socktype, SOCK_DGRAM);
        QVERIFY(sockscope::parseSocketTypeOption("packet", socktype));
        QVERIFY(!sockscope::parseProtocolOption("udp", protocol));
        QCOMPARE(protocol, IPPROTO_UDP);
        QVERIFY(!sockscope::parseProtocolOption("132", protocol));
        QCOMPARE(protocol, 132);
        QCOMPARE(sockscope::parseProtocolOption("256", protocol)->code, InputErrorCode::NumberOutOfRange);
        QCOMPARE(sockscope::parseProtocolOption("nosuchproto", protocol)->code, InputErrorCode::UnknownName);
    }
};

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
