#include "servers_tab.h"

#include "connect/payload.h"
#include "connect/socket_options_panel.h"
#include "message_catalog.h"
#include "servers_controller.h"
#include "servers_model.h"
#include "widgets/buddy_label.h"

#include <sockscope/resolve/endpoint.h>
#include <sockscope/serve/behaviour.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

} // namespace

ServersTab::ServersTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), controller_(new ServersController(reactor, events, this)),
      servers_(new ServersModel(controller_, this)), peers_(new PeersModel(controller_, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(makeForm());
    layout->addWidget(makeModelRow());
    options_ = new SocketOptionsPanel(this);
    options_->setServing();
    options_->hide(); // shown on asking: the defaults serve most
    layout->addWidget(options_);
    warning_ = new QLabel(this);
    warning_->setObjectName(QStringLiteral("serveWarning"));
    warning_->setWordWrap(true);
    warning_->setStyleSheet(QStringLiteral("color: #b45309;"));
    layout->addWidget(warning_);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("serveStatus"));
    status_->setWordWrap(true);
    layout->addWidget(status_);
    serversView_ = makeTable(servers_, QStringLiteral("serveServers"), this);
    peersView_ = makeTable(peers_, QStringLiteral("servePeers"), this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *servers = new QWidget(splitter);
    auto *serversLayout = new QVBoxLayout(servers);
    serversLayout->setContentsMargins(0, 0, 0, 0);
    serversLayout->addWidget(serversView_, 1);
    serversLayout->addWidget(makeServerActions());
    splitter->addWidget(servers);
    // The peers and the selected one's transcript side by side: both keep
    // their height when the window is small (800x600 with the log shown).
    auto *peers = new QWidget(splitter);
    auto *peersLayout = new QVBoxLayout(peers);
    peersLayout->setContentsMargins(0, 0, 0, 0);
    auto *peerSplitter = new QSplitter(Qt::Horizontal, peers);
    peerSplitter->addWidget(peersView_);
    transcript_ = new QPlainTextEdit(peerSplitter);
    transcript_->setObjectName(QStringLiteral("serveTranscript"));
    transcript_->setReadOnly(true);
    transcript_->setLineWrapMode(QPlainTextEdit::NoWrap);
    transcript_->setPlaceholderText(tr("The selected peer's bytes, both ways"));
    peerSplitter->addWidget(transcript_);
    peerSplitter->setStretchFactor(0, 3);
    peerSplitter->setStretchFactor(1, 2);
    peersLayout->addWidget(peerSplitter, 1);
    peersLayout->addWidget(makePeerActions());
    splitter->addWidget(peers);
    // Few servers, many peers: the peers get most of the height.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
    connect(serversView_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServersTab::selectionChanged);
    connect(servers_, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int, int last) {
        serversView_->selectRow(last); // a new server: show its peers
    });
    connect(peersView_->selectionModel(), &QItemSelectionModel::currentChanged, this, &ServersTab::showTranscript);
    connect(controller_, &ServersController::changed, this, &ServersTab::showTranscript);
    updateWarning();
    updateFormState();
    selectionChanged();
}

ServersTab::~ServersTab()
{
    controller_->stopAll(); // sockets closed and Unix files removed while the log still listens
}

QWidget *ServersTab::makeForm()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    behaviour_ = new QComboBox(row);
    behaviour_->setObjectName(QStringLiteral("serveBehaviour"));
    for (const std::string_view name : sockscope::behaviourNames())
        behaviour_->addItem(QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())));
    transport_ = new QComboBox(row);
    transport_->addItem(tr("TCP"), SOCK_STREAM);
    transport_->addItem(tr("UDP"), SOCK_DGRAM);
    address_ = new QComboBox(row);
    address_->setObjectName(QStringLiteral("serveAddress"));
    address_->setEditable(true);
    address_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    address_->setToolTip(tr("Where to listen: loopback (both families), an address of this machine, or typed"));
    fillAddresses();
    address_->lineEdit()->setCursorPosition(0); // the start of "loopback (...)", not its end
    connect(address_, &QComboBox::editTextChanged, this, &ServersTab::updateWarning);
    port_ = new QSpinBox(row);
    port_->setRange(0, 65535);
    port_->setSpecialValueText(tr("any port"));
    startButton_ = new QPushButton(tr("Sta&rt"), row);
    connect(startButton_, &QPushButton::clicked, this, &ServersTab::startServer);
    setFocusProxy(behaviour_);
    layout->addWidget(buddyLabel(tr("Be&haviour:"), behaviour_, row));
    layout->addWidget(behaviour_);
    layout->addWidget(transport_);
    layout->addWidget(buddyLabel(tr("Listen o&n:"), address_, row));
    layout->addWidget(address_, 1);
    layout->addWidget(port_);
    layout->addWidget(startButton_);
    return row;
}

