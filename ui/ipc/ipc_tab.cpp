#include "ipc_tab.h"

#include "message_catalog.h"

#include <sockscope/ipc/pipe.h>

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QHeaderView>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <csignal>

namespace {

enum Primitive { PipePrimitive, FifoPrimitive, StreamPair, DatagramPair, SeqPacketPair };

QString extra(const sockscope::Event &event, const char *key)
{
    for (const auto &[name, value] : event.extra) {
        if (name == key && std::holds_alternative<std::string>(value))
            return QString::fromStdString(std::get<std::string>(value));
    }
    return {};
}

QString numberText(const sockscope::Event &event, const char *key)
{
    for (const auto &[name, value] : event.extra) {
        if (name == key && std::holds_alternative<std::int64_t>(value))
            return QString::number(std::get<std::int64_t>(value));
    }
    return {};
}

QString preview(const sockscope::Event &event)
{
    return QString::fromStdString(sockscope::printablePreview(*event.payload, event.payload->size()));
}

} // namespace

IpcTab::IpcTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), reactor_(reactor), events_(events)
{
    setObjectName(QStringLiteral("ipcTab"));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(buildChannelBox());
    splitter->addWidget(buildProcessBox());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    setFocusProxy(primitive_);
    updateEnds();
    updateProcess();
}

// The engine's objects go before the widgets they report to.
IpcTab::~IpcTab()
{
    socketsWatch_.reset();
    child_.reset();
    channel_.reset();
    fifo_.reset();
}

QWidget *IpcTab::buildChannelBox()
{
    auto *box = new QGroupBox(tr("Pipe, FIFO or socket pair: both ends"), this);
    primitive_ = new QComboBox(box);
    primitive_->setObjectName(QStringLiteral("ipcPrimitive"));
    primitive_->addItem(tr("Pipe"), PipePrimitive);
    primitive_->addItem(tr("FIFO (named pipe, private directory)"), FifoPrimitive);
    primitive_->addItem(tr("Socket pair, stream"), StreamPair);
    primitive_->addItem(tr("Socket pair, datagram"), DatagramPair);
    primitive_->addItem(tr("Socket pair, seqpacket"), SeqPacketPair);
    create_ = new QPushButton(tr("C&reate"), box);
    create_->setObjectName(QStringLiteral("ipcCreate"));
    connect(create_, &QPushButton::clicked, this, &IpcTab::createChannel);
    channelStatus_ = new QLabel(box);
    channelStatus_->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(primitive_, 1);
    top->addWidget(create_);
    auto *endsRow = new QHBoxLayout;
    endsRow->addWidget(buildEnd(0));
    endsRow->addWidget(buildEnd(1));
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(top);
    layout->addWidget(channelStatus_);
    layout->addLayout(endsRow, 1);
    return box;
}

QWidget *IpcTab::buildEnd(int end)
{
    EndView &view = ends_[static_cast<std::size_t>(end)];
    auto *widget = new QWidget(this);
    view.title = new QLabel(widget);
    view.input = new QLineEdit(widget);
    view.input->setPlaceholderText(tr("Text to write at this end (\\n, \\xHH escapes)"));
    view.write = new QPushButton(tr("Write"), widget);
    view.close = new QPushButton(tr("Close end"), widget);
    view.received = new QPlainTextEdit(widget);
    view.received->setReadOnly(true);
    view.received->setPlaceholderText(tr("What arrives at this end"));
    view.received->setMinimumHeight(fontMetrics().lineSpacing() * 3); // the tab must fit 800x600 with the log
    connect(view.write, &QPushButton::clicked, this, [this, end] { writeAt(end); });
    connect(view.input, &QLineEdit::returnPressed, this, [this, end] { writeAt(end); });
    connect(view.close, &QPushButton::clicked, this, [this, end] {
        if (channel_)
            channel_->closeEnd(end);
        updateEnds();
    });
    auto *row = new QHBoxLayout;
    row->addWidget(view.input, 1);
    row->addWidget(view.write);
    row->addWidget(view.close);
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view.title);
    layout->addLayout(row);
    layout->addWidget(view.received, 1);
    return widget;
}

