#include "sysv_panel.h"

#include "message_catalog.h"
#include "models/event_log_model.h"
#include "sysv_event_text.h"
#include "sysv_operations.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace {

constexpr std::size_t kSegmentSize = 4096;
constexpr int kOutcomesKept = 500;

QString field(const sockscope::Event &event, const char *key)
{
    return EventLogModel::extraField(event, key);
}

QString sizeText(const sockscope::Event &event)
{
    const QString kind = field(event, "kind");
    if (kind == QLatin1String("shm"))
        return SysvPanel::tr("%1 bytes, attached %2").arg(field(event, "size"), field(event, "attached"));
    if (kind == QLatin1String("sem"))
        return SysvPanel::tr("%1 semaphores").arg(field(event, "count"));
    return SysvPanel::tr("%1 messages, %2 bytes").arg(field(event, "messages"), field(event, "bytes_queued"));
}

} // namespace

SysvPanel::SysvPanel(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), reactor_(reactor), events_(events), made_(reactor, sink_)
{
    objects_ = new QStandardItemModel(0, Columns, this);
    objects_->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Id"), tr("Key"), tr("Mode"), tr("Owner uid"), tr("Size"), tr("State")});
    view_ = new QTableView(this);
    view_->setModel(objects_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setStretchLastSection(true);
    createSegment_ = new QPushButton(tr("New shared memory"), this);
    createSemaphores_ = new QPushButton(tr("New semaphore set"), this);
    createQueue_ = new QPushButton(tr("New message queue"), this);
    remove_ = new QPushButton(tr("Re&move selected"), this);
    connect(createSegment_, &QPushButton::clicked, this, [this] { create(sockscope::SysvKind::SharedMemory); });
    connect(createSemaphores_, &QPushButton::clicked, this, [this] { create(sockscope::SysvKind::Semaphores); });
    connect(createQueue_, &QPushButton::clicked, this, [this] { create(sockscope::SysvKind::MessageQueue); });
    connect(remove_, &QPushButton::clicked, this, &SysvPanel::removeSelected);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SysvPanel::selectionChanged);
    connect(objects_, &QAbstractItemModel::rowsRemoved, this, &SysvPanel::selectionChanged);
    operations_ = new SysvOperations(made_, this);
    outcomes_ = new QPlainTextEdit(this);
    outcomes_->setReadOnly(true);
    outcomes_->setMaximumBlockCount(kOutcomesKept);
    outcomes_->setPlaceholderText(tr("What is done here, in words."));
    outcomes_->setMinimumHeight(fontMetrics().lineSpacing() * 4);
    status_ = new QLabel(tr("Objects made here are removed when the window closes."), this);
    status_->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(createSegment_);
    buttons->addWidget(createSemaphores_);
    buttons->addWidget(createQueue_);
    buttons->addStretch(1);
    buttons->addWidget(remove_);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(view_, 2);
    layout->addWidget(operations_);
    layout->addWidget(outcomes_, 1);
    layout->addWidget(status_);
    setFocusProxy(view_);
}

// The watch and the objects go before the widgets they report to.
SysvPanel::~SysvPanel()
{
    watch_.reset();
    made_.removeAll();
}

QPushButton *SysvPanel::createButton(sockscope::SysvKind kind) const
{
    switch (kind) {
    case sockscope::SysvKind::SharedMemory: return createSegment_;
    case sockscope::SysvKind::Semaphores: return createSemaphores_;
    case sockscope::SysvKind::MessageQueue: return createQueue_;
    }
    return nullptr;
}

void SysvPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!watch_)
        watch_ = std::make_unique<sockscope::SysvListWatch>(reactor_, sink_);
}

// /proc is read only while someone can see the result (DESIGN.md); the
// list starts again from the next reading.
void SysvPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    watch_.reset();
    objects_->removeRows(0, objects_->rowCount());
}

void SysvPanel::create(sockscope::SysvKind kind)
{
    std::error_code error;
    const sockscope::SysvCreate how;
    switch (kind) {
    case sockscope::SysvKind::SharedMemory: made_.createSharedMemory(kSegmentSize, how, error); break;
    case sockscope::SysvKind::Semaphores: made_.createSemaphores(1, how, error); break;
    case sockscope::SysvKind::MessageQueue: made_.createMessageQueue(how, error); break;
    }
    if (error)
        status_->setText(tr("Could not create it: %1").arg(MessageCatalog::errorMessage(error)));
}

void SysvPanel::removeSelected()
{
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        status_->setText(tr("Select an object to remove."));
        return;
    }
    const int row = rows.front().row();
    const auto kind = sockscope::sysvKindFromName(objects_->item(row, KindColumn)->text().toStdString());
    if (!kind)
        return;
    if (const std::error_code error = made_.remove(*kind, objects_->item(row, IdColumn)->text().toInt()))
        status_->setText(tr("Could not remove it: %1").arg(MessageCatalog::errorMessage(error)));
}

int SysvPanel::rowOf(const QString &kind, const QString &id) const
{
    for (int row = 0; row < objects_->rowCount(); ++row) {
        if (objects_->item(row, KindColumn)->text() == kind && objects_->item(row, IdColumn)->text() == id)
            return row;
    }
    return -1;
}

void SysvPanel::selectionChanged()
{
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        operations_->setTarget(std::nullopt, -1);
        return;
    }
    const int row = rows.front().row();
    operations_->setTarget(sockscope::sysvKindFromName(objects_->item(row, KindColumn)->text().toStdString()),
                           objects_->item(row, IdColumn)->text().toInt());
}

void SysvPanel::seen(const sockscope::Event &event)
{
    events_.onEvent(event);
    if (const QString sentence = SysvEventText::sentence(event); !sentence.isEmpty())
        outcomes_->appendPlainText(sentence);
    switch (event.kind) {
    case sockscope::EventKind::IpcObject: showObject(event); break;
    case sockscope::EventKind::IpcRemoved:
        if (field(event, "listed") == QLatin1String("true")) {
            if (const int row = rowOf(field(event, "kind"), field(event, "id")); row >= 0)
                objects_->removeRow(row);
        } else if (field(event, "attached").toInt() > 0) {
            status_->setText(tr("Removed, but still attached %1 times: it stays listed until the last detach.")
                                 .arg(field(event, "attached")));
        }
        break;
    case sockscope::EventKind::IpcFailed:
        status_->setText(MessageCatalog::errorMessage(event.error));
        break;
    default:
        break;
    }
}

void SysvPanel::showObject(const sockscope::Event &event)
{
    const QString kind = field(event, "kind");
    const QString id = field(event, "id");
    const QString state = field(event, "removed") == QLatin1String("true")
                              ? tr("removed, stays until the last detach")
                              : tr("in use");
    const QList<QString> cells{kind,
                               id,
                               field(event, "key"),
                               QString::number(field(event, "mode").toUInt(), 8),
                               event.uid ? QString::number(*event.uid) : QString(),
                               sizeText(event),
                               state};
    int row = rowOf(kind, id);
    if (row < 0) {
        row = objects_->rowCount();
        objects_->insertRow(row);
    }
    for (int column = 0; column < Columns; ++column)
        objects_->setItem(row, column, new QStandardItem(cells.at(column)));
}
