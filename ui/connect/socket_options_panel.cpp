#include "socket_options_panel.h"

#include "widgets/buddy_label.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QSpinBox>
#include <algorithm>
#include <climits>

SocketOptionsPanel::SocketOptionsPanel(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    transport_ = new QComboBox(this);
    transport_->setObjectName(QStringLiteral("connectTransport"));
    transport_->addItem(tr("TCP"), SOCK_STREAM);
    transport_->addItem(tr("UDP"), SOCK_DGRAM);
    unixType_ = new QComboBox(this);
    unixType_->addItem(tr("stream"), SOCK_STREAM);
    unixType_->addItem(tr("datagram"), SOCK_DGRAM);
    unixType_->addItem(tr("seqpacket"), SOCK_SEQPACKET);
    unixType_->setToolTip(tr("The socket type for a unix: target"));
    family_ = new QComboBox(this);
    family_->addItem(tr("any family"));
    family_->addItem(tr("IPv4 only"), static_cast<int>(sockscope::Family::Inet));
    family_->addItem(tr("IPv6 only"), static_cast<int>(sockscope::Family::Inet6));
    bindAddress_ = new QComboBox(this);
    bindAddress_->setObjectName(QStringLiteral("connectBindAddress"));
    bindAddress_->setEditable(true);
    bindAddress_->lineEdit()->setPlaceholderText(tr("any"));
    bindAddress_->setToolTip(tr("Local address to connect from: chosen from this machine's interfaces, or typed"));
    bindPort_ = numberBox(0, 65535, tr("any port"));
    bindDevice_ = new QComboBox(this);
    bindDevice_->setEditable(true);
    bindDevice_->lineEdit()->setPlaceholderText(tr("any interface"));
    bindDevice_->setToolTip(tr("SO_BINDTODEVICE: send and receive only through this interface"));
    fillInterfaces();
    setUnixTarget(false);
    v6Only_ = new QComboBox(this);
    v6Only_->addItem(tr("v6only: system default"));
    v6Only_->setToolTip(tr("IPV6_V6ONLY on IPv6 sockets"));
    v6Only_->addItem(tr("v6only: on"), 1);
    v6Only_->addItem(tr("v6only: off"), 0);
    attemptTimeout_ = numberBox(0, 86'400'000, tr("kernel's own"));
    attemptTimeout_->setValue(5000);
    attemptTimeout_->setSuffix(tr(" ms"));
    attemptTimeout_->setToolTip(tr("How long one attempt may take"));
    overallTimeout_ = numberBox(0, 86'400'000, tr("none"));
    overallTimeout_->setValue(30000);
    overallTimeout_->setSuffix(tr(" ms"));
    overallTimeout_->setToolTip(tr("How long the whole race may take"));
    receiveBuffer_ = numberBox(0, INT_MAX / 2, tr("default"));
    receiveBuffer_->setToolTip(tr("SO_RCVBUF in bytes (the kernel doubles it and caps it)"));
    sendBuffer_ = numberBox(0, INT_MAX / 2, tr("default"));
    sendBuffer_->setToolTip(tr("SO_SNDBUF in bytes (the kernel doubles it and caps it)"));
    ttl_ = numberBox(0, 255, tr("default"));
    ttl_->setToolTip(tr("TTL (IPv4) or hop limit (IPv6)"));
    tos_ = numberBox(-1, 255, tr("default"));
    tos_->setToolTip(tr("TOS (IPv4) or traffic class (IPv6)"));

    // Two label-and-field pairs a row, so that the panel fits 800 pixels
    // in the longest language.
    const auto pair = [&](int row, int column, const QString &label, QWidget *field, QWidget *second = nullptr) {
        QLabel *buddy = buddyLabel(label, field, this);
        grid->addWidget(buddy, row, column);
        if (!second) {
            grid->addWidget(field, row, column + 1);
            return buddy;
        }
        auto *both = new QHBoxLayout;
        both->addWidget(field, 1);
        both->addWidget(second);
        grid->addLayout(both, row, column + 1);
        return buddy;
    };
    connectingOnly_ = {pair(0, 0, tr("Tr&ansport:"), transport_, unixType_), transport_, unixType_};
    pair(0, 2, tr("Family:"), family_, v6Only_);
    connectingOnly_ << pair(1, 0, tr("&Bind:"), bindAddress_, bindPort_) << bindAddress_ << bindPort_;
    pair(1, 2, tr("Device:"), bindDevice_);
    connectingOnly_ << pair(2, 0, tr("Attempt timeout:"), attemptTimeout_) << attemptTimeout_;
    connectingOnly_ << pair(2, 2, tr("Overall:"), overallTimeout_) << overallTimeout_;
    pair(3, 0, tr("Receive buffer:"), receiveBuffer_);
    pair(3, 2, tr("Send buffer:"), sendBuffer_);
    pair(4, 0, tr("TTL:"), ttl_);
    pair(4, 2, tr("TOS:"), tos_);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    auto *checks = new QGridLayout;
    const std::pair<QString, sockscope::SocketOptionId> names[] = {
        {tr("SO_REUSEADDR"), sockscope::SocketOptionId::ReuseAddress},
        {tr("SO_REUSEPORT"), sockscope::SocketOptionId::ReusePort},
        {tr("SO_BROADCAST"), sockscope::SocketOptionId::Broadcast},
        {tr("TCP_NODELAY"), sockscope::SocketOptionId::NoDelay},
        {tr("SO_KEEPALIVE"), sockscope::SocketOptionId::KeepAlive},
        {tr("close with RST (SO_LINGER 0)"), sockscope::SocketOptionId::LingerReset},
    };
    int index = 0;
    for (const auto &[name, id] : names) {
        auto *box = new QCheckBox(name, this);
        checks->addWidget(box, index / 3, index % 3);
        switches_.emplace_back(box, id);
        ++index;
    }
    grid->addLayout(checks, 5, 0, 1, 4);
}

