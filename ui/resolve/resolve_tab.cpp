#include "resolve_tab.h"

#include "message_catalog.h"
#include "widgets/history_combo_box.h"
#include "resolve_controller.h"
#include "resolve_results_model.h"
#include "resolve_text.h"

#include <sockscope/events/error.h>
#include <sockscope/resolve/resolve_options.h>

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <netdb.h>

ResolveTab::ResolveTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), controller_(new ResolveController(reactor, events, this)), model_(new ResolveResultsModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(makeQueryRow());
    layout->addWidget(makeHintsRow());
    layout->addWidget(makeFlagsRow());

    error_ = new QLabel(this);
    error_->setObjectName(QStringLiteral("resolveError"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    error_->hide();
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("resolveStatus"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(error_);
    layout->addWidget(status_);

    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(model_);
    sorted->setSortRole(ResolveResultsModel::SortRole);
    results_ = new QTableView(this);
    results_->setObjectName(QStringLiteral("resolveResults"));
    results_->setModel(sorted);
    results_->setSortingEnabled(true);
    results_->sortByColumn(ResolveResultsModel::IndexColumn, Qt::AscendingOrder);
    results_->setSelectionBehavior(QAbstractItemView::SelectRows);
    results_->verticalHeader()->hide();
    results_->horizontalHeader()->setStretchLastSection(true);
    results_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *copy = new QAction(tr("Copy rows"), results_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ResolveTab::copySelection);
    results_->addAction(copy);
    results_->setContextMenuPolicy(Qt::ActionsContextMenu);

    explanation_ = new QTextBrowser(this);
    explanation_->setObjectName(QStringLiteral("resolveExplanation"));
    explanation_->setOpenLinks(false);
    explanation_->setPlaceholderText(tr("Why this answer: what shaped it appears here."));

    auto *splitter = new QSplitter(this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(results_);
    auto *assumption = new QLabel(tr("Connect order: %1").arg(ResolveText::connectOrderAssumption()), left);
    assumption->setWordWrap(true);
    assumption->setEnabled(false);
    leftLayout->addWidget(assumption);
    splitter->addWidget(left);
    splitter->addWidget(explanation_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(controller_, &ResolveController::resolved, this, &ResolveTab::showResult);
    connect(controller_, &ResolveController::reverseResolved, model_, &ResolveResultsModel::setReverse);
    connect(controller_, &ResolveController::explained, this, &ResolveTab::showExplanation);
    connect(controller_, &ResolveController::busyChanged, this, [this](bool busy) {
        cancelButton_->setEnabled(busy);
        if (busy)
            status_->setText(tr("Resolving…"));
    });
}

QWidget *ResolveTab::makeQueryRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    target_ = new HistoryComboBox(QStringLiteral("resolve-target"), tr("host, host:service, [::1]:443, host:http(8080)"),
                                  row);
    target_->setObjectName(QStringLiteral("resolveTarget"));
    target_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(target_->lineEdit(), &QLineEdit::returnPressed, this, &ResolveTab::resolve);
    resolveButton_ = new QPushButton(tr("Resolve"), row);
    resolveButton_->setDefault(true);
    connect(resolveButton_, &QPushButton::clicked, this, &ResolveTab::resolve);
    cancelButton_ = new QPushButton(tr("Cancel"), row);
    cancelButton_->setEnabled(false);
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        controller_->cancel();
        status_->setText(tr("Cancelled"));
    });
    setFocusProxy(target_); // typing starts in the target field
    layout->addWidget(new QLabel(tr("Target:"), row));
    layout->addWidget(target_, 1);
    layout->addWidget(resolveButton_);
    layout->addWidget(cancelButton_);
    return row;
}

QWidget *ResolveTab::makeHintsRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    family_ = new QComboBox(row);
    family_->addItem(tr("any"), AF_UNSPEC);
    family_->addItem(QStringLiteral("inet (IPv4)"), AF_INET);
    family_->addItem(QStringLiteral("inet6 (IPv6)"), AF_INET6);
    type_ = new QComboBox(row);
    type_->addItem(tr("any"), 0);
    type_->addItem(QStringLiteral("stream"), SOCK_STREAM);
    type_->addItem(QStringLiteral("dgram"), SOCK_DGRAM);
    type_->addItem(QStringLiteral("raw"), SOCK_RAW);
    protocol_ = new QLineEdit(row);
    protocol_->setPlaceholderText(tr("any"));
    protocol_->setToolTip(tr("tcp, udp, a name from /etc/protocols, or a number"));
    protocol_->setMaximumWidth(120);
    reverse_ = new QCheckBox(tr("Reverse names"), row);
    reverse_->setObjectName(QStringLiteral("resolveReverse"));
    reverse_->setToolTip(tr("Look up the name of every address (getnameinfo), and whether it resolves back"));
    layout->addWidget(new QLabel(tr("Family:"), row));
    layout->addWidget(family_);
    layout->addWidget(new QLabel(tr("Type:"), row));
    layout->addWidget(type_);
    layout->addWidget(new QLabel(tr("Protocol:"), row));
    layout->addWidget(protocol_);
    layout->addWidget(reverse_);
    layout->addStretch();
    return row;
}

QWidget *ResolveTab::makeFlagsRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QGridLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Flags:"), row), 0, 0);
    const QList<QPair<const char *, int>> flags = {
        {"AI_ADDRCONFIG", AI_ADDRCONFIG}, {"AI_CANONNAME", AI_CANONNAME}, {"AI_PASSIVE", AI_PASSIVE},
        {"AI_NUMERICHOST", AI_NUMERICHOST}, {"AI_NUMERICSERV", AI_NUMERICSERV}, {"AI_V4MAPPED", AI_V4MAPPED},
        {"AI_ALL", AI_ALL}};
    for (const auto &[name, flag] : flags) {
        auto *box = new QCheckBox(QString::fromLatin1(name), row);
        box->setChecked(flag == AI_ADDRCONFIG); // IO::Socket::IP's default
        const int index = static_cast<int>(flags_.size());
        flags_.append({box, flag});
        layout->addWidget(box, index / 4, 1 + index % 4);
    }
    layout->setColumnStretch(5, 1);
    return row;
}

