#include "resolve_tab.h"

#include "log.h"
#include "message_catalog.h"
#include "widgets/buddy_label.h"
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
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QSpinBox>
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
    results_->setWordWrap(false); // a long reverse name or error is elided, its row stays one line
    results_->horizontalHeader()->setStretchLastSection(true);
    results_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *copy = new QAction(tr("Copy rows"), results_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ResolveTab::copySelection);
    results_->addAction(copy);
    auto *connectOne = new QAction(tr("Connect to this address"), results_);
    connectOne->setObjectName(QStringLiteral("resolveConnectOne"));
    connect(connectOne, &QAction::triggered, this, [this] { connectToSelection(false); });
    results_->addAction(connectOne);
    auto *connectAll = new QAction(tr("Connect to the whole answer (happy eyeballs over every address)"), results_);
    connectAll->setObjectName(QStringLiteral("resolveConnectAll"));
    connect(connectAll, &QAction::triggered, this, [this] { connectToSelection(true); });
    results_->addAction(connectAll);
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
    connectOrder_ = new QLabel(left);
    connectOrder_->setObjectName(QStringLiteral("resolveConnectOrder"));
    connectOrder_->setWordWrap(true);
    connectOrder_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(connectOrder_);
    splitter->addWidget(left);
    splitter->addWidget(explanation_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(controller_, &ResolveController::resolved, this, &ResolveTab::showResult);
    connect(controller_, &ResolveController::reverseResolved, model_, &ResolveResultsModel::setReverse);
    connect(controller_, &ResolveController::explained, this, &ResolveTab::showExplanation);
    connect(controller_, &ResolveController::refusedLater, this, [this](const sockscope::InputError &error) {
        error_->setText(MessageCatalog::inputErrorMessage(error));
        error_->show();
        status_->clear();
        protocol_->setFocus();
        protocol_->selectAll();
    });
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
    connect(target_, &HistoryComboBox::submitted, this, &ResolveTab::resolve);
    resolveButton_ = new QPushButton(tr("&Resolve"), row);
    resolveButton_->setEnabled(false);
    connect(target_, &QComboBox::editTextChanged, this,
            [this](const QString &text) { resolveButton_->setEnabled(!text.trimmed().isEmpty()); });
    resolveButton_->setDefault(true);
    connect(resolveButton_, &QPushButton::clicked, this, &ResolveTab::resolve);
    cancelButton_ = new QPushButton(tr("C&ancel"), row);
    cancelButton_->setEnabled(false);
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        controller_->cancel();
        status_->setText(tr("Cancelled"));
    });
    setFocusProxy(target_); // typing starts in the target field
    layout->addWidget(buddyLabel(tr("&Target:"), target_, row));
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
    protocol_->setObjectName(QStringLiteral("resolveProtocol"));
    protocol_->setPlaceholderText(tr("any"));
    protocol_->setToolTip(tr("tcp, udp, a name from /etc/protocols, or a number"));
    protocol_->setMaximumWidth(120);
    connect(protocol_, &QLineEdit::returnPressed, this, &ResolveTab::resolve);
    prefer_ = new QComboBox(row);
    prefer_->setObjectName(QStringLiteral("resolvePrefer"));
    prefer_->addItem(tr("as sorted"), static_cast<int>(sockscope::FamilyPreference::Sorted));
    prefer_->addItem(tr("IPv6 first"), static_cast<int>(sockscope::FamilyPreference::Inet6));
    prefer_->addItem(tr("IPv4 first"), static_cast<int>(sockscope::FamilyPreference::Inet));
    prefer_->setToolTip(tr("Which family a connector tries first (RFC 8305): the family of the first address as "
                           "RFC 6724 and gai.conf sort them, or the one you choose"));
    firstFamilyCount_ = new QSpinBox(row);
    firstFamilyCount_->setObjectName(QStringLiteral("resolveFirstFamilyCount"));
    firstFamilyCount_->setRange(1, 2);
    firstFamilyCount_->setToolTip(tr("First Address Family Count (RFC 8305): addresses of the first family tried "
                                     "before the families alternate"));
    layout->addWidget(buddyLabel(tr("Fa&mily:"), family_, row));
    layout->addWidget(family_);
    layout->addWidget(buddyLabel(tr("T&ype:"), type_, row));
    layout->addWidget(type_);
    layout->addWidget(buddyLabel(tr("&Protocol:"), protocol_, row));
    layout->addWidget(protocol_);
    layout->addWidget(buddyLabel(tr("Connect &order:"), prefer_, row));
    layout->addWidget(prefer_);
    layout->addWidget(firstFamilyCount_);
    layout->addStretch();
    return row;
}

