#include "sysv_operations.h"

#include "widgets/buddy_label.h"

#include <sockscope/events/event.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <climits>
#include <sys/ipc.h>

namespace {

enum Page { NonePage, SegmentPage, SemaphorePage, QueuePage };

int pageOf(sockscope::SysvKind kind)
{
    switch (kind) {
    case sockscope::SysvKind::SharedMemory: return SegmentPage;
    case sockscope::SysvKind::Semaphores: return SemaphorePage;
    case sockscope::SysvKind::MessageQueue: return QueuePage;
    }
    return NonePage;
}

QHBoxLayout *rowOn(QWidget *page)
{
    auto *row = new QHBoxLayout(page);
    row->setContentsMargins(0, 0, 0, 0);
    return row;
}

} // namespace

SysvOperations::SysvOperations(sockscope::SysvObjects &objects, QWidget *parent)
    : QWidget(parent), objects_(objects)
{
    target_ = new QLabel(this);
    target_->setWordWrap(true);
    pages_ = new QStackedWidget(this);
    pages_->addWidget(new QWidget(pages_)); // NonePage: the label asks for a selection
    pages_->addWidget(segmentPage());
    pages_->addWidget(semaphorePage());
    pages_->addWidget(queuePage());
    cancel_ = new QPushButton(tr("Cancel waits"), this);
    cancel_->setEnabled(false);
    connect(cancel_, &QPushButton::clicked, this, &SysvOperations::cancelWaits);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(target_, 1);
    top->addWidget(cancel_);
    layout->addLayout(top);
    layout->addWidget(pages_);
    setTarget(std::nullopt, -1);
}

QWidget *SysvOperations::segmentPage()
{
    auto *page = new QWidget(pages_);
    offset_ = new QSpinBox(page);
    offset_->setRange(0, INT_MAX);
    segmentText_ = new QLineEdit(page);
    segmentText_->setPlaceholderText(tr("Text to write (\\n, \\xHH escapes)"));
    write_ = new QPushButton(tr("Write"), page);
    read_ = new QPushButton(tr("Read to the end"), page);
    connect(write_, &QPushButton::clicked, this, [this] {
        if (const auto bytes = textBytes(segmentText_))
            objects_.write(id_, static_cast<std::size_t>(offset_->value()), *bytes);
    });
    connect(read_, &QPushButton::clicked, this,
            [this] { objects_.read(id_, static_cast<std::size_t>(offset_->value()), 0); });
    QHBoxLayout *row = rowOn(page);
    row->addWidget(buddyLabel(tr("&Offset:"), offset_, page));
    row->addWidget(offset_);
    row->addWidget(segmentText_, 1);
    row->addWidget(write_);
    row->addWidget(read_);
    return page;
}

QWidget *SysvOperations::semaphorePage()
{
    auto *page = new QWidget(pages_);
    semaphore_ = new QSpinBox(page);
    semaphore_->setRange(0, SHRT_MAX);
    change_ = new QSpinBox(page);
    change_->setRange(SHRT_MIN, SHRT_MAX);
    change_->setValue(-1);
    change_->setToolTip(tr("Below 0 takes (waits while the value is too low), above 0 gives, 0 waits for zero."));
    semaphoreNoWait_ = new QCheckBox(tr("Do not wait (IPC_NOWAIT)"), page);
    operate_ = new QPushButton(tr("semop"), page);
    connect(operate_, &QPushButton::clicked, this, [this] {
        const sockscope::SemaphoreOp op{semaphore_->value(), change_->value(),
                                        semaphoreNoWait_->isChecked() ? IPC_NOWAIT : 0};
        follow(objects_.semop(id_, {op}, [this](const sockscope::SysvOutcome &) { finished(); }));
    });
    QHBoxLayout *row = rowOn(page);
    row->addWidget(buddyLabel(tr("&Semaphore:"), semaphore_, page));
    row->addWidget(semaphore_);
    row->addWidget(buddyLabel(tr("&Change by:"), change_, page));
    row->addWidget(change_);
    row->addWidget(semaphoreNoWait_);
    row->addStretch(1);
    row->addWidget(operate_);
    return page;
}