QWidget *IpcTab::buildProcessBox()
{
    auto *box = new QGroupBox(tr("A program (started from its arguments, no shell)"), this);
    program_ = new QLineEdit(box);
    program_->setObjectName(QStringLiteral("ipcProgram"));
    program_->setPlaceholderText(tr("Program and arguments, e.g. /bin/cat or ls -l /tmp"));
    start_ = new QPushButton(tr("&Start"), box);
    connect(start_, &QPushButton::clicked, this, &IpcTab::startProgram);
    connect(program_, &QLineEdit::returnPressed, this, &IpcTab::startProgram);
    stdin_ = new QLineEdit(box);
    stdin_->setPlaceholderText(tr("A line for its standard input"));
    send_ = new QPushButton(tr("Send line"), box);
    closeStdin_ = new QPushButton(tr("Close input (EOF)"), box);
    terminate_ = new QPushButton(tr("Terminate"), box);
    kill_ = new QPushButton(tr("Kill"), box);
    hangup_ = new QPushButton(tr("SIGHUP"), box);
    hangup_->setToolTip(tr("Send SIGHUP: a server that restarts on it keeps its pid and sockets; others die of it"));
    const auto sendLine = [this] {
        if (!child_)
            return;
        const QByteArray line = stdin_->text().toUtf8() + '\n';
        child_->write(reinterpret_cast<const unsigned char *>(line.constData()), static_cast<std::size_t>(line.size()));
        stdin_->clear();
    };
    connect(send_, &QPushButton::clicked, this, sendLine);
    connect(stdin_, &QLineEdit::returnPressed, this, sendLine);
    connect(closeStdin_, &QPushButton::clicked, this, [this] {
        if (child_)
            child_->closeInput();
    });
    connect(terminate_, &QPushButton::clicked, this, [this] {
        if (child_)
            child_->signal(SIGTERM);
    });
    connect(kill_, &QPushButton::clicked, this, [this] {
        if (child_)
            child_->signal(SIGKILL);
    });
    connect(hangup_, &QPushButton::clicked, this, [this] {
        if (child_)
            child_->signal(SIGHUP);
    });
    sockets_ = new QStandardItemModel(0, 6, this);
    sockets_->setHorizontalHeaderLabels({tr("fd"), tr("Inode"), tr("Protocol"), tr("Local"), tr("Remote or path"), tr("State")});
    auto *socketsView = new QTableView(box);
    socketsView->setObjectName(QStringLiteral("ipcProcessSockets"));
    socketsView->setModel(sockets_);
    socketsView->verticalHeader()->hide();
    socketsView->horizontalHeader()->setStretchLastSection(true);
    socketsView->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    output_ = new QPlainTextEdit(box);
    output_->setReadOnly(true);
    output_->setPlaceholderText(tr("Its output, standard error marked"));
    output_->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    processStatus_ = new QLabel(box);
    auto *top = new QHBoxLayout;
    top->addWidget(program_, 1);
    top->addWidget(start_);
    auto *input = new QHBoxLayout;
    input->addWidget(stdin_, 1);
    input->addWidget(send_);
    input->addWidget(closeStdin_);
    input->addWidget(terminate_);
    input->addWidget(kill_);
    input->addWidget(hangup_);
    auto *outputs = new QSplitter(Qt::Horizontal, box);
    outputs->addWidget(output_);
    outputs->addWidget(socketsView);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(top);
    layout->addLayout(input);
    layout->addWidget(outputs, 1);
    layout->addWidget(processStatus_);
    return box;
}