// One line: getaddrinfo's flags in a menu (the button names those set),
// then the reverse lookup and its option.
QWidget *ResolveTab::makeFlagsRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *flagsButton = new QToolButton(row);
    flagsButton->setObjectName(QStringLiteral("resolveFlags"));
    flagsButton->setPopupMode(QToolButton::InstantPopup);
    flagsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(flagsButton);
    const QList<QPair<const char *, int>> flags = {
        {"AI_ADDRCONFIG", AI_ADDRCONFIG}, {"AI_CANONNAME", AI_CANONNAME}, {"AI_PASSIVE", AI_PASSIVE},
        {"AI_NUMERICHOST", AI_NUMERICHOST}, {"AI_NUMERICSERV", AI_NUMERICSERV}, {"AI_V4MAPPED", AI_V4MAPPED},
        {"AI_ALL", AI_ALL}};
    for (const auto &[name, flag] : flags) {
        QAction *action = menu->addAction(QString::fromLatin1(name));
        action->setObjectName(QStringLiteral("flag-") + QString::fromLatin1(name));
        action->setCheckable(true);
        action->setChecked(flag == AI_ADDRCONFIG); // IO::Socket::IP's default
        flags_.append({action, flag});
    }
    flagsButton->setMenu(menu);
    const auto showFlags = [this, flagsButton] {
        QStringList set;
        for (const auto &[action, flag] : flags_) {
            if (action->isChecked())
                set << action->text();
        }
        flagsButton->setText(set.isEmpty() ? tr("none") : set.join(QStringLiteral(" | ")));
    };
    connect(menu, &QMenu::triggered, this, showFlags);
    showFlags();
    reverse_ = new QCheckBox(tr("Rever&se names"), row);
    reverse_->setObjectName(QStringLiteral("resolveReverse"));
    reverse_->setToolTip(tr("Look up the name of every address (getnameinfo), and whether it resolves back"));
    nameRequired_ = new QCheckBox(QStringLiteral("NI_NAMEREQD"), row);
    nameRequired_->setObjectName(QStringLiteral("resolveNameRequired"));
    nameRequired_->setToolTip(tr("With reverse names: fail where an address has no name, instead of showing it "
                                 "as a number"));
    layout->addWidget(buddyLabel(tr("F&lags:"), flagsButton, row));
    layout->addWidget(flagsButton);
    layout->addSpacing(12);
    layout->addWidget(reverse_);
    layout->addWidget(nameRequired_);
    layout->addStretch();
    return row;
}

bool ResolveTab::readHints(sockscope::ResolveHints &hints, std::string &protocolName)
{
    hints.family = family_->currentData().toInt();
    hints.socktype = type_->currentData().toInt();
    hints.flags = 0;
    for (const auto &[action, flag] : flags_) {
        if (action->isChecked())
            hints.flags |= flag;
    }
    hints.protocol = 0;
    const QString protocol = protocol_->text().trimmed();
    if (!protocol.isEmpty()) {
        auto error = sockscope::parseProtocolOption(protocol.toStdString(), hints.protocol, false);
        // A name only the system's list may know is looked up on a worker.
        if (error && error->code == sockscope::InputErrorCode::UnknownName) {
            protocolName = protocol.toStdString();
            return true;
        }
        if (error) {
            error_->setText(MessageCatalog::inputErrorMessage(*error));
            error_->show();
            protocol_->setFocus();
            protocol_->selectAll();
            return false;
        }
    }
    return true;
}

sockscope::LookupOptions ResolveTab::lookupOptions(bool &ok)
{
    sockscope::LookupOptions options;
    ok = readHints(options.hints, options.protocolName);
    options.reverse = reverse_->isChecked();
    options.reverseOptions.flags = options.hints.socktype == SOCK_DGRAM ? NI_DGRAM : 0;
    if (nameRequired_->isChecked())
        options.reverseOptions.flags |= NI_NAMEREQD;
    options.explain = true;
    options.order.prefer = static_cast<sockscope::FamilyPreference>(prefer_->currentData().toInt());
    options.order.firstFamilyCount = static_cast<std::size_t>(firstFamilyCount_->value());
    return options;
}