bool ResolveTab::readHints(sockscope::ResolveHints &hints)
{
    hints.family = family_->currentData().toInt();
    hints.socktype = type_->currentData().toInt();
    hints.flags = 0;
    for (const auto &[box, flag] : flags_) {
        if (box->isChecked())
            hints.flags |= flag;
    }
    hints.protocol = 0;
    const QString protocol = protocol_->text().trimmed();
    if (!protocol.isEmpty()) {
        if (auto error = sockscope::parseProtocolOption(protocol.toStdString(), hints.protocol)) {
            error_->setText(MessageCatalog::inputErrorMessage(*error));
            error_->show();
            protocol_->setFocus();
            protocol_->selectAll();
            return false;
        }
    }
    return true;
}

void ResolveTab::resolve()
{
    error_->hide();
    ResolveController::Query query;
    query.target = target_->currentText();
    if (!readHints(query.hints))
        return;
    query.reverse = reverse_->isChecked();
    query.reverseFlags = query.hints.socktype == SOCK_DGRAM ? NI_DGRAM : 0;
    if (auto error = controller_->start(query)) {
        // What is shown belonged to the last good query; it must not look
        // like the answer to this one.
        controller_->cancel();
        model_->clear();
        explanation_->clear();
        // Positions count bytes of the trimmed UTF-8 text; map them back.
        const QString trimmed = query.target.trimmed();
        const int leading = static_cast<int>(query.target.indexOf(trimmed));
        const QByteArray utf8 = trimmed.toUtf8();
        const int position = static_cast<int>(QString::fromUtf8(utf8.left(static_cast<qsizetype>(error->position))).size());
        const int length = static_cast<int>(QString::fromStdString(error->value).size());
        showInputError(MessageCatalog::inputErrorMessage(*error), leading + position, length);
        return;
    }
    lastFlags_ = query.hints.flags;
    lastFamily_ = query.hints.family;
    target_->remember();
    model_->clear();
    explanation_->clear();
}

void ResolveTab::showInputError(const QString &message, int position, int length)
{
    error_->setText(message);
    error_->show();
    status_->clear();
    target_->setFocus();
    target_->lineEdit()->setSelection(position, std::max(length, 1));
}

void ResolveTab::showResult(const sockscope::ResolveResult &result)
{
    const double ms = std::chrono::duration<double, std::milli>(result.elapsed).count();
    if (result.error) {
        model_->clear();
        error_->setText(tr("%1 (%2)").arg(MessageCatalog::errorMessage(result.error),
                                          QString::fromStdString(sockscope::errorName(result.error))));
        error_->show();
        status_->setText(tr("Failed after %1 ms").arg(ms, 0, 'f', 3));
        return;
    }
    model_->setEntries(result.entries);
    QString status = tr("%n address(es) in %1 ms", nullptr, static_cast<int>(result.entries.size())).arg(ms, 0, 'f', 3);
    if (!result.canonicalName.empty())
        status += tr("; canonical name %1").arg(QString::fromStdString(result.canonicalName));
    if (result.usedFallbackPort)
        status += tr("; the service name is unknown, the fallback port was used");
    status_->setText(status);
}

void ResolveTab::showExplanation(const sockscope::ResolverExplanation &explanation)
{
    QString html = QStringLiteral("<h4>%1</h4><table cellspacing=\"2\" cellpadding=\"2\">").arg(tr("Why this answer"));
    for (const auto &[topic, text] : ResolveText::explanation(explanation, lastFlags_, lastFamily_)) {
        html += QStringLiteral("<tr><td valign=\"top\"><b>%1</b></td><td>%2</td></tr>")
                    .arg(topic.toHtmlEscaped(), text.toHtmlEscaped());
    }
    explanation_->setHtml(html + QStringLiteral("</table>"));
}

void ResolveTab::copySelection()
{
    QList<int> rows;
    auto *sorted = static_cast<QSortFilterProxyModel *>(results_->model());
    for (const QModelIndex &index : results_->selectionModel()->selectedRows())
        rows << sorted->mapToSource(index).row();
    std::sort(rows.begin(), rows.end());
    if (!rows.isEmpty())
        QGuiApplication::clipboard()->setText(model_->rowsAsText(rows));
}