QWidget *ServersTab::makeModelRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    model_ = new QComboBox(row);
    model_->setObjectName(QStringLiteral("serveModel"));
    model_->addItem(tr("in-loop"), QStringLiteral("in-loop"));
    model_->addItem(tr("fork per peer"), QStringLiteral("fork"));
    model_->addItem(tr("pre-forked pool"), QStringLiteral("prefork"));
    model_->setToolTip(tr("in-loop: every peer on the event loop; fork: a worker process per peer; pre-forked: a "
                          "pool of workers that accept"));
    children_ = new QSpinBox(row);
    children_->setRange(1, 256);
    children_->setValue(4);
    children_->setSuffix(tr(" workers"));
    forwardTo_ = new QLineEdit(row);
    forwardTo_->setObjectName(QStringLiteral("serveForwardTo"));
    forwardTo_->setPlaceholderText(tr("host:port"));
    names_ = new QCheckBox(tr("Na&mes"), row);
    names_->setToolTip(tr("Look up each peer's name, and confirm it"));
    names_->setChecked(true);
    processes_ = new QCheckBox(tr("Pro&cesses"), row);
    processes_->setToolTip(tr("Find the process at the other end of each loopback peer"));
    processes_->setChecked(true);
    optionsToggle_ = new QToolButton(row);
    optionsToggle_->setText(tr("Socket options"));
    optionsToggle_->setCheckable(true);
    optionsToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    optionsToggle_->setArrowType(Qt::RightArrow);
    connect(optionsToggle_, &QToolButton::toggled, this, [this](bool shown) {
        options_->setVisible(shown);
        optionsToggle_->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(model_, &QComboBox::currentIndexChanged, this, &ServersTab::updateFormState);
    connect(behaviour_, &QComboBox::currentIndexChanged, this, &ServersTab::updateFormState);
    connect(transport_, &QComboBox::currentIndexChanged, this, &ServersTab::updateFormState);
    layout->addWidget(buddyLabel(tr("Mo&del:"), model_, row));
    layout->addWidget(model_);
    layout->addWidget(children_);
    layout->addWidget(buddyLabel(tr("Forward to:"), forwardTo_, row));
    layout->addWidget(forwardTo_, 1);
    layout->addWidget(names_);
    layout->addWidget(processes_);
    layout->addWidget(optionsToggle_);
    return row;
}

// What is done to the selected server, under the list of servers.
QWidget *ServersTab::makeServerActions()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    stopButton_ = new QPushButton(tr("Stop ser&ver"), row);
    connect(stopButton_, &QPushButton::clicked, this, [this] { controller_->stop(selectedServer()); });
    restartButton_ = new QPushButton(tr("Restar&t server"), row);
    restartButton_->setToolTip(tr("Peers are closed (reason restart) and workers started again; the listening "
                                  "sockets stay open, so nobody is refused meanwhile"));
    connect(restartButton_, &QPushButton::clicked, this, [this] { controller_->restart(selectedServer()); });
    layout->addStretch(1);
    layout->addWidget(stopButton_);
    layout->addWidget(restartButton_);
    return row;
}

// What does not apply is disabled: workers for prefork only, a target for
// the forwarder only; child processes serve streams only, and not by hand.
void ServersTab::updateFormState()
{
    const bool datagrams = transport_->currentData().toInt() == SOCK_DGRAM;
    const bool forward = sockscope::streamOnlyBehaviour(behaviour_->currentText().toStdString());
    const bool inLoopOnly = datagrams || behaviour_->currentText() == QLatin1String("manual"); // a worker has no person
    if (inLoopOnly)
        model_->setCurrentIndex(0);
    model_->setEnabled(!inLoopOnly);
    children_->setEnabled(model_->currentData().toString() == QLatin1String("prefork"));
    forwardTo_->setEnabled(forward);
    transport_->setEnabled(!forward || transport_->currentIndex() != 0);
}

