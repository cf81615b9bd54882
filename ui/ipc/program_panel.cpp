#include "program_panel.h"

#include "message_catalog.h"
#include "models/event_log_model.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <csignal>

namespace {

enum SocketColumn { FdColumn, InodeColumn, ProtocolColumn, LocalColumn, RemoteColumn, StateColumn, SocketColumns };

QString protocolText(const sockscope::Event &event)
{
    if (event.protocol)
        return QString::fromStdString(sockscope::protocolName(*event.protocol));
    if (event.socktype)
        return QStringLiteral("unix/%1").arg(QLatin1String(sockscope::socketTypeName(*event.socktype).data()));
    return {};
}

} // namespace

ProgramPanel::ProgramPanel(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), reactor_(reactor), events_(events)
{
    output_ = new QPlainTextEdit(this);
    output_->setReadOnly(true);
    output_->setPlaceholderText(tr("Its output, standard error marked"));
    output_->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    sockets_ = new QStandardItemModel(0, SocketColumns, this);
    sockets_->setHorizontalHeaderLabels({tr("fd"), tr("Inode"), tr("Protocol"), tr("Local"), tr("Remote or path"), tr("State")});
    auto *socketsView = new QTableView(this);
    socketsView->setObjectName(QStringLiteral("ipcProcessSockets"));
    socketsView->setModel(sockets_);
    socketsView->verticalHeader()->hide();
    socketsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    socketsView->horizontalHeader()->setStretchLastSection(true);
    socketsView->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    auto *outputs = new QSplitter(Qt::Vertical, this);
    outputs->addWidget(output_);
    outputs->addWidget(socketsView);
    status_ = new QLabel(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(outputs, 1);
    layout->addWidget(status_);
    setFocusProxy(program_);
    updateControls();
}

// The engine's objects go before the widgets they report to.
ProgramPanel::~ProgramPanel()
{
    socketsWatch_.reset();
    child_.reset();
}

QWidget *ProgramPanel::buildControls()
{
    auto *controls = new QWidget(this);
    program_ = new QLineEdit(controls);
    program_->setObjectName(QStringLiteral("ipcProgram"));
    program_->setPlaceholderText(tr("Program and arguments, e.g. /bin/cat or ls -l /tmp (no shell)"));
    daemon_ = new QCheckBox(tr("as a &daemon"), controls);
    daemon_->setToolTip(tr("A session of its own, working directory /, standard descriptors on /dev/null"));
    start_ = new QPushButton(tr("&Start"), controls);
    connect(start_, &QPushButton::clicked, this, &ProgramPanel::start);
    connect(program_, &QLineEdit::returnPressed, this, &ProgramPanel::start);
    stdin_ = new QLineEdit(controls);
    stdin_->setPlaceholderText(tr("A line for its standard input"));
    send_ = new QPushButton(tr("Send line"), controls);
    closeStdin_ = new QPushButton(tr("Close input (EOF)"), controls);
    terminate_ = new QPushButton(tr("Terminate"), controls);
    kill_ = new QPushButton(tr("Kill"), controls);
    hangup_ = new QPushButton(tr("SIGHUP"), controls);
    hangup_->setToolTip(tr("Send SIGHUP: a server that restarts on it keeps its pid and sockets; others die of it"));
    connect(send_, &QPushButton::clicked, this, &ProgramPanel::sendLine);
    connect(stdin_, &QLineEdit::returnPressed, this, &ProgramPanel::sendLine);
    connect(closeStdin_, &QPushButton::clicked, this, [this] {
        if (child_)
            child_->closeInput();
    });
    connect(terminate_, &QPushButton::clicked, this, [this] { signalChild(SIGTERM); });
    connect(kill_, &QPushButton::clicked, this, [this] { signalChild(SIGKILL); });
    connect(hangup_, &QPushButton::clicked, this, [this] { signalChild(SIGHUP); });
    auto *top = new QHBoxLayout;
    top->addWidget(program_, 1);
    top->addWidget(daemon_);
    top->addWidget(start_);
    auto *input = new QHBoxLayout;
    input->addWidget(stdin_, 1);
    input->addWidget(send_);
    input->addWidget(closeStdin_);
    auto *signalRow = new QHBoxLayout;
    signalRow->addStretch(1);
    signalRow->addWidget(terminate_);
    signalRow->addWidget(kill_);
    signalRow->addWidget(hangup_);
    auto *layout = new QVBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(input);
    layout->addLayout(signalRow);
    return controls;
}

void ProgramPanel::start()
{
    QStringList words = QProcess::splitCommand(program_->text());
    if (words.isEmpty()) {
        status_->setText(tr("Type a program to start."));
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
    options.daemon = daemon_->isChecked();
    output_->clear();
    socketsWatch_.reset();
    sockets_->removeRows(0, sockets_->rowCount());
    child_.reset();
    std::error_code error;
    child_ = sockscope::ChildProcess::start(reactor_, sink_, options,
                                            [this](const sockscope::ChildExit &) { updateControls(); }, error);
    if (!child_)
        status_->setText(tr("Could not start %1: %2").arg(words.front(), MessageCatalog::errorMessage(error)));
    updateControls();
}

void ProgramPanel::sendLine()
{
    if (!child_)
        return;
    const QByteArray line = stdin_->text().toUtf8() + '\n';
    child_->write(reinterpret_cast<const unsigned char *>(line.constData()), static_cast<std::size_t>(line.size()));
    stdin_->clear();
}

void ProgramPanel::signalChild(int signal)
{
    if (!child_)
        return;
    if (const std::error_code error = child_->signal(signal))
        status_->setText(MessageCatalog::errorMessage(error));
}

void ProgramPanel::seen(const sockscope::Event &event)
{
    events_.onEvent(event);
    switch (event.kind) {
    case sockscope::EventKind::SocketAppeared:
    case sockscope::EventKind::SocketGone: showSocket(event); break;
    case sockscope::EventKind::Data:
        if (event.payload && EventLogModel::extraField(event, "direction") == QLatin1String("in")) {
            const QString text = QString::fromStdString(sockscope::printablePreview(*event.payload, event.payload->size()));
            output_->appendPlainText(EventLogModel::extraField(event, "stream") == QLatin1String("stderr")
                                         ? tr("[stderr] %1").arg(text)
                                         : text);
        }
        break;
    case sockscope::EventKind::ChildStarted:
        status_->setText(tr("Running, pid %1.").arg(event.pid.value_or(0)));
        break;
    case sockscope::EventKind::ChildExited:
        status_->setText(event.signal ? tr("Ended by %1.").arg(QString::fromStdString(sockscope::signalName(*event.signal)))
                                      : tr("Exited with status %1.").arg(event.status.value_or(-1)));
        break;
    default:
        break;
    }
}

void ProgramPanel::updateControls()
{
    const bool running = child_ && child_->running();
    const bool piped = running && !daemon_->isChecked();
    for (QWidget *control : std::initializer_list<QWidget *>{stdin_, send_, closeStdin_})
        control->setEnabled(piped);
    for (QWidget *control : std::initializer_list<QWidget *>{terminate_, kill_, hangup_})
        control->setEnabled(running);
    updateSocketsWatch();
}

void ProgramPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateSocketsWatch();
}

void ProgramPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateSocketsWatch();
}