QWidget *SysvOperations::queuePage()
{
    auto *page = new QWidget(pages_);
    messageType_ = new QSpinBox(page);
    messageType_->setRange(-INT_MAX, INT_MAX);
    messageType_->setValue(1);
    messageType_->setToolTip(tr("Sending: 1 or more. Receiving: 0 takes the first message, N the first of type N, "
                                "-N the first of the lowest type up to N."));
    messageText_ = new QLineEdit(page);
    messageText_->setPlaceholderText(tr("Message text (\\n, \\xHH escapes)"));
    queueNoWait_ = new QCheckBox(tr("Do not wait (IPC_NOWAIT)"), page);
    send_ = new QPushButton(tr("Send"), page);
    receive_ = new QPushButton(tr("Receive"), page);
    const auto flags = [this] { return queueNoWait_->isChecked() ? IPC_NOWAIT : 0; };
    const auto done = [this](const sockscope::SysvOutcome &) { finished(); };
    connect(send_, &QPushButton::clicked, this, [this, flags, done] {
        if (messageType_->value() < 1) {
            target_->setText(tr("A message is sent with a type of 1 or more."));
            return;
        }
        if (const auto bytes = textBytes(messageText_))
            follow(objects_.send(id_, messageType_->value(), *bytes, flags(), done));
    });
    connect(receive_, &QPushButton::clicked, this, [this, flags, done] {
        sockscope::MessageReceive how;
        how.type = messageType_->value();
        how.flags = flags();
        follow(objects_.receive(id_, how, done));
    });
    QHBoxLayout *row = rowOn(page);
    row->addWidget(buddyLabel(tr("&Type:"), messageType_, page));
    row->addWidget(messageType_);
    row->addWidget(messageText_, 1);
    row->addWidget(queueNoWait_);
    row->addWidget(send_);
    row->addWidget(receive_);
    return page;
}

void SysvOperations::setTarget(std::optional<sockscope::SysvKind> kind, int id)
{
    id_ = id;
    pages_->setCurrentIndex(kind ? pageOf(*kind) : NonePage);
    const std::string_view name = kind ? sockscope::sysvKindName(*kind) : std::string_view();
    target_->setText(kind ? tr("Operations on %1 %2:").arg(QLatin1String(name.data(), static_cast<qsizetype>(name.size()))).arg(id)
                          : tr("Select an object in the list to operate on it."));
}

QLineEdit *SysvOperations::textInput(sockscope::SysvKind kind) const
{
    return kind == sockscope::SysvKind::SharedMemory ? segmentText_ : messageText_;
}

QSpinBox *SysvOperations::numberInput(sockscope::SysvKind kind) const
{
    switch (kind) {
    case sockscope::SysvKind::SharedMemory: return offset_;
    case sockscope::SysvKind::Semaphores: return semaphore_;
    case sockscope::SysvKind::MessageQueue: return messageType_;
    }
    return nullptr;
}

std::optional<std::vector<unsigned char>> SysvOperations::textBytes(QLineEdit *input)
{
    std::size_t position = 0;
    auto bytes = sockscope::fromEscapedText(input->text().toStdString(), &position);
    if (!bytes)
        target_->setText(tr("The text has a malformed escape at byte %1.").arg(position));
    return bytes;
}

void SysvOperations::follow(const sockscope::SysvOutcome &started)
{
    if (!started.waiter)
        return;
    waiting_.push_back(*started.waiter);
    cancel_->setEnabled(true);
}

void SysvOperations::finished()
{
    if (objects_.waiting() > 0)
        return;
    waiting_.clear();
    cancel_->setEnabled(false);
}

// Each cancelled wait is reported (ECANCELED): a send or receive at once,
// a semop at its worker's next slice, whose completion calls finished().
void SysvOperations::cancelWaits()
{
    const std::vector<sockscope::SysvWaiterId> waiters = std::move(waiting_);
    waiting_.clear();
    for (const sockscope::SysvWaiterId waiter : waiters)
        objects_.cancel(waiter);
    finished();
}