void IpcTab::createChannel()
{
    channel_.reset();
    fifo_.reset();
    for (EndView &view : ends_)
        view.received->clear();
    std::error_code error;
    const int id = nextId_++;
    switch (primitive_->currentData().toInt()) {
    case PipePrimitive: channel_ = sockscope::openPipe(reactor_, sink_, id, std::nullopt, error); break;
    case FifoPrimitive:
        fifo_ = sockscope::Fifo::create(reactor_, sink_, id, {}, error);
        if (fifo_) {
            fifo_->openWriterNow(); // ENXIO: shows that a writer needs a reader
            fifo_->openWriterWaiting();
            fifo_->openReader();
        }
        break;
    case StreamPair: channel_ = sockscope::openSocketPair(reactor_, sink_, id, sockscope::SocketType::Stream, error); break;
    case DatagramPair: channel_ = sockscope::openSocketPair(reactor_, sink_, id, sockscope::SocketType::Datagram, error); break;
    case SeqPacketPair:
        channel_ = sockscope::openSocketPair(reactor_, sink_, id, sockscope::SocketType::SeqPacket, error);
        break;
    }
    if (error)
        channelStatus_->setText(tr("Could not create it: %1").arg(MessageCatalog::errorMessage(error)));
    updateEnds();
}

void IpcTab::writeAt(int end)
{
    sockscope::Channel *channel = channel_ ? channel_.get() : fifo_ ? fifo_->channel() : nullptr;
    if (!channel)
        return;
    std::size_t position = 0;
    const auto bytes = sockscope::fromEscapedText(ends_[static_cast<std::size_t>(end)].input->text().toStdString(), &position);
    if (!bytes) {
        channelStatus_->setText(tr("The text has a malformed escape at byte %1.").arg(position));
        return;
    }
    channel->write(end, bytes->data(), bytes->size());
    ends_[static_cast<std::size_t>(end)].input->clear();
}

void IpcTab::startProgram()
{
    QStringList words = QProcess::splitCommand(program_->text());
    if (words.isEmpty()) {
        processStatus_->setText(tr("Type a program to start."));
        return;
    }
    if (!words.front().contains(QLatin1Char('/'))) {
        const QString found = QStandardPaths::findExecutable(words.front());
        if (!found.isEmpty())
            words.front() = found;
    }
    sockscope::ChildOptions options;
    for (const QString &word : words)
        options.argv.push_back(word.toStdString());
    output_->clear();
    socketsWatch_.reset();
    sockets_->removeRows(0, sockets_->rowCount());
    child_.reset();
    std::error_code error;
    child_ = sockscope::ChildProcess::start(reactor_, sink_, options, [this](const sockscope::ChildExit &) { updateProcess(); },
                                            error);
    if (!child_)
        processStatus_->setText(tr("Could not start %1: %2").arg(words.front(), MessageCatalog::errorMessage(error)));
    updateProcess();
}

void IpcTab::seen(const sockscope::Event &event)
{
    events_.onEvent(event);
    if (event.kind == sockscope::EventKind::SocketAppeared || event.kind == sockscope::EventKind::SocketGone)
        showSocket(event);
    else if (event.kind == sockscope::EventKind::ChildStarted || event.kind == sockscope::EventKind::ChildExited ||
             !extra(event, "stream").isEmpty())
        showProcess(event);
    else
        showChannel(event);
}

void IpcTab::showChannel(const sockscope::Event &event)
{
    const QString end = extra(event, "end");
    const int index = channel_ || (fifo_ && fifo_->channel())
                          ? (end == QLatin1String("write") || end == QLatin1String("a") ? 0 : 1)
                          : -1;
    switch (event.kind) {
    case sockscope::EventKind::Data:
        if (index >= 0 && extra(event, "direction") == QLatin1String("in"))
            ends_[static_cast<std::size_t>(index)].received->appendPlainText(preview(event));
        break;
    case sockscope::EventKind::IpcFailed:
        channelStatus_->setText(tr("%1 at end “%2”: %3")
                                    .arg(extra(event, "operation"), end, MessageCatalog::errorMessage(event.error)));
        break;
    case sockscope::EventKind::IpcCreated:
        channelStatus_->setText(event.path.empty() ? tr("Created.")
                                                   : tr("Created at %1.").arg(QString::fromStdString(event.path)));
        break;
    case sockscope::EventKind::IpcClosed:
        channelStatus_->setText(extra(event, "reason") == QLatin1String("eof") ? tr("End “%1” read the end of the data (EOF).").arg(end)
                                                                               : tr("End “%1” closed.").arg(end));
        break;
    default:
        break;
    }
    updateEnds();
}

