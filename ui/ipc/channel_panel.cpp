#include "channel_panel.h"

#include "message_catalog.h"
#include "models/event_log_model.h"

#include <sockscope/ipc/pipe.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

enum Primitive { PipePrimitive, FifoPrimitive, StreamPair, DatagramPair, SeqPacketPair };

} // namespace

ChannelPanel::ChannelPanel(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), reactor_(reactor), events_(events)
{
    primitive_ = new QComboBox(this);
    primitive_->setObjectName(QStringLiteral("ipcPrimitive"));
    primitive_->addItem(tr("Pipe"), PipePrimitive);
    primitive_->addItem(tr("FIFO (named pipe, private directory)"), FifoPrimitive);
    primitive_->addItem(tr("Socket pair, stream"), StreamPair);
    primitive_->addItem(tr("Socket pair, datagram"), DatagramPair);
    primitive_->addItem(tr("Socket pair, seqpacket"), SeqPacketPair);
    create_ = new QPushButton(tr("C&reate"), this);
    create_->setObjectName(QStringLiteral("ipcCreate"));
    connect(create_, &QPushButton::clicked, this, &ChannelPanel::create);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(primitive_, 1);
    top->addWidget(create_);
    auto *endsRow = new QHBoxLayout;
    endsRow->addWidget(buildEnd(0));
    endsRow->addWidget(buildEnd(1));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(status_);
    layout->addLayout(endsRow, 1);
    setFocusProxy(primitive_);
    updateEnds();
}

// The engine's objects go before the widgets they report to.
ChannelPanel::~ChannelPanel()
{
    channel_.reset();
    fifo_.reset();
}

QWidget *ChannelPanel::buildEnd(int end)
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
        if (sockscope::Channel *open = channel())
            open->closeEnd(end);
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

sockscope::Channel *ChannelPanel::channel() const
{
    return channel_ ? channel_.get() : fifo_ ? fifo_->channel() : nullptr;
}

void ChannelPanel::create()
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
    case DatagramPair:
        channel_ = sockscope::openSocketPair(reactor_, sink_, id, sockscope::SocketType::Datagram, error);
        break;
    case SeqPacketPair:
        channel_ = sockscope::openSocketPair(reactor_, sink_, id, sockscope::SocketType::SeqPacket, error);
        break;
    }
    if (error)
        status_->setText(tr("Could not create it: %1").arg(MessageCatalog::errorMessage(error)));
    updateEnds();
}

void ChannelPanel::writeAt(int end)
{
    sockscope::Channel *open = channel();
    if (!open)
        return;
    std::size_t position = 0;
    const auto bytes = sockscope::fromEscapedText(ends_[static_cast<std::size_t>(end)].input->text().toStdString(), &position);
    if (!bytes) {
        status_->setText(tr("The text has a malformed escape at byte %1.").arg(position));
        return;
    }
    open->write(end, bytes->data(), bytes->size());
    ends_[static_cast<std::size_t>(end)].input->clear();
}

void ChannelPanel::seen(const sockscope::Event &event)
{
    events_.onEvent(event);
    const QString end = EventLogModel::extraField(event, "end");
    const int index = end == QLatin1String("write") || end == QLatin1String("a") ? 0 : 1;
    switch (event.kind) {
    case sockscope::EventKind::Data:
        if (EventLogModel::extraField(event, "direction") == QLatin1String("in"))
            ends_[static_cast<std::size_t>(index)].received->appendPlainText(
                QString::fromStdString(sockscope::printablePreview(*event.payload, event.payload->size())));
        if (EventLogModel::extraField(event, "data_truncated") == QLatin1String("true"))
            status_->setText(tr("At end “%1” a message of %2 bytes was cut to %3.")
                                 .arg(end, EventLogModel::extraField(event, "message_bytes"))
                                 .arg(event.payload->size()));
        break;
    case sockscope::EventKind::IpcFailed:
        status_->setText(tr("%1 at end “%2”: %3")
                             .arg(EventLogModel::extraField(event, "operation"), end,
                                  MessageCatalog::errorMessage(event.error)));
        break;
    case sockscope::EventKind::IpcCreated:
        status_->setText(event.path.empty() ? tr("Created.") : tr("Created at %1.").arg(QString::fromStdString(event.path)));
        break;
    case sockscope::EventKind::IpcClosed:
        status_->setText(EventLogModel::extraField(event, "reason") == QLatin1String("eof")
                             ? tr("End “%1” read the end of the data (EOF).").arg(end)
                             : tr("End “%1” closed.").arg(end));
        break;
    default:
        break;
    }
    updateEnds();
}

void ChannelPanel::updateEnds()
{
    sockscope::Channel *open = channel();
    for (int end = 0; end < 2; ++end) {
        EndView &view = ends_[static_cast<std::size_t>(end)];
        const bool endOpen = open && open->isOpen(end);
        view.title->setText(open ? tr("End “%1”%2").arg(QString::fromStdString(open->endName(end)),
                                                         endOpen ? QString() : tr(" (closed)"))
                                 : tr("End %1").arg(end + 1));
        const bool writes = endOpen && open->writes(end);
        view.input->setEnabled(writes);
        view.write->setEnabled(writes);
        view.close->setEnabled(endOpen);
    }
}
