#include "descriptor_panel.h"

#include "message_catalog.h"
#include "models/event_log_model.h"

#include <sockscope/events/error.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

QStandardItemModel *identityModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 7, parent);
    model->setHorizontalHeaderLabels({DescriptorPanel::tr("Message"), DescriptorPanel::tr("#"), DescriptorPanel::tr("Type"),
                                      DescriptorPanel::tr("Device"), DescriptorPanel::tr("Inode"),
                                      DescriptorPanel::tr("Mode"), DescriptorPanel::tr("Link or address")});
    return model;
}

QTableView *identityView(QStandardItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setMinimumHeight(view->fontMetrics().lineSpacing() * 3);
    return view;
}

QString field(const sockscope::Event &event, const char *key)
{
    return EventLogModel::extraField(event, key);
}

QList<QStandardItem *> identityRow(const sockscope::Event &event)
{
    QString where = field(event, "link");
    if (const QString local = field(event, "local_address"); !local.isEmpty())
        where += QStringLiteral(" %1").arg(local);
    if (const QString peer = field(event, "peer_address"); !peer.isEmpty())
        where += QStringLiteral(" ↔ %1").arg(peer);
    const QString mode = QString::number(field(event, "mode").toULongLong(), 8);
    return {new QStandardItem(field(event, "message")), new QStandardItem(field(event, "index")),
            new QStandardItem(field(event, "type")),    new QStandardItem(field(event, "dev")),
            new QStandardItem(field(event, "inode")),   new QStandardItem(mode),
            new QStandardItem(where.trimmed())};
}

} // namespace

DescriptorPanel::DescriptorPanel(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent), reactor_(reactor), events_(events), sent_(identityModel(this)), received_(identityModel(this))
{
    what_ = new QComboBox(this);
    what_->addItem(tr("A file, opened read-only by path"), File);
    what_->addItem(tr("The read end of a new pipe"), PipeEnd);
    what_->addItem(tr("A TCP socket listening on loopback"), ListeningSocket);
    what_->addItem(tr("One end of a new socket pair"), PairEnd);
    path_ = new QLineEdit(QStringLiteral("/etc/hostname"), this);
    credentials_ = new QCheckBox(tr("with credentials (SCM_CREDENTIALS)"), this);
    pass_ = new QPushButton(tr("P&ass"), this);
    connect(pass_, &QPushButton::clicked, this, &DescriptorPanel::pass);
    connect(what_, &QComboBox::currentIndexChanged, this, [this] { path_->setEnabled(what_->currentData().toInt() == File); });
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    auto *form = new QFormLayout;
    auto *whatRow = new QHBoxLayout;
    whatRow->addWidget(what_, 1);
    whatRow->addWidget(credentials_);
    whatRow->addWidget(pass_);
    auto *whatLabel = new QLabel(tr("&What:"), this);
    whatLabel->setBuddy(what_); // a row of several widgets gets no buddy by itself
    form->addRow(whatLabel, whatRow);
    form->addRow(tr("Pa&th:"), path_);
    auto *ends = new QSplitter(Qt::Horizontal, this);
    auto *sentSide = new QWidget(ends);
    auto *sentLayout = new QVBoxLayout(sentSide);
    sentLayout->setContentsMargins(0, 0, 0, 0);
    sentLayout->addWidget(new QLabel(tr("Sent at one end"), sentSide));
    sentLayout->addWidget(identityView(sent_, sentSide), 1);
    auto *receivedSide = new QWidget(ends);
    auto *receivedLayout = new QVBoxLayout(receivedSide);
    receivedLayout->setContentsMargins(0, 0, 0, 0);
    receivedLayout->addWidget(new QLabel(tr("Received at the other (MSG_CMSG_CLOEXEC)"), receivedSide));
    receivedLayout->addWidget(identityView(received_, receivedSide), 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(status_);
    layout->addWidget(ends, 1);
    setFocusProxy(what_);
}

// The engine's objects go before the widgets they report to.
DescriptorPanel::~DescriptorPanel()
{
    sender_.reset();
    receiver_.reset();
}

bool DescriptorPanel::openEnds()
{
    if (sender_ && receiver_ && !sender_->closed())
        return true;
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, ends) != 0) {
        status_->setText(MessageCatalog::errorMessage(sockscope::lastSystemError()));
        return false;
    }
    sockscope::UniqueFd one(ends[0]);
    sockscope::UniqueFd other(ends[1]);
    sockscope::FdPassOptions sending;
    sending.target = "sender";
    sending.receives = false; // descriptors go one way
    sockscope::FdPassOptions receiving;
    receiving.target = "receiver";
    receiving.readDetails = true; // shown to a person: the link and addresses are worth their cost here
    receiving.passCredentials = true;
    std::error_code error;
    sender_ = sockscope::FdPass::start(reactor_, sink_, std::move(one), sending, error);
    if (sender_)
        receiver_ = sockscope::FdPass::start(reactor_, sink_, std::move(other), receiving, error);
    if (error)
        status_->setText(MessageCatalog::errorMessage(error));
    return !error;
}

