#include "connect_tab.h"

#include "attempts_model.h"
#include "connect_controller.h"
#include "connected_details.h"
#include "message_catalog.h"
#include "payload.h"
#include "saved_messages.h"
#include "session_console.h"
#include "socket_options_panel.h"
#include "timeline_widget.h"
#include "widgets/buddy_label.h"
#include "widgets/history_combo_box.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <sockscope/resolve/endpoint.h>
#include <algorithm>

ConnectTab::ConnectTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), controller_(new ConnectController(reactor, events, this)), model_(new AttemptsModel(this)),
      saved_(new SavedMessagesModel(QStringLiteral("connect/saved-messages"), this)),
      repeater_(new MessageRepeater(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(makeQueryRow());
    options_ = new SocketOptionsPanel(this);
    connect(target_, &QComboBox::editTextChanged, options_, [this](const QString &text) {
        options_->setUnixTarget(sockscope::isUnixTarget(text.toStdString()));
    });
    // Scrolled when space is short (800x600): opening it never pushes the
    // window past the screen.
    auto *optionsArea = new QScrollArea(this);
    optionsArea->setWidget(options_);
    optionsArea->setWidgetResizable(true);
    optionsArea->setFrameShape(QFrame::NoFrame);
    optionsArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    optionsArea->setMaximumHeight(options_->sizeHint().height());
    optionsArea->setMinimumHeight(options_->sizeHint().height() / 6); // a row at least
    optionsArea->setVisible(false);
    connect(optionsButton_, &QToolButton::toggled, optionsArea, &QWidget::setVisible);
    layout->addWidget(optionsArea);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("connectStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);

    timeline_ = new TimelineWidget(model_, this);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("connectAttempts"));
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->setWordWrap(false);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // A header and a row at least: the splitter gives it more when there is room (800x600 has little).
    table_->setMinimumHeight(table_->horizontalHeader()->sizeHint().height() + table_->verticalHeader()->defaultSectionSize() + 4);
    console_ = new SessionConsole(controller_, this);
    connect(console_, &SessionConsole::status, status_, &QLabel::setText);
    auto *below = new QTabWidget(this);
    below->setDocumentMode(true);
    below->addTab(console_, tr("Session"));
    below->addTab(makeSavedMessages(), tr("Saved messages"));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(timeline_);
    splitter->addWidget(table_);
    splitter->addWidget(below);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 3);
    splitter->setSizes({300, 200, 400}); // in proportion: the race keeps room for a few lanes
    layout->addWidget(splitter, 1);

    connect(controller_, &ConnectController::changed, this, &ConnectTab::refresh);
    connect(controller_, &ConnectController::closed, this, [this](const QString &reason) {
        repeater_->stop();
        status_->setText(tr("Closed (%1).").arg(reason));
        refresh();
    });
    connect(controller_, &ConnectController::sessionFailed, this, [this](std::error_code error) {
        status_->setText(tr("Connected, but the session could not start: %1").arg(MessageCatalog::errorMessage(error)));
    });
    connect(repeater_, &MessageRepeater::progressed, this, &ConnectTab::showRepeatProgress);
    refresh();
}

QLineEdit *ConnectTab::sendInput() const
{
    return console_->sendInput();
}

QPlainTextEdit *ConnectTab::receivedView() const
{
    return console_->view();
}

QWidget *ConnectTab::makeQueryRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    target_ = new HistoryComboBox(QStringLiteral("connect-target"), tr("host:port, [::1]:7, 127.0.0.1:80, unix:/path"),
                                  row);
    target_->setObjectName(QStringLiteral("connectTarget"));
    target_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    target_->setToolTip(tr("Several addresses separated by spaces are raced as one list"));
    connect(target_, &HistoryComboBox::submitted, this, &ConnectTab::connectToTarget);
    strategy_ = new QComboBox(row);
    strategy_->addItem(tr("happy eyeballs"), static_cast<int>(sockscope::ConnectStrategy::HappyEyeballs));
    strategy_->addItem(tr("sequential"), static_cast<int>(sockscope::ConnectStrategy::Sequential));
    attemptDelay_ = new QSpinBox(row);
    attemptDelay_->setRange(10, 2000);
    attemptDelay_->setValue(250);
    attemptDelay_->setSuffix(tr(" ms"));
    attemptDelay_->setToolTip(tr("Connection Attempt Delay (RFC 8305): the next attempt starts after it"));
    optionsButton_ = new QToolButton(row);
    optionsButton_->setObjectName(QStringLiteral("connectOptionsButton"));
    optionsButton_->setText(tr("&Options"));
    optionsButton_->setCheckable(true);
    optionsButton_->setToolTip(tr("Transport, timeouts, local address and socket options"));
    connectButton_ = new QPushButton(tr("Co&nnect"), row);
    connect(connectButton_, &QPushButton::clicked, this, &ConnectTab::connectToTarget);
    stopButton_ = new QPushButton(tr("Sto&p"), row);
    connect(stopButton_, &QPushButton::clicked, controller_, &ConnectController::stop);
    setFocusProxy(target_);
    layout->addWidget(buddyLabel(tr("Tar&get:"), target_, row));
    layout->addWidget(target_, 1);
    layout->addWidget(strategy_);
    layout->addWidget(attemptDelay_);
    layout->addWidget(optionsButton_);
    layout->addWidget(connectButton_);
    layout->addWidget(stopButton_);
    return row;
}