// Loopback first (the default: nobody else can connect), then every
// address of every interface that is up.
void ServersTab::fillAddresses()
{
    address_->addItem(tr("loopback (127.0.0.1 and ::1)"), QStringLiteral("loopback"));
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        if (!(interface.flags() & QNetworkInterface::IsUp))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries())
            address_->addItem(entry.ip().toString(), entry.ip().toString());
    }
}

void ServersTab::updateWarning()
{
    const QString text = address_->currentText().trimmed();
    const bool loopback = address_->currentIndex() == 0 && address_->currentText() == address_->itemText(0);
    const QHostAddress address(text);
    warning_->setText(loopback || address.isLoopback()
                          ? QString()
                          : tr("%1 is not loopback: other machines may be able to connect.").arg(text));
    warning_->setVisible(!warning_->text().isEmpty());
}

void ServersTab::startServer()
{
    sockscope::ServerConfig config;
    config.behaviour = behaviour_->currentText().toStdString();
    sockscope::RaceConfig connectingOnly; // timeouts: not a server's
    if (auto error = options_->read(false, connectingOnly, config.listen.options)) {
        status_->setText(MessageCatalog::fieldName(QString::fromStdString(error->field)) + QStringLiteral(": ") +
                         MessageCatalog::inputErrorMessage(*error));
        return;
    }
    config.listen.options.socktype = transport_->currentData().toInt();
    config.listen.defaultPort = port_->value();
    config.model = sockscope::serverModelFromName(model_->currentData().toString().toStdString())
                       .value_or(sockscope::ServerModel::InLoop);
    config.children = children_->value();
    config.reverseNames = names_->isChecked();
    config.lookUpOwners = processes_->isChecked();
    if (sockscope::streamOnlyBehaviour(config.behaviour)) {
        if (config.listen.options.socktype == SOCK_DGRAM) {
            status_->setText(MessageCatalog::inputErrorMessage(
                sockscope::InputError{sockscope::InputErrorCode::Conflict, "transport", "UDP", 0, 0}));
            return;
        }
        config.forwardToText = forwardTo_->text().trimmed().toStdString();
        auto target = sockscope::parseConnectTarget(config.forwardToText);
        if (const auto *error = std::get_if<sockscope::InputError>(&target)) {
            sockscope::InputError named = *error;
            named.field = "forward";
            status_->setText(MessageCatalog::fieldName(QStringLiteral("forward")) + QStringLiteral(": ") +
                             MessageCatalog::inputErrorMessage(named));
            return;
        }
        config.forwardTo = std::get<sockscope::ConnectTarget>(target);
    }
    const QString typed = address_->currentText().trimmed();
    if (!(address_->currentIndex() == 0 && typed == address_->itemText(0))) {
        const bool bracketed = typed.startsWith(QLatin1Char('[')) && typed.endsWith(QLatin1Char(']'));
        const QString host = bracketed ? typed.mid(1, typed.size() - 2) : typed;
        const auto address = sockscope::SocketAddress::fromNumeric(host.toStdString(), port_->value());
        if (!address) {
            status_->setText(MessageCatalog::inputErrorMessage(
                sockscope::InputError{sockscope::InputErrorCode::NotNumeric, "listen", typed.toStdString(), 0, 0}));
            return;
        }
        config.listen.endpoints = {*address};
    }
    QString error;
    if (controller_->start(config, &error) == 0) {
        status_->setText(tr("Could not start: %1").arg(error));
        return;
    }
    status_->setText(tr("Started %1.").arg(behaviour_->currentText()));
}