sockscope::UniqueFd DescriptorPanel::descriptorToPass()
{
    switch (what_->currentData().toInt()) {
    case File: {
        sockscope::UniqueFd file(::open(path_->text().toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC));
        if (!file)
            status_->setText(tr("path: cannot open “%1”: %2")
                                 .arg(path_->text(), MessageCatalog::errorMessage(sockscope::lastSystemError())));
        return file;
    }
    case PipeEnd: {
        int ends[2];
        if (::pipe2(ends, O_CLOEXEC) != 0)
            break;
        held_.emplace_back(ends[1]); // its writing end stays with us
        return sockscope::UniqueFd(ends[0]);
    }
    case ListeningSocket: {
        sockscope::UniqueFd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        sockaddr_in loopback{};
        loopback.sin_family = AF_INET;
        loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (!listener || ::bind(listener.get(), reinterpret_cast<const sockaddr *>(&loopback), sizeof loopback) != 0 ||
            ::listen(listener.get(), 1) != 0)
            break;
        return listener;
    }
    case PairEnd: {
        int ends[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
            break;
        held_.emplace_back(ends[1]);
        return sockscope::UniqueFd(ends[0]);
    }
    default:
        break;
    }
    status_->setText(MessageCatalog::errorMessage(sockscope::lastSystemError()));
    return {};
}

void DescriptorPanel::pass()
{
    if (!openEnds())
        return;
    sockscope::UniqueFd descriptor = descriptorToPass();
    if (!descriptor)
        return;
    const int fds[] = {descriptor.get()};
    std::optional<sockscope::Credentials> credentials;
    if (credentials_->isChecked())
        credentials = sockscope::ownCredentials();
    if (const std::error_code error = sender_->send(fds, {}, credentials))
        status_->setText(MessageCatalog::errorMessage(error));
    held_.push_back(std::move(descriptor)); // Sockscope's own copy stays open, as a person would keep it
}

void DescriptorPanel::seen(const sockscope::Event &event)
{
    events_.onEvent(event);
    switch (event.kind) {
    case sockscope::EventKind::DescriptorSent: sent_->appendRow(identityRow(event)); break;
    case sockscope::EventKind::DescriptorReceived: {
        received_->appendRow(identityRow(event));
        const int last = received_->rowCount() - 1;
        const bool same = last < sent_->rowCount() && sent_->item(last, 4)->text() == received_->item(last, 4)->text() &&
                          sent_->item(last, 3)->text() == received_->item(last, 3)->text();
        status_->setText(same ? tr("The same file arrived: the same device and inode.")
                              : tr("Another file arrived than was sent."));
        break;
    }
    case sockscope::EventKind::CredentialsReceived:
        status_->setText(field(event, "agree") == QLatin1String("true")
                             ? tr("Credentials: pid %1, uid %2, gid %3, as SO_PEERCRED says.")
                                   .arg(event.pid.value_or(0))
                                   .arg(event.uid.value_or(0))
                                   .arg(event.gid.value_or(0))
                             : tr("Credentials claim pid %1, but SO_PEERCRED, the one to trust, says pid %2.")
                                   .arg(event.pid.value_or(0))
                                   .arg(field(event, "peer_pid")));
        break;
    case sockscope::EventKind::ControlTruncated:
        status_->setText(tr("The control data was cut (MSG_CTRUNC): only %1 arrived; the kernel closed the rest.")
                             .arg(field(event, "received")));
        break;
    case sockscope::EventKind::IpcFailed:
        status_->setText(MessageCatalog::errorMessage(event.error));
        break;
    default:
        break;
    }
}
