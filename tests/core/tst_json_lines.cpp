// The JSON Lines writer, checked with an independent parser (QJsonDocument).
#include <sockscope/events/error.h>
#include <sockscope/events/json_lines.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <netdb.h>

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

    void attemptFailedCarriesTheSchema()
    {
        Event event;
        event.kind = EventKind::AttemptFailed;
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
        QCOMPARE(json.value(QStringLiteral("event")).toString(), QStringLiteral("attempt-failed"));
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
        event.kind = EventKind::AttemptFailed;
        event.error = std::error_code(ETIMEDOUT, std::system_category());
        const auto formatter = [](const std::error_code &error) {
            return "übersetzt " + sockscope::errorName(error);
        };
        const QJsonObject json = parse(sockscope::formatJsonLine(event, kStart, formatter));
        QCOMPARE(json.value(QStringLiteral("message")).toString(), QStringLiteral("übersetzt ETIMEDOUT"));
    }

    void binaryPayloadIsLosslessHexAndEscapedText()
    {
        Event event;
        event.kind = EventKind::BytesIn;
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
        event.kind = EventKind::SignalReceived;
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
        QCOMPARE(json.value(QStringLiteral("protocol")).toInt(), 132);
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
            event.kind = EventKind::Listening;
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
        QVERIFY(text.startsWith("{\"event\":\"listening\",\"t_ms\":0.0}\n"));
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
