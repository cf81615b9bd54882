#include "event_log_dock.h"

#include "models/event_log_filter.h"
#include "models/event_log_model.h"
#include "models/event_stats_model.h"
#include "message_catalog.h"
#include "widgets/history_combo_box.h"

#include <sockscope/events/json_lines.h>

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QComboBox>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    // Fixed row heights: the view never measures 50,000 rows.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

EventLogDock::EventLogDock(EventLogModel *log, EventStatsModel *stats, QWidget *parent)
    : QDockWidget(tr("Event log"), parent), log_(log), stats_(stats), filter_(new EventLogFilter(this))
{
    setObjectName(QStringLiteral("eventLogDock"));
    filter_->setSourceModel(log_);

    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(makeFilterBar());

    auto *views = new QTabWidget(body);
    logView_ = makeTable(filter_, views);
    logView_->setObjectName(QStringLiteral("eventLogView"));
    logView_->setColumnWidth(EventLogModel::TimeColumn, 90);
    logView_->setColumnWidth(EventLogModel::KindColumn, 190);
    logView_->setColumnWidth(EventLogModel::WhereColumn, 220);
    summaryView_ = makeTable(stats_, views);
    summaryView_->setObjectName(QStringLiteral("eventSummaryView"));
    summaryView_->setColumnWidth(EventStatsModel::KindColumn, 220);
    views->addTab(logView_, tr("Log"));
    views->addTab(summaryView_, tr("Summary"));
    connect(views, &QTabWidget::currentChanged, this, [this, views] { showingSummary(views->currentWidget() == summaryView_); });
    layout->addWidget(views);
    setWidget(body);

    auto *copy = new QAction(tr("Copy as JSON Lines"), logView_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &EventLogDock::copySelection);
    logView_->addAction(copy);
    logView_->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(log_, &EventLogModel::droppedChanged, this, &EventLogDock::showDropped);
    connect(filter_, &QAbstractItemModel::rowsInserted, this, &EventLogDock::followNewRows);
}

QWidget *EventLogDock::makeFilterBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);

    filterInput_ = new HistoryComboBox(QStringLiteral("log-filter"), tr("Filter: text in any column"), bar);
    filterInput_->setObjectName(QStringLiteral("logFilterInput"));
    filterInput_->lineEdit()->setClearButtonEnabled(true);
    filterInput_->setMinimumContentsLength(24);
    connect(filterInput_, &QComboBox::currentTextChanged, this, &EventLogDock::applyTextFilter);
    connect(filterInput_, &HistoryComboBox::submitted, filterInput_, &HistoryComboBox::remember);

    kindInput_ = new QComboBox(bar);
    kindInput_->setObjectName(QStringLiteral("logKindInput"));
    kindInput_->addItem(tr("All events"), -1);
    for (int kind = 0; kind < sockscope::kEventKindCount; ++kind)
        kindInput_->addItem(MessageCatalog::eventKindLabel(static_cast<sockscope::EventKind>(kind)), kind);
    connect(kindInput_, &QComboBox::currentIndexChanged, this, &EventLogDock::applyKindFilter);

    droppedLabel_ = new QLabel(bar);
    droppedLabel_->setObjectName(QStringLiteral("droppedLabel"));
    showDropped(0);

    auto *clear = new QPushButton(tr("Cl&ear"), bar);
    clear->setObjectName(QStringLiteral("logClear"));
    connect(clear, &QPushButton::clicked, this, &EventLogDock::clearWithConfirmation);
    auto *exportButton = new QPushButton(tr("E&xport…"), bar);
    exportButton->setToolTip(tr("Save the log as JSON Lines, the form of the command line's --json"));
    connect(exportButton, &QPushButton::clicked, this, &EventLogDock::exportWithDialog);

    filterBar_ = new QWidget(bar);
    auto *filters = new QHBoxLayout(filterBar_);
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(filterInput_, 2);
    filters->addWidget(kindInput_, 1);
    row->addWidget(filterBar_, 3);
    row->addWidget(droppedLabel_);
    row->addStretch();
    row->addWidget(clear);
    row->addWidget(exportButton);
    return bar;
}

void EventLogDock::applyTextFilter(const QString &text)
{
    filter_->setText(text);
}

void EventLogDock::applyKindFilter(int comboIndex)
{
    const int kind = kindInput_->itemData(comboIndex).toInt();
    filter_->setKind(kind < 0 ? std::nullopt : std::optional(static_cast<sockscope::EventKind>(kind)));
}