void ResolveTab::resolve()
{
    const QString target = target_->currentText();
    if (target.trimmed().isEmpty())
        return;
    qCInfo(lcUi) << "resolve" << target;
    error_->hide();
    bool ok = false;
    const sockscope::LookupOptions options = lookupOptions(ok);
    if (!ok)
        return;
    target_->remember(target);
    model_->clear();
    explanation_->clear();
    connectOrder_->clear();
    if (auto error = controller_->start(target, options)) {
        // Positions count bytes of the trimmed UTF-8 text; map them back.
        const QString trimmed = target.trimmed();
        const int leading = static_cast<int>(target.indexOf(trimmed));
        const QByteArray utf8 = trimmed.toUtf8();
        const int position = static_cast<int>(QString::fromUtf8(utf8.left(static_cast<qsizetype>(error->position))).size());
        const int length = static_cast<int>(QString::fromStdString(error->value).size());
        showInputError(MessageCatalog::inputErrorMessage(*error), leading + position, length);
    }
}

// An unknown service is the part of the target to retype: select it.
void ResolveTab::selectService(const sockscope::Lookup &lookup)
{
    const QString text = target_->currentText();
    const QString service = QString::fromStdString(lookup.request.service);
    const qsizetype at = text.lastIndexOf(QLatin1Char(':'));
    if (service.isEmpty() || at < 0 || !text.mid(at + 1).startsWith(service))
        return;
    target_->setFocus();
    target_->lineEdit()->setSelection(static_cast<int>(at + 1), static_cast<int>(text.size() - at - 1));
}

void ResolveTab::showInputError(const QString &message, int position, int length)
{
    error_->setText(message);
    error_->show();
    status_->clear();
    target_->setFocus();
    target_->lineEdit()->setSelection(position, std::max(length, 1));
}

void ResolveTab::showResult(const sockscope::Lookup &lookup)
{
    const sockscope::ResolveResult &result = *lookup.result;
    const QString ms = ResolveText::milliseconds(result.elapsed);
    if (result.error) {
        model_->clear();
        error_->setText(tr("%1 (%2)").arg(MessageCatalog::errorMessage(result.error),
                                          QString::fromStdString(sockscope::errorName(result.error))));
        error_->show();
        status_->setText(tr("Failed after %1 ms").arg(ms));
        showExplanation(lookup);
        if (result.error == std::error_code(EAI_SERVICE, sockscope::resolverCategory()))
            selectService(lookup);
        return;
    }
    model_->setLookup(lookup);
    QString status = ResolveText::answerSummary(lookup).arg(QString::fromStdString(lookup.target)) +
                     tr(" in %1 ms").arg(ms);
    if (!result.canonicalName.empty())
        status += tr("; canonical name %1").arg(QString::fromStdString(result.canonicalName));
    if (result.usedFallbackPort)
        status += tr("; the service name is unknown, the fallback port was used");
    status_->setText(status);
    connectOrder_->setText(ResolveText::connectOrderText(lookup));
    showExplanation(lookup);
}

// Shown once the answer is there (the verdict needs it) and again when the
// resolver configuration arrives.
void ResolveTab::showExplanation(const sockscope::Lookup &lookup)
{
    if (!lookup.result)
        return;
    const auto lines = ResolveText::explanation(lookup);
    QString html = QStringLiteral("<h4>%1</h4><p><b>%2</b></p><table cellspacing=\"2\" cellpadding=\"2\">")
                       .arg(tr("Why this answer"), lines.constFirst().second.toHtmlEscaped());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        html += QStringLiteral("<tr><td valign=\"top\"><b>%1</b></td><td>%2</td></tr>")
                    .arg(lines[i].first.toHtmlEscaped(), lines[i].second.toHtmlEscaped());
    }
    explanation_->setHtml(html + QStringLiteral("</table>"));
}

// Hands the chosen address, or every address a connector would try, to the
// Connect tab. An answer without a port (no service asked) has nothing to
// connect to: that is said instead.
void ResolveTab::connectToSelection(bool wholeAnswer)
{
    QStringList targets;
    if (wholeAnswer) {
        targets = model_->connectTargets();
    } else if (const QModelIndex index = results_->currentIndex(); index.isValid()) {
        const auto *sorted = static_cast<const QSortFilterProxyModel *>(results_->model());
        targets << QString::fromStdString(model_->entry(sorted->mapToSource(index).row()).address.toString());
    }
    if (targets.isEmpty()) {
        status_->setText(tr("Choose an address first."));
        return;
    }
    if (targets.front().endsWith(QLatin1String(":0"))) {
        status_->setText(tr("These addresses have no port: give a service (host:port) to connect."));
        return;
    }
    emit connectRequested(targets.join(QLatin1Char(' ')));
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
