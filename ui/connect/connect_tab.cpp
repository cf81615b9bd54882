#include "connect_tab.h"

#include "attempts_model.h"
#include "connect_controller.h"
#include "message_catalog.h"
#include "timeline_widget.h"
#include "widgets/buddy_label.h"
#include "widgets/history_combo_box.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

ConnectTab::ConnectTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), controller_(new ConnectController(reactor, events, this)), model_(new AttemptsModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(makeQueryRow());
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("connectStatus"));
    status_->setWordWrap(true);
    layout->addWidget(status_);

    timeline_ = new TimelineWidget(model_, this);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("connectAttempts"));
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->setWordWrap(false);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(timeline_);
    splitter->addWidget(table_);
    splitter->addWidget(makeConsole());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 2);
    layout->addWidget(splitter, 1);

    connect(controller_, &ConnectController::changed, this, &ConnectTab::refresh);
    connect(controller_, &ConnectController::received, this, [this](const QByteArray &bytes) {
        received_->moveCursor(QTextCursor::End);
        received_->insertPlainText(QString::fromUtf8(bytes));
    });
    connect(controller_, &ConnectController::closed, this, [this](const QString &reason) {
        status_->setText(tr("Closed (%1).").arg(reason));
        refresh();
    });
    connect(controller_, &ConnectController::sessionFailed, this, [this](std::error_code error) {
        status_->setText(tr("Connected, but the session could not start: %1").arg(MessageCatalog::errorMessage(error)));
    });
    refresh();
}

QWidget *ConnectTab::makeQueryRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    target_ = new HistoryComboBox(QStringLiteral("connect-target"), tr("host:port, [::1]:7, 127.0.0.1:80"), row);
    target_->setObjectName(QStringLiteral("connectTarget"));
    target_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(target_, &HistoryComboBox::submitted, this, &ConnectTab::connectToTarget);
    strategy_ = new QComboBox(row);
    strategy_->addItem(tr("happy eyeballs"), static_cast<int>(sockscope::ConnectStrategy::HappyEyeballs));
    strategy_->addItem(tr("sequential"), static_cast<int>(sockscope::ConnectStrategy::Sequential));
    attemptDelay_ = new QSpinBox(row);
    attemptDelay_->setRange(10, 2000);
    attemptDelay_->setValue(250);
    attemptDelay_->setSuffix(tr(" ms"));
    attemptDelay_->setToolTip(tr("Connection Attempt Delay (RFC 8305): the next attempt starts after it"));
    connectButton_ = new QPushButton(tr("Co&nnect"), row);
    connect(connectButton_, &QPushButton::clicked, this, &ConnectTab::connectToTarget);
    stopButton_ = new QPushButton(tr("St&op"), row);
    connect(stopButton_, &QPushButton::clicked, controller_, &ConnectController::stop);
    setFocusProxy(target_);
    layout->addWidget(buddyLabel(tr("Tar&get:"), target_, row));
    layout->addWidget(target_, 1);
    layout->addWidget(strategy_);
    layout->addWidget(attemptDelay_);
    layout->addWidget(connectButton_);
    layout->addWidget(stopButton_);
    return row;
}

QWidget *ConnectTab::makeConsole()
{
    auto *console = new QWidget(this);
    auto *layout = new QVBoxLayout(console);
    layout->setContentsMargins(0, 0, 0, 0);
    received_ = new QPlainTextEdit(console);
    received_->setObjectName(QStringLiteral("connectReceived"));
    received_->setReadOnly(true);
    received_->setPlaceholderText(tr("What the peer sends appears here."));
    received_->setMaximumBlockCount(10000);
    auto *sendRow = new QHBoxLayout;
    sendInput_ = new QLineEdit(console);
    sendInput_->setObjectName(QStringLiteral("connectSend"));
    sendInput_->setPlaceholderText(tr("A line to send (Enter sends it with a newline)"));
    connect(sendInput_, &QLineEdit::returnPressed, this, &ConnectTab::sendLine);
    sendButton_ = new QPushButton(tr("Sen&d"), console);
    connect(sendButton_, &QPushButton::clicked, this, &ConnectTab::sendLine);
    halfCloseButton_ = new QPushButton(tr("Half-clo&se"), console);
    halfCloseButton_->setToolTip(tr("Shut down our writing side (FIN); keep reading what the peer sends"));
    connect(halfCloseButton_, &QPushButton::clicked, controller_, &ConnectController::shutdownWrite);
    sendRow->addWidget(sendInput_, 1);
    sendRow->addWidget(sendButton_);
    sendRow->addWidget(halfCloseButton_);
    layout->addWidget(received_, 1);
    layout->addLayout(sendRow);
    return console;
}

void ConnectTab::connectToTarget()
{
    const QString target = target_->currentText();
    if (target.trimmed().isEmpty())
        return;
    target_->remember(target);
    received_->clear();
    sockscope::RaceConfig config;
    config.strategy = static_cast<sockscope::ConnectStrategy>(strategy_->currentData().toInt());
    config.attemptDelay = std::chrono::milliseconds(attemptDelay_->value());
    if (auto error = controller_->start(target, config)) {
        status_->setText(MessageCatalog::inputErrorMessage(*error));
        return;
    }
    status_->setText(tr("Connecting…"));
}

void ConnectTab::sendLine()
{
    controller_->send(sendInput_->text().toUtf8() + '\n');
    sendInput_->clear();
}

void ConnectTab::refresh()
{
    model_->setAttempts(controller_->attempts(), controller_->raceStart());
    const auto &attempts = model_->attempts();
    const auto winner = std::find_if(attempts.begin(), attempts.end(), [](const sockscope::AttemptRecord &a) {
        return a.outcome == sockscope::AttemptOutcome::Connected;
    });
    if (controller_->connected() && winner != attempts.end())
        status_->setText(tr("Connected to %1.").arg(QString::fromStdString(winner->address.toString())));
    else if (!controller_->racing() && !attempts.empty() && winner == attempts.end())
        status_->setText(tr("Could not connect: every attempt failed (see the attempts)."));
    const bool connected = controller_->connected();
    sendInput_->setEnabled(connected);
    sendButton_->setEnabled(connected);
    halfCloseButton_->setEnabled(connected);
    stopButton_->setEnabled(connected || controller_->racing());
}
