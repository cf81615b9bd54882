#include "payload.h"

#include <sockscope/events/event.h>

std::variant<QByteArray, sockscope::InputError> encodePayload(const QString &text, bool hex, LineEnding ending)
{
    const std::string typed = text.toStdString();
    std::size_t position = 0;
    const auto bytes = hex ? sockscope::fromHex(typed) : sockscope::fromEscapedText(typed, &position);
    if (!bytes) {
        if (hex)
            return sockscope::InputError{sockscope::InputErrorCode::BadNumber, "payload", typed, 0, 0};
        return sockscope::InputError{sockscope::InputErrorCode::BadEscape, "payload", typed.substr(position, 4), position, 0};
    }
    QByteArray payload(reinterpret_cast<const char *>(bytes->data()), static_cast<qsizetype>(bytes->size()));
    if (ending == LineEnding::Lf)
        payload += '\n';
    else if (ending == LineEnding::CrLf)
        payload += "\r\n";
    return payload;
}