QWidget *ServersTab::makePeerActions()
{
    auto *row = new QWidget(this);
    auto *rows = new QVBoxLayout(row);
    rows->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QHBoxLayout;
    message_ = new QLineEdit(row);
    message_->setObjectName(QStringLiteral("servePeerMessage"));
    message_->setPlaceholderText(tr("Text for the peer (\\r \\n \\t \\xHH; a newline is added)"));
    connect(message_, &QLineEdit::returnPressed, this, [this] { sendToPeers(false); });
    sendToPeer_ = new QPushButton(tr("Send to &peer"), row);
    connect(sendToPeer_, &QPushButton::clicked, this, [this] { sendToPeers(false); });
    sendToAll_ = new QPushButton(tr("Send to a&ll"), row);
    connect(sendToAll_, &QPushButton::clicked, this, [this] { sendToPeers(true); });
    closePeer_ = new QPushButton(tr("Close peer"), row);
    connect(closePeer_, &QPushButton::clicked, this,
            [this] { endSelectedPeer(static_cast<int>(sockscope::Server::PeerEnd::Close)); });
    auto *abort = new QPushButton(tr("Abort peer (RST)"), row);
    connect(abort, &QPushButton::clicked, this,
            [this] { endSelectedPeer(static_cast<int>(sockscope::Server::PeerEnd::Abort)); });
    auto *halfClose = new QPushButton(tr("Half-close peer"), row);
    connect(halfClose, &QPushButton::clicked, this,
            [this] { endSelectedPeer(static_cast<int>(sockscope::Server::PeerEnd::HalfClose)); });
    rows->addWidget(message_); // the whole width: the buttons' words are long in some languages
    rows->addLayout(layout);
    layout->addWidget(sendToPeer_);
    layout->addWidget(sendToAll_);
    layout->addWidget(closePeer_);
    layout->addWidget(abort);
    layout->addWidget(halfClose);
    layout->addStretch(1);
    return row;
}

std::uint64_t ServersTab::selectedPeer() const
{
    const QModelIndex index = peersView_->currentIndex();
    return index.isValid() ? peers_->index(index.row(), PeersModel::PeerColumn).data().toULongLong() : 0;
}

void ServersTab::sendToPeers(bool all)
{
    const auto payload = encodePayload(message_->text(), false, LineEnding::Lf);
    if (const auto *error = std::get_if<sockscope::InputError>(&payload)) {
        status_->setText(MessageCatalog::inputErrorMessage(*error));
        return;
    }
    const QByteArray bytes = std::get<QByteArray>(payload);
    if (all) {
        controller_->sendToAll(selectedServer(), bytes);
    } else if (!controller_->sendTo(selectedServer(), selectedPeer(), bytes)) {
        status_->setText(tr("Choose an open peer first."));
        return;
    }
    message_->clear();
}

void ServersTab::endSelectedPeer(int how)
{
    if (!controller_->endPeer(selectedServer(), selectedPeer(), static_cast<sockscope::Server::PeerEnd>(how)))
        status_->setText(tr("Choose an open peer first."));
}

int ServersTab::selectedServer() const
{
    const QModelIndex index = serversView_->currentIndex();
    return index.isValid() ? servers_->index(index.row(), 0).data(ServersModel::ServerIdRole).toInt() : 0;
}

void ServersTab::selectionChanged()
{
    peers_->setServer(selectedServer());
    stopButton_->setEnabled(selectedServer() != 0);
    restartButton_->setEnabled(selectedServer() != 0);
    showTranscript();
}

// The selected peer's newest bytes, a line a chunk: its time, which way,
// and the bytes as text (control bytes as \xHH).
void ServersTab::showTranscript()
{
    const ServersController::ServerRow *server = controller_->server(selectedServer());
    const std::uint64_t id = selectedPeer();
    QString text;
    if (server && id != 0) {
        for (const ServersController::PeerRow &peer : server->peers) {
            if (peer.peer != id)
                continue;
            if (peer.transcriptDropped > 0)
                text += tr("(%n older byte(s) not kept)", nullptr, static_cast<int>(std::min<quint64>(peer.transcriptDropped, INT_MAX))) + QLatin1Char('\n');
            for (const auto &chunk : peer.transcript) {
                const std::vector<unsigned char> bytes(chunk.bytes.begin(), chunk.bytes.end());
                text += QStringLiteral("%1 ms %2 %3\n")
                            .arg(chunk.atMs)
                            .arg(chunk.in ? QStringLiteral("<") : QStringLiteral(">"),
                                 QString::fromStdString(sockscope::printablePreview(bytes, 4096)));
            }
        }
    }
    if (transcript_->toPlainText() != text) {
        transcript_->setPlainText(text);
        transcript_->moveCursor(QTextCursor::End);
    }
}