// /proc is read only while someone can see the result (DESIGN.md). The
// watch outlives the program by one reading, which reports its sockets
// gone, and then asks for no more.
void ProgramPanel::updateSocketsWatch()
{
    if (!child_ || !isVisible()) {
        socketsWatch_.reset();
        return;
    }
    if (!socketsWatch_ || socketsWatch_->pid() != child_->pid()) {
        sockets_->removeRows(0, sockets_->rowCount()); // the watch reports them all again
        socketsWatch_ = std::make_unique<sockscope::ProcessSocketsWatch>(reactor_, sink_, child_->pid());
    }
}

void ProgramPanel::showSocket(const sockscope::Event &event)
{
    const QString inode = EventLogModel::extraField(event, "inode");
    const QString state = EventLogModel::extraField(event, "state");
    for (int row = 0; row < sockets_->rowCount(); ++row) {
        if (sockets_->item(row, InodeColumn)->text() == inode && sockets_->item(row, StateColumn)->text() == state) {
            if (event.kind == sockscope::EventKind::SocketGone)
                sockets_->removeRow(row);
            return;
        }
    }
    if (event.kind != sockscope::EventKind::SocketAppeared)
        return;
    QString remote = QString::fromStdString(event.path);
    if (const QString address = EventLogModel::extraField(event, "remote_address"); !address.isEmpty())
        remote = QStringLiteral("%1 %2").arg(address, EventLogModel::extraField(event, "remote_port"));
    const QString local =
        event.port ? QStringLiteral("%1 %2").arg(QString::fromStdString(event.address)).arg(*event.port) : QString();
    sockets_->appendRow({new QStandardItem(EventLogModel::extraField(event, "fd")), new QStandardItem(inode),
                         new QStandardItem(protocolText(event)), new QStandardItem(local), new QStandardItem(remote),
                         new QStandardItem(state)});
}
