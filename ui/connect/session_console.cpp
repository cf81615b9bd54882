#include "session_console.h"

#include "connect_controller.h"
#include "message_catalog.h"
#include "payload.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace {

constexpr int kFlushMs = 50;
// What a redraw shows at most: laying out text costs far more than
// receiving it, and the transcript keeps every byte anyway.
constexpr std::size_t kShownPerChunk = 2048;
constexpr std::size_t kShownPerFlush = 16 * 1024;

// "0000  68 65 6c 6c 6f  |hello|", 16 bytes a line.
QString hexDump(const std::vector<unsigned char> &bytes)
{
    QString out;
    for (std::size_t line = 0; line < bytes.size(); line += 16) {
        QString hex, ascii;
        for (std::size_t i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                hex += QStringLiteral("%1 ").arg(bytes[i], 2, 16, QLatin1Char('0'));
                ascii += bytes[i] >= 0x20 && bytes[i] < 0x7f ? QLatin1Char(static_cast<char>(bytes[i])) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("%1  %2 |%3|\n").arg(line, 4, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return out;
}

// The bytes as UTF-8 text, control characters other than line breaks and
// tabs written as \xHH: a NUL or an escape sequence is seen, not obeyed.
QString visibleText(const std::vector<unsigned char> &bytes)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size()));
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const bool control = (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t')) || c.unicode() == 0x7f;
        out += control ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0')) : QString(c);
    }
    return out;
}

bool incoming(const sockscope::Event &event)
{
    for (const auto &[key, value] : event.extra) {
        if (key == "direction")
            return std::get<std::string>(value) == "in";
    }
    return false;
}

} // namespace

SessionConsole::SessionConsole(ConnectController *controller, QWidget *parent) : QWidget(parent), controller_(controller)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *viewRow = new QHBoxLayout;
    counters_ = new QLabel(this);
    counters_->setObjectName(QStringLiteral("connectCounters"));
    counters_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // may be cut short, never widen the window
    viewMode_ = new QComboBox(this);
    viewMode_->setObjectName(QStringLiteral("connectViewMode"));
    viewMode_->addItem(tr("Text"));
    viewMode_->addItem(tr("Hex dump"));
    viewMode_->setToolTip(tr("How new data is shown; the transcript keeps every byte either way"));
    saveButton_ = new QPushButton(tr("Save transcr&ipt…"), this);
    connect(saveButton_, &QPushButton::clicked, this, &SessionConsole::saveTranscript);
    halfCloseButton_ = new QPushButton(tr("Half-clo&se"), this);
    halfCloseButton_->setToolTip(tr("Shut down our writing side (FIN); keep reading what the peer sends"));
    connect(halfCloseButton_, &QPushButton::clicked, controller_, &ConnectController::shutdownWrite);
    closeButton_ = new QPushButton(tr("C&lose"), this);
    connect(closeButton_, &QPushButton::clicked, controller_, &ConnectController::stop);
    abortButton_ = new QPushButton(tr("Abort (RS&T)"), this);
    abortButton_->setToolTip(tr("Close with a reset instead of a FIN (SO_LINGER 0)"));
    connect(abortButton_, &QPushButton::clicked, controller_, &ConnectController::abort);
    viewRow->addWidget(counters_, 1);
    viewRow->addWidget(halfCloseButton_);
    viewRow->addWidget(closeButton_);
    viewRow->addWidget(abortButton_);
    viewRow->addWidget(viewMode_);
    viewRow->addWidget(saveButton_);
    view_ = new QPlainTextEdit(this);
    view_->setObjectName(QStringLiteral("connectReceived"));
    view_->setReadOnly(true);
    view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view_->setPlaceholderText(tr("What is sent (→) and received (←) appears here."));
    view_->setMaximumBlockCount(20000);
    view_->setMinimumHeight(view_->fontMetrics().lineSpacing() * 2 + 8); // two lines: room for the rest at 800x600
    layout->addLayout(viewRow);
    layout->addWidget(view_, 1);
    layout->addWidget(makeSendRow());

    flushTimer_.setSingleShot(true);
    flushTimer_.setInterval(kFlushMs);
    connect(&flushTimer_, &QTimer::timeout, this, &SessionConsole::flush);
    connect(controller_, &ConnectController::traffic, this, &SessionConsole::traffic);
    begin(sockscope::Clock::now());
    setConnected(false, false);
}

QWidget *SessionConsole::makeSendRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    sendInput_ = new QLineEdit(row);
    sendInput_->setObjectName(QStringLiteral("connectSend"));
    sendInput_->setPlaceholderText(tr("Text to send (\\r \\n \\t \\0 \\xHH), or hex digits"));
    connect(sendInput_, &QLineEdit::returnPressed, this, &SessionConsole::sendTyped);
    format_ = new QComboBox(row);
    format_->setObjectName(QStringLiteral("connectSendFormat"));
    format_->addItem(tr("Text"));
    format_->addItem(tr("Hex"));
    ending_ = new QComboBox(row);
    ending_->setObjectName(QStringLiteral("connectLineEnding"));
    ending_->addItem(tr("+ LF"), static_cast<int>(LineEnding::Lf));
    ending_->addItem(tr("+ CRLF"), static_cast<int>(LineEnding::CrLf));
    ending_->addItem(tr("no line ending"), static_cast<int>(LineEnding::None));
    connect(format_, &QComboBox::currentIndexChanged, this, [this](int index) { ending_->setEnabled(index == 0); });
    sendButton_ = new QPushButton(tr("Sen&d"), row);
    connect(sendButton_, &QPushButton::clicked, this, &SessionConsole::sendTyped);
    layout->addWidget(sendInput_, 1);
    layout->addWidget(format_);
    layout->addWidget(ending_);
    layout->addWidget(sendButton_);
    return row;
}

