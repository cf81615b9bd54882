#include "event_text.h"

#include "message_catalog.h"
#include "models/event_log_model.h"

#include <sockscope/events/error.h>

#include <cerrno>

namespace EventText {

QString where(const sockscope::Event &event)
{
    return MessageCatalog::endpointText(event);
}

QString failure(const std::error_code &error)
{
    return MessageCatalog::namedErrorMessage(error);
}

QString extra(const sockscope::Event &event, const char *key)
{
    return EventLogModel::extraField(event, key);
}

std::error_code writeLine(std::FILE *stream, const QString &line)
{
    const QByteArray bytes = (line + QLatin1Char('\n')).toUtf8();
    errno = 0;
    if (std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream) !=
            static_cast<std::size_t>(bytes.size()) ||
        std::fflush(stream) != 0)
        return {errno ? errno : EIO, std::system_category()};
    return {};
}

} // namespace EventText
