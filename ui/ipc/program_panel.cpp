#include "program_panel.h"

#include "message_catalog.h"
#include "models/event_log_model.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
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

constexpr qsizetype kOutputKept = 64 * 1024; // characters of each program's output

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
    auto *listAndOutputs = new QSplitter(Qt::Horizontal, this);
    listAndOutputs->addWidget(buildList());
    listAndOutputs->addWidget(outputs);
    listAndOutputs->setStretchFactor(1, 1);
    listAndOutputs->setSizes({fontMetrics().averageCharWidth() * 24, fontMetrics().averageCharWidth() * 80});
    status_ = new QLabel(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(listAndOutputs, 1);
    layout->addWidget(status_);
    setFocusProxy(program_);
    updateControls();
}

// The engine's objects go before the widgets they report to.
ProgramPanel::~ProgramPanel()
{
    socketsWatch_.reset();
    programs_.clear();
}

QWidget *ProgramPanel::buildList()
{
    list_ = new QStandardItemModel(this);
    listView_ = new QListView(this);
    listView_->setObjectName(QStringLiteral("ipcPrograms"));
    listView_->setModel(list_);
    listView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    listView_->setMinimumWidth(fontMetrics().averageCharWidth() * 16);
    connect(listView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) { select(index.row()); });
    return listView_;
}

ProgramPanel::Program *ProgramPanel::current() const
{
    return selected_ >= 0 && selected_ < static_cast<int>(programs_.size()) ? programs_[static_cast<std::size_t>(selected_)].get()
                                                                              : nullptr;
}

ProgramPanel::Program *ProgramPanel::programOf(const sockscope::Event &event) const
{
    if (event.pid) {
        for (const auto &program : programs_) {
            if (program->pid == *event.pid)
                return program.get();
        }
    }
    return starting_; // its child-started (or the error that kept it from starting) comes from inside start()
}

void ProgramPanel::select(int row)
{
    selected_ = row;
    const Program *program = current();
    output_->setPlainText(program ? program->output : QString());
    status_->setText(program ? program->state : QString());
    updateControls();
}

void ProgramPanel::describe(Program &program, const QString &state)
{
    program.state = state;
    for (std::size_t row = 0; row < programs_.size(); ++row) {
        if (programs_[row].get() == &program)
            list_->item(static_cast<int>(row))->setText(QStringLiteral("%1  %2").arg(program.pid).arg(program.command));
    }
    if (&program == current())
        status_->setText(state);
}

QWidget *ProgramPanel::buildControls()
{
    auto *controls = new QWidget(this);
    program_ = new QLineEdit(controls);
    program_->setObjectName(QStringLiteral("ipcProgram"));
    program_->setPlaceholderText(tr("Program and arguments, e.g. /bin/cat or ls -l /tmp (no shell)"));
    group_ = new QCheckBox(tr("&own process group"), controls);
    group_->setToolTip(tr("A process group of its own, so the Signals tab can signal it and its children together"));
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
        if (Program *program = current(); program && program->child)
            program->child->closeInput();
    });
    connect(terminate_, &QPushButton::clicked, this, [this] { signalChild(SIGTERM); });
    connect(kill_, &QPushButton::clicked, this, [this] { signalChild(SIGKILL); });
    connect(hangup_, &QPushButton::clicked, this, [this] { signalChild(SIGHUP); });
    auto *top = new QHBoxLayout;
    top->addWidget(program_, 1);
    top->addWidget(group_);
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
    options.newProcessGroup = group_->isChecked();
    auto program = std::make_unique<Program>();
    program->daemon = options.daemon;
    program->command = words.join(QLatin1Char(' '));
    starting_ = program.get();
    programs_.push_back(std::move(program));
    list_->appendRow(new QStandardItem(programs_.back()->command));
    std::error_code error;
    Program *started = programs_.back().get();
    started->child = sockscope::ChildProcess::start(reactor_, sink_, options,
                                                    [this](const sockscope::ChildExit &) { updateControls(); }, error);
    starting_ = nullptr;
    if (!started->child)
        describe(*started, tr("Could not start %1: %2").arg(words.front(), MessageCatalog::errorMessage(error)));
    listView_->setCurrentIndex(list_->index(list_->rowCount() - 1, 0)); // shows it
}

void ProgramPanel::sendLine()
{
    Program *program = current();
    if (!program || !program->child)
        return;
    const QByteArray line = stdin_->text().toUtf8() + '\n';
    program->child->write(reinterpret_cast<const unsigned char *>(line.constData()), static_cast<std::size_t>(line.size()));
    stdin_->clear();
}

void ProgramPanel::signalChild(int signal)
{
    Program *program = current();
    if (!program || !program->child)
        return;
    if (const std::error_code error = program->child->signal(signal))
        status_->setText(MessageCatalog::errorMessage(error));
}

void ProgramPanel::seen(const sockscope::Event &event)
{
    events_.onEvent(event);
    switch (event.kind) {
    case sockscope::EventKind::SocketAppeared:
    case sockscope::EventKind::SocketGone: showSocket(event); break;
    case sockscope::EventKind::Data:
        if (Program *program = programOf(event);
            program && event.payload && EventLogModel::extraField(event, "direction") == QLatin1String("in"))
            appendOutput(*program, event);
        break;
    case sockscope::EventKind::ChildStarted:
        if (Program *program = programOf(event)) {
            program->pid = event.pid.value_or(0);
            describe(*program, tr("Running, pid %1.").arg(program->pid));
        }
        break;
    case sockscope::EventKind::ChildExited:
        if (Program *program = programOf(event); program && !event.error)
            describe(*program, event.signal ? tr("Ended by %1.").arg(QString::fromStdString(sockscope::signalName(*event.signal)))
                                            : tr("Exited with status %1.").arg(event.status.value_or(-1)));
        break;
    default:
        break;
    }
}

// Kept per program (its newest part), shown when it is the selected one.
void ProgramPanel::appendOutput(Program &program, const sockscope::Event &event)
{
    const QString text = QString::fromStdString(sockscope::printablePreview(*event.payload, event.payload->size()));
    const QString line = EventLogModel::extraField(event, "stream") == QLatin1String("stderr") ? tr("[stderr] %1").arg(text)
                                                                                               : text;
    program.output += line + QLatin1Char('\n');
    if (program.output.size() > kOutputKept)
        program.output.remove(0, program.output.size() - kOutputKept);
    if (&program == current())
        output_->appendPlainText(line);
}

void ProgramPanel::updateControls()
{
    const Program *program = current();
    const bool running = program && program->child && program->child->running();
    const bool piped = running && !program->daemon;
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
    const Program *program = current();
    if (!program || !program->child || !isVisible()) {
        socketsWatch_.reset();
        sockets_->removeRows(0, sockets_->rowCount());
        return;
    }
    if (!socketsWatch_ || socketsWatch_->pid() != program->pid) {
        socketsWatch_.reset();
        sockets_->removeRows(0, sockets_->rowCount()); // the watch reports them all again
        socketsWatch_ = std::make_unique<sockscope::ProcessSocketsWatch>(reactor_, sink_, program->pid);
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