void IpcTab::showProcess(const sockscope::Event &event)
{
    if (event.kind == sockscope::EventKind::Data && event.payload && extra(event, "direction") == QLatin1String("in")) {
        const QString text = preview(event);
        output_->appendPlainText(extra(event, "stream") == QLatin1String("stderr") ? tr("[stderr] %1").arg(text) : text);
    }
    if (event.kind == sockscope::EventKind::ChildExited) {
        processStatus_->setText(event.signal ? tr("Ended by %1.").arg(QString::fromStdString(sockscope::signalName(*event.signal)))
                                             : tr("Exited with status %1.").arg(event.status.value_or(-1)));
    }
    if (event.kind == sockscope::EventKind::ChildStarted)
        processStatus_->setText(tr("Running, pid %1.").arg(event.pid.value_or(0)));
}

void IpcTab::updateEnds()
{
    sockscope::Channel *channel = channel_ ? channel_.get() : fifo_ ? fifo_->channel() : nullptr;
    for (int end = 0; end < 2; ++end) {
        EndView &view = ends_[static_cast<std::size_t>(end)];
        const bool open = channel && channel->isOpen(end);
        view.title->setText(channel ? tr("End “%1”%2").arg(QString::fromStdString(channel->endName(end)),
                                                            open ? QString() : tr(" (closed)"))
                                    : tr("End %1").arg(end + 1));
        const bool writes = open && channel->writes(end);
        view.input->setEnabled(writes);
        view.write->setEnabled(writes);
        view.close->setEnabled(open);
    }
}

void IpcTab::updateProcess()
{
    const bool running = child_ && child_->running();
    for (QWidget *control : std::initializer_list<QWidget *>{stdin_, send_, closeStdin_, terminate_, kill_, hangup_})
        control->setEnabled(running);
    updateSocketsWatch();
}

void IpcTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateSocketsWatch();
}

void IpcTab::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateSocketsWatch();
}

// /proc is read only while someone can see the result (DESIGN.md). The
// watch outlives the program by one reading, which reports its sockets
// gone, and then asks for no more.
void IpcTab::updateSocketsWatch()
{
    const bool wanted = child_ && isVisible();
    if (!wanted) {
        socketsWatch_.reset();
        return;
    }
    if (!socketsWatch_ || socketsWatch_->pid() != child_->pid()) {
        sockets_->removeRows(0, sockets_->rowCount()); // the watch reports them all again
        socketsWatch_ = std::make_unique<sockscope::ProcessSocketsWatch>(reactor_, sink_, child_->pid());
    }
}

void IpcTab::showSocket(const sockscope::Event &event)
{
    const QString inode = numberText(event, "inode");
    const QString state = extra(event, "state");
    for (int row = 0; row < sockets_->rowCount(); ++row) {
        if (sockets_->item(row, 1)->text() == inode && sockets_->item(row, 5)->text() == state) {
            if (event.kind == sockscope::EventKind::SocketGone)
                sockets_->removeRow(row);
            return;
        }
    }
    if (event.kind != sockscope::EventKind::SocketAppeared)
        return;
    const QString protocol = event.protocol ? QString::fromStdString(sockscope::protocolName(*event.protocol))
                             : event.socktype ? QStringLiteral("unix/%1").arg(QLatin1String(sockscope::socketTypeName(*event.socktype).data()))
                                              : QString();
    QString remote = QString::fromStdString(event.path);
    if (const QString address = extra(event, "remote_address"); !address.isEmpty())
        remote = QStringLiteral("%1 %2").arg(address, numberText(event, "remote_port"));
    const QString local = event.port ? QStringLiteral("%1 %2").arg(QString::fromStdString(event.address)).arg(*event.port) : QString();
    sockets_->appendRow({new QStandardItem(numberText(event, "fd")), new QStandardItem(inode),
                         new QStandardItem(protocol), new QStandardItem(local), new QStandardItem(remote),
                         new QStandardItem(state)});
}
