// MessageCatalog: the one place where engine codes become words for people.
//
// core/ reports errors as std::error_code and events as kinds; this turns
// them into translated text, for the window and for the CLI alike (the CLI
// hands formatter() to core's JSON Lines writer as its "message").
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/events/input_error.h>
#include <sockscope/events/json_lines.h>

#include <QCoreApplication>
#include <QString>
#include <system_error>

class MessageCatalog {
    Q_DECLARE_TR_FUNCTIONS(MessageCatalog)
public:
    /// A sentence for the error, in the user's language where translated,
    /// else the C library's own text.
    static QString errorMessage(const std::error_code &error);
    /// Its symbolic name and the sentence: "EIDRM (Identifier removed)".
    static QString namedErrorMessage(const std::error_code &error);
    /// What is wrong with an input, naming the field: "port: 70000 is out
    /// of range (0-65535)".
    static QString inputErrorMessage(const sockscope::InputError &error);
    /// A field of the event schema as people read it ("connect order" for
    /// connect_order), translated; an unknown key as it is.
    static QString fieldName(const QString &key);
    /// A short label for an event kind ("Connection attempt failed").
    static QString eventKindLabel(sockscope::EventKind kind);
    /// errorMessage() and inputErrorMessage() in the form core's JSON writer
    /// takes (UTF-8).
    static sockscope::MessageFormatter formatter();
    /// Where an event happened, as a person types it: "127.0.0.1:80",
    /// "[::1]:80", "unix:/path", or the bare address; empty when none.
    static QString endpointText(const sockscope::Event &event);

private:
    static QString inputProblem(const sockscope::InputError &error);
    static QString fieldLabel(const QString &field);
    static QString acceptedValues(const QString &field);
    static QString systemErrorMessage(int errnoValue);
    static QString resolverErrorMessage(int eaiValue);
};
