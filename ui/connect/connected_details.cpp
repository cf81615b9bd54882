#include "connected_details.h"

#include "models/event_log_model.h"

#include <QCoreApplication>

namespace {

struct ConnectedDetails {
    Q_DECLARE_TR_FUNCTIONS(ConnectedDetails)
};

QString optionText(const sockscope::ExtraObject &option)
{
    QString name, requested, effective = ConnectedDetails::tr("unreadable");
    for (const auto &[field, value] : option.fields) {
        const QString text = EventLogModel::extraText(value);
        if (field == "option")
            name = text;
        else if (field == "requested" || field == "requested_device")
            requested = text;
        else if (field == "effective" || field == "device")
            effective = text;
    }
    return requested == effective ? QStringLiteral("%1 %2").arg(name, effective)
                                  : QStringLiteral("%1 %2 → %3").arg(name, requested, effective);
}

} // namespace

QStringList connectedDetails(const sockscope::Event &connected)
{
    QStringList details;
    if (connected.socktype == sockscope::SocketType::Datagram && connected.path.empty())
        details << ConnectedDetails::tr("UDP: connect() sends nothing, so the first address in the order is used, "
                                        "without a race.");
    QStringList options;
    for (const auto &[key, value] : connected.extra) {
        if (const auto *objects = std::get_if<sockscope::ExtraObjects>(&value); objects && key == "options") {
            for (const sockscope::ExtraObject &option : *objects)
                options << optionText(option);
        }
    }
    if (!options.isEmpty())
        details << ConnectedDetails::tr("Socket options: %1.").arg(options.join(QStringLiteral(", ")));
    return details;
}
