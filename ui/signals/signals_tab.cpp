#include "signals_tab.h"

#include "message_catalog.h"
#include "signal_hub.h"

#include <sockscope/ipc/signal_names.h>
#include <sockscope/ipc/signal_sender.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <unistd.h>

namespace {

QString extraText(const sockscope::Event &event, const char *key)
{
    for (const auto &[name, value] : event.extra) {
        if (name != key)
            continue;
        if (const auto *number = std::get_if<std::int64_t>(&value))
            return QString::number(*number);
        if (const auto *text = std::get_if<std::string>(&value))
            return QString::fromStdString(*text);
    }
    return {};
}

} // namespace

SignalsTab::SignalsTab(SignalHub &hub, sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), hub_(hub), reactor_(reactor), events_(events)
{
    setObjectName(QStringLiteral("signalsTab"));
    deliveries_ = new QStandardItemModel(0, 6, this);
    deliveries_->setHorizontalHeaderLabels(
        {tr("Signal"), tr("Number"), tr("Sender pid"), tr("Sender uid"), tr("How sent"), tr("Value")});
    deliveriesView_ = new QTableView(this);
    deliveriesView_->setModel(deliveries_);
    deliveriesView_->horizontalHeader()->setStretchLastSection(true);
    deliveriesView_->verticalHeader()->hide();
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildWatchList());
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("Deliveries (this window is pid %1)").arg(::getpid()), right));
    rightLayout->addWidget(deliveriesView_, 1);
    rightLayout->addWidget(buildSendPanel());
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    connect(&hub_, &SignalHub::delivered, this, &SignalsTab::delivered);
    setFocusProxy(watch_);
}

QWidget *SignalsTab::buildWatchList()
{
    auto *box = new QGroupBox(tr("Watch"), this);
    watch_ = new QListWidget(box);
    watch_->setObjectName(QStringLiteral("signalWatchList"));
    const std::vector<int> watchable = sockscope::blockableSignals();
    for (const sockscope::SignalEntry &entry : sockscope::signalTable()) {
        const bool canWatch = std::find(watchable.begin(), watchable.end(), entry.number) != watchable.end();
        auto *item = new QListWidgetItem(QStringLiteral("%1  %2").arg(entry.number, 2).arg(QString::fromStdString(entry.name)),
                                         watch_);
        item->setData(Qt::UserRole, entry.number);
        if (canWatch) {
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(hub_.isWatched(entry.number) ? Qt::Checked : Qt::Unchecked);
        } else {
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setToolTip(entry.catchable ? tr("Reports a fault of the program itself: not watched")
                                             : tr("Cannot be caught, blocked or ignored"));
        }
    }
    connect(watch_, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        hub_.setWatched(item->data(Qt::UserRole).toInt(), item->checkState() == Qt::Checked);
    });
    auto *note = new QLabel(tr("A signal not watched does what it does to any program."), box);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(watch_, 1);
    layout->addWidget(note);
    return box;
}

QWidget *SignalsTab::buildSendPanel()
{
    auto *box = new QGroupBox(tr("Send"), this);
    signal_ = new QComboBox(box);
    signal_->setEditable(true);
    for (const sockscope::SignalEntry &entry : sockscope::signalTable())
        signal_->addItem(QString::fromStdString(entry.name));
    signal_->setCurrentText(QStringLiteral("SIGUSR1"));
    target_ = new QLineEdit(QString::number(::getpid()), box);
    group_ = new QCheckBox(tr("to the process &group"), box);
    value_ = new QLineEdit(box);
    value_->setPlaceholderText(tr("none: kill(); a number: sigqueue()"));
    send_ = new QPushButton(tr("Se&nd"), box);
    status_ = new QLabel(box);
    status_->setWordWrap(true);
    connect(send_, &QPushButton::clicked, this, &SignalsTab::send);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(target_, 1);
    targetRow->addWidget(group_);
    auto *form = new QFormLayout(box);
    form->addRow(tr("Si&gnal:"), signal_);
    auto *targetLabel = new QLabel(tr("&Pid:"), box);
    targetLabel->setBuddy(target_); // a row of several widgets gets no buddy by itself
    form->addRow(targetLabel, targetRow);
    form->addRow(tr("&Value:"), value_);
    form->addRow(send_, status_);
    return box;
}

void SignalsTab::delivered(const sockscope::Event &event)
{
    const int signal = event.signal.value_or(0);
    QList<QStandardItem *> row{new QStandardItem(QString::fromStdString(sockscope::signalName(signal))),
                               new QStandardItem(QString::number(signal)),
                               new QStandardItem(extraText(event, "sender_pid")),
                               new QStandardItem(extraText(event, "sender_uid")),
                               new QStandardItem(extraText(event, "code")),
                               new QStandardItem(extraText(event, "value"))};
    deliveries_->appendRow(row);
    deliveriesView_->scrollToBottom();
}

void SignalsTab::send()
{
    sockscope::InputError problem;
    const std::optional<int> signal = sockscope::parseSignal(signal_->currentText().trimmed().toStdString(), "signal", true, problem);
    if (!signal) {
        status_->setText(MessageCatalog::inputErrorMessage(problem));
        return;
    }
    bool ok = false;
    const int target = target_->text().trimmed().toInt(&ok);
    if (!ok || target < (group_->isChecked() ? 2 : 1)) { // group 1 would be kill(-1): everyone
        status_->setText(tr("pid: “%1” is not a process number").arg(target_->text()));
        return;
    }
    std::optional<int> value;
    if (!value_->text().trimmed().isEmpty()) {
        const int number = value_->text().trimmed().toInt(&ok);
        if (!ok) {
            status_->setText(tr("value: “%1” is not a number").arg(value_->text()));
            return;
        }
        value = number;
    }
    const sockscope::Event sent = sockscope::sendSignal({target, group_->isChecked()}, *signal, value, reactor_.now());
    events_.onEvent(sent);
    status_->setText(sent.error ? MessageCatalog::errorMessage(sent.error)
                                : *signal == 0 ? tr("It exists and may be signalled.")
                                               : tr("Sent %1.").arg(QString::fromStdString(sockscope::signalName(*signal))));
}
