// The JSON Lines writer, checked with an independent parser (QJsonDocument).
#include <sockscope/events/error.h>
#include <sockscope/events/json_lines.h>

#include <QJsonDocument>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <netdb.h>
#include <unistd.h>

using namespace std::chrono_literals;
using sockscope::Event;
using sockscope::EventKind;

namespace {

const sockscope::TimePoint kStart{std::chrono::seconds(1000)};

QJsonObject parse(const std::string &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(line), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s (%s)", line.c_str(), qPrintable(error.errorString()));
    return document.object();
}

} // namespace

class TestJsonLines : public QObject {
    Q_OBJECT
private slots:
    void eventNamesRoundTrip()
    {
        for (int i = 0; i < sockscope::kEventKindCount; ++i) {
            const auto kind = static_cast<EventKind>(i);
            const std::string_view name = sockscope::eventName(kind);
            QVERIFY(!name.empty());
            QVERIFY(name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_ ") == std::string_view::npos);
            QCOMPARE(sockscope::eventKindFromName(name), std::optional<EventKind>(kind));
        }
        QVERIFY(!sockscope::eventKindFromName("no-such-event"));
    }

    void failureCarriesTheSchema()
    {
        Event event;
        event.kind = EventKind::ResolveFailed;
        event.time = kStart + 12345678ns;
        event.target = "localhost:7";
        event.address = "::1";
        event.port = 7;
        event.family = sockscope::Family::Inet6;
        event.socktype = sockscope::SocketType::Stream;
        event.protocol = 6;
        event.attempt = 0;
        event.error = std::error_code(ECONNREFUSED, std::system_category());
        event.elapsed = 250us;
        const QJsonObject json = parse(sockscope::formatJsonLine(event, kStart));
        QCOMPARE(json.value(QStringLiteral("event")).toString(), QStringLiteral("resolve-failed"));
        QCOMPARE(json.value(QStringLiteral("target")).toString(), QStringLiteral("localhost:7"));
        QCOMPARE(json.value(QStringLiteral("t_ms")).toDouble(), 12.346);
        QCOMPARE(json.value(QStringLiteral("address")).toString(), QStringLiteral("::1"));
        QCOMPARE(json.value(QStringLiteral("port")).toInt(), 7);
        QCOMPARE(json.value(QStringLiteral("family")).toString(), QStringLiteral("inet6"));
        QCOMPARE(json.value(QStringLiteral("socktype")).toString(), QStringLiteral("stream"));
        QCOMPARE(json.value(QStringLiteral("protocol")).toString(), QStringLiteral("tcp"));
        QCOMPARE(json.value(QStringLiteral("attempt")).toInt(), 0);
        QCOMPARE(json.value(QStringLiteral("error")).toString(), QStringLiteral("ECONNREFUSED"));
        QCOMPARE(json.value(QStringLiteral("errno")).toInt(), ECONNREFUSED);
        QVERIFY(!json.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(json.value(QStringLiteral("elapsed_ms")).toDouble(), 0.25);
        QVERIFY(!json.contains(QStringLiteral("path")));
        QVERIFY(!json.contains(QStringLiteral("hex")));
    }

    void resolverErrorHasNoErrno()
    {
        Event event;
        event.kind = EventKind::ResolveFailed;
        event.target = "nowhere.invalid";
        event.error = sockscope::resolverError(EAI_NONAME, 0);
        const QJsonObject json = parse(sockscope::formatJsonLine(event, kStart));
        QCOMPARE(json.value(QStringLiteral("error")).toString(), QStringLiteral("EAI_NONAME"));
        QVERIFY(!json.contains(QStringLiteral("errno")));
    }

    void messageComesFromTheFormatter()
    {
        Event event;
        event.kind = EventKind::ResolveFailed;
        event.error = std::error_code(ETIMEDOUT, std::system_category());
        sockscope::MessageFormatter formatter;
        formatter.error = [](const std::error_code &error) { return "übersetzt " + sockscope::errorName(error); };
        const QJsonObject json = parse(sockscope::formatJsonLine(event, kStart, formatter));
        QCOMPARE(json.value(QStringLiteral("message")).toString(), QStringLiteral("übersetzt ETIMEDOUT"));
    }

    void binaryPayloadIsLosslessHexAndEscapedText()
    {
        Event event;
        event.kind = EventKind::Address;
        event.peer = 3;
        event.payload = std::vector<unsigned char>{'h', 'i', '\n', 0x00, 0xff, 0xc3, '\\', 0x7f};
        event.bytes = event.payload->size();
        const std::string line = sockscope::formatJsonLine(event, kStart);
        const QJsonObject json = parse(line);
        QCOMPARE(json.value(QStringLiteral("hex")).toString(), QStringLiteral("68690a00ffc35c7f"));
        QCOMPARE(json.value(QStringLiteral("text")).toString(), QStringLiteral("hi\\n\\x00\\xff\\xc3\\\\\\x7f"));
        QCOMPARE(json.value(QStringLiteral("bytes")).toInt(), 8);
        QCOMPARE(json.value(QStringLiteral("peer")).toInt(), 3);
    }

    void invalidUtf8InAStringStillGivesJson()
    {
        Event event;
        event.kind = EventKind::ResolveFailed;
        event.target = std::string("bad\xff\xfe name", 10);
        const std::string line = sockscope::formatJsonLine(event, kStart);
        QVERIFY(!parse(line).value(QStringLiteral("target")).toString().isEmpty());
    }

    void signalsAreNamed()
    {
        Event event;
        event.kind = EventKind::Address;
        event.signal = SIGRTMIN + 3;
        event.pid = 42;
        event.uid = 0;
        const QJsonObject json = parse(sockscope::formatJsonLine(event, kStart));
        QCOMPARE(json.value(QStringLiteral("signal_name")).toString(), QStringLiteral("SIGRTMIN+3"));
        QCOMPARE(json.value(QStringLiteral("pid")).toInt(), 42);
        QCOMPARE(QString::fromStdString(sockscope::signalName(SIGUSR1)), QStringLiteral("SIGUSR1"));
    }

    void extraFieldsAndProtocolNumbers()
    {
        Event event;
        event.kind = EventKind::Resolved;
        event.protocol = 132;
        event.extra = {{"count", std::int64_t{4}}, {"canonname", std::string("host.example")}, {"confirmed", true}};
        const QJsonObject json = parse(sockscope::formatJsonLine(event, kStart));
        // One JSON type for a field: a protocol is a string, named or not.
        QCOMPARE(json.value(QStringLiteral("protocol")).toString(), QStringLiteral("sctp"));
        event.protocol = 253;
        QCOMPARE(parse(sockscope::formatJsonLine(event, kStart)).value(QStringLiteral("protocol")).toString(),
                 QStringLiteral("253"));
        event.protocol = 0;
        QVERIFY(!parse(sockscope::formatJsonLine(event, kStart)).contains(QStringLiteral("protocol")));
        QCOMPARE(json.value(QStringLiteral("count")).toInt(), 4);
        QCOMPARE(json.value(QStringLiteral("canonname")).toString(), QStringLiteral("host.example"));
        QCOMPARE(json.value(QStringLiteral("confirmed")).toBool(), true);
    }

    void writerFlushesEachLine()
    {
        char *buffer = nullptr;
        std::size_t size = 0;
        std::FILE *stream = ::open_memstream(&buffer, &size);
        QVERIFY(stream);
        {
            sockscope::JsonLinesWriter writer(stream, kStart);
            Event event;
            event.kind = EventKind::Address;
            event.time = kStart;
            writer.onEvent(event);
            QVERIFY(writer.ok());
            QVERIFY(size > 0); // visible without closing the stream
            writer.onEvent(event);
        }
        std::fclose(stream);
        const QByteArray text(buffer, static_cast<qsizetype>(size));
        std::free(buffer);
        QCOMPARE(text.count('\n'), 2);
        QVERIFY(text.startsWith("{\"event\":\"address\",\"t_ms\":0.0}\n"));
    }

    void badInputHasItsOwnFieldsNeverError()
    {
        Event event = sockscope::makeEvent(EventKind::BadInput, kStart, "localhost:70000");
        event.input = sockscope::InputError{sockscope::InputErrorCode::PortOutOfRange, "port", "70000", 10, 65535};
        sockscope::MessageFormatter formatter;
        formatter.input = [](const sockscope::InputError &error) { return "port " + error.value + " is too big"; };
        const QJsonObject json = parse(sockscope::formatJsonLine(event, kStart, formatter));
        QVERIFY(!json.contains(QStringLiteral("error")));
        QCOMPARE(json.value(QStringLiteral("field")).toString(), QStringLiteral("port"));
        QCOMPARE(json.value(QStringLiteral("problem")).toString(), QStringLiteral("port-out-of-range"));
        QCOMPARE(json.value(QStringLiteral("position")).toInt(), 10);
        QCOMPARE(json.value(QStringLiteral("length")).toInt(), 5);
        QCOMPARE(json.value(QStringLiteral("message")).toString(), QStringLiteral("port 70000 is too big"));
    }

    void errorInAnExtraFieldKeepsTheFailureForm()
    {
        Event event = sockscope::makeEvent(EventKind::ReverseResolved, kStart);
        event.extra = {{"confirm_error", sockscope::resolverError(EAI_AGAIN, 0)},
                       {"other", std::error_code(ETIMEDOUT, std::system_category())}};
        const QJsonObject json = parse(sockscope::formatJsonLine(event, kStart));
        const QJsonObject confirm = json.value(QStringLiteral("confirm_error")).toObject();
        QCOMPARE(confirm.value(QStringLiteral("error")).toString(), QStringLiteral("EAI_AGAIN"));
        QVERIFY(!confirm.contains(QStringLiteral("errno")));
        QVERIFY(!confirm.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(json.value(QStringLiteral("other")).toObject().value(QStringLiteral("errno")).toInt(), ETIMEDOUT);
    }

    void linesReadBackAreWrittenTheSame_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("address") << QByteArray(R"({"event":"address","target":"localhost","t_ms":1.5,"address":"::1",)"
                                               R"("port":80,"family":"inet6","socktype":"stream","protocol":"tcp","connect_order":0})");
        QTest::newRow("failure") << QByteArray(R"({"event":"resolve-failed","target":"x.invalid","t_ms":2.0,"error":"EAI_NONAME",)"
                                               R"("message":"Name or service not known","elapsed_ms":0.25,"flags":["AI_ADDRCONFIG"]})");
        QTest::newRow("system error") << QByteArray(R"({"event":"reverse-resolved","t_ms":0.0,"address":"127.0.0.1",)"
                                                    R"("error":"EAGAIN","errno":11,"message":"Resource temporarily unavailable"})");
        QTest::newRow("bad input") << QByteArray(R"({"event":"bad-input","target":"a:70000","t_ms":0.0,"field":"port",)"
                                                 R"("problem":"port-out-of-range","position":2,"length":5,"value":"70000",)"
                                                 R"("limit":65535,"message":"port-out-of-range","line":3})");
        QTest::newRow("nested error") << QByteArray(R"({"event":"reverse-resolved","t_ms":3.25,"name":"h","confirmed":false,)"
                                                    R"("confirm_error":{"error":"EAI_AGAIN","message":"Temporary failure in name resolution"}})");
        QTest::newRow("attempts") << QByteArray(R"({"event":"connect-failed","target":"a","t_ms":1.0,"error":"ECONNREFUSED","errno":111,)"
                                                R"("message":"Connection refused","attempts":[{"attempt":0,"address":"127.0.0.1","port":1,)"
                                                R"("family":"inet","outcome":"failed","error":"ECONNREFUSED","errno":111,"message":"Connection refused",)"
                                                R"("reason":"kernel","elapsed_ms":0.5},{"attempt":1,"address":"::1","port":1,"family":"inet6",)"
                                                R"x("outcome":"timed-out","error":"ETIMEDOUT","message":"Timed out (gave up waiting)","reason":"attempt-timeout"}]})x");
        QTest::newRow("options") << QByteArray(R"({"event":"connected","t_ms":1.0,"options":[{"option":"rcvbuf","requested":4096,"effective":8192},)"
                                               R"({"option":"bind-device","requested_device":"lo","device":"lo"}]})");
    }

    void linesReadBackAreWrittenTheSame()
    {
        QFETCH(QByteArray, line);
        std::string problem;
        const auto event = sockscope::parseJsonLine(line.toStdString(), kStart, &problem);
        QVERIFY2(event, problem.c_str());
        QCOMPARE(QByteArray::fromStdString(sockscope::formatJsonLine(*event, kStart)), line);
    }

    void linesThatAreNoEventsAreRefused()
    {
        std::string problem;
        QVERIFY(!sockscope::parseJsonLine("not json", kStart, &problem));
        QCOMPARE(problem, std::string("not-json"));
        QVERIFY(!sockscope::parseJsonLine(R"({"event":"no-such-event"})", kStart, &problem));
        QCOMPARE(problem, std::string("unknown-event"));
        QVERIFY(!sockscope::parseJsonLine(R"({"event":"address","port":"eighty"})", kStart, &problem));
        QCOMPARE(problem, std::string("bad-field"));
        QVERIFY(!sockscope::parseJsonLine(R"({"event":"address","t_ms":1e300})", kStart, &problem));
        QCOMPARE(problem, std::string("bad-field"));
        // An integer field given as a float too big for it: refused, not converted (the fuzzer found this).
        QVERIFY(!sockscope::parseJsonLine(R"({"event":"address","port":1e300})", kStart, &problem));
        QCOMPARE(problem, std::string("bad-field"));
        QVERIFY(!sockscope::parseJsonLine(R"({"event":"address","error":"EIO","errno":1e300})", kStart, &problem));
        QCOMPARE(problem, std::string("bad-field"));
        QVERIFY(!sockscope::parseJsonLine(R"({"event":"address","port":4294967296})", kStart, &problem));
        QCOMPARE(problem, std::string("bad-field"));
    }

    void runStartNamesTheWallClockOfZero()
    {
        const auto start = sockscope::Clock::now() - 1500ms;
        const QJsonObject json = parse(sockscope::formatJsonLine(sockscope::runStartEvent(start, "9.9", {"a", "b"}), start));
        QCOMPARE(json.value(QStringLiteral("event")).toString(), QStringLiteral("run-start"));
        QCOMPARE(json.value(QStringLiteral("t_ms")).toDouble(), 0.0);
        const QDateTime time = QDateTime::fromString(json.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        QVERIFY(time.isValid());
        const qint64 skew = time.msecsTo(QDateTime::currentDateTimeUtc()) - 1500;
        QVERIFY2(std::abs(skew) < 1000, qPrintable(QString::number(skew)));
        QCOMPARE(json.value(QStringLiteral("argv")).toArray().size(), 2);
        QCOMPARE(json.value(QStringLiteral("pid")).toInt(), static_cast<int>(::getpid()));
    }

    void escapedTextAsAPersonTypesIt()
    {
        const auto bytes = sockscope::fromEscapedText("GET /\\r\\n\\x00\\xff\\\\ok\\t");
        QVERIFY(bytes);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(bytes->data()), static_cast<qsizetype>(bytes->size())),
                 QByteArray("GET /\r\n\x00\xff\\ok\t", 13));
        std::size_t position = 0;
        QVERIFY(!sockscope::fromEscapedText("ab\\q", &position));
        QCOMPARE(position, std::size_t{2});
        QVERIFY(!sockscope::fromEscapedText("\\x4", &position)); // one digit only
        QVERIFY(!sockscope::fromEscapedText("end\\", &position));
        QCOMPARE(position, std::size_t{3});
        QCOMPARE(sockscope::fromHex("68 69"), std::optional(std::vector<unsigned char>{'h', 'i'}));
        QVERIFY(!sockscope::fromHex("6 8"));
        QVERIFY(!sockscope::fromHex("zz"));
    }

    void previewIsBounded()
    {
        const std::vector<unsigned char> big(1000, 'a');
        const std::string preview = sockscope::printablePreview(big, 10);
        QCOMPARE(QString::fromStdString(preview), QStringLiteral("aaaaaaaaaa..."));
    }
};

QTEST_GUILESS_MAIN(TestJsonLines)
#include "tst_json_lines.moc"
