// SocketOptionsPanel: the Connect tab's transport, timeouts and the shared
// socket options of DESIGN.md, as widgets. The bind address is chosen from
// QNetworkInterface's addresses or typed; every value is read into core's
// RaceConfig and SocketOptions, a mistake as an InputError naming its field.
#pragma once

#include <sockscope/connect/race_plan.h>
#include <sockscope/events/input_error.h>
#include <sockscope/socket/socket_options.h>

#include <QList>
#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QSpinBox;

class SocketOptionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SocketOptionsPanel(QWidget *parent = nullptr);

    /// Reads the timeouts into `config` and the rest into `options`.
    /// `unixTarget`: the target is a Unix socket (its type applies, UDP not).
    std::optional<sockscope::InputError> read(bool unixTarget, sockscope::RaceConfig &config,
                                              sockscope::SocketOptions &options) const;

    /// The target is a Unix socket: its type applies, not TCP or UDP.
    void setUnixTarget(bool unixTarget);
    /// For a server (the Servers tab): what only connecting has (transport,
    /// bind address, timeouts) is hidden; a server binds what it listens on.
    void setServing();

    QComboBox *transport() const { return transport_; }
    QComboBox *bindAddress() const { return bindAddress_; }
    QSpinBox *receiveBuffer() const { return receiveBuffer_; }

private:
    QSpinBox *numberBox(int lowest, int highest, const QString &defaultText);
    std::optional<sockscope::InputError> readBind(bool unixTarget, sockscope::SocketOptions &options) const;
    void fillInterfaces();

    QList<QWidget *> connectingOnly_;
    QComboBox *transport_;
    QComboBox *unixType_;
    QComboBox *family_;
    QComboBox *bindAddress_;
    QSpinBox *bindPort_;
    QComboBox *bindDevice_;
    QComboBox *v6Only_;
    QSpinBox *attemptTimeout_;
    QSpinBox *overallTimeout_;
    QSpinBox *receiveBuffer_;
    QSpinBox *sendBuffer_;
    QSpinBox *ttl_;
    QSpinBox *tos_;
    std::vector<std::pair<QCheckBox *, sockscope::SocketOptionId>> switches_;
};