void SessionConsole::begin(sockscope::TimePoint start)
{
    start_ = start;
    pending_.clear();
    view_->clear();
    bytesIn_ = bytesOut_ = 0;
    counters_->clear();
    QString error;
    if (!transcript_.begin(start, &error))
        emit status(error);
}

void SessionConsole::setConnected(bool connected, bool canSend)
{
    for (QWidget *widget : {static_cast<QWidget *>(sendInput_), static_cast<QWidget *>(sendButton_),
                            static_cast<QWidget *>(halfCloseButton_)})
        widget->setEnabled(canSend);
    for (QWidget *widget : {static_cast<QWidget *>(closeButton_), static_cast<QWidget *>(abortButton_)})
        widget->setEnabled(connected);
    saveButton_->setEnabled(!transcript_.empty());
}

bool SessionConsole::hexFormat() const
{
    return format_->currentIndex() == 1;
}

void SessionConsole::load(const QString &payload, bool hex)
{
    sendInput_->setText(payload);
    format_->setCurrentIndex(hex ? 1 : 0);
}

void SessionConsole::traffic(const sockscope::Event &event)
{
    transcript_.append(event);
    (incoming(event) ? bytesIn_ : bytesOut_) += event.bytes.value_or(0);
    pending_.push_back(event);
    if (!flushTimer_.isActive())
        flushTimer_.start();
}

void SessionConsole::render(const sockscope::Event &event, QString &out) const
{
    const double ms = std::chrono::duration<double, std::milli>(event.time - start_).count();
    const QString arrow = incoming(event) ? QStringLiteral("←") : QStringLiteral("→");
    out += tr("%1 ms %2 %n byte(s)", nullptr, static_cast<int>(event.bytes.value_or(0)))
               .arg(QLocale().toString(ms, 'f', 3), arrow) + QLatin1Char('\n');
    const std::vector<unsigned char> &bytes = *event.payload;
    const std::vector<unsigned char> shown(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(
                                                                            std::min(bytes.size(), kShownPerChunk)));
    if (viewMode_->currentIndex() == 1) {
        out += hexDump(shown);
    } else {
        out += visibleText(shown);
        if (!out.endsWith(QLatin1Char('\n')))
            out += QLatin1Char('\n');
    }
    if (shown.size() < bytes.size())
        out += tr("… %n more byte(s) of this chunk in the transcript", nullptr, static_cast<int>(bytes.size() - shown.size()))
               + QLatin1Char('\n');
}

// What came since the last redraw, at most kShownPerFlush of it; the rest
// is counted and left to the transcript.
void SessionConsole::flush()
{
    QString text;
    std::size_t shown = 0;
    quint64 skippedBytes = 0;
    int skipped = 0;
    for (const sockscope::Event &event : pending_) {
        if (shown >= kShownPerFlush || !event.payload) {
            skippedBytes += event.bytes.value_or(0);
            ++skipped;
            continue;
        }
        render(event, text);
        shown += std::min(event.payload->size(), kShownPerChunk);
    }
    if (skipped > 0)
        text += tr("… %n more chunk(s) (%1 bytes) not shown here; the transcript has them\n", nullptr, skipped)
                    .arg(skippedBytes);
    pending_.clear();
    QScrollBar *bar = view_->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    view_->moveCursor(QTextCursor::End);
    view_->insertPlainText(text);
    if (atEnd)
        bar->setValue(bar->maximum());
    counters_->setText(tr("received %1 bytes · sent %2 bytes").arg(bytesIn_).arg(bytesOut_));
    saveButton_->setEnabled(true);
    if (!transcript_.spoolError().isEmpty())
        emit status(transcript_.spoolError());
}

void SessionConsole::sendTyped()
{
    const bool hex = hexFormat(); // hex says every byte itself: no line ending added
    const auto payload = encodePayload(sendInput_->text(), hex,
                                       hex ? LineEnding::None : static_cast<LineEnding>(ending_->currentData().toInt()));
    if (const auto *error = std::get_if<sockscope::InputError>(&payload)) {
        emit status(MessageCatalog::inputErrorMessage(*error));
        // The error counts UTF-8 bytes; the line edit counts UTF-16 units.
        const std::string typed = sendInput_->text().toStdString();
        const auto units = [&](std::size_t bytes) {
            return static_cast<int>(QString::fromUtf8(typed.data(), static_cast<qsizetype>(std::min(bytes, typed.size()))).size());
        };
        const int start = units(error->position);
        sendInput_->setSelection(start, units(error->position + error->value.size()) - start);
        return;
    }
    if (!controller_->send(std::get<QByteArray>(payload))) {
        emit status(tr("Nothing was sent: the connection is closed or half-closed."));
        return;
    }
    sendInput_->clear();
}

void SessionConsole::saveTranscript()
{
    QString filter;
    const QString jsonFilter = tr("JSON Lines (*.jsonl)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the transcript"), QString(),
                                                      jsonFilter + QStringLiteral(";;") + tr("Text (*.txt)"), &filter);
    if (path.isEmpty())
        return;
    QString error;
    const bool saved = filter == jsonFilter ? transcript_.saveJsonLines(path, &error) : transcript_.saveText(path, &error);
    emit status(saved ? tr("Transcript saved to %1.").arg(path) : error);
}