void EventLogDock::showDropped(quint64 dropped)
{
    droppedLabel_->setText(tr("%1 of %2 rows kept, %3 oldest dropped")
                               .arg(log_->rowCount())
                               .arg(log_->capacity())
                               .arg(dropped));
    droppedLabel_->setVisible(dropped > 0);
}

void EventLogDock::followNewRows()
{
    // Follow the log only while the person is looking at its end.
    QScrollBar *bar = logView_->verticalScrollBar();
    if (bar->value() >= bar->maximum() - 1)
        QMetaObject::invokeMethod(logView_, &QTableView::scrollToBottom, Qt::QueuedConnection);
}

QString EventLogDock::selectedJsonLines() const
{
    QModelIndexList rows = logView_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QString text;
    for (const QModelIndex &row : rows)
        text += QString::fromUtf8(log_->jsonLine(filter_->mapToSource(row).row())) + QLatin1Char('\n');
    return text;
}

void EventLogDock::copySelection()
{
    const QString text = selectedJsonLines();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

bool EventLogDock::exportJsonLines(const QString &path, QString *error, bool onlyShown)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    log_->flush(); // events of this turn are rows too
    const int rows = onlyShown ? filter_->rowCount() : log_->rowCount();
    for (int row = 0; row < rows; ++row) {
        file.write(log_->jsonLine(onlyShown ? filter_->mapToSource(filter_->index(row, 0)).row() : row));
        file.write("\n");
    }
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

namespace {

QString documentsFolder()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(documents).exists() ? documents : QDir::homePath();
}

} // namespace

int EventLogDock::askAllOrShown(const QString &title, const QString &allLabel, const QString &shownLabel)
{
    if (!filter_->active() || filter_->rowCount() == log_->rowCount())
        return 1;
    QMessageBox box(QMessageBox::Question, title,
                    tr("The filter shows %1 of %2 events.").arg(filter_->rowCount()).arg(log_->rowCount()),
                    QMessageBox::Cancel, this);
    QPushButton *all = box.addButton(allLabel, QMessageBox::AcceptRole);
    QPushButton *shown = shownLabel.isEmpty() ? nullptr : box.addButton(shownLabel, QMessageBox::AcceptRole);
    if (shown)
        box.setDefaultButton(shown);
    else
        box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == all)
        return 1;
    return shown && box.clickedButton() == shown ? 0 : -1;
}

void EventLogDock::exportWithDialog()
{
    const int all = askAllOrShown(tr("Export the event log"), tr("Export all %1").arg(log_->rowCount()),
                                  tr("Export the %1 shown").arg(filter_->rowCount()));
    if (all < 0)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the event log"),
                                                      QDir(documentsFolder()).filePath(QStringLiteral("events.jsonl")),
                                                      tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportJsonLines(path, &error, all == 0)) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    emit reported(tr("Exported %n event(s) to %1", nullptr, all ? log_->rowCount() : filter_->rowCount()).arg(path));
}

void EventLogDock::clearWithConfirmation()
{
    const int all = askAllOrShown(tr("Clear the event log"), tr("Clear all %1").arg(log_->rowCount()), QString());
    if (all != 1)
        return;
    const int count = log_->rowCount();
    log_->clear();
    stats_->clear();
    emit reported(tr("Cleared %n event(s)", nullptr, count));
}

int EventLogDock::openJsonLines(const QString &path, int *skipped, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return -1;
    }
    // A stream's t_ms counts from its own run-start: its events are placed
    // on this log's timeline through the wall clock that run-start names.
    sockscope::TimePoint origin = log_->start();
    int read = 0;
    *skipped = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        auto event = sockscope::parseJsonLine(line.toStdString(), origin);
        if (!event) {
            ++*skipped;
            continue;
        }
        if (event->kind == sockscope::EventKind::RunStart) {
            origin = log_->timeFromWallClock(*event);
            event->time = origin;
        }
        log_->onEvent(*event);
        stats_->onEvent(*event);
        ++read;
    }
    return read;
}

void EventLogDock::openWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open an event log"), documentsFolder(),
                                                      tr("JSON Lines (*.jsonl *.json *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    int skipped = 0;
    const int read = openJsonLines(path, &skipped, &error);
    if (read < 0) {
        QMessageBox::warning(this, tr("Open failed"), error);
        return;
    }
    QString report = tr("Read %n event(s) from %1", nullptr, read).arg(path);
    if (skipped > 0)
        report += tr("; %n line(s) were no events and were skipped", nullptr, skipped);
    emit reported(report);
}

void EventLogDock::showingSummary(bool summary)
{
    // The summary counts every event: a filter shown beside it would lie.
    filterBar_->setEnabled(!summary);
    filterBar_->setToolTip(summary ? tr("The summary counts every event; the filter applies to the log") : QString());
}