QWidget *ConnectTab::makeSavedMessages()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    savedView_ = new QTableView(page);
    savedView_->setObjectName(QStringLiteral("connectSavedMessages"));
    savedView_->setModel(saved_);
    savedView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    savedView_->setSelectionMode(QAbstractItemView::SingleSelection);
    savedView_->verticalHeader()->hide();
    savedView_->horizontalHeader()->setStretchLastSection(true);
    savedView_->setToolTip(tr("Double-click: put the message's target and payload in place"));
    connect(savedView_, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const SavedMessage &message = saved_->message(index.row());
        target_->setEditText(message.target);
        console_->load(message.payload, message.hex);
    });
    auto *saveRow = new QHBoxLayout;
    messageName_ = new QLineEdit(page);
    messageName_->setPlaceholderText(tr("Name for the payload being typed"));
    auto *saveButton = new QPushButton(tr("Save &message"), page);
    saveButton->setToolTip(tr("Keep the payload of the Session page, with the current target"));
    connect(saveButton, &QPushButton::clicked, this, &ConnectTab::saveMessage);
    connect(messageName_, &QLineEdit::returnPressed, this, &ConnectTab::saveMessage);
    auto *deleteButton = new QPushButton(tr("Delete"), page);
    connect(deleteButton, &QPushButton::clicked, this, [this] {
        if (savedView_->currentIndex().isValid())
            saved_->remove(savedView_->currentIndex().row());
    });
    saveRow->addWidget(messageName_, 1);
    saveRow->addWidget(saveButton);
    saveRow->addWidget(deleteButton);
    auto *sendRow = new QHBoxLayout;
    auto *sendOnce = new QPushButton(tr("Send once"), page);
    connect(sendOnce, &QPushButton::clicked, this, [this] { sendSaved(false); });
    repeatInterval_ = new QSpinBox(page);
    repeatInterval_->setRange(1, 24 * 3600 * 1000);
    repeatInterval_->setValue(1000);
    repeatInterval_->setSuffix(tr(" ms"));
    repeatInterval_->setToolTip(tr("Time between two sends"));
    repeatCount_ = new QSpinBox(page);
    repeatCount_->setRange(0, 1'000'000'000);
    repeatCount_->setSpecialValueText(tr("until stopped"));
    repeatCount_->setPrefix(tr("× "));
    repeatButton_ = new QPushButton(tr("Repeat ever&y"), page);
    connect(repeatButton_, &QPushButton::clicked, this, [this] { sendSaved(true); });
    auto *stopRepeat = new QPushButton(tr("Stop repeating"), page);
    connect(stopRepeat, &QPushButton::clicked, repeater_, &MessageRepeater::stop);
    repeatStatus_ = new QLabel(page);
    repeatStatus_->setObjectName(QStringLiteral("connectRepeatStatus"));
    sendRow->addWidget(sendOnce);
    sendRow->addWidget(repeatButton_);
    sendRow->addWidget(repeatInterval_);
    sendRow->addWidget(repeatCount_);
    sendRow->addWidget(stopRepeat);
    sendRow->addWidget(repeatStatus_, 1);
    layout->addWidget(savedView_, 1);
    layout->addLayout(saveRow);
    layout->addLayout(sendRow);
    return page;
}

void ConnectTab::connectTo(const QString &target)
{
    target_->setEditText(target);
    connectToTarget();
}

