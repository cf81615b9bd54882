// SessionConsole: the part of the Connect tab where a person talks to the
// peer once connected.
//
// Both directions are shown with their time, as text or as a hex dump;
// the view is coalesced (redrawn at most every 50 ms, at most 2 KiB of a
// chunk and 16 KiB a redraw), so a peer sending megabytes a second never freezes the window,
// while the Transcript keeps every byte on disk. Sending takes text with
// C escapes and a chosen line ending, or hex; the session can be
// half-closed, closed or aborted with RST, and the transcript saved as
// JSON Lines or text.
#pragma once

#include "transcript.h"

#include <sockscope/events/event.h>

#include <QTimer>
#include <QWidget>
#include <vector>

class ConnectController;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

class SessionConsole : public QWidget {
    Q_OBJECT
public:
    SessionConsole(ConnectController *controller, QWidget *parent = nullptr);

    QLineEdit *sendInput() const { return sendInput_; }
    QPlainTextEdit *view() const { return view_; }
    QComboBox *viewMode() const { return viewMode_; }
    QLabel *counters() const { return counters_; }
    Transcript &transcript() { return transcript_; }
    /// The payload being typed is hex digits (not text).
    bool hexFormat() const;

    /// A new session: empties the view, the counters and the transcript.
    void begin(sockscope::TimePoint start);
    /// Enables what needs a connection, and what needs its write side
    /// open (`canSend`: not half-closed).
    void setConnected(bool connected, bool canSend);
    /// Puts a saved payload in the input, ready to send.
    void load(const QString &payload, bool hex);

signals:
    /// Something to say in the tab's status line (a mistake, a saved file).
    void status(const QString &text);

private:
    QWidget *makeSendRow();
    void traffic(const sockscope::Event &event);
    void flush();
    void render(const sockscope::Event &event, QString &out) const;
    void sendTyped();
    void saveTranscript();

    ConnectController *controller_;
    Transcript transcript_;
    sockscope::TimePoint start_{};
    std::vector<sockscope::Event> pending_;
    QTimer flushTimer_;
    quint64 bytesIn_ = 0;
    quint64 bytesOut_ = 0;
    QPlainTextEdit *view_;
    QComboBox *viewMode_;
    QLabel *counters_;
    QLineEdit *sendInput_;
    QComboBox *format_;
    QComboBox *ending_;
    QPushButton *sendButton_;
    QPushButton *halfCloseButton_;
    QPushButton *closeButton_;
    QPushButton *abortButton_;
    QPushButton *saveButton_;
};
