// Payload: what a person types to send, turned into bytes. Text takes the
// C escapes of `sockscope connect --send` (\n \r \t \0 \\ \xHH) and a line
// ending; hex takes pairs of digits, spaces allowed. One function for the
// console and the saved messages.
#pragma once

#include <sockscope/events/input_error.h>

#include <QByteArray>
#include <QString>
#include <variant>

enum class LineEnding { None, Lf, CrLf };

std::variant<QByteArray, sockscope::InputError> encodePayload(const QString &text, bool hex, LineEnding ending);