void ConnectTab::connectToTarget()
{
    const QString target = target_->currentText().trimmed();
    if (target.isEmpty())
        return;
    sockscope::RaceConfig config;
    config.strategy = static_cast<sockscope::ConnectStrategy>(strategy_->currentData().toInt());
    config.attemptDelay = std::chrono::milliseconds(attemptDelay_->value());
    sockscope::SocketOptions options;
    if (auto error = options_->read(sockscope::isUnixTarget(target.toStdString()), config, options)) {
        optionsButton_->setChecked(true);
        status_->setText(MessageCatalog::inputErrorMessage(*error));
        return;
    }
    repeater_->stop(); // before the session it repeats into ends
    if (auto error = controller_->start(target, config, options)) {
        status_->setText(MessageCatalog::inputErrorMessage(*error));
        return;
    }
    target_->remember(target); // only what started a race goes into the history
    console_->begin(controller_->raceStart());
    status_->setText(tr("Connecting…"));
}

void ConnectTab::saveMessage()
{
    const QString name = messageName_->text().trimmed();
    if (name.isEmpty()) {
        status_->setText(tr("A saved message needs a name."));
        messageName_->setFocus();
        return;
    }
    const bool hex = console_->hexFormat();
    const auto payload = encodePayload(sendInput()->text(), hex, LineEnding::None);
    if (const auto *error = std::get_if<sockscope::InputError>(&payload)) {
        status_->setText(MessageCatalog::inputErrorMessage(*error));
        return;
    }
    saved_->save({name, sendInput()->text(), hex, target_->currentText().trimmed()});
    status_->setText(tr("Message “%1” saved.").arg(name));
}

// The selected saved message, once or at the interval; its payload goes
// as it was saved (escapes or hex), with no line ending added.
void ConnectTab::sendSaved(bool repeat)
{
    const QModelIndex index = savedView_->currentIndex();
    if (!index.isValid()) {
        status_->setText(tr("Choose a saved message first."));
        return;
    }
    if (!controller_->connected()) {
        status_->setText(tr("Not connected: connect to %1 first.").arg(saved_->message(index.row()).target));
        return;
    }
    const SavedMessage &message = saved_->message(index.row());
    const auto payload = encodePayload(message.payload, message.hex, LineEnding::None);
    if (const auto *error = std::get_if<sockscope::InputError>(&payload)) {
        status_->setText(MessageCatalog::inputErrorMessage(*error));
        return;
    }
    repeater_->start(std::get<QByteArray>(payload), repeatInterval_->value(), repeat ? repeatCount_->value() : 1,
                     [this](const QByteArray &bytes) {
                         // A peer that does not read holds the repeats back: the queue stays bounded.
                         return controller_->queued() < sockscope::StreamSession::kHighWater && controller_->send(bytes);
                     });
}

void ConnectTab::showRepeatProgress()
{
    const QString rate = QLocale().toString(repeater_->rate(), 'f', 1);
    QString text = tr("sent %1 · %2 a second").arg(repeater_->sent()).arg(rate);
    if (repeater_->held() > 0)
        text += QStringLiteral(" · ") + tr("%n held back (the peer is not reading)", nullptr, repeater_->held());
    if (!repeater_->running())
        text += QStringLiteral(" · ") + tr("stopped");
    repeatStatus_->setText(text);
}

void ConnectTab::refresh()
{
    model_->setAttempts(controller_->attempts(), controller_->raceStart());
    const auto &attempts = model_->attempts();
    const auto winner = std::find_if(attempts.begin(), attempts.end(), [](const sockscope::AttemptRecord &a) {
        return a.outcome == sockscope::AttemptOutcome::Connected;
    });
    if (controller_->connected() && winner != attempts.end()) {
        QStringList text{tr("Connected to %1.").arg(QString::fromStdString(winner->address.toString()))};
        if (const auto &event = controller_->connectedEvent())
            text << connectedDetails(*event);
        status_->setText(text.join(QLatin1Char(' ')));
    } else if (const auto &failed = controller_->failedEvent(); failed && !controller_->racing()) {
        status_->setText(attempts.empty()
                             ? tr("Could not connect: %1").arg(MessageCatalog::errorMessage(failed->error))
                             : tr("Could not connect: every attempt failed (%1; see the attempts).")
                                   .arg(MessageCatalog::errorMessage(failed->error)));
    }
    const bool connected = controller_->connected();
    QWidget *focus = QApplication::focusWidget();
    const bool justConnected = connected && !console_->sendInput()->isEnabled();
    console_->setConnected(connected, controller_->canSend());
    if (justConnected && (focus == target_ || target_->isAncestorOf(focus)))
        console_->sendInput()->setFocus(); // what comes next is typing to the peer
    repeatButton_->setEnabled(controller_->canSend());
    stopButton_->setEnabled(connected || controller_->racing());
}