void SocketOptionsPanel::setServing()
{
    for (QWidget *widget : std::as_const(connectingOnly_))
        widget->hide();
}

void SocketOptionsPanel::setUnixTarget(bool unixTarget)
{
    transport_->setEnabled(!unixTarget);
    unixType_->setEnabled(unixTarget);
}

QSpinBox *SocketOptionsPanel::numberBox(int lowest, int highest, const QString &defaultText)
{
    auto *box = new QSpinBox(this);
    box->setRange(lowest, highest);
    box->setSpecialValueText(defaultText); // the lowest value: not set
    box->setValue(lowest);
    return box;
}

// Every address of every interface that is up, loopback first: the
// choices a person has for the local end.
void SocketOptionsPanel::fillInterfaces()
{
    bindAddress_->addItem(QString());
    bindDevice_->addItem(QString());
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        if (!(interface.flags() & QNetworkInterface::IsUp))
            continue;
        bindDevice_->addItem(interface.name());
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            bindAddress_->addItem(entry.ip().toString(), interface.humanReadableName()); // with %scope where it has one
        }
    }
}

// The Bind field as typed (an address, "[::1]:5000", ":5000"), its port
// from the box beside it unless the text has one; bad input names "bind".
std::optional<sockscope::InputError> SocketOptionsPanel::readBind(bool unixTarget,
                                                                  sockscope::SocketOptions &options) const
{
    const std::string typed = bindAddress_->currentText().trimmed().toStdString();
    if (typed.empty() && bindPort_->value() == 0)
        return std::nullopt;
    if (unixTarget) // a Unix socket has no IP address or port to bind
        return sockscope::InputError{sockscope::InputErrorCode::Conflict, "bind", typed, 0, 0};
    sockscope::LocalBind bind;
    if (!typed.empty()) {
        // A bare IPv6 address is taken whole, as the list offers them.
        const bool bare6 = std::count(typed.begin(), typed.end(), ':') > 1 && typed.front() != '[';
        auto parsed = sockscope::parseLocalBind(bare6 ? "[" + typed + "]" : typed);
        if (auto *error = std::get_if<sockscope::InputError>(&parsed)) {
            error->field = "bind";
            return *error;
        }
        bind = std::get<sockscope::LocalBind>(parsed);
    }
    if (bind.port != 0 && bindPort_->value() != 0 && bind.port != bindPort_->value())
        return sockscope::InputError{sockscope::InputErrorCode::GivenTwice, "bind", std::to_string(bind.port), 0, 0};
    if (bind.port == 0)
        bind.port = bindPort_->value();
    options.bind = bind;
    if (auto error = sockscope::checkFamilies(options)) {
        error->field = "bind";
        return error;
    }
    return std::nullopt;
}

std::optional<sockscope::InputError> SocketOptionsPanel::read(bool unixTarget, sockscope::RaceConfig &config,
                                                              sockscope::SocketOptions &options) const
{
    config.attemptTimeout = std::chrono::milliseconds(attemptTimeout_->value());
    config.overallTimeout = std::chrono::milliseconds(overallTimeout_->value());
    options.socktype = unixTarget ? unixType_->currentData().toInt() : transport_->currentData().toInt();
    if (family_->currentData().isValid() && unixTarget) // a Unix socket has no IP version
        return sockscope::InputError{sockscope::InputErrorCode::Conflict, "family",
                                     family_->currentText().toStdString(), 0, 0};
    if (family_->currentData().isValid())
        options.family = static_cast<sockscope::Family>(family_->currentData().toInt());
    if (auto error = readBind(unixTarget, options))
        return error;
    for (const auto &[box, id] : switches_) {
        if (box->isChecked())
            options.requests.push_back({id, 1});
    }
    if (v6Only_->currentData().isValid())
        options.requests.push_back({sockscope::SocketOptionId::V6Only, v6Only_->currentData().toInt()});
    const std::pair<QSpinBox *, sockscope::SocketOptionId> numbers[] = {
        {receiveBuffer_, sockscope::SocketOptionId::ReceiveBuffer},
        {sendBuffer_, sockscope::SocketOptionId::SendBuffer},
        {ttl_, sockscope::SocketOptionId::Ttl},
        {tos_, sockscope::SocketOptionId::Tos},
    };
    for (const auto &[box, id] : numbers) {
        if (box->value() != box->minimum())
            options.requests.push_back({id, box->value()});
    }
    options.bindDevice = bindDevice_->currentText().trimmed().toStdString();
    return std::nullopt;
}
