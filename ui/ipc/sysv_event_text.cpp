#include "sysv_event_text.h"

#include "message_catalog.h"
#include "sysv_event_fields.h"

#include <sockscope/events/event.h>

using SysvEventFields::field;
using SysvEventFields::number;
using SysvEventFields::octal;
using SysvEventFields::word;

namespace {

bool flag(const sockscope::Event &event, const char *name)
{
    const sockscope::ExtraValue *value = field(event, name);
    return value && std::holds_alternative<bool>(*value) && std::get<bool>(*value);
}

} // namespace

QString SysvEventText::sentence(const sockscope::Event &event)
{
    const QString kind = word(event, "kind");
    const long long id = number(event, "id");
    const QString operation = word(event, "operation");
    const QString bytes = event.payload ? QString::fromStdString(sockscope::printablePreview(*event.payload)) : QString();
    QString line;
    switch (event.kind) {
    case sockscope::EventKind::IpcCreated:
        line = tr("created %1 %2 (key %3, mode %4").arg(kind).arg(id).arg(number(event, "key")).arg(octal(number(event, "mode")));
        if (field(event, "size"))
            line += tr(", %n byte(s)", nullptr, static_cast<int>(number(event, "size")));
        if (field(event, "count"))
            line += tr(", %n semaphore(s)", nullptr, static_cast<int>(number(event, "count")));
        if (field(event, "max_bytes"))
            line += tr(", room for %1 bytes").arg(number(event, "max_bytes"));
        line += QLatin1Char(')');
        break;
    case sockscope::EventKind::IpcWaiting:
        line = tr("%1 on %2 %3 waits (waiter %4)…").arg(operation, kind).arg(id).arg(number(event, "waiter"));
        break;
    case sockscope::EventKind::IpcOp:
        if (event.error) {
            line = tr("%1 on %2 %3 failed: %4").arg(operation, kind).arg(id).arg(MessageCatalog::namedErrorMessage(event.error));
        } else if (operation == QLatin1String("write") || operation == QLatin1String("read")) {
            line = (operation == QLatin1String("write") ? tr("wrote %1 bytes at offset %2: %3") : tr("read %1 bytes at offset %2: %3"))
                       .arg(event.bytes.value_or(0))
                       .arg(number(event, "offset"))
                       .arg(bytes);
        } else if (operation == QLatin1String("attach") || operation == QLatin1String("detach")) {
            line = (operation == QLatin1String("attach") ? tr("attached %1 %2: attached %3 time(s) now") : tr("detached %1 %2: attached %3 time(s) now"))
                       .arg(kind).arg(id).arg(number(event, "attached"));
        } else if (operation == QLatin1String("send")) {
            line = tr("sent a message of type %1, %2 bytes: %3").arg(number(event, "message_type")).arg(event.bytes.value_or(0)).arg(bytes);
        } else if (operation == QLatin1String("receive")) {
            line = tr("received a message of type %1, %2 bytes: %3").arg(number(event, "message_type")).arg(event.bytes.value_or(0)).arg(bytes);
        } else {
            QStringList values;
            if (const auto *states = field(event, "semaphores"); states && std::holds_alternative<sockscope::ExtraObjects>(*states)) {
                for (const sockscope::ExtraObject &state : std::get<sockscope::ExtraObjects>(*states)) {
                    sockscope::Event as;
                    as.extra = state.fields;
                    values << tr("#%1 = %2 (%3 waiting to take, %4 for zero)")
                                  .arg(number(as, "number")).arg(number(as, "value")).arg(number(as, "waiting")).arg(number(as, "waiting_zero"));
                }
            }
            line = tr("%1 on sem %2: %3").arg(operation).arg(id).arg(values.join(QStringLiteral("; ")));
        }
        break;
    case sockscope::EventKind::IpcRemoved:
        line = tr("removed %1 %2").arg(kind).arg(id);
        if (number(event, "attached") > 0)
            line += tr(": still attached %1 time(s), so it stays listed (key 0) until the last detach").arg(number(event, "attached"));
        break;
    case sockscope::EventKind::IpcFailed:
        line = tr("could not %1 %2 %3: %4").arg(operation, kind).arg(id).arg(MessageCatalog::namedErrorMessage(event.error));
        break;
    case sockscope::EventKind::IpcVerified:
        line = (flag(event, "ok") ? tr("checked: %1") : tr("DOES NOT HOLD: %1")).arg(word(event, "check"));
        break;
    default:
        return {};
    }
    return line;
}
